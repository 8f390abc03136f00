package a2.fetch;

import java.io.PrintStream;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/**
 * Plain progress lines for logs without a terminal: one at the start, one each time another tenth is done or
 * {@link #INTERVAL_NANOS} have passed (whichever comes first), and one at the end. A 2.6 GB download thus
 * writes a dozen or so lines instead of a redrawn bar full of carriage returns.
 */
final class LineProgress implements Progress {
    static final long INTERVAL_NANOS = TimeUnit.SECONDS.toNanos(10);
    private static final int STEPS = 10; // a line per 10%

    private final PrintStream out;
    private final LongSupplier nanoClock;
    private String task;
    private long total;
    private long done;
    private int lastStep;
    private long startNanos;
    private long lastLineNanos;

    LineProgress(PrintStream out) {
        this(out, System::nanoTime);
    }

    LineProgress(PrintStream out, LongSupplier nanoClock) {
        this.out = out;
        this.nanoClock = nanoClock;
    }

    @Override
    public void start(String task, long total) {
        finish();
        this.task = task;
        this.total = total;
        this.done = 0;
        this.lastStep = 0;
        this.startNanos = nanoClock.getAsLong();
        this.lastLineNanos = startNanos;
        out.println(task + ": started" + (total >= 0 ? ", " + size(total) + " in all" : ""));
        out.flush();
    }

    @Override
    public void advance(long bytes) {
        if (task == null) {
            return;
        }
        done += bytes;
        long now = nanoClock.getAsLong();
        int step = total > 0 ? (int) Math.min(STEPS, done * STEPS / total) : 0;
        if (step > lastStep || now - lastLineNanos >= INTERVAL_NANOS) {
            lastStep = Math.max(lastStep, step);
            lastLineNanos = now;
            out.println(task + ": " + (total > 0 ? percent(done, total) + " (" + size(done) + " of " + size(total) + ")" : size(done)));
            out.flush();
        }
    }

    @Override
    public void finish() {
        if (task == null) {
            return;
        }
        double seconds = (nanoClock.getAsLong() - startNanos) / 1e9;
        out.println(task + ": finished, " + size(done) + String.format(Locale.ROOT, " in %.1f s", seconds));
        out.flush();
        task = null;
    }

    private static String percent(long done, long total) {
        return String.format(Locale.ROOT, "%d%%", Math.min(100, done * 100 / total));
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
