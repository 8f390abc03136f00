package a2.train;

import a2.data.Dataset;
import a2.model.Inference;
import a2.recipe.Recipe;
import java.util.Locale;

/**
 * What the end of an epoch measures and logs: training and validation accuracy, the learning rate, speed and times,
 * and how the method's pseudo-labels fare. One row of {@code log.csv}, and the line the console shows.
 *
 * @param row           the log row
 * @param valAcc        validation accuracy of the weights at the epoch's end
 * @param totalSeconds  the run's seconds so far, validation included
 */
record EpochReport(EpochLog.Row row, double valAcc, double totalSeconds, String consoleLine) {
    /**
     * The share of pseudo-labels kept ({@code mask_rate}), and on validation, whose labels are known, how often a
     * pseudo-label is right where it passes the method's rule ({@code pseudo_acc_val}) and how often it passes
     * ({@code pseudo_rate_val}); empty where the method has none.
     */
    record PseudoColumns(String maskRate, String pseudoAcc, String pseudoRate) {
        static final PseudoColumns NONE = new PseudoColumns("", "", "");

        /** {@code maskRate}, with the validation images {@code onVal} kept by the method's rule. */
        static PseudoColumns onValidation(String maskRate, FixMatch.Kept onVal, int[] valLabels) {
            int passed = onVal.rows().length, right = 0;
            for (int j = 0; j < passed; j++) {
                right += onVal.labels()[j] == valLabels[onVal.rows()[j]] ? 1 : 0;
            }
            return new PseudoColumns(maskRate, passed == 0 ? "" : fmt((double) right / passed),
                    fmt((double) passed / valLabels.length));
        }
    }

    /** Measures the run's network at the end of the epoch {@code run.state} is in (its steps all done). */
    static EpochReport measure(LiveRun run, RunSetup s, Recipe recipe, Dataset data, SemiMethod method) {
        RunState st = run.state;
        int epoch = st.epoch();
        float[][] valProbs = Inference.probabilities(run.net, s.pre(), data.train(), s.split().validation(), n -> {});
        double valAcc = Inference.accuracy(valProbs, s.valLabels());
        double trainAcc = Inference.accuracy(Inference.probabilities(run.net, s.pre(), data.train(), s.trainEval(), n -> {}),
                s.trainEvalLabels());
        Double lr = run.net.getLearningRate(0);
        PseudoColumns p = method.columns(run, valProbs);
        double total = run.totalSeconds();
        // Images through forward and backward: the labeled batches and, for FixMatch, the unlabeled images kept.
        double imagesPerSecond = (s.steps() * (double) s.batch() + st.unlabeledUsed()) / st.trainSeconds();
        EpochLog.Row row = new EpochLog.Row(String.valueOf(epoch + 1), String.valueOf(st.globalStep()),
                String.format(Locale.ROOT, "%.6f", lr == null ? Double.NaN : lr), fmt(st.lossSum() / s.steps()), fmt(trainAcc),
                fmt(valAcc), String.format(Locale.ROOT, "%.1f", imagesPerSecond), p.maskRate(), p.pseudoAcc(), p.pseudoRate(),
                String.format(Locale.ROOT, "%.1f", st.trainSeconds()), String.format(Locale.ROOT, "%.1f", total),
                String.format(Locale.ROOT, "%.2f", st.dataWaitSeconds()));
        String line = String.format(Locale.ROOT, "epoch %d/%d  loss %.4f  train %.4f  val %.4f  %.0f img/s  data wait %.1f%%%s",
                epoch + 1, recipe.budget().epochs(), st.lossSum() / s.steps(), trainAcc, valAcc, imagesPerSecond,
                100 * st.dataWaitSeconds() / (st.trainSeconds() + st.dataWaitSeconds()),
                p.maskRate().isEmpty() ? "" : "  mask " + p.maskRate() + "  pseudo-acc(val) " + p.pseudoAcc());
        return new EpochReport(row, valAcc, total, line);
    }

    static String fmt(double v) {
        return String.format(Locale.ROOT, "%.4f", v);
    }
}
