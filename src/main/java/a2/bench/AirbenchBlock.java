package a2.bench;

import a2.data.ArrayImages;
import a2.model.Networks;
import a2.model.PatchWhitening;
import a2.model.Preprocessing;
import a2.recipe.Recipe;
import java.util.stream.IntStream;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;

/**
 * The airbench network of {@link Net#AIRBENCH}'s recipe for a timed {@link Throughput} block, built as
 * {@code a2.train} builds it for training: the same {@code Networks.build(recipe, classes, stepsPerEpoch, whitening)}
 * call, with a {@link PatchWhitening} fitted the way {@code a2.train.RunSetup} fits it ({@code Preprocessing.fit},
 * then {@code PatchWhitening.fit}), here on the synthetic batch file's images instead of the training split: the
 * filters' values do not matter for timing, their shape (2x2, 3 to 24 channels) does.
 */
public final class AirbenchBlock {
    /** How the synthetic standard-normal pixels become bytes: {@code 128 + 32 x}, clipped (x = +-4 at the ends). */
    static final double BYTE_CENTRE = 128, BYTE_SCALE = 32;

    private AirbenchBlock() {}

    /**
     * The recipe's network for the batch file's images, whose side must be the recipe's input size (32): the
     * whitening and the pools that follow are shaped for it, and the recipe trains at no other size.
     */
    public static MultiLayerNetwork network(Net net, SyntheticBatches data) {
        if (!net.airbench()) {
            throw new IllegalArgumentException("not an airbench network: " + net.id());
        }
        Recipe recipe = net.recipe();
        requireRecipeSide(recipe, data.side());
        return Networks.build(recipe, data.classes(), stepsPerEpoch(recipe), whitening(data));
    }

    /** Refuses a batch file of another side than the recipe's input, naming both. */
    static void requireRecipeSide(Recipe recipe, int side) {
        int want = recipe.data().inputSize();
        if (side != want) {
            throw new IllegalArgumentException("the airbench network is timed at " + want + "x" + want
                    + " only (recipe " + recipe.name() + "'s input size: its whitening and pools are shaped for it); "
                    + "the batch file holds " + side + "x" + side + " images");
        }
    }

    /**
     * The recipe's steps per epoch, which with its epochs set the learning-rate schedule's length: the schedule's value
     * at a step does not change the step's work, but the network is the one training builds. RunSetup falls back to
     * the split's size when a recipe gives none; the teacher recipe gives 32.
     */
    static int stepsPerEpoch(Recipe recipe) {
        int steps = recipe.budget().stepsPerEpoch();
        if (steps < 1) {
            throw new IllegalStateException("recipe " + recipe.name() + " sets no budget.stepsPerEpoch; the benchmark "
                    + "has no training split to derive it from");
        }
        return steps;
    }

    /** The whitening fitted on every image of the file, standardised as training standardises its images. */
    static PatchWhitening whitening(SyntheticBatches data) {
        ArrayImages images = asImages(data);
        int[] all = IntStream.range(0, images.count()).toArray();
        Preprocessing pre = Preprocessing.fit(images, all, data.side());
        return PatchWhitening.fit(images, all, pre, PatchWhitening.AIRBENCH_PATCH);
    }

    /** The file's float pixels as the unsigned bytes {@code Images} hold (the whitening's fit reads bytes, as training's does). */
    static ArrayImages asImages(SyntheticBatches data) {
        float[] x = data.pixels();
        byte[] b = new byte[x.length];
        for (int i = 0; i < x.length; i++) {
            b[i] = (byte) (int) Math.max(0, Math.min(255, Math.round(BYTE_CENTRE + BYTE_SCALE * x[i])));
        }
        return new ArrayImages(b, data.count(), data.side(), data.side());
    }
}
