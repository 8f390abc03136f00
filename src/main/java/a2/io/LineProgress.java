package a2.io;

import java.io.PrintStream;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/**
 * Plain progress lines for logs without a terminal: one at the start, one each time another tenth is done or
 * {@link #INTERVAL_NANOS} have passed (whichever comes first), and one at the end. A 2.6 GB download thus writes a
 * dozen or so lines instead of a redrawn bar full of carriage returns, and a training epoch a dozen.
 */
final class LineProgress implements Progress {
    static final long INTERVAL_NANOS = TimeUnit.SECONDS.toNanos(10);
    private static final int STEPS = 10; // a line per 10%

    private final PrintStream out;
    private final Progress.Unit unit;
    private final LongSupplier nanoClock;
    private String task;
    private long total;
    private long done;
    private int lastStep;
    private long startNanos;
    private long lastLineNanos;

    LineProgress(PrintStream out, Progress.Unit unit) {
        this(out, unit, System::nanoTime);
    }

    LineProgress(PrintStream out, Progress.Unit unit, LongSupplier nanoClock) {
        this.out = out;
        this.unit = unit;
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
        out.println(task + ": started" + (total >= 0 ? ", " + unit.format(total) + " in all" : ""));
        out.flush();
    }

    @Override
    public void advance(long units, String detail) {
        if (task == null) {
            return;
        }
        done += units;
        long now = nanoClock.getAsLong();
        int step = total > 0 ? (int) Math.min(STEPS, done * STEPS / total) : 0;
        if (step > lastStep || now - lastLineNanos >= INTERVAL_NANOS) {
            lastStep = Math.max(lastStep, step);
            lastLineNanos = now;
            StringBuilder line = new StringBuilder(task).append(": ");
            line.append(total > 0 ? percent(done, total) + " (" + count(done, total) + ")" : unit.format(done));
            double seconds = (now - startNanos) / 1e9;
            if (seconds > 0 && done > 0) {
                double rate = done / seconds;
                line.append(", ").append(unit.rate(rate));
                if (total > 0 && done < total) {
                    line.append(String.format(Locale.ROOT, ", eta %.0f s", (total - done) / rate));
                }
            }
            if (!detail.isEmpty()) {
                line.append(", ").append(detail);
            }
            out.println(line);
            out.flush();
        }
    }

    @Override
    public void finish() {
        if (task == null) {
            return;
        }
        double seconds = (nanoClock.getAsLong() - startNanos) / 1e9;
        out.println(task + ": finished, " + unit.format(done) + String.format(Locale.ROOT, " in %.1f s", seconds));
        out.flush();
        task = null;
    }

    private String count(long done, long total) {
        // "0.1 KiB of 1.0 KiB", but "6 of 62 steps" rather than "6 steps of 62 steps"
        return unit.bytes() ? unit.format(done) + " of " + unit.format(total)
                : String.format(Locale.ROOT, "%,d of %s", done, unit.format(total));
    }

    private static String percent(long done, long total) {
        return String.format(Locale.ROOT, "%d%%", Math.min(100, done * 100 / total));
    }
}
