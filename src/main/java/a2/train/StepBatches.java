package a2.train;

import a2.augment.Augmenter;
import a2.data.Dataset;
import a2.model.Preprocessing;
import a2.recipe.Recipe;
import java.util.SplittableRandom;

/**
 * The images of one step, augmented and standardised: labeled (true or self-training pseudo labels, one-hot) and,
 * for the methods that draw unlabeled images every step, their views ({@link SemiMethod#unlabeledViews}: Noisy
 * Student's strong views of the teacher's pool, FixMatch's weak and strong view of each image drawn). Unlabeled views draw from
 * their own random stream, so the labeled part of every step is the supervised baseline's. Every draw is a function
 * of (seed, epoch, step): the prefetch thread prepares steps ahead, and a resumed run prepares the same ones.
 */
final class StepBatches {
    private final Recipe recipe;
    private final Dataset data;
    private final RunSetup setup;
    private final SemiMethod method;

    StepBatches(Recipe recipe, Dataset data, RunSetup setup, SemiMethod method) {
        this.recipe = recipe;
        this.data = data;
        this.setup = setup;
        this.method = method;
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
        return method.unlabeledViews(new FixMatch.Views(x, y, n, null, null, 0, null), unlabeled, rngU, globalStep);
    }
}
