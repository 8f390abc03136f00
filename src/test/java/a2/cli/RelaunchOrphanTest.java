package a2.cli;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import a2.testing.ChildJvm;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code predict} relaunches itself to fix the thread count; whatever stops the JVM the user started must stop the
 * relaunched one too, before it writes anything. The user's JVM is started with {@code OMP_NUM_THREADS=2}, so the
 * relaunch happens (CI's {@code OMP_NUM_THREADS=1} would skip it), and predicts the committed model's 10,000 test
 * images, which takes long enough to be stopped half way.
 */
@Tag("slow")
class RelaunchOrphanTest {
    static final Path MODEL = Path.of("checkpoints", "final", "cifar10-a2-fixmatch-w48-e300", "model.a2model");

    @TempDir
    Path tmp;

    enum Stop {
        /** SIGTERM (and Ctrl-C): the parent's exit hook stops the child. */
        TERM,
        /** SIGKILL: no hook runs; the child sees its parent gone and halts. */
        KILL
    }

    @ParameterizedTest
    @EnumSource(Stop.class)
    void theRelaunchedJvmDoesNotOutliveTheOneTheUserStarted(Stop stop) throws Exception {
        Path out = tmp.resolve("out/predictions.csv");
        Path log = tmp.resolve("child.log");
        Process parent = ChildJvm.start(log, Map.of("OMP_NUM_THREADS", "2"), "predict", "--model", MODEL.toString(),
                "--out", out.toString());
        ProcessHandle child = awaitRelaunchedAtWork(parent, log);
        // Unstopped, it would go on for a minute and then write the file (the predictions take that long here).
        assertTrue(child.isAlive() && !Files.exists(out), "stopped at work, before writing: " + Files.readString(log));
        if (stop == Stop.TERM) {
            parent.destroy();
        } else {
            parent.destroyForcibly();
        }
        assertTrue(parent.waitFor(30, TimeUnit.SECONDS), "the parent is stopped");
        child.onExit().get(5, TimeUnit.SECONDS); // the child is gone within seconds, or this times out
        assertFalse(child.isAlive());
        Thread.sleep(2000);
        assertFalse(Files.exists(out), "nothing wrote " + out + " after the stop: " + Files.readString(log));
    }

    /** The relaunched JVM, once it has loaded the native backend (and so is past start-up, at work). */
    static ProcessHandle awaitRelaunchedAtWork(Process parent, Path log) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (System.nanoTime() < deadline && parent.isAlive()) {
            List<ProcessHandle> children = parent.toHandle().children().toList();
            if (children.size() == 1 && Files.readString(log).contains("backend:")) {
                // Only the relaunched JVM loads the backend: the one the user started just waits for it.
                String cmd = children.get(0).info().command().orElse("");
                assertTrue(cmd.endsWith("/java"), "the child is a JVM: " + cmd);
                return children.get(0);
            }
            Thread.sleep(50);
        }
        throw new AssertionError("no relaunched JVM at work (the parent " + (parent.isAlive() ? "is alive" : "exited "
                + parent.exitValue()) + "): " + Files.readString(log));
    }
}
