package a2.augment;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import a2.recipe.Recipe;
import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * RandAugment's operations with chosen parameters, against values worked out by hand from PIL's definitions
 * (ImageOps.autocontrast / equalize / posterize / solarize, ImageEnhance.Sharpness), and their draw in
 * {@link Augmenter}.
 */
class RandAugmentTest {
    static final int SIDE = 32, PLANE = SIDE * SIDE;

    static float[] constant(float v) {
        float[] img = new float[3 * PLANE];
        Arrays.fill(img, v);
        return img;
    }

    @Test
    void autoContrastStretchesEachChannelToTheFullRangeAndLeavesAFlatOneAlone() {
        float[] img = constant(0.5f);
        for (int i = 0; i < PLANE; i++) {
            img[i] = 0.2f + 0.4f * (i % 2); // red: 0.2 and 0.6 only
        }
        Transforms.autoContrast(img, SIDE, SIDE);
        assertEquals(0f, img[0]);
        assertEquals(1f, img[1]);
        assertEquals(0.5f, img[PLANE], "green is flat: unchanged");
    }

    @Test
    void equalizeSpreadsFourEquallyCommonLevelsAsPilDoes() {
        // 1,024 pixels, levels 0..3, 256 each: step = (1024 - 256) / 255 = 3, lut = (1 + pixels below) / 3
        // = 0, 257 / 3 = 85, 513 / 3 = 171, 769 / 3 = 256 -> 255.
        float[] img = constant(0.5f);
        for (int i = 0; i < PLANE; i++) {
            img[i] = (i % 4) / 255f;
        }
        Transforms.equalize(img, SIDE, SIDE);
        assertEquals(0f, img[0]);
        assertEquals(85 / 255f, img[1]);
        assertEquals(171 / 255f, img[2]);
        assertEquals(1f, img[3]);
        assertEquals(0.5f, img[PLANE], "one occupied level: unchanged");
    }

    @Test
    void posterizeKeepsTheTopBitsOfTheLevel() {
        float[] img = {183 / 255f, 1f, 0f};
        Transforms.posterize(img, 4);
        assertArrayEquals(new float[] {176 / 255f, 240 / 255f, 0f}, img); // 1011 0111 -> 1011 0000
        float[] same = {183 / 255f};
        Transforms.posterize(same, 8);
        assertEquals(183 / 255f, same[0]);
    }

    @Test
    void solarizeInvertsOnlyValuesAtOrAboveTheThreshold() {
        float[] img = {0.3f, 0.5f, 0.75f};
        Transforms.solarize(img, 0.5);
        assertArrayEquals(new float[] {0.3f, 0.5f, 0.25f}, img);
        float[] all = {0f, 0.25f};
        Transforms.solarize(all, 0);
        assertArrayEquals(new float[] {1f, 0.75f}, all);
    }

    @Test
    void sharpnessBlendsWithPilsSmoothKernelAndKeepsTheBorder() {
        float[] img = constant(0f), scratch = new float[img.length];
        img[5 * SIDE + 5] = 1f; // one bright interior pixel
        img[0] = 1f; // and one in the corner, which PIL's filter does not touch
        float[] unchanged = img.clone();
        Transforms.sharpness(unchanged, scratch, SIDE, SIDE, 1);
        assertArrayEquals(img, unchanged, "factor 1 is the identity");
        Transforms.sharpness(img, scratch, SIDE, SIDE, 0);
        assertEquals(5 / 13f, img[5 * SIDE + 5], 1e-6f, "centre weight 5 of 13");
        assertEquals(1 / 13f, img[4 * SIDE + 6], 1e-6f, "a neighbour gets weight 1 of 13");
        assertEquals(1f, img[0], "border pixels keep their value");
    }

    @Test
    void shearMovesRowsInProportionToTheirDistanceFromTheCentreRow() {
        int side = 15, plane = side * side; // odd: the centre row is row 7 exactly
        float[] img = new float[3 * plane], out = new float[img.length];
        for (int i = 0; i < img.length; i++) {
            img[i] = (i * 37 % 101) / 100f;
        }
        Transforms.shear(img, out, side, side, 0, 0);
        assertArrayEquals(img, out, "no shear: the identity");
        Transforms.shear(img, out, side, side, 1 / 7.0, 0);
        for (int x = 0; x < side - 1; x++) {
            assertEquals(img[7 * side + x], out[7 * side + x], 1e-6f, "the centre row stays");
            // Row 0 lies 7 rows above the centre: it samples one pixel to the right, so its content moves left by one.
            assertEquals(img[x + 1], out[x], 1e-6f, "row 0, column " + x);
        }
        Transforms.shear(img, out, side, side, 0, 1 / 7.0);
        for (int y = 0; y < side - 1; y++) {
            assertEquals(img[y * side + 7], out[y * side + 7], 1e-6f, "the centre column stays");
            assertEquals(img[(y + 1) * side], out[y * side], 1e-6f, "column 0, row " + y);
        }
    }

    @Test
    void everyOperationKeepsValuesInTheUnitRangeAndAllButIdentityChangeARandomImage() {
        for (RandAugmentOp op : RandAugmentOp.values()) {
            for (double m : new double[] {0, 0.5, 0.999}) {
                float[] img = TransformsTest.random(3 * PLANE, 11), before = img.clone();
                op.apply(img, new float[img.length], SIDE, m);
                for (float v : img) {
                    assertTrue(v >= 0 && v <= 1, op + " at " + m + ": " + v);
                }
                // Posterize at 8 bits rounds to the 256 levels only; shear at 0 (m = 0.5) is the identity.
                boolean identity = op == RandAugmentOp.IDENTITY || op.name().startsWith("SHEAR") && m == 0.5;
                assertEquals(identity, Arrays.equals(img, before), op + " at " + m);
            }
        }
    }

    @Test
    void theAugmenterDrawsTwiceForEachOperationAndNotAtAllWithoutThem() {
        Recipe.Augment without = new Recipe.Augment(true, 2, 0.1, 10, 0.2, 6, 0);
        Recipe.Augment with = new Recipe.Augment(true, 2, 0.1, 10, 0.2, 6, 2);
        assertEquals(without, new Recipe.Augment(true, 2, 0.1, 10, 0.2, 6), "six arguments: RandAugment off");
        float[] a = AugmenterTest.augmented(with, 7), b = AugmenterTest.augmented(with, 7);
        assertArrayEquals(a, b, "the same random source state gives the same image");
        assertFalse(Arrays.equals(a, AugmenterTest.augmented(without, 7)));
        // Two operations take two draws each (which, how strongly), no more.
        SplittableRandom r0 = new SplittableRandom(3), r2 = new SplittableRandom(3);
        float[] img = new float[3 * AugmenterTest.SIDE * AugmenterTest.SIDE];
        new Augmenter(without).apply(img.clone(), new float[img.length], AugmenterTest.SIDE, r0, AugmenterTest.FILL);
        new Augmenter(with).apply(img.clone(), new float[img.length], AugmenterTest.SIDE, r2, AugmenterTest.FILL);
        r0.nextInt(1);
        r0.nextDouble();
        r0.nextInt(1);
        r0.nextDouble();
        assertEquals(r0.nextLong(), r2.nextLong(), "both sources at the same position once r0 skips four draws");
    }

    @Test
    void theRecipesBoundOnOperationsIsTheNumberOfOperations() {
        assertEquals(RandAugmentOp.values().length, Recipe.Augment.RAND_AUGMENT_OPS);
    }
}
