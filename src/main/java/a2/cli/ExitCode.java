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
     * Usage error or invalid input: bad CLI arguments; a missing path, a folder where a file belongs (or the
     * reverse), a device, fifo or socket, a symbolic-link loop, a file this user may not read; a malformed CSV, pin
     * or dataset, a row count other than the test set's, an image that does not decode whole; a model trained for
     * other data (dataset, or class names in order) or of a card format this version does not read; data not found;
     * a run folder another {@code train} is training in; a default run whose output would land on the submission's
     * files.
     */
    public static final int INVALID_INPUT = 2;
    /**
     * Integrity or I/O failure: a checksum or size mismatch (download, pinned model, decoded cache); a pin whose
     * size, dataset or class count differ from its model file; a model card that does not name its network's
     * SHA-256, or a network entry that does not restore; a truncated model file or archive; a failed download; a
     * disk error (a full disk while writing predictions leaves the previous three files); a mixed trio (a
     * provenance whose recorded hashes are not its siblings').
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
