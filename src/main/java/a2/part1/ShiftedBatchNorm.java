package a2.part1;

import java.util.Objects;

/**
 * Part 1.2: batch normalisation without scale, {@code y_ij = (x_ij - mu_j) / sqrt(var_j + eps)}, followed by
 * a learnable shift {@code z_ij = y_ij + beta_j}, for a mini-batch {@code x} of m rows and d columns with the
 * statistics taken per column (biased variance, divisor m, as in training mode). Forward and backward are the
 * formulas of {@code writeup/part1.tex} (section 1.2), in particular the compact
 * {@code dE/dx_ij = invStd_j / m * (m g_ij - sum_k g_kj - y_ij sum_k g_kj y_kj)} with {@code g = dE/dz}.
 *
 * <p>With m = 1 every column equals its mean, so {@code y = 0}, {@code z = beta} whatever {@code x} is, and
 * {@code dE/dx = 0} exactly; that needs {@code eps > 0}, since 0/0 is undefined. Records hold the arrays
 * they are given, not copies.
 */
public final class ShiftedBatchNorm {
    private ShiftedBatchNorm() {}

    /** The epsilon DL4J's {@code BatchNormalization} layer uses when none is configured (a test pins this). */
    public static final double DEFAULT_EPS = 1e-5;

    /**
     * Forward intermediates.
     *
     * @param y        normalised values {@code (x - mean) * invStd}, m x d
     * @param z        shifted output {@code y + beta}, m x d
     * @param mean     per-column batch mean
     * @param variance per-column biased batch variance (divisor m), without eps
     * @param invStd   per-column {@code 1 / sqrt(variance + eps)}
     * @param beta     the shift that was added
     * @param eps      the epsilon under the square root
     */
    public record Forward(double[][] y, double[][] z, double[] mean, double[] variance, double[] invStd,
                          double[] beta, double eps) {
        public Forward {
            int d = requireMatrix("y", y);
            if (requireMatrix("z", z) != d || z.length != y.length) {
                throw new IllegalArgumentException("z is " + z.length + " x " + z[0].length + ", y is "
                        + y.length + " x " + d);
            }
            requireLength("mean", mean, d);
            requireLength("variance", variance, d);
            requireLength("invStd", invStd, d);
            requireLength("beta", beta, d);
        }

        public int batchSize() {
            return y.length;
        }

        public int features() {
            return y[0].length;
        }
    }

    /**
     * Gradients.
     *
     * @param dEdx    m x d
     * @param dEdBeta per column, {@code sum_i dE/dz_ij}
     */
    public record Backward(double[][] dEdx, double[] dEdBeta) {
        public Backward {
            requireLength("dE/dbeta", dEdBeta, requireMatrix("dE/dx", dEdx));
        }
    }

    /** Batch normalisation without scale and without shift (beta = 0), the first half of 1.2. */
    public static Forward forward(double[][] x, double eps) {
        return forward(x, new double[requireMatrix("x", x)], eps);
    }

    public static Forward forward(double[][] x, double[] beta, double eps) {
        int d = requireMatrix("x", x);
        int m = x.length;
        requireLength("beta", beta, d);
        requireFinite("beta", beta);
        for (int i = 0; i < m; i++) {
            requireFinite("x row " + i, x[i]);
        }
        if (!(eps >= 0) || Double.isInfinite(eps)) {
            throw new IllegalArgumentException("eps must be finite and >= 0, was " + eps);
        }
        double[] mean = new double[d];
        double[] variance = new double[d];
        double[] invStd = new double[d];
        double[][] y = new double[m][d];
        double[][] z = new double[m][d];
        for (int j = 0; j < d; j++) {
            double sum = 0;
            for (double[] row : x) {
                sum += row[j];
            }
            mean[j] = sum / m;
            // Two passes (mean first, then squared deviations) rather than E[x^2] - E[x]^2, which cancels.
            double squares = 0;
            for (double[] row : x) {
                double centred = row[j] - mean[j];
                squares += centred * centred;
            }
            variance[j] = squares / m;
            if (variance[j] + eps == 0) {
                throw new IllegalArgumentException("column " + j + " is constant over the batch of " + m
                        + " and eps = 0, so (x - mean) / sqrt(var + eps) is 0/0; use eps > 0");
            }
            invStd[j] = 1.0 / Math.sqrt(variance[j] + eps);
            for (int i = 0; i < m; i++) {
                y[i][j] = (x[i][j] - mean[j]) * invStd[j];
                z[i][j] = y[i][j] + beta[j];
            }
        }
        return new Forward(y, z, mean, variance, invStd, beta.clone(), eps);
    }

    /**
     * Backward pass.
     *
     * @param dEdz upstream gradient at z (equal to dE/dy, because dz/dy is the identity), m x d
     */
    public static Backward backward(Forward f, double[][] dEdz) {
        Objects.requireNonNull(f, "forward record");
        int d = requireMatrix("dE/dz", dEdz);
        int m = f.batchSize();
        if (dEdz.length != m || d != f.features()) {
            throw new IllegalArgumentException("dE/dz is " + dEdz.length + " x " + d + " but the forward batch is "
                    + m + " x " + f.features());
        }
        for (int i = 0; i < m; i++) {
            requireFinite("dE/dz row " + i, dEdz[i]);
        }
        double[][] dEdx = new double[m][d];
        double[] dEdBeta = new double[d];
        for (int j = 0; j < d; j++) {
            double sumG = 0;
            double sumGy = 0;
            for (int i = 0; i < m; i++) {
                sumG += dEdz[i][j];
                sumGy += dEdz[i][j] * f.y()[i][j];
            }
            dEdBeta[j] = sumG;
            double scale = f.invStd()[j] / m;
            for (int i = 0; i < m; i++) {
                dEdx[i][j] = scale * (m * dEdz[i][j] - sumG - f.y()[i][j] * sumGy);
            }
        }
        return new Backward(dEdx, dEdBeta);
    }

    /** Checks a non-empty rectangular matrix and returns its number of columns. */
    private static int requireMatrix(String what, double[][] a) {
        Objects.requireNonNull(a, what);
        if (a.length == 0) {
            throw new IllegalArgumentException(what + " has no rows; a batch needs m >= 1");
        }
        Objects.requireNonNull(a[0], what + " row 0");
        int d = a[0].length;
        if (d == 0) {
            throw new IllegalArgumentException(what + " has no columns; need d >= 1");
        }
        for (int i = 1; i < a.length; i++) {
            Objects.requireNonNull(a[i], what + " row " + i);
            if (a[i].length != d) {
                throw new IllegalArgumentException(what + " is ragged: row 0 has " + d + " columns, row " + i
                        + " has " + a[i].length);
            }
        }
        return d;
    }

    private static void requireLength(String what, double[] v, int d) {
        Objects.requireNonNull(v, what);
        if (v.length != d) {
            throw new IllegalArgumentException(what + " has length " + v.length + ", expected " + d);
        }
    }

    private static void requireFinite(String what, double[] v) {
        for (int j = 0; j < v.length; j++) {
            if (!Double.isFinite(v[j])) {
                throw new IllegalArgumentException(what + " has a non-finite value " + v[j] + " at index " + j);
            }
        }
    }
}
