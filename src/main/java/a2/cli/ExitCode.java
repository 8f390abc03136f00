package a2.cli;

/**
 * The one table of exit codes every command returns. An uncaught exception maps to {@link #INTERNAL},
 * never to {@link #DIFFER}: 1 always means "a check ran and failed".
 */
public final class ExitCode {
    private ExitCode() {}

    /** Success; for verification, MATCH. */
    public static final int OK = 0;
    /** A check ran and failed (DIFFER), and nothing else. */
    public static final int DIFFER = 1;
    /**
     * Usage error or invalid input (bad CLI arguments, malformed file, data not found), a run folder another
     * {@code train} is training in, and a default run whose output would land on the submission's files.
     */
    public static final int INVALID_INPUT = 2;
    /**
     * Integrity or I/O failure: checksum mismatch, download failed, disk error (a full disk while writing predictions
     * leaves the previous three files), and a mixed trio (a provenance whose recorded hashes are not its siblings').
     */
    public static final int INTEGRITY_OR_IO = 3;
    /** A bug: an exception nobody anticipated. */
    public static final int INTERNAL = 4;
    /**
     * Only a relaunched JVM exits with it, halted because the JVM that started it is gone ({@code kill -9} of the
     * command the user ran); nobody normally sees it, since the process that would read it is dead.
     */
    public static final int PARENT_GONE = a2.launch.ParentWatch.PARENT_GONE;
}
