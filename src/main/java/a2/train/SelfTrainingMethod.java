package a2.train;

import a2.recipe.Recipe;

/**
 * Self-training: the model labels the whole pool at the start of some epochs ({@code Trainer.refreshPseudoLabels});
 * its confident images join the labeled rows of each batch ({@link BatchPlan}), so no views are drawn per step.
 */
final class SelfTrainingMethod implements SemiMethod {
    private final Recipe recipe;
    private final RunSetup setup;

    SelfTrainingMethod(Recipe recipe, RunSetup setup) {
        this.recipe = recipe;
        this.setup = setup;
    }

    /** The share of the pool above the threshold, and the same rule applied to the validation images. */
    @Override
    public EpochReport.PseudoColumns columns(LiveRun run, float[][] valProbs) {
        if (!recipe.semi().activeAt(run.state.epoch()) || run.pseudo == null) {
            return EpochReport.PseudoColumns.NONE;
        }
        double th = recipe.semi().threshold();
        return EpochReport.PseudoColumns.onValidation(EpochReport.fmt(run.pseudo.maskRate(th)),
                FixMatch.select(valProbs, th), setup.valLabels());
    }
}
