package a2.augment;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;

/** Each transform with chosen parameters, on small images whose expected output can be written down. */
class TransformsTest {
    static final int H = 6, W = 8, PLANE = H * W;

    /** A CHW image with distinct, channel-dependent values in [0, 1]. */
    static float[] ramp() {
        float[] img = new float[3 * PLANE];
        for (int c = 0; c < 3; c++) {
            for (int i = 0; i < PLANE; i++) {
                img[c * PLANE + i] = (float) ((i * 7 + c * 13) % 97) / 96f;
            }
        }
        return img;
    }

    static float[] random(int n, long seed) {
        Random rng = new Random(seed);
        float[] img = new float[n];
        for (int i = 0; i < n; i++) {
            img[i] = rng.nextFloat();
        }
        return img;
    }

    static float at(float[] img, int c, int row, int col) {
        return img[c * PLANE + row * W + col];
    }

    @Test
    void reflectMirrorsWithoutRepeatingTheEdge() {
        assertEquals(0.0, Transforms.reflect(0, 5));
        assertEquals(4.0, Transforms.reflect(4, 5));
        assertEquals(1.0, Transforms.reflect(-1, 5));
        assertEquals(3.0, Transforms.reflect(5, 5));
        assertEquals(2.5, Transforms.reflect(-2.5, 5));
        assertEquals(3.5, Transforms.reflect(4.5, 5));
        assertEquals(2.0, Transforms.reflect(10, 5)); // one period (8) on: 2
        assertEquals(2.0, Transforms.reflect(-6, 5)); // -6 -> 6 -> 2
        assertEquals(0.0, Transforms.reflect(-3.7, 1));
        for (double v = -20; v <= 20; v += 0.25) {
            double r = Transforms.reflect(v, 6);
            assertTrue(r >= 0 && r <= 5, v + " -> " + r);
        }
    }

    @Test
    void theIdentityAffineReturnsTheInputExactly() {
        float[] src = ramp(), dst = new float[src.length];
        Transforms.affine(src, dst, H, W, false, 0, 0, 1, 0);
        assertArrayEquals(src, dst);
    }

    @Test
    void flippingTwiceIsTheIdentityAndOnceMirrorsColumns() {
        float[] src = ramp(), once = new float[src.length], twice = new float[src.length];
        Transforms.affine(src, once, H, W, true, 0, 0, 1, 0);
        Transforms.affine(once, twice, H, W, true, 0, 0, 1, 0);
        assertArrayEquals(src, twice);
        for (int c = 0; c < 3; c++) {
            for (int y = 0; y < H; y++) {
                for (int x = 0; x < W; x++) {
                    assertEquals(at(src, c, y, W - 1 - x), at(once, c, y, x));
                }
            }
        }
    }

    @Test
    void aOnePixelShiftMovesAKnownPixelRightAndDown() {
        float[] src = new float[3 * PLANE], dst = new float[src.length];
        src[0 * PLANE + 2 * W + 3] = 1f; // red at row 2, col 3
        Transforms.affine(src, dst, H, W, false, 1, 0, 1, 0);
        assertEquals(1f, at(dst, 0, 2, 4), "dx = +1 moves content right");
        assertEquals(0f, at(dst, 0, 2, 3));
        assertEquals(1f, sum(dst), 1e-6, "nothing else lit");

        Transforms.affine(src, dst, H, W, false, 0, 1, 1, 0);
        assertEquals(1f, at(dst, 0, 3, 3), "dy = +1 moves content down");
        assertEquals(1f, sum(dst), 1e-6);
    }

    @Test
    void aShiftFillsTheBorderByReflectionNotBlack() {
        float[] src = ramp(), dst = new float[src.length];
        Transforms.affine(src, dst, H, W, false, 1, 0, 1, 0);
        for (int y = 0; y < H; y++) {
            // Output column 0 reads source column -1, reflected to 1.
            assertEquals(at(src, 1, y, 1), at(dst, 1, y, 0));
        }
    }

    @Test
    void aQuarterTurnIsExactAndTurnsClockwiseAsDisplayed() {
        int n = 5, plane = n * n;
        float[] src = new float[3 * plane], dst = new float[src.length];
        src[2 * n + 0] = 1f; // red, middle row, left edge
        Transforms.affine(src, dst, n, n, false, 0, 0, 1, 90);
        // With rows growing downwards, the left-edge pixel ends at the top edge: clockwise on screen.
        assertEquals(1f, dst[0 * n + 2], 1e-6);
        float total = 0;
        for (int i = 0; i < plane; i++) {
            total += dst[i];
        }
        assertEquals(1f, total, 1e-5);
    }

