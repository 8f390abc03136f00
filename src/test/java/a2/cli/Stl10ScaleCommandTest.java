package a2.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** The hidden {@code stl10-scale-release}: refuses bad arguments with exit 2 before writing anything. */
class Stl10ScaleCommandTest {
    @TempDir
    Path tmp;

    static int run(StringWriter err, String... args) {
        CommandLine cl = Cli.commandLine();
        cl.setErr(new PrintWriter(err, true));
        cl.setOut(new PrintWriter(new StringWriter(), true));
        return cl.execute(args);
    }

    @Test
    void withoutOutItIsAUsageError() {
        StringWriter err = new StringWriter();
        assertEquals(ExitCode.INVALID_INPUT, run(err, "stl10-scale-release", "--small"));
        assertTrue(err.toString().contains("--out"), err.toString());
    }

    @Test
    void aMissingDatasetIsNamedAndNothingIsWritten() {
        StringWriter err = new StringWriter();
        Path out = tmp.resolve("stl10_binary");
        assertEquals(ExitCode.INVALID_INPUT, run(err, "stl10-scale-release", "--data", tmp.resolve("no-a2").toString(),
                "--out", out.toString()));
        assertTrue(err.toString().contains("no-a2") && err.toString().contains("does not exist"), err.toString());
        assertFalse(Files.exists(out));
    }

    @Test
    void itIsHiddenFromTheHelp() {
        StringWriter out = new StringWriter();
        CommandLine cl = Cli.commandLine();
        cl.setOut(new PrintWriter(out, true));
        cl.execute("--help");
        assertFalse(out.toString().contains("stl10-scale-release"), out.toString());
        assertTrue(cl.getSubcommands().containsKey("stl10-scale-release"));
    }
}
