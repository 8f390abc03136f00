package a2.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** Builds the command line. {@link #run} is what {@code main} calls; tests call it too (it never exits the JVM). */
@Command(name = "result.jar", mixinStandardHelpOptions = true,
        description = "Train, predict, verify and score STL-10 / CIFAR-10-A2 models (NYU DS-GA 1008, A2).",
        subcommands = {})
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

    public static int run(String... args) {
        return commandLine().execute(args);
    }
}
