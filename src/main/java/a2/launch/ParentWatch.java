package a2.launch;

import java.util.Optional;

/**
 * The child's half of {@link ChildJvm}: when {@value #PARENT_PID_ENV} names a parent, a daemon thread checks every
 * {@value #POLL_MILLIS} ms that the parent is alive and halts this JVM at once when it is not. The parent's own exit
 * hook stops the child on a normal exit, Ctrl-C or SIGTERM; this covers what no hook can, a {@code kill -9} of the
 * parent, after which the child would otherwise keep training or later replace the output the user gave up on.
 *
 * <p>Halting skips shutdown hooks on purpose: like a {@code kill -9}, it writes nothing more (atomic writes leave
 * either the old file or the new one, and {@code train --resume} continues from the last checkpoint), and the OS
 * releases the file locks the child held.
 */
public final class ParentWatch {
    /** Set by {@link ChildJvm#command} to the pid of the JVM that started the child. */
    public static final String PARENT_PID_ENV = "A2_PARENT_PID";
    /**
     * The exit code of a child halted because its parent is gone. Nobody normally sees it (the parent that would read
     * it is dead); it differs from every code of {@code a2.cli.ExitCode} so a log that records it is not misread.
     */
    public static final int PARENT_GONE = 5;
    /** How often the parent is checked: the longest a child goes on after its parent died. */
    static final long POLL_MILLIS = 200;

    private ParentWatch() {}

    /** Call first thing in {@code main}: starts the watch if this JVM was started by {@link ChildJvm}. */
    public static void install() {
        parentPid(System.getenv(PARENT_PID_ENV)).ifPresent(pid -> {
            // ProcessHandle.of is empty when the pid is gone; isAlive also compares start times, so a reused pid
            // is not mistaken for the parent.
            Optional<ProcessHandle> parent = ProcessHandle.of(pid);
            if (parent.isEmpty() || !parent.get().isAlive()) {
                halt();
            }
            Thread watch = new Thread(() -> watch(parent.get()), "parent-watch-" + pid);
            watch.setDaemon(true);
            watch.start();
        });
    }

    static Optional<Long> parentPid(String value) {
        if (value == null || value.isBlank()) {
            return Optional.empty();
        }
        try {
            return Optional.of(Long.parseLong(value.trim()));
        } catch (NumberFormatException e) {
            // Not set by ChildJvm (which writes a number): nothing to watch.
            return Optional.empty();
        }
    }

    private static void watch(ProcessHandle parent) {
        try {
            while (parent.isAlive()) {
                Thread.sleep(POLL_MILLIS);
            }
        } catch (InterruptedException e) {
            return; // only the JVM's own shutdown interrupts a daemon thread
        }
        halt();
    }

    private static void halt() {
        // Our own children (a relaunched JVM relaunching is prevented, but git from provenance may run) go first.
        ProcessHandle.current().descendants().forEach(ProcessHandle::destroyForcibly);
        Runtime.getRuntime().halt(PARENT_GONE);
    }
}
