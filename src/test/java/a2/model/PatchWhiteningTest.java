package a2.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import a2.data.ArrayImages;
import java.util.SplittableRandom;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class PatchWhiteningTest {
    private static final int SIDE = 8, PATCH = 2, DIM = 3 * PATCH * PATCH;

    /** Smooth, channel-correlated images: neighbouring pixels and the three channels are far from independent. */
    private static ArrayImages correlatedImages(int n, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        byte[] px = new byte[n * 3 * SIDE * SIDE];
        for (int i = 0; i < n; i++) {
            double base = r.nextDouble(40, 200);
            for (int y = 0; y < SIDE; y++) {
                for (int x = 0; x < SIDE; x++) {
                    double v = base + 30 * Math.sin((x + r.nextDouble()) / 3.0) + 20 * Math.cos(y / 2.5) + r.nextDouble(-8, 8);
                    for (int c = 0; c < 3; c++) {
                        double ch = v * (0.7 + 0.15 * c) + r.nextDouble(-4, 4);
                        px[((i * 3 + c) * SIDE + y) * SIDE + x] = (byte) Math.max(0, Math.min(255, Math.round(ch)));
                    }
                }
            }
        }
        return new ArrayImages(px, n, SIDE, SIDE);
    }

    @Test
    void thePositiveFiltersTurnPatchesIntoUnitVarianceUncorrelatedCoordinates() {
        ArrayImages images = correlatedImages(200, 7);
        int[] all = IntStream.range(0, images.count()).toArray();
        Preprocessing pre = Preprocessing.fit(images, all, SIDE);
        PatchWhitening w = PatchWhitening.fit(images, all, pre, PATCH);
        assertEquals(2 * DIM, w.outChannels());
        double[] lambda = w.eigenvalues();
        for (int k = 1; k < DIM; k++) {
            assertTrue(lambda[k - 1] >= lambda[k], "eigenvalues largest first");
        }
        assertTrue(lambda[0] > 100 * lambda[DIM - 1], "the fixture's patches are strongly correlated");

        // E[(W v)(W v)^T] over the same patches: diag(lambda / (lambda + eps)), i.e. the identity up to eps.
        float[] weights = w.weights();
        double[][] out = new double[DIM][DIM];
        long n = 0;
        float[] std = new float[3 * SIDE * SIDE];
        byte[] scratch = new byte[images.bytesPerImage()];
        for (int idx : all) {
            pre.standardize(pre.pixels(images, idx, scratch), std, 0);
            for (int y = 0; y + PATCH <= SIDE; y++) {
                for (int x = 0; x + PATCH <= SIDE; x++) {
                    double[] o = new double[DIM];
                    for (int k = 0; k < DIM; k++) {
                        int i = 0;
                        for (int c = 0; c < 3; c++) {
                            for (int dy = 0; dy < PATCH; dy++) {
                                for (int dx = 0; dx < PATCH; dx++) {
                                    o[k] += weights[k * DIM + i++] * std[c * SIDE * SIDE + (y + dy) * SIDE + x + dx];
                                }
                            }
                        }
                    }
                    for (int a = 0; a < DIM; a++) {
                        for (int b = 0; b < DIM; b++) {
                            out[a][b] += o[a] * o[b];
                        }
                    }
                    n++;
                }
            }
        }
        for (int a = 0; a < DIM; a++) {
            for (int b = 0; b < DIM; b++) {
                double expected = a == b ? lambda[a] / (lambda[a] + PatchWhitening.EPS) : 0;
                assertEquals(expected, out[a][b] / n, 2e-3, "whitened second moment at (" + a + ", " + b + ")");
            }
        }
    }

    @Test
    void theSecondHalfIsTheNegativeOfTheFirstAndTheFitIsAFunctionOfTheData() {
        ArrayImages images = correlatedImages(50, 11);
        int[] all = IntStream.range(0, images.count()).toArray();
        Preprocessing pre = Preprocessing.fit(images, all, SIDE);
        float[] a = PatchWhitening.fit(images, all, pre, PATCH).weights();
        for (int i = 0; i < DIM * DIM; i++) {
            assertEquals(-a[i], a[DIM * DIM + i]);
        }
        assertArrayEquals(a, PatchWhitening.fit(images, all, pre, PATCH).weights());
    }

    @Test
    void aKnownDiagonalMomentGivesScaledUnitVectors() {
        double[][] moment = new double[DIM][DIM];
        for (int i = 0; i < DIM; i++) {
            moment[i][i] = i + 1; // eigenvalue i+1 on axis i: largest is the last axis
        }
        PatchWhitening w = PatchWhitening.fromSecondMoment(moment, PATCH, 1);
        float[] weights = w.weights();
        assertEquals(DIM, w.eigenvalues()[0], 1e-12);
        // Filter 0 is the last axis, scaled by 1/sqrt(12 + eps), with a positive sign.
        assertEquals(1 / Math.sqrt(DIM + PatchWhitening.EPS), weights[DIM - 1], 1e-6);
        assertEquals(0, weights[0], 1e-7);
    }

    @Test
    void wrongSizesAreRefusedWithTheSizesInTheMessage() {
        var e = assertThrows(IllegalArgumentException.class, () -> new PatchWhitening(2, new double[3], new float[288], 1));
        assertTrue(e.getMessage().contains("12 eigenvalues"), e.getMessage());
    }
}
