package a2.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import picocli.CommandLine;

/**
 * {@code -h/--help} and {@code -V/--version} exit 0 on the top-level command and on every subcommand registered in
 * {@link Cli}, required options and parameters notwithstanding, and never relaunch the JVM to do it.
 */
class HelpAndVersionTest {
    static final List<String> FLAGS = List.of("-h", "--help", "-V", "--version");

    /** Every (command, flag): "" is the default command; the subcommands are read from Cli, so a new one is covered. */
    static Stream<Arguments> everyCommandAndFlag() {
        List<String> commands = new ArrayList<>(List.of(""));
        commands.addAll(Cli.commandLine().getSubcommands().keySet());
        return commands.stream().flatMap(c -> FLAGS.stream().map(f -> Arguments.of(c, f)));
    }

    @Test
    void theTableCoversEverySubcommand() {
        assertTrue(Cli.commandLine().getSubcommands().keySet().containsAll(
                List.of("predict", "train", "pin", "finalize", "data", "figures", "verify", "score", "download")));
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("everyCommandAndFlag")
    void helpAndVersionExitZero(String command, String flag) {
        List<String> args = new ArrayList<>();
        if (!command.isEmpty()) {
            args.add(command);
        }
        args.add(flag);
        if (command.equals("train")) {
            args.addAll(List.of("--threads", "2")); // a thread count would relaunch, but not for help or version
        }
        CommandLine cl = Cli.commandLine();
        StringWriter out = new StringWriter(), err = new StringWriter();
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        int code = cl.execute(args.toArray(String[]::new));
        assertEquals(ExitCode.OK, code, args + ": " + err);
        assertEquals("", err.toString(), args + " prints nothing on err");
        if (flag.startsWith("-h") || flag.equals("--help")) {
            assertTrue(out.toString().startsWith("Usage: result.jar" + (command.isEmpty() ? "" : " " + command)), out.toString());
        } else {
            assertTrue(out.toString().startsWith("result.jar "), args + ": " + out);
        }
        assertEquals(Optional.empty(), Launcher.requiredThreads(args.toArray(String[]::new)), args + " needs no relaunch");
    }

    @Test
    void anUnknownOptionIsStillAUsageError() {
        CommandLine cl = Cli.commandLine();
        cl.setOut(new PrintWriter(new StringWriter(), true));
        StringWriter err = new StringWriter();
        cl.setErr(new PrintWriter(err, true));
        assertEquals(ExitCode.INVALID_INPUT, cl.execute("data", "--no-such-option"));
        assertFalse(err.toString().isEmpty());
    }
}
