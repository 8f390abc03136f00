package a2.train;

import a2.augment.Augmenter;
import a2.data.Dataset;
import a2.data.Images;
import a2.model.Preprocessing;
import a2.recipe.Recipe;
import java.util.SplittableRandom;

/**
 * Noisy Student: every step adds strongly augmented views of images drawn from the fixed teacher's pool, with the
 * teacher's labels (one-hot or soft), known before the step.
 */
final class NoisyStudentMethod implements SemiMethod {
    private final Recipe recipe;
    private final Dataset data;
    private final RunSetup setup;

    NoisyStudentMethod(Recipe recipe, Dataset data, RunSetup setup) {
        this.recipe = recipe;
        this.data = data;
        this.setup = setup;
    }

    /** Only the strong view is needed: the teacher's labels are known. */
    @Override
    public FixMatch.Views unlabeledViews(FixMatch.Views labeled, int unlabeled, SplittableRandom rng, long globalStep) {
        Preprocessing pre = setup.pre();
        int side = pre.inputSize(), per = 3 * side * side;
        float[] scratch = new float[per], fill = pre.mean(), strong = new float[unlabeled * per];
        Augmenter strongAug = new Augmenter(recipe.semi().strongAugment());
        TeacherPool pool = setup.teacherPool();
        int[] at = BatchPlan.unlabeled(recipe.seed(), globalStep, unlabeled, pool.size());
        int[] rows = new int[unlabeled], labels = new int[unlabeled];
        float[][] targets = pool.targets() == null ? null : new float[unlabeled][];
        Images source = RunSetup.poolSource(recipe, data);
        byte[] raw = new byte[source.bytesPerImage()];
        for (int i = 0; i < unlabeled; i++) {
            float[] img = pre.pixels(source, pool.images()[at[i]], raw);
            strongAug.apply(img, scratch, side, rng, fill);
            pre.standardize(img, strong, i * per);
            rows[i] = i;
            labels[i] = pool.labels()[at[i]];
            if (targets != null) {
                targets[i] = pool.targets()[at[i]];
            }
        }
        return new FixMatch.Views(labeled.x(), labeled.y(), labeled.n(), null, strong, unlabeled,
                new FixMatch.Kept(rows, labels, targets));
    }

    /** Every drawn view, with the teacher's label. */
    @Override
    public FixMatch.Kept label(LiveRun run, FixMatch.Views v, long globalStep) {
        return v.labeled() != null ? v.labeled() : FixMatch.Kept.NONE;
    }

    /** The teacher is fixed: its pool share and its accuracy on validation are the same every epoch. */
    @Override
    public EpochReport.PseudoColumns columns(LiveRun run, float[][] valProbs) {
        if (!recipe.semi().activeAt(run.state.epoch())) {
            return EpochReport.PseudoColumns.NONE;
        }
        TeacherPool pool = setup.teacherPool();
        return new EpochReport.PseudoColumns(EpochReport.fmt(pool.poolRate()),
                Double.isNaN(pool.validationAccuracy()) ? "" : EpochReport.fmt(pool.validationAccuracy()),
                EpochReport.fmt(pool.validationRate()));
    }
}
