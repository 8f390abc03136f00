package a2.launch;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The one way this program starts itself again: the same {@code java} binary and classpath, running the jar's
 * main class {@value #MAIN_CLASS}, with {@value ParentWatch#PARENT_PID_ENV} naming this process. Two halves keep a
 * child from outliving its parent: {@link #start} destroys the child (and its descendants) when this JVM exits
 * normally or on SIGTERM/SIGINT, and the child's {@link ParentWatch} halts it when this process is gone, which is
 * the only thing that can cover a {@code kill -9} of the parent.
 */
public final class ChildJvm {
    /** The jar's main class (its manifest's {@code Main-Class}). */
    public static final String MAIN_CLASS = "Result";
    /**
     * How long the exit hook waits after SIGTERM before it kills a child outright: a training child checkpoints
     * in its own hook (a few seconds for the largest model), and a stuck child must not hold the parent's exit forever.
     */
    static final long GRACE_SECONDS = 60;

    private ChildJvm() {}

    /** The command line {@code java <jvmOptions> -cp <this classpath> Result <args>}, with the parent's pid set. */
    public static ProcessBuilder command(List<String> jvmOptions, List<String> args) {
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.addAll(jvmOptions);
        cmd.add("-cp");
        cmd.add(System.getProperty("java.class.path"));
        cmd.add(MAIN_CLASS);
        cmd.addAll(args);
        ProcessBuilder pb = new ProcessBuilder(cmd);
        pb.environment().put(ParentWatch.PARENT_PID_ENV, String.valueOf(ProcessHandle.current().pid()));
        return pb;
    }

    /**
     * Starts {@code pb} and registers an exit hook that stops the child and its descendants if they are still
     * running when this JVM exits; the hook is dropped again as soon as the child ends on its own.
     */
    public static Process start(ProcessBuilder pb) throws IOException {
        Process p = pb.start();
        Thread hook = new Thread(() -> stop(p.toHandle()), "stop-child-" + p.pid());
        Runtime.getRuntime().addShutdownHook(hook);
        p.onExit().thenRun(() -> {
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException exiting) {
                // The JVM is already exiting: the hook runs, finds the child gone, and returns at once.
            }
        });
        return p;
    }

    /**
     * SIGTERM to the child and its descendants (a training child checkpoints on it, as on Ctrl-C), then SIGKILL to
     * whatever is still alive after {@link #GRACE_SECONDS}.
     */
    static void stop(ProcessHandle child) {
        if (!child.isAlive()) {
            return;
        }
        List<ProcessHandle> all = new ArrayList<>(child.descendants().toList());
        all.add(child);
        all.forEach(ProcessHandle::destroy);
        try {
            child.onExit().get(GRACE_SECONDS, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Exception timedOutOrFailed) {
            // Fall through: what is still alive is killed below.
        }
        all.stream().filter(ProcessHandle::isAlive).forEach(ProcessHandle::destroyForcibly);
    }
}
