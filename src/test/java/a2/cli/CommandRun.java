package a2.cli;

import java.io.PrintWriter;
import java.io.StringWriter;
import picocli.CommandLine;

/** Runs one command object the way {@link Cli#commandLine()} runs subcommands, capturing what it prints. */
record CommandRun(int exitCode, String out, String err) {
    static CommandRun of(Object command, String... args) {
        CommandLine cl = new CommandLine(command);
        cl.setExecutionExceptionHandler(Errors::handle);
        cl.setExitCodeExceptionMapper(Errors::exitCode);
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        int code = cl.execute(args);
        return new CommandRun(code, out.toString(), err.toString());
    }
}
