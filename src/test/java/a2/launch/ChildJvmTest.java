package a2.launch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The two halves that keep a relaunched JVM from outliving the one that started it. */
class ChildJvmTest {
    @TempDir
    Path tmp;

    @Test
    void theCommandRunsThisJavaAndClasspathWithTheParentsPid() {
        ProcessBuilder pb = ChildJvm.command(List.of("-Xmx64m"), List.of("verify", "x.csv"));
        List<String> cmd = pb.command();
        assertEquals(Path.of(System.getProperty("java.home"), "bin", "java").toString(), cmd.get(0));
        assertEquals(List.of("-Xmx64m", "-cp", System.getProperty("java.class.path"), "Result", "verify", "x.csv"),
                cmd.subList(1, cmd.size()));
        assertEquals(String.valueOf(ProcessHandle.current().pid()), pb.environment().get(ParentWatch.PARENT_PID_ENV));
    }

    @ParameterizedTest
    @CsvSource(nullValues = "null", value = {"null, -1", "'', -1", "abc, -1", "' 42 ', 42", "42, 42"})
    void theParentPidIsReadOnlyWhenItIsANumber(String value, long expected) {
        assertEquals(expected < 0 ? Optional.empty() : Optional.of(expected), ParentWatch.parentPid(value));
    }

    /** A parent already gone when the child starts (it died during the child's JVM start-up): the child halts. */
    @Test
    void aChildWhoseParentIsGoneHaltsBeforeDoingAnything() throws Exception {
        Process gone = new ProcessBuilder("true").start();
        gone.waitFor();
        Path log = tmp.resolve("gone.log");
        Process child = a2.testing.ChildJvm.start(log, Map.of(ParentWatch.PARENT_PID_ENV, String.valueOf(gone.pid())),
                "--version");
        assertTrue(child.waitFor(60, TimeUnit.SECONDS), "the child should exit");
        assertEquals(ParentWatch.PARENT_GONE, child.exitValue(), Files.readString(log));
        assertFalse(Files.readString(log).contains("result.jar"), "it printed nothing: " + Files.readString(log));
    }

    @Test
    void aChildWhoseParentIsAliveRunsItsCommand() throws Exception {
        Path log = tmp.resolve("alive.log");
        Process child = a2.testing.ChildJvm.start(log, Map.of(), "--version");
        assertTrue(child.waitFor(60, TimeUnit.SECONDS), "the child should exit");
        assertEquals(0, child.exitValue(), Files.readString(log));
    }

    /** What the exit hook does: the child and what it started are stopped, not just the child. */
    @Test
    void stoppingAChildStopsItsDescendantsToo() throws Exception {
        Process shell = ChildJvm.start(new ProcessBuilder("sh", "-c", "sleep 300 & sleep 300; wait"));
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (shell.toHandle().descendants().count() < 2 && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        List<ProcessHandle> sleeps = shell.toHandle().descendants().toList();
        assertEquals(2, sleeps.size(), "both sleeps started");
        ChildJvm.stop(shell.toHandle());
        assertTrue(shell.waitFor(10, TimeUnit.SECONDS), "the shell is stopped");
        for (ProcessHandle s : sleeps) {
            s.onExit().get(10, TimeUnit.SECONDS);
            assertFalse(s.isAlive(), "sleep " + s.pid() + " is stopped too");
        }
    }
}
