package a2.train;

import a2.model.Inference;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;

/**
 * One FixMatch step's batch: the labeled images, then the strongly augmented views of the unlabeled images whose
 * weak view the model labels with confidence at or above the threshold. Images below it are left out of the batch
 * (they would contribute zero loss), so they cost no gradient computation.
 *
 * <p>DL4J averages the loss over the rows of a batch. With {@code n} labeled rows and {@code m} kept, the step's loss
 * is {@code (n mean_labeled(CE) + m mean_kept(CE)) / (n + m)}: FixMatch's {@code mean_labeled(CE) + lambda
 * mean_unlabeled(mask CE)} with {@code lambda = 1} and as many unlabeled images drawn as labeled ones, scaled by
 * {@code n / (n + m)}, between 1 (nothing kept) and 1/2 (everything kept). With {@code u} unlabeled images drawn
 * per step that is {@code u / n} times the paper's weight on the unlabeled part, so recipes with more unlabeled than
 * labeled images per step set {@code semi.unlabeledWeight}: the rows then carry weights that make the batch mean
 * the paper's loss exactly. DL4J's label mask cannot carry them (a mask value of 2 does not double a row's gradient:
 * it is also applied to the output activations); label rows scaled by the weight can, with the output layer's
 * cross-entropy set up to honour them ({@code Networks}). {@code FixMatchTest} pins both down.
 */
final class FixMatch {
    private FixMatch() {}

    /**
     * An augmented step before the model has looked at it; {@code weak} and {@code strong} hold {@code u} images.
     * {@code labeled}: the strong views' labels when they are known before the step (Noisy Student's teacher
     * labeled them; {@code weak} is then null), else null.
     */
    record Views(float[] x, float[] y, int n, float[] weak, float[] strong, int u, Kept labeled) {}

    /**
     * Rows of the strong views that join the batch and their labels: one-hot of {@code labels}, or, when
     * {@code targets} is not null, row {@code j} of it (a teacher's probabilities: soft labels).
     */
    record Kept(int[] rows, int[] labels, float[][] targets) {
        static final Kept NONE = new Kept(new int[0], new int[0], null);

        Kept(int[] rows, int[] labels) {
            this(rows, labels, null);
        }
    }

    static Kept select(float[][] probs, double threshold) {
        double[] same = new double[probs.length == 0 ? 0 : probs[0].length];
        java.util.Arrays.fill(same, threshold);
        return select(probs, same);
    }

    /** With a threshold per class (FlexMatch's, {@link ClassThresholds}): a row passes its predicted class's. */
    static Kept select(float[][] probs, double[] thresholds) {
        int[] rows = new int[probs.length];
        int[] labels = new int[probs.length];
        int m = 0;
        for (int i = 0; i < probs.length; i++) {
            int best = Inference.argmax(probs[i]);
            if (probs[i][best] >= thresholds[best]) {
                rows[m] = i;
                labels[m++] = best;
            }
        }
        return new Kept(java.util.Arrays.copyOf(rows, m), java.util.Arrays.copyOf(labels, m));
    }

    /**
     * Labeled rows first, then the kept strong views with their pseudo-labels, one-hot or soft ({@link Kept#NONE}:
     * labeled only). DL4J's MCXENT with softmax takes soft labels as they are: its gradient is {@code p - y} for any
     * {@code y} that sums to 1.
     *
     * <p>With {@code unlabeledWeight} (lambda) null, every row weighs 1 (DL4J's plain mean); else the rows are weighted
     * so that DL4J's mean over the {@code n + m} rows is {@code mean_labeled(CE) + lambda sum_kept(CE) / u}: labeled
     * rows by {@code (n + m) / n}, kept rows by {@code lambda (n + m) / u}, carried as label rows that sum to their
     * weight.
     */
    static DataSet batch(Views v, Kept kept, int k, int side, Double unlabeledWeight) {
        return batch(v, kept, k, side, unlabeledWeight, 0);
    }

    /**
     * @param labelSmoothing the labeled rows' targets become {@code (1 - s) y + s / k} (Szegedy et al. 2016); the kept
     *                       rows keep their labels, one-hot or a teacher's probabilities
     */
    static DataSet batch(Views v, Kept kept, int k, int side, Double unlabeledWeight, double labelSmoothing) {
        int per = 3 * side * side, m = kept.rows().length, rows = v.n() + m;
        float[] x = m == 0 ? v.x() : java.util.Arrays.copyOf(v.x(), rows * per);
        boolean copyY = m > 0 || unlabeledWeight != null || labelSmoothing > 0;
        float[] y = copyY ? java.util.Arrays.copyOf(v.y(), rows * k) : v.y();
        float labeledWeight = unlabeledWeight == null ? 1f : (float) rows / v.n();
        float keptWeight = unlabeledWeight == null ? 1f : (float) (unlabeledWeight * rows / v.u());
        if (labelSmoothing > 0) {
            float keep = (float) (1 - labelSmoothing), spread = (float) (labelSmoothing / k);
            for (int i = 0; i < v.n() * k; i++) {
                y[i] = keep * y[i] + spread;
            }
        }
        if (labeledWeight != 1f) {
            for (int i = 0; i < v.n() * k; i++) {
                y[i] *= labeledWeight;
            }
        }
        for (int j = 0; j < m; j++) {
            System.arraycopy(v.strong(), kept.rows()[j] * per, x, (v.n() + j) * per, per);
            if (kept.targets() == null) {
                y[(v.n() + j) * k + kept.labels()[j]] = keptWeight;
            } else {
                for (int c = 0; c < k; c++) {
                    y[(v.n() + j) * k + c] = kept.targets()[j][c] * keptWeight;
                }
            }
        }
        INDArray features = Nd4j.create(x, new long[] {rows, 3, side, side}, 'c');
        INDArray labels = Nd4j.create(y, new long[] {rows, k}, 'c');
        return new DataSet(features, labels);
    }
}
