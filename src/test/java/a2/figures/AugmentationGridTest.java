package a2.figures;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import a2.augment.Augmenter;
import a2.recipe.Recipe;
import java.awt.image.BufferedImage;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class AugmentationGridTest {
    static final int SIDE = 12;
    static final Recipe.Augment SPEC = new Recipe.Augment(true, 2, 0.1, 10, 0.2, 4);

    static float[] image(long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        float[] img = new float[3 * SIDE * SIDE];
        for (int i = 0; i < img.length; i++) {
            img[i] = (float) r.nextDouble();
        }
        return img;
    }

    @Test
    void layoutAndTheOriginalColumnShowTheInputPixelsEnlarged() {
        List<float[]> imgs = List.of(image(1), image(2), image(3));
        AugmentationGrid grid = new AugmentationGrid(4, 3, 2, 8);
        BufferedImage out = grid.render(imgs, SIDE, new Augmenter(SPEC), new float[] {0.5f, 0.5f, 0.5f}, 42);
        int cell = SIDE * 3;
        assertEquals(2 + cell + 8 + 4 * cell + 3 * 2 + 2, out.getWidth());
        assertEquals(3 * cell + 4 * 2, out.getHeight());
        float[] second = imgs.get(1);
        int plane = SIDE * SIDE, y = 5, x = 7, i = y * SIDE + x;
        int expected = AugmentationGrid.toByte(second[i]) << 16 | AugmentationGrid.toByte(second[plane + i]) << 8
                | AugmentationGrid.toByte(second[2 * plane + i]);
        int top = 2 + (cell + 2); // second row
        for (int d = 0; d < 3; d++) {
            assertEquals(expected, out.getRGB(2 + x * 3 + d, top + y * 3 + d) & 0xffffff);
        }
        assertEquals(0xffffff, out.getRGB(2 + cell + 4, 10) & 0xffffff, "the wider gap after the original is blank");
    }

    /** The augmented cells are what the recipe's Augmenter makes of the image with the row's random stream. */
    @Test
    void augmentedCellsAreTheAugmentersOutputForTheSplitStream() {
        float[] img = image(5);
        float[] fill = {0.1f, 0.2f, 0.3f};
        BufferedImage out = new AugmentationGrid(2, 1, 0, 0).render(List.of(img), SIDE, new Augmenter(SPEC), fill, 99);
        SplittableRandom rng = new SplittableRandom(99).split();
        float[] expected = img.clone();
        new Augmenter(SPEC).apply(expected, new float[expected.length], SIDE, rng, fill);
        float[] second = img.clone();
        new Augmenter(SPEC).apply(second, new float[expected.length], SIDE, rng, fill);
        for (int y = 0; y < SIDE; y++) {
            for (int x = 0; x < SIDE; x++) {
                int i = y * SIDE + x, plane = SIDE * SIDE;
                assertEquals(AugmentationGrid.toByte(expected[i]) << 16 | AugmentationGrid.toByte(expected[plane + i]) << 8
                        | AugmentationGrid.toByte(expected[2 * plane + i]), out.getRGB(SIDE + x, y) & 0xffffff);
                assertEquals(AugmentationGrid.toByte(second[i]) << 16 | AugmentationGrid.toByte(second[plane + i]) << 8
                        | AugmentationGrid.toByte(second[2 * plane + i]), out.getRGB(2 * SIDE + x, y) & 0xffffff);
            }
        }
    }

    @Test
    void sameSeedSamePngOtherSeedOtherPicture() {
        List<float[]> imgs = List.of(image(1), image(2));
        AugmentationGrid grid = new AugmentationGrid(3, 2, 1, 4);
        float[] fill = {0.5f, 0.5f, 0.5f};
        byte[] a = Png.encode(grid.render(imgs, SIDE, new Augmenter(SPEC), fill, 7));
        byte[] b = Png.encode(grid.render(imgs, SIDE, new Augmenter(SPEC), fill, 7));
        byte[] c = Png.encode(grid.render(imgs, SIDE, new Augmenter(SPEC), fill, 8));
        assertArrayEquals(a, b);
        assertFalse(java.util.Arrays.equals(a, c));
    }

    @Test
    void pixelSizedParametersScaleWithResolution() {
        Recipe.Augment cifar = new Recipe.Augment(true, 4, 0.1, 10, 0.2, 12);
        Recipe.Augment stl = AugmentationGrid.atResolution(cifar, 32, 96);
        assertEquals(12, stl.translate());
        assertEquals(36, stl.cutout());
        assertEquals(cifar.scale(), stl.scale());
        assertEquals(cifar.rotateDegrees(), stl.rotateDegrees());
        assertEquals(cifar.colorJitter(), stl.colorJitter());
        assertEquals(cifar.flip(), stl.flip());
    }
}
