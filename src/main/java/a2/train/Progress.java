package a2.train;

import java.io.PrintStream;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

/**
 * Reports progress of a long loop: a live bar on a terminal, plain periodic lines otherwise (CI logs, nohup
 * files), so the log stays readable.
 */
public interface Progress extends AutoCloseable {
    void update(long done, String message);

    @Override
    void close();

    /** A bar when stdout is a terminal, periodic lines on {@code err} otherwise. */
    static Progress of(String task, long total, String unit, PrintStream err) {
        if (System.console() != null) {
            ProgressBar bar = new ProgressBarBuilder().setTaskName(task).setInitialMax(total)
                    .setStyle(ProgressBarStyle.ASCII).setUnit(" " + unit, 1).showSpeed().build();
            return new Progress() {
                @Override
                public void update(long done, String message) {
                    bar.stepTo(done);
                    bar.setExtraMessage(message);
                }

                @Override
                public void close() {
                    bar.close();
                }
            };
        }
        return new Lines(task, total, err);
    }

    static Progress silent() {
        return new Progress() {
            @Override
            public void update(long done, String message) {}

            @Override
            public void close() {}
        };
    }

    /** One line every tenth of the way or every 30 seconds, whichever comes first. */
    final class Lines implements Progress {
        private final String task;
        private final long total;
        private final PrintStream out;
        private final long t0 = System.nanoTime();
        private long lastPrint = t0;
        private long lastDone;

        Lines(String task, long total, PrintStream out) {
            this.task = task;
            this.total = total;
            this.out = out;
        }

        @Override
        public void update(long done, String message) {
            long now = System.nanoTime();
            boolean tenth = total > 0 && done * 10 / total != lastDone * 10 / total;
            if (tenth || now - lastPrint > 30_000_000_000L || done == total) {
                double s = (now - t0) / 1e9;
                double rate = done / Math.max(s, 1e-9);
                long eta = rate > 0 ? Math.round((total - done) / rate) : -1;
                out.printf("%s %d/%d (%.0f%%) %.1f/s eta %ds %s%n", task, done, total,
                        total > 0 ? 100.0 * done / total : 0, rate, eta, message);
                out.flush();
                lastPrint = now;
            }
            lastDone = done;
        }

        @Override
        public void close() {}
    }
}
