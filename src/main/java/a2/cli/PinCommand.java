package a2.cli;

import a2.io.Hashes;
import a2.model.ModelCard;
import a2.model.ModelFile;
import a2.predict.ModelPin;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code pin}: writes {@code result/model.json} for a model file, so nobody edits a hash by hand. */
@Command(name = "pin", description = "Pin a model file: write its location, SHA-256, size, dataset and recipe to result/model.json.")
public final class PinCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "MODEL", description = "The model file (.a2model), inside the repository.")
    Path model;

    @Option(names = "--location", paramLabel = "PATH|URL",
            description = "Where users fetch it (default: MODEL's path relative to the working directory).")
    String location;

    @Option(names = "--out", paramLabel = "FILE", defaultValue = "result/model.json", description = "Default: ${DEFAULT-VALUE}.")
    Path out;

    @Override
    public Integer call() throws Exception {
        ModelCard card = ModelFile.readCard(model);
        String loc = location != null ? location
                : Path.of("").toAbsolutePath().relativize(model.toAbsolutePath().normalize()).toString().replace('\\', '/');
        ModelPin pin = new ModelPin(loc, Hashes.sha256(model), Files.size(model), card.dataset(), card.numClasses(),
                card.recipe().name() + " v" + card.recipe().version(), card.validationAccuracy());
        pin.write(out);
        spec.commandLine().getOut().printf("pinned %s (sha256 %s, %,d bytes, %s, validation accuracy %.4f) in %s%n",
                loc, pin.sha256(), pin.size(), pin.recipe(), pin.validationAccuracy(), out);
        spec.commandLine().getOut().flush();
        return ExitCode.OK;
    }
}
