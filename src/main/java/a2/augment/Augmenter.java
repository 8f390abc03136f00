package a2.augment;

import a2.recipe.Recipe;
import java.util.SplittableRandom;

/**
 * Draws the random parameters of each transform from a caller-provided random source and applies them in a
 * fixed order: geometry (flip, shift, zoom, rotation; one resampling), colour, RandAugment's operations if the
 * spec asks for them, cutout. Given the same random source state the output is identical, so a batch's
 * augmentation is a function of (seed, epoch, batch). A spec without RandAugment draws exactly what it drew before
 * the operations existed, so older recipes still train to the same bits.
 */
public final class Augmenter {
    private static final RandAugmentOp[] OPS = RandAugmentOp.values();
    private final Recipe.Augment spec;

    public Augmenter(Recipe.Augment spec) {
        this.spec = spec;
    }

    /** Augments {@code img} (CHW float in [0, 1], side x side) in place; {@code scratch} has the same length. */
    public void apply(float[] img, float[] scratch, int side, SplittableRandom rng, float[] cutoutFill) {
        boolean flip = spec.flip() && rng.nextBoolean();
        double dx = uniform(rng, spec.translate()), dy = uniform(rng, spec.translate());
        double scale = 1 + uniform(rng, spec.scale());
        double degrees = uniform(rng, spec.rotateDegrees());
        if (flip || dx != 0 || dy != 0 || scale != 1 || degrees != 0) {
            Transforms.affine(img, scratch, side, side, flip, Math.rint(dx), Math.rint(dy), scale, degrees);
            System.arraycopy(scratch, 0, img, 0, img.length);
        }
        if (spec.colorJitter() > 0) {
            Transforms.colorJitter(img, side, side, 1 + uniform(rng, spec.colorJitter()),
                    1 + uniform(rng, spec.colorJitter()), 1 + uniform(rng, spec.colorJitter()));
        }
        for (int i = 0; i < spec.randAugmentOps(); i++) {
            RandAugmentOp op = OPS[rng.nextInt(OPS.length)];
            op.apply(img, scratch, side, rng.nextDouble());
        }
        if (spec.cutout() > 0) {
            Transforms.cutout(img, side, side, rng.nextInt(side), rng.nextInt(side), spec.cutout(), cutoutFill);
        }
    }

    /** Uniform in [-max, max]; exactly 0 when max is 0, without consuming randomness differently. */
    private static double uniform(SplittableRandom rng, double max) {
        double u = rng.nextDouble() * 2 - 1;
        return max == 0 ? 0 : u * max;
    }
}
