package a2.recipe;

import static a2.recipe.Recipe.require;

import a2.recipe.Recipe.Augment;
import java.util.List;

/**
 * How the unlabeled pool is used.
 * <ul>
 * <li>{@code none}: not at all (the supervised baseline).
 * <li>{@code self-training}: from {@code startEpoch} on, every {@code refreshEvery} epochs the current model labels
 * the unlabeled pool; images whose top softmax probability is at least {@code threshold} become training examples,
 * drawn class-balanced, and make up {@code unlabeledFraction} of every batch (batch size and number of steps
 * stay those of the baseline).
 * <li>{@code noisy-student} (Xie et al. 2020): a finished model of another recipe ({@code teacher}) labels the
 * whole unlabeled pool once, before the first step; per class, its {@code teacher.perClass} most confident
 * images form the pseudo-labeled pool. From {@code startEpoch} on, every step adds {@code unlabeledBatch} of
 * them, strongly augmented ({@code strongAugment}), with the teacher's labels: the student is trained from
 * scratch on the baseline's labeled batches plus noised views of what the teacher is surest of.
 * <li>{@code fixmatch} (Sohn et al. 2020): from {@code startEpoch} on, every step also draws
 * {@code unlabeledBatch} unlabeled images on top of the labeled batch. The current model labels a weakly
 * augmented view of each (flip and shift only); where its top probability reaches {@code threshold}, a
 * strongly augmented view ({@code strongAugment}) joins the step's batch with that label. The labeled images
 * of every step are exactly the baseline's; images below the threshold cost no gradient computation; the loss
 * is the mean over labeled and kept images (see {@code a2.train.FixMatch} for how that relates to the paper's),
 * or, with {@code unlabeledWeight}, the paper's loss exactly.
 * </ul>
 * Fields a method does not use are 0 (and {@code strongAugment}, {@code teacher}, {@code unlabeledWeight} null).
 *
 * @param unlabeledWeight FixMatch's lambda_u, for the methods whose strong views join the batch
 *                        ({@code fixmatch}, {@code noisy-student}): the step's loss is the labeled images' mean
 *                        cross-entropy plus {@code unlabeledWeight} times the kept views' summed cross-entropy over
 *                        {@code unlabeledBatch} (Sohn et al. 2020, eq. 4), whatever the share of kept views. Null:
 *                        one mean over all rows of the batch, the form of the recipes written before this field
 *                        (it matches the paper only for {@code unlabeledBatch} = labeled batch, everything kept).
 */
public record SemiSupervised(String method, int startEpoch, int refreshEvery, double threshold,
                             double unlabeledFraction, int unlabeledBatch, Augment strongAugment, Teacher teacher,
                             Double unlabeledWeight) {
    public static final String NONE = "none";
    public static final String SELF_TRAINING = "self-training";
    public static final String FIXMATCH = "fixmatch";
    /** FixMatch with FlexMatch's per-class thresholds (curriculum pseudo-labeling); the same settings otherwise. */
    public static final String FLEXMATCH = "flexmatch";
    public static final String NOISY_STUDENT = "noisy-student";
    private static final List<String> METHODS = List.of(NONE, SELF_TRAINING, FIXMATCH, FLEXMATCH, NOISY_STUDENT);

    public SemiSupervised {
        require(METHODS.contains(method), "semi.method must be one of " + METHODS + ", got " + method);
        boolean fixMatchFamily = FIXMATCH.equals(method) || FLEXMATCH.equals(method);
        if (SELF_TRAINING.equals(method) || fixMatchFamily) {
            require(startEpoch >= 1, "semi.startEpoch must be >= 1: the first pseudo-labels need a trained model");
            require(threshold > 0 && threshold < 1, "semi.threshold must be in (0, 1)");
        }
        if (SELF_TRAINING.equals(method)) {
            require(refreshEvery >= 1, "semi.refreshEvery must be >= 1");
            require(unlabeledFraction > 0 && unlabeledFraction < 1, "semi.unlabeledFraction must be in (0, 1)");
        }
        if (fixMatchFamily || NOISY_STUDENT.equals(method)) {
            require(unlabeledBatch >= 1, "semi.unlabeledBatch must be >= 1 for " + method);
            require(strongAugment != null, "semi.strongAugment is required for " + method);
        }
        if (unlabeledWeight != null) {
            require(fixMatchFamily || NOISY_STUDENT.equals(method), "semi.unlabeledWeight is only used by " + FIXMATCH + ", "
                    + FLEXMATCH + " and " + NOISY_STUDENT + ", not by " + method);
            require(unlabeledWeight > 0 && unlabeledWeight <= 100, "semi.unlabeledWeight must be in (0, 100], got "
                    + unlabeledWeight);
        }
        if (NOISY_STUDENT.equals(method)) {
            require(startEpoch >= 0, "semi.startEpoch must be >= 0");
            require(teacher != null, "semi.teacher is required for " + method);
        } else {
            require(teacher == null, "semi.teacher is only used by " + NOISY_STUDENT + ", not by " + method);
        }
    }

    /** The unlabeled-pool settings of the supervised baseline. */
    public static SemiSupervised none() {
        return new SemiSupervised(NONE, 0, 0, 0, 0, 0, null, null, null);
    }

    public static SemiSupervised selfTraining(int startEpoch, int refreshEvery, double threshold,
                                              double unlabeledFraction) {
        return new SemiSupervised(SELF_TRAINING, startEpoch, refreshEvery, threshold, unlabeledFraction, 0, null, null,
                null);
    }

    public static SemiSupervised fixMatch(int startEpoch, double threshold, int unlabeledBatch,
                                          Augment strongAugment) {
        return new SemiSupervised(FIXMATCH, startEpoch, 0, threshold, 0, unlabeledBatch, strongAugment, null, null);
    }

    public static SemiSupervised noisyStudent(int startEpoch, int unlabeledBatch, Augment strongAugment,
                                              Teacher teacher) {
        return new SemiSupervised(NOISY_STUDENT, startEpoch, 0, 0, 0, unlabeledBatch, strongAugment, teacher, null);
    }

    /** These settings with FixMatch's exact loss, the kept views weighted by {@code lambda}. */
    public SemiSupervised withUnlabeledWeight(double lambda) {
        return new SemiSupervised(method, startEpoch, refreshEvery, threshold, unlabeledFraction, unlabeledBatch,
                strongAugment, teacher, lambda);
    }

    /** Whether the loss weighs labeled and kept rows as FixMatch's does (else one mean over the rows). */
    public boolean weightsRows() {
        return unlabeledWeight != null;
    }

    public boolean noisyStudent() {
        return NOISY_STUDENT.equals(method);
    }

    public boolean enabled() {
        return !NONE.equals(method);
    }

    public boolean selfTraining() {
        return SELF_TRAINING.equals(method);
    }

    /** FixMatch or FlexMatch: the model labels weak views of the drawn unlabeled images at every step. */
    public boolean fixMatch() {
        return FIXMATCH.equals(method) || FLEXMATCH.equals(method);
    }

    /** FlexMatch: a threshold per class, {@code threshold} scaled by how far the class is learned. */
    public boolean classAdaptive() {
        return FLEXMATCH.equals(method);
    }

    public boolean activeAt(int epoch) {
        return enabled() && epoch >= startEpoch;
    }

    /** Self-training relabels the pool at the start of these epochs; FixMatch labels every step instead. */
    public boolean refreshAt(int epoch) {
        return selfTraining() && activeAt(epoch) && (epoch - startEpoch) % refreshEvery == 0;
    }
}
