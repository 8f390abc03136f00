package a2.train;

import a2.augment.Augmenter;
import a2.data.Dataset;
import a2.data.Images;
import a2.model.Preprocessing;
import a2.recipe.Recipe;
import java.util.SplittableRandom;

/**
 * The images of one step, augmented and standardised: labeled (true or self-training pseudo labels, one-hot) and,
 * for the methods that draw unlabeled images every step, their views: Noisy Student's strong views of the teacher's
 * pool, or FixMatch's weak and strong view of each image drawn from the unlabeled pool. Unlabeled views draw from
 * their own random stream, so the labeled part of every step is the supervised baseline's. Every draw is a function
 * of (seed, epoch, step): the prefetch thread prepares steps ahead, and a resumed run prepares the same ones.
 */
final class StepBatches {
    private final Recipe recipe;
    private final Dataset data;
    private final RunSetup setup;

    StepBatches(Recipe recipe, Dataset data, RunSetup setup) {
        this.recipe = recipe;
        this.data = data;
        this.setup = setup;
    }

    /** The step's labeled rows, then {@code unlabeled} views for the step's method (none when 0). */
    FixMatch.Views views(PseudoLabels pseudo, BatchPlan.Step step, int unlabeled, Augmenter aug, int epoch, int stepIndex,
                         long globalStep) {
        Preprocessing pre = setup.pre();
        int k = data.numClasses(), side = pre.inputSize(), per = 3 * side * side;
        int n = step.labeled().length + step.pseudo().length;
        float[] x = new float[n * per];
        float[] y = new float[n * k];
        float[] scratch = new float[per];
        float[] fill = pre.mean(); // cutout erases to the mean colour: zero after standardisation
        SplittableRandom rng = new SplittableRandom(Seeds.derive(recipe.seed(), RandomStream.AUGMENT, epoch, stepIndex));
        byte[] raw = new byte[data.train().bytesPerImage()];
        byte[] rawU = new byte[data.unlabeled().bytesPerImage()];
        for (int i = 0; i < n; i++) {
            boolean labeled = i < step.labeled().length;
            int idx = labeled ? step.labeled()[i] : step.pseudo()[i - step.labeled().length];
            float[] img = labeled ? pre.pixels(data.train(), idx, raw) : pre.pixels(data.unlabeled(), idx, rawU);
            aug.apply(img, scratch, side, rng, fill);
            pre.standardize(img, x, i * per);
            y[i * k + (labeled ? data.trainLabels()[idx] : pseudo.labels()[idx])] = 1f;
        }
        if (unlabeled == 0) {
            return new FixMatch.Views(x, y, n, null, null, 0, null);
        }
        SplittableRandom rngU = new SplittableRandom(Seeds.derive(recipe.seed(), RandomStream.AUGMENT_UNLABELED, epoch, stepIndex));
        return setup.teacherPool() != null ? teacherViews(x, y, n, unlabeled, rngU, globalStep)
                : fixMatchViews(x, y, n, unlabeled, rngU, globalStep);
    }

    /** Noisy Student: the teacher's labels are known before the step; only the strong view is needed. */
    private FixMatch.Views teacherViews(float[] x, float[] y, int n, int unlabeled, SplittableRandom rngU, long globalStep) {
        Preprocessing pre = setup.pre();
        int side = pre.inputSize(), per = 3 * side * side;
        float[] scratch = new float[per], fill = pre.mean(), strong = new float[unlabeled * per];
        Augmenter strongAug = new Augmenter(recipe.semi().strongAugment());
        TeacherPool pool = setup.teacherPool();
        int[] at = BatchPlan.unlabeled(recipe.seed(), globalStep, unlabeled, pool.size());
        int[] rows = new int[unlabeled], labels = new int[unlabeled];
        float[][] targets = pool.targets() == null ? null : new float[unlabeled][];
        Images source = RunSetup.poolSource(recipe, data);
        byte[] rawPool = new byte[source.bytesPerImage()];
        for (int i = 0; i < unlabeled; i++) {
            float[] img = pre.pixels(source, pool.images()[at[i]], rawPool);
            strongAug.apply(img, scratch, side, rngU, fill);
            pre.standardize(img, strong, i * per);
            rows[i] = i;
            labels[i] = pool.labels()[at[i]];
            if (targets != null) {
                targets[i] = pool.targets()[at[i]];
            }
        }
        return new FixMatch.Views(x, y, n, null, strong, unlabeled, new FixMatch.Kept(rows, labels, targets));
    }

    /**
     * FixMatch and FlexMatch: a weak view (flip and shift only) the model labels and a strong view that learns, of each
     * image drawn from the unlabeled pool; from one stream, weak then strong per image.
     */
    private FixMatch.Views fixMatchViews(float[] x, float[] y, int n, int unlabeled, SplittableRandom rngU, long globalStep) {
        Preprocessing pre = setup.pre();
        int side = pre.inputSize(), per = 3 * side * side;
        float[] scratch = new float[per], fill = pre.mean();
        float[] weak = new float[unlabeled * per], strong = new float[unlabeled * per];
        Augmenter strongAug = new Augmenter(recipe.semi().strongAugment());
        Recipe.Augment a = recipe.augment();
        Augmenter weakAug = new Augmenter(new Recipe.Augment(a.flip(), a.translate(), 0, 0, 0, 0));
        byte[] rawU = new byte[data.unlabeled().bytesPerImage()];
        int[] idx = BatchPlan.unlabeled(recipe.seed(), globalStep, unlabeled, data.unlabeled().count());
        for (int i = 0; i < unlabeled; i++) {
            float[] img = pre.pixels(data.unlabeled(), idx[i], rawU);
            float[] copy = img.clone();
            weakAug.apply(img, scratch, side, rngU, fill);
            pre.standardize(img, weak, i * per);
            strongAug.apply(copy, scratch, side, rngU, fill);
            pre.standardize(copy, strong, i * per);
        }
        return new FixMatch.Views(x, y, n, weak, strong, unlabeled, null);
    }
}
