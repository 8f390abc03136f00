package a2.cli;

import a2.data.DataLocator;
import a2.io.Progress;
import a2.predict.Regeneration;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ScopeType;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine;

/**
 * {@code java -jar result.jar} with no subcommand is the Java twin of the course's {@code result.lua}: resolve the
 * pinned model, regenerate the predictions, and verify them against the team's submission (exit 0 MATCH, 1 DIFFER);
 * the pipeline is {@link Regeneration}'s, and this only prints what it returns.
 * {@link #run} is what {@code main} calls (through {@link Launcher}); tests call it too (it never exits the JVM).
 */
// scope INHERIT: every subcommand gets -h/--help and -V/--version too (which exit 0 even when it has required options).
@Command(name = "result.jar", mixinStandardHelpOptions = true, versionProvider = Versions.class, scope = ScopeType.INHERIT,
        description = {"Regenerate predictions.csv from the pinned model and verify it against the submission.",
                "Subcommands train, predict, verify, score, pin, data, download and figures do one step each; grade checks a class."},
        subcommands = {DataCommand.class, TrainCommand.class, PredictCommand.class, VerifyCommand.class,
                ScoreCommand.class, PinCommand.class, FinalizeCommand.class, DownloadCommand.class, FiguresCommand.class,
                GradeCommand.class, GradeTeamCommand.class, Stl10ScaleCommand.class})
public final class Cli implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    DataOptions data = new DataOptions();

    @Option(names = "--model", paramLabel = "PATH|URL",
            description = "Where to get the model instead of the pin's location (a path, or an http:, https: or file: URL); "
                    + "it must still have the pinned SHA-256.")
    String model;

    @Option(names = "--pin", paramLabel = "FILE", defaultValue = "result/model.json", description = "The model pin (default: ${DEFAULT-VALUE}).")
    Path pin;

    @Option(names = "--out", paramLabel = "FILE", defaultValue = "result/predictions.csv",
            description = "Where to write the regenerated predictions (default: ${DEFAULT-VALUE}); scores.csv and provenance go beside it.")
    Path out;

    @Option(names = "--submission", paramLabel = "FILE", defaultValue = "submission/predictions.csv",
            description = "The team's submission to verify against (default: ${DEFAULT-VALUE}).")
    Path submission;

    @Option(names = "--cache", paramLabel = "DIR",
            description = "Cache for decoded data and downloaded models (default: $" + DataLocator.CACHE_ENV + ", else ./cache).")
    Path cache;

    @Override
    public Integer call() {
        DataLocator locator = cache == null ? DataLocator.fromEnvironment() : DataLocator.fromEnvironment().withCache(cache);
        PrintStream err = new WriterPrintStream(spec.commandLine().getErr());
        Regeneration.Outcome r = Regeneration.run(new Regeneration.Request(pin, Optional.ofNullable(model), data.path(), out,
                submission, locator), unit -> Progress.forTerminal(err, unit));
        PrintWriter o = spec.commandLine().getOut();
        o.printf("model       %s%n            sha256 %s (matches %s)%n", r.modelLocation(), r.pin().sha256(), pin);
        o.printf("data        %s: %,d test images%n", r.dataset(), r.testImages());
        o.printf("backend     %s%n", r.backend().summary());
        o.printf("wrote       %s (sha256 %s)%n            %s, %s%n", r.written().predictions(),
                r.written().predictionsSha256(), r.written().scores(), r.written().provenance());
        r.comparison().render(o);
        o.flush();
        return r.match() ? ExitCode.OK : ExitCode.DIFFER;
    }

    public static CommandLine commandLine() {
        CommandLine cl = new CommandLine(new Cli());
        cl.setExecutionExceptionHandler(Errors::handle);
        cl.setExitCodeExceptionMapper(Errors::exitCode);
        return cl;
    }

    /** Runs the command line; an error escaping picocli (e.g. a missing class) still exits 4, never 1. */
    public static int run(String... args) {
        CommandLine cl = commandLine();
        try {
            return cl.execute(args);
        } catch (Throwable t) {
            cl.getErr().println("internal error (a bug: please report it with the stack trace below): " + t);
            t.printStackTrace(cl.getErr());
            cl.getErr().flush();
            return ExitCode.INTERNAL;
        }
    }
}
