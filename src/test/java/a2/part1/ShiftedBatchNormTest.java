package a2.part1;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import a2.part1.ShiftedBatchNorm.Backward;
import a2.part1.ShiftedBatchNorm.Forward;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Checks section 1.2 of the writeup: the compact dE/dx and dE/dbeta against finite differences. */
class ShiftedBatchNormTest {
    private static final long SEED = 20160302L;
    private static final double H = 1e-6;
    private static final double TOL = 1e-6;

    /** A non-linear loss of the output: E = sum w z + sum c z^3 / 3, so dE/dz = w + c z^2. */
    private record Loss(double[][] w, double[][] c) {
        static Loss random(int m, int d, Random random) {
            return new Loss(gaussian(m, d, 1, 0, random), gaussian(m, d, 0.5, 0, random));
        }

        double value(Forward f) {
            double e = 0;
            for (int i = 0; i < w.length; i++) {
                for (int j = 0; j < w[i].length; j++) {
                    double z = f.z()[i][j];
                    e += w[i][j] * z + c[i][j] * z * z * z / 3;
                }
            }
            return e;
        }

        double[][] dEdz(Forward f) {
            double[][] g = new double[w.length][w[0].length];
            for (int i = 0; i < w.length; i++) {
                for (int j = 0; j < w[i].length; j++) {
                    double z = f.z()[i][j];
                    g[i][j] = w[i][j] + c[i][j] * z * z;
                }
            }
            return g;
        }
    }

