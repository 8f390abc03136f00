package a2.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** Builds the command line. {@link #run} is what {@code main} calls; tests call it too (it never exits the JVM). */
@Command(name = "result.jar", mixinStandardHelpOptions = true,
        description = "Train, predict, verify and score STL-10 / CIFAR-10-A2 models (NYU DS-GA 1008, A2).",
        subcommands = {DataCommand.class, TrainCommand.class, VerifyCommand.class, ScoreCommand.class})
public final class Cli implements Runnable {
    @Override
    public void run() {
        // Replaced by the Result pipeline (issue 4); until then the root command prints usage.
        CommandLine.usage(this, System.out);
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
