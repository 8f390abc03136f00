package a2.fetch;

import java.io.PrintStream;
import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;

/** A redrawn terminal bar (me.tongfei.progressbar) in MiB, with speed and ETA. Only for interactive consoles. */
final class BarProgress implements Progress {
    private static final long MIB = 1L << 20;

    private final PrintStream out;
    private ProgressBar bar;

    BarProgress(PrintStream out) {
        this.out = out;
    }

    @Override
    public void start(String task, long total) {
        finish();
        bar = new ProgressBarBuilder()
                .setTaskName(task)
                .setInitialMax(total) // -1: the bar shows an indefinite spinner
                .setUnit("MiB", MIB)
                .showSpeed()
                .setConsumer(new ConsoleProgressBarConsumer(out))
                .build();
    }

    @Override
    public void advance(long bytes) {
        if (bar != null) {
            bar.stepBy(bytes);
        }
    }

    @Override
    public void finish() {
        if (bar != null) {
            bar.close();
            bar = null;
        }
    }
}
