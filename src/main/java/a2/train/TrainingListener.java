package a2.train;

import a2.io.Progress;
import java.io.PrintStream;

/** Where a training run reports to the person watching it: a line per event, and a progress bar per epoch. */
public interface TrainingListener {
    /** One finished line: the teacher's pool, an epoch's measurements. */
    void line(String text);

    /** The progress of one epoch's steps, closed at the epoch's end ({@link Progress#none()}: not shown). */
    Progress epochProgress();

    /** Reports nothing (tests, benchmarks). */
    static TrainingListener silent() {
        return new TrainingListener() {
            @Override
            public void line(String text) {}

            @Override
            public Progress epochProgress() {
                return Progress.none();
            }
        };
    }

    /** Lines to {@code out}; with {@code progressBar}, each epoch's steps as a progress line there too. */
    static TrainingListener printingTo(PrintStream out, boolean progressBar) {
        return new TrainingListener() {
            @Override
            public void line(String text) {
                out.println(text);
            }

            @Override
            public Progress epochProgress() {
                return progressBar ? Progress.forTerminal(out, Progress.Unit.STEPS) : Progress.none();
            }
        };
    }
}
