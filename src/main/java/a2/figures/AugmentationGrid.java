package a2.figures;

import a2.augment.Augmenter;
import a2.recipe.Recipe;
import java.awt.Color;
import java.awt.image.BufferedImage;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Real images and what training makes of them: one row per image, the original first, then {@code versions}
 * draws of the recipe's own {@link Augmenter}, each with its own random stream split from one seed. Enlarged by
 * nearest neighbour so the pixels the network sees stay visible; a wider gap separates the original.
 *
 * @param versions     augmented copies per image
 * @param scale        screen pixels per image pixel
 * @param gap          pixels between images and around the grid
 * @param originalGap  pixels between the original and its first augmented copy
 */
public record AugmentationGrid(int versions, int scale, int gap, int originalGap) {
    public AugmentationGrid {
        if (versions < 1 || scale < 1 || gap < 0 || originalGap < gap) {
            throw new IllegalArgumentException("versions >= 1, scale >= 1, 0 <= gap <= originalGap required");
        }
    }

    /**
     * @param images  CHW floats in [0, 1], each {@code side x side}
     * @param fill    the per-channel colour cutout erases to (training uses the preprocessing mean)
     * @param seed    the one seed of the figure; row {@code r} uses the {@code r}-th split of it
     */
    public BufferedImage render(List<float[]> images, int side, Augmenter augmenter, float[] fill, long seed) {
        if (images.isEmpty()) {
            throw new IllegalArgumentException("no images");
        }
        int cell = side * scale;
        int width = 2 * gap + originalGap + (versions + 1) * cell + (versions - 1) * gap;
        int height = (images.size() + 1) * gap + images.size() * cell;
        BufferedImage out = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        fill(out, Color.WHITE);
        SplittableRandom root = new SplittableRandom(seed);
        float[] scratch = new float[3 * side * side];
        for (int r = 0; r < images.size(); r++) {
            float[] original = images.get(r);
            if (original.length != 3 * side * side) {
                throw new IllegalArgumentException("image " + r + " has " + original.length + " values, expected 3 x "
                        + side + " x " + side);
            }
            SplittableRandom rng = root.split();
            int y0 = gap + r * (cell + gap);
            draw(out, original, side, gap, y0);
            for (int v = 0; v < versions; v++) {
                float[] img = original.clone();
                augmenter.apply(img, scratch, side, rng, fill);
                draw(out, img, side, gap + cell + originalGap + v * (cell + gap), y0);
            }
        }
        return out;
    }

    /**
     * The recipe's augmentation for images of another resolution: shifts and the cutout square are in pixels, so
     * they are scaled by {@code toSide / fromSide} to keep their size relative to the image; zoom, rotation, flip
     * and colour are resolution-free and stay as they are.
     */
    public static Recipe.Augment atResolution(Recipe.Augment spec, int fromSide, int toSide) {
        double f = (double) toSide / fromSide;
        return new Recipe.Augment(spec.flip(), (int) Math.round(spec.translate() * f), spec.scale(), spec.rotateDegrees(),
                spec.colorJitter(), (int) Math.round(spec.cutout() * f), spec.randAugmentOps());
    }

    private void draw(BufferedImage out, float[] chw, int side, int x0, int y0) {
        int plane = side * side;
        for (int y = 0; y < side; y++) {
            for (int x = 0; x < side; x++) {
                int i = y * side + x;
                int rgb = toByte(chw[i]) << 16 | toByte(chw[plane + i]) << 8 | toByte(chw[2 * plane + i]);
                for (int dy = 0; dy < scale; dy++) {
                    for (int dx = 0; dx < scale; dx++) {
                        out.setRGB(x0 + x * scale + dx, y0 + y * scale + dy, rgb);
                    }
                }
            }
        }
    }

    static int toByte(float v) {
        return (int) Math.round(Math.max(0f, Math.min(1f, v)) * 255.0);
    }

    static void fill(BufferedImage img, Color c) {
        int rgb = c.getRGB() & 0xffffff;
        for (int y = 0; y < img.getHeight(); y++) {
            for (int x = 0; x < img.getWidth(); x++) {
                img.setRGB(x, y, rgb);
            }
        }
    }
}
