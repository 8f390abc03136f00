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
    /** Usage error or invalid input (bad CLI arguments, malformed file, data not found). */
    public static final int INVALID_INPUT = 2;
    /** Integrity or I/O failure: checksum mismatch, download failed, disk error. */
    public static final int INTEGRITY_OR_IO = 3;
    /** A bug: an exception nobody anticipated. */
    public static final int INTERNAL = 4;
}
