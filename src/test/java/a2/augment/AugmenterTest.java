package a2.augment;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import a2.recipe.Recipe;
import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The augmentation of one image is a function of the random source's state, and of nothing else. */
class AugmenterTest {
    static final int SIDE = 16;
    static final Recipe.Augment STRONG = new Recipe.Augment(true, 2, 0.1, 10, 0.2, 6);
    static final float[] FILL = {0.5f, 0.4f, 0.3f};

    static float[] augmented(Recipe.Augment spec, long seed) {
        float[] img = TransformsTest.random(3 * SIDE * SIDE, 42);
        new Augmenter(spec).apply(img, new float[img.length], SIDE, new SplittableRandom(seed), FILL);
        return img;
    }

    @Test
    void theSameSeedGivesIdenticalOutputAndAnotherSeedDoesNot() {
        float[] a = augmented(STRONG, 7), b = augmented(STRONG, 7), c = augmented(STRONG, 8);
        assertArrayEquals(a, b);
        assertFalse(Arrays.equals(a, c));
        for (float v : a) {
            assertTrue(v >= 0 && v <= 1, "in [0, 1]: " + v);
        }
    }

    @Test
    void aSpecThatDoesNothingLeavesTheImageUntouched() {
        Recipe.Augment none = new Recipe.Augment(false, 0, 0, 0, 0, 0);
        float[] original = TransformsTest.random(3 * SIDE * SIDE, 42);
        assertArrayEquals(original, augmented(none, 7));
        assertArrayEquals(original, augmented(none, 8));
    }

    @Test
    void aZeroGeometricRangeStillConsumesItsDraw() {
        // So turning shift, zoom or rotation off does not reshuffle the colour and cutout draws that follow.
        SplittableRandom a = new SplittableRandom(3), b = new SplittableRandom(3);
        float[] img = new float[3 * SIDE * SIDE];
        new Augmenter(new Recipe.Augment(true, 2, 0.1, 10, 0.2, 6)).apply(img, new float[img.length], SIDE, a, FILL);
        new Augmenter(new Recipe.Augment(true, 0, 0, 0, 0.2, 6)).apply(img, new float[img.length], SIDE, b, FILL);
        assertTrue(a.nextLong() == b.nextLong(), "both random sources are at the same position afterwards");
    }
}