    /** Columns with different offsets and spreads, as the inputs of a real layer have. */
    static double[][] gaussian(int m, int d, double scale, double offset, Random random) {
        double[][] x = new double[m][d];
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < d; j++) {
                x[i][j] = offset * (j - 1) + scale * (1 + j) * random.nextGaussian();
            }
        }
        return x;
    }

    static double[] gaussian(int d, Random random) {
        double[] v = new double[d];
        for (int j = 0; j < d; j++) {
            v[j] = random.nextGaussian();
        }
        return v;
    }

    private static void assertClose(double expected, double actual, String what) {
        assertEquals(expected, actual, TOL * Math.max(1.0, Math.abs(expected)), what);
    }

    @ParameterizedTest
    @CsvSource({"2, 3, 1e-5", "3, 3, 0.1", "8, 4, 1e-5", "8, 4, 0", "32, 2, 1e-3"})
    void gradientsMatchCentralFiniteDifferences(int m, int d, double eps) {
        Random random = new Random(SEED + 31L * m + d);
        double[][] x = gaussian(m, d, 1.5, 2.0, random);
        double[] beta = gaussian(d, random);
        Loss loss = Loss.random(m, d, random);
        Forward f = ShiftedBatchNorm.forward(x, beta, eps);
        Backward g = ShiftedBatchNorm.backward(f, loss.dEdz(f));
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < d; j++) {
                double keep = x[i][j];
                x[i][j] = keep + H;
                double plus = loss.value(ShiftedBatchNorm.forward(x, beta, eps));
                x[i][j] = keep - H;
                double minus = loss.value(ShiftedBatchNorm.forward(x, beta, eps));
                x[i][j] = keep;
                assertClose((plus - minus) / (2 * H), g.dEdx()[i][j], "dE/dx[" + i + "][" + j + "]");
            }
        }
        for (int j = 0; j < d; j++) {
            double keep = beta[j];
            beta[j] = keep + H;
            double plus = loss.value(ShiftedBatchNorm.forward(x, beta, eps));
            beta[j] = keep - H;
            double minus = loss.value(ShiftedBatchNorm.forward(x, beta, eps));
            beta[j] = keep;
            assertClose((plus - minus) / (2 * H), g.dEdBeta()[j], "dE/dbeta[" + j + "]");
        }
    }

    @Test
    void forwardNormalisesEachColumnAndShiftsIt() {
        Random random = new Random(SEED);
        int m = 10;
        int d = 3;
        double eps = 1e-2;
        double[][] x = gaussian(m, d, 2.0, 5.0, random);
        double[] beta = {0.5, -1.0, 2.0};
        Forward f = ShiftedBatchNorm.forward(x, beta, eps);
        for (int j = 0; j < d; j++) {
            double mean = 0;
            double square = 0;
            for (int i = 0; i < m; i++) {
                mean += f.y()[i][j] / m;
                square += f.y()[i][j] * f.y()[i][j] / m;
                assertEquals(f.y()[i][j] + beta[j], f.z()[i][j], 0.0);
                assertEquals((x[i][j] - f.mean()[j]) / Math.sqrt(f.variance()[j] + eps), f.y()[i][j], 1e-12);
            }
            assertEquals(0.0, mean, 1e-12);
            // Biased variance of y is var / (var + eps): below 1 by the share eps takes.
            assertEquals(f.variance()[j] / (f.variance()[j] + eps), square, 1e-12);
            assertEquals(1.0 / Math.sqrt(f.variance()[j] + eps), f.invStd()[j], 1e-15);
        }
        assertArrayEquals(beta, f.beta());
    }

    @Test
    void gradientIsOrthogonalToConstantsAndWithoutEpsToTheNormalisedValues() {
        Random random = new Random(SEED + 7);
        int m = 6;
        int d = 3;
        double[][] x = gaussian(m, d, 1.0, 1.0, random);
        double[][] g = gaussian(m, d, 1.0, 0.0, random);
        for (double eps : new double[] {0.0, 0.5}) {
            Forward f = ShiftedBatchNorm.forward(x, gaussian(d, random), eps);
            Backward b = ShiftedBatchNorm.backward(f, g);
            for (int j = 0; j < d; j++) {
                double sum = 0;
                double alongY = 0;
                double sumG = 0;
                double sumGy = 0;
                for (int i = 0; i < m; i++) {
                    sum += b.dEdx()[i][j];
                    alongY += b.dEdx()[i][j] * f.y()[i][j];
                    sumG += g[i][j];
                    sumGy += g[i][j] * f.y()[i][j];
                }
                // Shifting a column by a constant leaves y unchanged.
                assertEquals(0.0, sum, 1e-12);
                // Scaling the centred column changes y only through eps: sum_i y_i dE/dx_i = invStd eps/(var+eps) sum g y.
                double expected = f.invStd()[j] * eps / (f.variance()[j] + eps) * sumGy;
                assertEquals(expected, alongY, 1e-12);
                assertEquals(sumG, b.dEdBeta()[j], 1e-12);
            }
        }
    }

    @Test
    void theShiftDoesNotChangeDEdxForTheSameUpstreamGradient() {
        Random random = new Random(SEED + 11);
        double[][] x = gaussian(5, 2, 1.0, 0.0, random);
        double[][] g = gaussian(5, 2, 1.0, 0.0, random);
        Forward unshifted = ShiftedBatchNorm.forward(x, 1e-5);
        Forward shifted = ShiftedBatchNorm.forward(x, new double[] {3.0, -7.0}, 1e-5);
        assertArrayEquals(new double[2], unshifted.beta());
        double[][] a = ShiftedBatchNorm.backward(unshifted, g).dEdx();
        double[][] b = ShiftedBatchNorm.backward(shifted, g).dEdx();
        for (int i = 0; i < a.length; i++) {
            assertArrayEquals(a[i], b[i], 0.0);
        }
    }

    @Test
    void aBatchOfOneNormalisesToZeroAndPassesNoGradientToX() {
        double[][] x = {{3.5, -2.0, 1e6}};
        double[] beta = {0.25, -0.5, 4.0};
        double[][] g = {{1.5, -3.0, 0.7}};
        Forward f = ShiftedBatchNorm.forward(x, beta, ShiftedBatchNorm.DEFAULT_EPS);
        assertArrayEquals(new double[] {0, 0, 0}, f.y()[0], 0.0);
        assertArrayEquals(beta, f.z()[0], 0.0);
        assertArrayEquals(new double[] {0, 0, 0}, f.variance(), 0.0);
        Backward b = ShiftedBatchNorm.backward(f, g);
        assertArrayEquals(new double[] {0, 0, 0}, b.dEdx()[0], 0.0);
        assertArrayEquals(g[0], b.dEdBeta(), 0.0);
        // E is constant in x, so a finite difference is exactly 0 too.
        Loss loss = new Loss(g, new double[1][3]);
        for (int j = 0; j < 3; j++) {
            double keep = x[0][j];
            x[0][j] = keep + 0.5;
            double moved = loss.value(ShiftedBatchNorm.forward(x, beta, ShiftedBatchNorm.DEFAULT_EPS));
            x[0][j] = keep;
            assertEquals(loss.value(f), moved, 0.0);
        }
    }

    @Test
    void aConstantColumnNormalisesToZeroButStillPassesAGradientAmplifiedByOneOverSqrtEps() {
        // Unlike m = 1, moving one entry of a constant column moves it away from the mean: dy_i/dx_i is
        // (1 - 1/m) / sqrt(eps) at first order, while the variance only changes at second order.
        double eps = 1e-5;
        double[][] x = {{2.0, 1.0}, {2.0, 4.0}, {2.0, -3.0}};
        double[] beta = {0.5, 0.0};
        double[][] g = {{1, 1}, {2, -1}, {-4, 0.5}};
        Forward f = ShiftedBatchNorm.forward(x, beta, eps);
        Backward b = ShiftedBatchNorm.backward(f, g);
        double meanG = (1 + 2 - 4) / 3.0;
        Loss loss = new Loss(g, new double[3][2]);
        for (int i = 0; i < 3; i++) {
            assertEquals(0.0, f.y()[i][0]);
            assertEquals(0.5, f.z()[i][0]);
            assertEquals((g[i][0] - meanG) / Math.sqrt(eps), b.dEdx()[i][0], 1e-9);
            double keep = x[i][0];
            x[i][0] = keep + H;
            double plus = loss.value(ShiftedBatchNorm.forward(x, beta, eps));
            x[i][0] = keep - H;
            double minus = loss.value(ShiftedBatchNorm.forward(x, beta, eps));
            x[i][0] = keep;
            assertClose((plus - minus) / (2 * H), b.dEdx()[i][0], "dE/dx[" + i + "][0]");
        }
        assertEquals(-1.0, b.dEdBeta()[0]);
    }

    @Test
    void zeroEpsWithAConstantColumnIsRejectedWithTheReason() {
        IllegalArgumentException single = assertThrows(IllegalArgumentException.class,
                () -> ShiftedBatchNorm.forward(new double[][] {{1.0}}, 0.0));
        assertTrue(single.getMessage().contains("0/0"), single.getMessage());
        IllegalArgumentException constant = assertThrows(IllegalArgumentException.class,
                () -> ShiftedBatchNorm.forward(new double[][] {{1.0, 2.0}, {3.0, 2.0}}, 0.0));
        assertTrue(constant.getMessage().contains("column 1"), constant.getMessage());
    }

    @Test
    void rejectsMalformedInputs() {
        double[][] ok = {{1, 2}, {3, 4}};
        assertThrows(IllegalArgumentException.class, () -> ShiftedBatchNorm.forward(new double[0][], 1e-5));
        assertThrows(IllegalArgumentException.class, () -> ShiftedBatchNorm.forward(new double[][] {{}}, 1e-5));
        assertThrows(IllegalArgumentException.class, () -> ShiftedBatchNorm.forward(new double[][] {{1, 2}, {3}}, 1e-5));
        assertThrows(IllegalArgumentException.class, () -> ShiftedBatchNorm.forward(ok, new double[3], 1e-5));
        assertThrows(IllegalArgumentException.class, () -> ShiftedBatchNorm.forward(ok, -1e-5));
        assertThrows(IllegalArgumentException.class, () -> ShiftedBatchNorm.forward(ok, Double.NaN));
        assertThrows(IllegalArgumentException.class,
                () -> ShiftedBatchNorm.forward(new double[][] {{1, Double.NaN}, {3, 4}}, 1e-5));
        Forward f = ShiftedBatchNorm.forward(ok, 1e-5);
        assertThrows(IllegalArgumentException.class, () -> ShiftedBatchNorm.backward(f, new double[][] {{1, 2}}));
        assertThrows(IllegalArgumentException.class,
                () -> ShiftedBatchNorm.backward(f, new double[][] {{1, 2, 3}, {4, 5, 6}}));
        assertThrows(IllegalArgumentException.class,
                () -> ShiftedBatchNorm.backward(f, new double[][] {{1, 2}, {Double.POSITIVE_INFINITY, 5}}));
    }
}
