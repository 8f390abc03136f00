package a2.train;

import a2.augment.Augmenter;
import a2.data.Dataset;
import a2.model.Preprocessing;
import a2.recipe.Recipe;
import java.util.SplittableRandom;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * FixMatch's step (Sohn et al. 2020), and FlexMatch's with per-class thresholds: images drawn from the unlabeled
 * pool, a weak view (flip and shift only) that the current model labels, and a strong view that learns from that
 * label where its confidence reaches the threshold ({@link FixMatch} builds the batch and its loss).
 */
final class FixMatchMethod implements SemiMethod {
    private final Recipe recipe;
    private final Dataset data;
    private final RunSetup setup;

    FixMatchMethod(Recipe recipe, Dataset data, RunSetup setup) {
        this.recipe = recipe;
        this.data = data;
        this.setup = setup;
    }

    /** A weak and a strong view of each drawn image, from one stream: weak then strong per image. */
    @Override
    public FixMatch.Views unlabeledViews(FixMatch.Views labeled, int unlabeled, SplittableRandom rng, long globalStep) {
        Preprocessing pre = setup.pre();
        int side = pre.inputSize(), per = 3 * side * side;
        float[] scratch = new float[per], fill = pre.mean();
        float[] weak = new float[unlabeled * per], strong = new float[unlabeled * per];
        Augmenter strongAug = new Augmenter(recipe.semi().strongAugment());
        Recipe.Augment a = recipe.augment();
        Augmenter weakAug = new Augmenter(new Recipe.Augment(a.flip(), a.translate(), 0, 0, 0, 0));
        byte[] raw = new byte[data.unlabeled().bytesPerImage()];
        int[] idx = BatchPlan.unlabeled(recipe.seed(), globalStep, unlabeled, data.unlabeled().count());
        for (int i = 0; i < unlabeled; i++) {
            float[] img = pre.pixels(data.unlabeled(), idx[i], raw);
            float[] copy = img.clone();
            weakAug.apply(img, scratch, side, rng, fill);
            pre.standardize(img, weak, i * per);
            strongAug.apply(copy, scratch, side, rng, fill);
            pre.standardize(copy, strong, i * per);
        }
        return new FixMatch.Views(labeled.x(), labeled.y(), labeled.n(), weak, strong, unlabeled, null);
    }

    /**
     * The current model labels the weak views; those at or above the threshold (FlexMatch: their class's threshold as
     * it stands, after which the drawn images' memory is updated) keep their strong view.
     */
    @Override
    public FixMatch.Kept label(LiveRun run, FixMatch.Views v, long globalStep) {
        if (v.u() == 0) {
            return FixMatch.Kept.NONE;
        }
        int side = setup.pre().inputSize();
        try (INDArray weak = Nd4j.create(v.weak(), new long[] {v.u(), 3, side, side}, 'c');
             INDArray out = run.net.output(weak, false)) {
            float[][] probs = out.toFloatMatrix();
            double tau = recipe.semi().threshold();
            if (run.classes == null) {
                return FixMatch.select(probs, tau);
            }
            FixMatch.Kept kept = FixMatch.select(probs, run.classes.thresholds(tau));
            // The images unlabeledViews drew for this step: a pure function of the step.
            run.classes.update(BatchPlan.unlabeled(recipe.seed(), globalStep, v.u(), data.unlabeled().count()), probs, tau);
            return kept;
        }
    }

    /** The share of drawn images kept over the epoch, and the same selection applied to the validation images. */
    @Override
    public EpochReport.PseudoColumns columns(LiveRun run, float[][] valProbs) {
        RunState st = run.state;
        if (!recipe.semi().activeAt(st.epoch())) {
            return EpochReport.PseudoColumns.NONE;
        }
        double th = recipe.semi().threshold();
        FixMatch.Kept onVal = run.classes != null ? FixMatch.select(valProbs, run.classes.thresholds(th))
                : FixMatch.select(valProbs, th);
        return EpochReport.PseudoColumns.onValidation(
                EpochReport.fmt((double) st.unlabeledUsed() / Math.max(1, st.unlabeledSeen())), onVal, setup.valLabels());
    }

    @Override
    public boolean keepsUnlabeledRows() {
        return true;
    }
}
