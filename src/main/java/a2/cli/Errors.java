package a2.cli;

import a2.io.IntegrityException;
import a2.io.InvalidInputException;
import java.io.IOException;
import java.io.UncheckedIOException;
import picocli.CommandLine;
import picocli.CommandLine.ParameterException;

/** The one place exceptions become exit codes and one-line messages. */
final class Errors {
    private Errors() {}

    static int exitCode(Throwable t) {
        if (t instanceof ParameterException || t instanceof InvalidInputException) {
            return ExitCode.INVALID_INPUT;
        }
        if (t instanceof IntegrityException || t instanceof IOException || t instanceof UncheckedIOException) {
            return ExitCode.INTEGRITY_OR_IO;
        }
        return ExitCode.INTERNAL;
    }

    static int handle(Exception e, CommandLine cl, CommandLine.ParseResult parseResult) {
        int code = exitCode(e);
        String what = switch (code) {
            case ExitCode.INVALID_INPUT -> "error";
            case ExitCode.INTEGRITY_OR_IO -> "integrity/IO error";
            default -> "internal error (a bug: please report it with the stack trace below)";
        };
        cl.getErr().println(what + ": " + e.getMessage());
        if (code == ExitCode.INTERNAL) {
            e.printStackTrace(cl.getErr());
        }
        cl.getErr().flush();
        return code;
    }
}
