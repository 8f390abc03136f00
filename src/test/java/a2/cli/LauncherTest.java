package a2.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import a2.launch.ParentWatch;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The relaunch that fixes the native thread count: how it is built, and what happens when it cannot start. */
class LauncherTest {
    @Test
    void theRelaunchRunsTheSameArgumentsWithTheThreadCountFixedAndTheParentNamed() {
        ProcessBuilder pb = Launcher.relaunchCommand(2, new String[] {"train", "--threads", "2"});
        List<String> cmd = pb.command();
        assertEquals(List.of("Result", "train", "--threads", "2"), cmd.subList(cmd.size() - 4, cmd.size()));
        assertEquals("2", pb.environment().get(Launcher.OMP_ENV));
        assertEquals("1", pb.environment().get(Launcher.RELAUNCHED_ENV));
        assertEquals(String.valueOf(ProcessHandle.current().pid()), pb.environment().get(ParentWatch.PARENT_PID_ENV));
    }

    @Test
    void aRelaunchThatCannotStartSaysWhyAndFallsBack() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        PrintStream err = new PrintStream(bytes, true, StandardCharsets.UTF_8);
        Optional<Integer> code = Launcher.relaunch(new ProcessBuilder("/nonexistent/bin/java", "-version"), 2, err);
        String said = bytes.toString(StandardCharsets.UTF_8);
        assertEquals(Optional.empty(), code, "falls back to running in this JVM");
        assertTrue(said.contains("could not start /nonexistent/bin/java") && said.contains("OMP_NUM_THREADS=2")
                && said.contains("running in this JVM instead"), said);
    }

    @Test
    void aRelaunchReturnsTheChildsExitCode() {
        Optional<Integer> code = Launcher.relaunch(new ProcessBuilder("sh", "-c", "exit 3"), 2, System.err);
        assertEquals(Optional.of(3), code);
    }
}
