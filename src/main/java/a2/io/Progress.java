package a2.io;

import java.io.PrintStream;
import java.util.Locale;

/**
 * Progress of one long task at a time: a download, an unpacking, a training epoch, a prediction pass. Injected by
 * the caller, never global, so a terminal gets a bar, a log file (CI, {@code nohup}) gets a few plain lines, and a
 * test gets silence or a captured stream. {@code start} may be called again after {@code finish} for the next
 * phase or epoch.
 */
public interface Progress extends AutoCloseable {
    /**
     * @param task  what is happening, e.g. {@code "downloading stl10_binary.tar.gz"} or {@code "epoch 3/120"}
     * @param total units expected in all, or -1 when unknown
     */
    void start(String task, long total);

    /** {@code units} more are done; {@code detail} (may be empty) is shown beside the count, e.g. the running loss. */
    void advance(long units, String detail);

    default void advance(long units) {
        advance(units, "");
    }

    /** The task ended (successfully or not); safe to call twice or without {@code start}. */
    void finish();

    @Override
    default void close() {
        finish();
    }

    /** What is counted, and how a count reads. */
    record Unit(String name, boolean bytes) {
        public static final Unit BYTES = new Unit("bytes", true);
        public static final Unit STEPS = new Unit("steps", false);
        public static final Unit IMAGES = new Unit("images", false);

        /** {@code 1.5 MiB} for bytes, {@code 62 steps} for counts. */
        public String format(long n) {
            return bytes ? size(n) : String.format(Locale.ROOT, "%,d %s", n, name);
        }

        /** A count per second: {@code 3.2 MiB/s}, {@code 3.7 steps/s}. */
        public String rate(double perSecond) {
            return bytes ? size(Math.round(perSecond)) + "/s" : String.format(Locale.ROOT, "%.1f %s/s", perSecond, name);
        }

        static String size(long bytes) {
            if (bytes < 1L << 20) {
                return String.format(Locale.ROOT, "%.1f KiB", bytes / 1024.0);
            }
            if (bytes < 1L << 30) {
                return String.format(Locale.ROOT, "%.1f MiB", bytes / (double) (1L << 20));
            }
            return String.format(Locale.ROOT, "%.2f GiB", bytes / (double) (1L << 30));
        }
    }

    /** A bar on an interactive terminal, else periodic plain lines to {@code out} (logs stay readable). */
    static Progress forTerminal(PrintStream out, Unit unit) {
        return System.console() != null ? new BarProgress(out, unit) : new LineProgress(out, unit);
    }

    /** Plain lines every tenth of the way or every ~10 s. */
    static Progress lines(PrintStream out, Unit unit) {
        return new LineProgress(out, unit);
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
        public void advance(long units, String detail) {}

        @Override
        public void finish() {}
    }
}