    @Test
    void cutoutErasesExactlyTheClippedSquare() {
        float[] img = ramp(), before = img.clone();
        float[] fill = {0.25f, 0.5f, 0.75f};
        // size 4 centred at (1, 6): rows -1..2 -> 0..2, cols 4..7
        Transforms.cutout(img, H, W, 1, 6, 4, fill);
        for (int c = 0; c < 3; c++) {
            for (int y = 0; y < H; y++) {
                for (int x = 0; x < W; x++) {
                    boolean inside = y <= 2 && x >= 4;
                    assertEquals(inside ? fill[c] : at(before, c, y, x), at(img, c, y, x), c + "," + y + "," + x);
                }
            }
        }
    }

    @Test
    void colorJitterWithFactorsOneIsTheIdentity() {
        float[] img = random(3 * PLANE, 1), before = img.clone();
        Transforms.colorJitter(img, H, W, 1, 1, 1);
        assertArrayEquals(before, img, 1e-6f);
    }

    @Test
    void colorJitterStaysInTheUnitRange() {
        Random rng = new Random(3);
        for (int trial = 0; trial < 50; trial++) {
            float[] img = random(3 * PLANE, trial);
            Transforms.colorJitter(img, H, W, 0.5 + rng.nextDouble(), 0.5 + rng.nextDouble(), 0.5 + rng.nextDouble());
            for (float v : img) {
                assertTrue(v >= 0f && v <= 1f, "value " + v + " in trial " + trial);
            }
        }
    }

    @Test
    void colorJitterSaturationZeroGivesGrey() {
        float[] img = random(3 * PLANE, 9);
        Transforms.colorJitter(img, H, W, 1, 1, 0);
        for (int i = 0; i < PLANE; i++) {
            assertEquals(img[i], img[PLANE + i], 1e-6);
            assertEquals(img[i], img[2 * PLANE + i], 1e-6);
        }
    }

    @Test
    void toFloatScalesBytesAndKeepsTheSizeWhenNoResizeIsAsked() {
        byte[] chw = new byte[3 * 4 * 4 + 5];
        chw[5] = (byte) 255;
        chw[6] = (byte) 51;
        float[] f = Transforms.toFloat(chw, 5, 4, 4, 4);
        assertEquals(48, f.length);
        assertEquals(1f, f[0]);
        assertEquals(0.2f, f[1], 1e-6);
    }

    @Test
    void resizing96To48KeepsAConstantImageConstant() {
        byte[] chw = new byte[3 * 96 * 96];
        for (int c = 0; c < 3; c++) {
            java.util.Arrays.fill(chw, c * 9216, (c + 1) * 9216, (byte) (40 + 80 * c));
        }
        float[] f = Transforms.toFloat(chw, 0, 96, 96, 48);
        assertEquals(3 * 48 * 48, f.length);
        for (int c = 0; c < 3; c++) {
            for (int i = 0; i < 48 * 48; i++) {
                assertEquals((40 + 80 * c) / 255f, f[c * 48 * 48 + i], 1e-6);
            }
        }
    }

    @Test
    void resizing96To48AveragesEachTwoByTwoBlock() {
        Random rng = new Random(4);
        byte[] chw = new byte[3 * 96 * 96];
        rng.nextBytes(chw);
        float[] f = Transforms.toFloat(chw, 0, 96, 96, 48);
        for (int c = 0; c < 3; c++) {
            for (int y = 0; y < 48; y++) {
                for (int x = 0; x < 48; x++) {
                    int b = c * 9216;
                    double mean = ((chw[b + 2 * y * 96 + 2 * x] & 0xff) + (chw[b + 2 * y * 96 + 2 * x + 1] & 0xff)
                            + (chw[b + (2 * y + 1) * 96 + 2 * x] & 0xff) + (chw[b + (2 * y + 1) * 96 + 2 * x + 1] & 0xff))
                            / 4.0 / 255.0;
                    assertEquals(mean, f[c * 48 * 48 + y * 48 + x], 1e-6, c + "," + y + "," + x);
                }
            }
        }
    }

    @Test
    void resizing96To64StaysInRangeAndKeepsAConstantImageConstant() {
        byte[] chw = new byte[3 * 96 * 96];
        java.util.Arrays.fill(chw, (byte) 200);
        float[] f = Transforms.toFloat(chw, 0, 96, 96, 64);
        assertEquals(3 * 64 * 64, f.length);
        for (float v : f) {
            assertEquals(200 / 255f, v, 1e-6);
        }
    }

    static float sum(float[] a) {
        float s = 0;
        for (float v : a) {
            s += v;
        }
        return s;
    }
}
