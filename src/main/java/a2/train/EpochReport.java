package a2.train;

import a2.data.Dataset;
import a2.model.Inference;
import a2.recipe.Recipe;
import java.util.Locale;

/**
 * What the end of an epoch measures and logs: training and validation accuracy, the learning rate, speed and times,
 * and how the method's pseudo-labels fare. One row of {@code log.csv}, and the line the console shows.
 *
 * @param row      the log row, in the order of {@link #LOG_HEADER}
 * @param valAcc        validation accuracy of the weights at the epoch's end
 * @param totalSeconds  the run's seconds so far, validation included
 */
record EpochReport(String[] row, double valAcc, double totalSeconds, String consoleLine) {
    /**
     * The log's columns. {@code epoch_seconds}: the training thread's time in the epoch's steps (FixMatch's labeling
     * forward included, validation not); {@code data_wait_seconds}: further time it spent waiting for the prefetch
     * thread's next batch (near zero: the data pipeline keeps up).
     */
    static final String[] LOG_HEADER = {"epoch", "steps", "lr", "train_loss", "train_acc", "val_acc", "images_per_s",
            "mask_rate", "pseudo_acc_val", "pseudo_rate_val", "epoch_seconds", "total_seconds", "data_wait_seconds"};

    /** The share of pseudo-labels kept, and on validation how many pass the rule and how many of those are right. */
    private record PseudoColumns(String maskRate, String pseudoAcc, String pseudoRate) {
        static final PseudoColumns NONE = new PseudoColumns("", "", "");
    }

    /** Measures the run's network at the end of the epoch {@code run.state} is in (its steps all done). */
    static EpochReport measure(LiveRun run, RunSetup s, Recipe recipe, Dataset data) {
        RunState st = run.state;
        int epoch = st.epoch();
        float[][] valProbs = Inference.probabilities(run.net, s.pre(), data.train(), s.split().validation(), n -> {});
        double valAcc = Inference.accuracy(valProbs, s.valLabels());
        double trainAcc = Inference.accuracy(Inference.probabilities(run.net, s.pre(), data.train(), s.trainEval(), n -> {}),
                s.trainEvalLabels());
        Double lr = run.net.getLearningRate(0);
        PseudoColumns p = pseudoColumns(run, s, recipe, valProbs);
        double total = run.totalSeconds();
        // Images through forward and backward: the labeled batches and, for FixMatch, the unlabeled images kept.
        double imagesPerSecond = (s.steps() * (double) s.batch() + st.unlabeledUsed()) / st.trainSeconds();
        String[] row = {String.valueOf(epoch + 1), String.valueOf(st.globalStep()),
                String.format(Locale.ROOT, "%.6f", lr == null ? Double.NaN : lr), fmt(st.lossSum() / s.steps()), fmt(trainAcc),
                fmt(valAcc), String.format(Locale.ROOT, "%.1f", imagesPerSecond), p.maskRate(), p.pseudoAcc(), p.pseudoRate(),
                String.format(Locale.ROOT, "%.1f", st.trainSeconds()), String.format(Locale.ROOT, "%.1f", total),
                String.format(Locale.ROOT, "%.2f", st.dataWaitSeconds())};
        String line = String.format(Locale.ROOT, "epoch %d/%d  loss %.4f  train %.4f  val %.4f  %.0f img/s  data wait %.1f%%%s",
                epoch + 1, recipe.budget().epochs(), st.lossSum() / s.steps(), trainAcc, valAcc, imagesPerSecond,
                100 * st.dataWaitSeconds() / (st.trainSeconds() + st.dataWaitSeconds()),
                p.maskRate().isEmpty() ? "" : "  mask " + p.maskRate() + "  pseudo-acc(val) " + p.pseudoAcc());
        return new EpochReport(row, valAcc, total, line);
    }

    /**
     * Noisy Student: the fixed teacher's pool share and its accuracy on validation, the same every epoch. Self-training
     * and FixMatch: the labeling rule applied to the validation images, whose labels are known: how often a
     * pseudo-label passes the threshold there, and how often it is right when it does.
     */
    private static PseudoColumns pseudoColumns(LiveRun run, RunSetup s, Recipe recipe, float[][] valProbs) {
        RunState st = run.state;
        Recipe.SemiSupervised semi = recipe.semi();
        if (semi.activeAt(st.epoch()) && s.teacherPool() != null) {
            TeacherPool pool = s.teacherPool();
            return new PseudoColumns(fmt(pool.poolRate()),
                    Double.isNaN(pool.validationAccuracy()) ? "" : fmt(pool.validationAccuracy()), fmt(pool.validationRate()));
        }
        if (!semi.activeAt(st.epoch()) || run.pseudo == null && !semi.fixMatch()) {
            return PseudoColumns.NONE;
        }
        double th = semi.threshold();
        String maskRate = fmt(semi.fixMatch() ? (double) st.unlabeledUsed() / Math.max(1, st.unlabeledSeen())
                : run.pseudo.maskRate(th));
        // The same selection the steps make (FlexMatch: with its per-class thresholds as they stand now).
        FixMatch.Kept onVal = run.classes != null ? FixMatch.select(valProbs, run.classes.thresholds(th))
                : FixMatch.select(valProbs, th);
        int passed = onVal.rows().length, right = 0;
        for (int j = 0; j < passed; j++) {
            right += onVal.labels()[j] == s.valLabels()[onVal.rows()[j]] ? 1 : 0;
        }
        return new PseudoColumns(maskRate, passed == 0 ? "" : fmt((double) right / passed),
                fmt((double) passed / s.valLabels().length));
    }

    static String fmt(double v) {
        return String.format(Locale.ROOT, "%.4f", v);
    }
}
