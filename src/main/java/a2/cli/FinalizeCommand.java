package a2.cli;

import a2.train.Finalize;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code finalize}: a finished run's best model, log and provenance into {@code checkpoints/final/<recipe>/}. */
@Command(name = "finalize", description = "Copy a finished run's best model, log, provenance, recipe, command line and "
        + "split into checkpoints/final/<recipe>/, where figures, pin and tests read them.")
public final class FinalizeCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "RUN", description = "The run folder (checkpoints/runs/<recipe>).")
    Path run;

    @Option(names = "--final", paramLabel = "DIR", defaultValue = "checkpoints/final", description = "Default: ${DEFAULT-VALUE}.")
    Path finalDir;

    @Option(names = "--name", paramLabel = "FOLDER",
            description = "Folder under --final (default: the recipe's name; an earlier recipe version kept for the record: <recipe>-v<N>).")
    String name;

    @Override
    public Integer call() {
        Finalize.Result r = Finalize.run(run, finalDir, name);
        spec.commandLine().getOut().printf("%s %s (model sha256 %s)%n", r.alreadyThere() ? "already finalized:" : "finalized into",
                r.folder(), r.modelSha256());
        spec.commandLine().getOut().flush();
        return ExitCode.OK;
    }
}
