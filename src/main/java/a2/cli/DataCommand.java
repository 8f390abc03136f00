package a2.cli;

import a2.data.Dataset;
import a2.data.Images;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code data}: finds a dataset, prepares its cache, and prints what it holds. */
@Command(name = "data", description = "Find a dataset, build its decode cache, and print a summary.")
public final class DataCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    DataOptions data = new DataOptions();

    @Option(names = "--dataset", paramLabel = "NAME", defaultValue = "cifar10-a2",
            description = "Which dataset to look for when --data names a folder of datasets: cifar10-a2 or stl10 (default: ${DEFAULT-VALUE}).")
    String dataset;

    @Override
    public Integer call() {
        Dataset ds = data.open(dataset);
        PrintWriter out = spec.commandLine().getOut();
        out.print(summary(ds));
        out.flush();
        return ExitCode.OK;
    }

    static String summary(Dataset ds) {
        StringBuilder sb = new StringBuilder();
        sb.append(String.format("dataset     %s%n", ds.name()));
        sb.append(String.format("image size  %dx%dx%d (%,d bytes per image)%n", ds.height(), ds.width(), Images.CHANNELS,
                ds.train().bytesPerImage()));
        sb.append(String.format("labeled     %,d%n", ds.train().count()));
        sb.append(String.format("unlabeled   %,d%n", ds.unlabeled().count()));
        sb.append(String.format("test        %,d (Ids %d..%d)%s%n", ds.test().count(), ds.testIds()[0],
                ds.testIds()[ds.testIds().length - 1], ds.testLabels().isPresent() ? ", labels present" : ", labels hidden"));
        int[] perClass = new int[ds.numClasses()];
        for (int l : ds.trainLabels()) {
            perClass[l]++;
        }
        sb.append("per class (labeled):\n");
        for (int k = 0; k < ds.numClasses(); k++) {
            sb.append(String.format("  %2d %-12s %,d%n", k + 1, ds.classNames().get(k), perClass[k]));
        }
        ds.checksums().forEach((f, h) -> sb.append(String.format("checksum    %s %s%n", f, h)));
        return sb.toString();
    }
}
