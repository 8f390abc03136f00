package a2.cli;

import a2.bench.Stl10ScaleRelease;
import a2.data.Dataset;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code stl10-scale-release} (hidden; bench/stl10-scale's first step): writes an STL-10 release of the official
 * layout and sizes from the CIFAR-10-A2 images ({@link Stl10ScaleRelease}), a test of scale and format only.
 */
@Command(name = "stl10-scale-release", hidden = true,
        description = "Write an stl10_binary/ folder of the official layout and sizes from CIFAR-10-A2 images upscaled "
                + "to 96x96: a test of scale and format, not of STL-10 accuracy (test_y.bin is a placeholder).")
public final class Stl10ScaleCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    DataOptions data = new DataOptions();

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "The stl10_binary/ folder to write.")
    Path out;

    @Option(names = "--small", description = "50 train, 80 test, 1,000 unlabeled records (from 450 pool images).")
    boolean small;

    @Option(names = "--seed", defaultValue = "2016", description = "Seed of the folds (default: ${DEFAULT-VALUE}).")
    long seed;

    @Override
    public Integer call() {
        Dataset a2 = data.open("cifar10-a2");
        Stl10ScaleRelease.Sizes sizes = small ? Stl10ScaleRelease.Sizes.SMALL : Stl10ScaleRelease.Sizes.FULL;
        Stl10ScaleRelease.Written w;
        try {
            w = Stl10ScaleRelease.write(a2, out, sizes, seed);
        } catch (IllegalArgumentException e) {
            // Too few images or classes in the source: the input's fault, refused before any file is written.
            throw new a2.io.InvalidInputException(a2.name() + " cannot make this release: " + e.getMessage());
        }
        PrintWriter o = spec.commandLine().getOut();
        int[] ids = w.a2TestIds();
        o.printf("wrote %s from %s (a test of scale and format, not of STL-10 accuracy):%n", w.dir(), a2.name());
        o.printf("  train_X.bin, train_y.bin  %,d labeled images, upscaled 32 -> 96 bilinearly%n", w.train());
        o.printf("  test_X.bin                %,d test images, A2 Ids %d..%d (STL-10 Id k = record k)%n", w.test(),
                ids[0], ids[ids.length - 1]);
        o.printf("  test_y.bin                a PLACEHOLDER: every label %d (the A2 test labels are hidden)%n",
                Stl10ScaleRelease.PLACEHOLDER_LABEL);
        o.printf("  unlabeled_X.bin           %,d images: the pool of %,d, mirrored, then shifted %d px, cut there%n",
                w.unlabeled(), sizes.pool(), Stl10ScaleRelease.SHIFT);
        o.printf("  class_names.txt           %s%n", String.join(" ", a2.classNames()));
        o.printf("  fold_indices.txt          10 folds of %,d indices (seed %d)%n", w.train() / 5, seed);
        o.flush();
        return ExitCode.OK;
    }
}
