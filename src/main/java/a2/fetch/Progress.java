package a2.fetch;

import java.io.PrintStream;

/**
 * Progress of one long transfer at a time (download, unpacking). Injected by the caller, never global, so a
 * terminal gets a bar, a CI log gets a few plain lines, and a test gets silence or a captured stream.
 * {@code start} may be called again after {@code finish} for the next phase.
 */
public interface Progress {
    /**
     * @param task  what is happening, e.g. {@code "downloading stl10_binary.tar.gz"}
     * @param total bytes expected in all, or -1 when unknown
     */
    void start(String task, long total);

    /** {@code bytes} more are done. */
    void advance(long bytes);

    /** The phase ended (successfully or not); safe to call twice or without {@code start}. */
    void finish();

    /** A bar on an interactive terminal, else periodic plain lines to {@code lines} (CI logs stay readable). */
    static Progress forTerminal(PrintStream lines) {
        return System.console() != null ? new BarProgress(lines) : new LineProgress(lines);
    }

    /** Plain lines every ~10% or ~10 s. */
    static Progress lines(PrintStream out) {
        return new LineProgress(out);
    }

    static Progress none() {
        return NoProgress.INSTANCE;
    }

    /** Reports nothing. */
    enum NoProgress implements Progress {
        INSTANCE;

        @Override
        public void start(String task, long total) {}

        @Override
        public void advance(long bytes) {}

        @Override
        public void finish() {}
    }
}
