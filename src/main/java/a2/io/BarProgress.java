package a2.io;

import java.io.PrintStream;
import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;

/** A redrawn terminal bar (me.tongfei.progressbar) with speed and ETA; bytes in MiB. Only for interactive consoles. */
final class BarProgress implements Progress {
    private static final long MIB = 1L << 20;

    private final PrintStream out;
    private final Progress.Unit unit;
    private ProgressBar bar;

    BarProgress(PrintStream out, Progress.Unit unit) {
        this.out = out;
        this.unit = unit;
    }

    @Override
    public void start(String task, long total) {
        finish();
        bar = new ProgressBarBuilder()
                .setTaskName(task)
                .setInitialMax(total) // -1: the bar shows an indefinite spinner
                .setUnit(unit.bytes() ? "MiB" : " " + unit.name(), unit.bytes() ? MIB : 1)
                .showSpeed()
                .setConsumer(new ConsoleProgressBarConsumer(out))
                .build();
    }

    @Override
    public void advance(long units, String detail) {
        if (bar != null) {
            bar.stepBy(units);
            bar.setExtraMessage(detail);
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
