package a2.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import a2.io.InvalidInputException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The run folder's lock within one JVM; TrainLockTest takes it from two processes, through the relaunch. */
class RunLockTest {
    @TempDir
    Path tmp;

    @Test
    void theHolderWritesItsPidAndEmptiesTheFileWhenItLetsGo() throws Exception {
        Path run = tmp.resolve("new/run");
        try (RunLock lock = RunLock.acquire(run)) {
            // A second descriptor of the file drops the OS lock on POSIX; harmless here, where no other process waits.
            assertEquals(ProcessHandle.current().pid() + "\n", Files.readString(run.resolve(RunLock.FILE)));
        }
        assertEquals("", Files.readString(run.resolve(RunLock.FILE)), "empty once released");
        try (RunLock again = RunLock.acquire(run)) {
            assertEquals(ProcessHandle.current().pid() + "\n", Files.readString(run.resolve(RunLock.FILE)));
        }
    }

    @Test
    void aSecondLockOfTheSameFolderIsRefusedNamingTheHolder() {
        Path run = tmp.resolve("run");
        try (RunLock lock = RunLock.acquire(run)) {
            InvalidInputException e = assertThrows(InvalidInputException.class, () -> RunLock.acquire(run));
            assertTrue(e.getMessage().contains("process " + ProcessHandle.current().pid())
                    && e.getMessage().contains(run.toString()) && e.getMessage().contains("--resume"), e.getMessage());
        }
    }
}
