package a2.train;

import a2.data.Dataset;
import a2.recipe.Recipe;
import a2.recipe.SemiSupervised;
import java.util.SplittableRandom;

/**
 * What a recipe's semi-supervised method adds to the supervised steps, one class per method: the unlabeled views a
 * step draws, which of them join the batch and with what labels, and the pseudo-label columns of the epoch's log.
 * The labeled part of every step is the supervised baseline's whatever the method ({@link StepBatches}).
 */
sealed interface SemiMethod permits SemiMethod.SupervisedOnly, SelfTrainingMethod, FixMatchMethod, NoisyStudentMethod {

    static SemiMethod of(Recipe recipe, Dataset data, RunSetup setup) {
        SemiSupervised semi = recipe.semi();
        if (semi.fixMatch()) {
            return new FixMatchMethod(recipe, data, setup);
        }
        if (semi.noisyStudent()) {
            return new NoisyStudentMethod(recipe, data, setup);
        }
        return semi.selfTraining() ? new SelfTrainingMethod(recipe, setup) : new SupervisedOnly();
    }

    /**
     * The step's {@code labeled} rows with the views of {@code unlabeled} images (at least one), drawn from
     * {@code rng}, the step's own stream for them.
     */
    default FixMatch.Views unlabeledViews(FixMatch.Views labeled, int unlabeled, SplittableRandom rng, long globalStep) {
        return labeled;
    }

    /** The strong views that join step {@code globalStep}'s batch, and their labels. */
    default FixMatch.Kept label(LiveRun run, FixMatch.Views v, long globalStep) {
        return FixMatch.Kept.NONE;
    }

    /** The log's pseudo-label columns for the epoch {@code run.state} is in ({@code valProbs}: on validation). */
    default EpochReport.PseudoColumns columns(LiveRun run, float[][] valProbs) {
        return EpochReport.PseudoColumns.NONE;
    }

    /** Whether the progress line shows the running share of unlabeled images kept. */
    default boolean keepsUnlabeledRows() {
        return false;
    }

    /** The supervised baseline: no unlabeled images. */
    record SupervisedOnly() implements SemiMethod {}
}
