package a2.model;

import a2.data.Images;
import java.util.Arrays;
import java.util.List;
import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.EigenDecomposition;
import org.apache.commons.math3.linear.RealMatrix;

/**
 * A frozen first convolution that whitens the input's {@code patch x patch x 3} patches (airbench's first layer):
 * the filters are the eigenvectors of the patches' second-moment matrix, each scaled by
 * {@code 1 / sqrt(lambda + eps)}, followed by their negatives, so the layer's outputs are decorrelated patch
 * coordinates of unit variance and a ReLU-like activation after it keeps both signs. Computed once from images
 * without their labels (the labeled training split and the unlabeled pool, never validation or test images) and
 * stored in the model file.
 *
 * @param patch       the filters' side (2 in airbench)
 * @param eigenvalues the patch second-moment matrix's eigenvalues, largest first ({@code 3 * patch * patch} of them)
 * @param weights     the filters, {@code [2 * 3 * patch * patch][3][patch][patch]} in C order: eigenvector {@code k}
 *                    scaled is filter {@code k}, its negative filter {@code k + 3 * patch * patch}
 * @param images      how many images the statistics came from
 */
public record PatchWhitening(int patch, double[] eigenvalues, float[] weights, long images) {
    /** airbench's regulariser of small eigenvalues (its {@code eps=5e-4}) on standardised inputs. */
    public static final double EPS = 5e-4;
    /** airbench94's patch side: the whitening layer is a 2x2 convolution (training fits it, the benchmark counts it). */
    public static final int AIRBENCH_PATCH = 2;

    public PatchWhitening {
        int dim = Images.CHANNELS * patch * patch;
        if (patch < 1 || eigenvalues.length != dim || weights.length != 2 * dim * dim) {
            throw new IllegalArgumentException("a " + patch + "x" + patch + " whitening needs " + dim + " eigenvalues and "
                    + 2 * dim * dim + " weights, got " + eigenvalues.length + " and " + weights.length);
        }
        eigenvalues = eigenvalues.clone();
        weights = weights.clone();
    }

    /** The number of output channels: each eigenvector and its negative. */
    public int outChannels() {
        return 2 * Images.CHANNELS * patch * patch;
    }

    @Override
    public float[] weights() {
        return weights.clone();
    }

    @Override
    public double[] eigenvalues() {
        return eigenvalues.clone();
    }

    /**
     * Fits the whitening on every {@code patch x patch} window (stride 1, no padding) of the given images, each
     * standardised by {@code pre} as the network sees it.
     */
    public static PatchWhitening fit(Images images, int[] indices, Preprocessing pre, int patch) {
        return fit(List.of(new Sample(images, indices)), pre, patch);
    }

    /** Images a whitening is fitted on: {@code indices} of {@code images}. */
    public record Sample(Images images, int[] indices) {}

    /** Fits the whitening on every window of every sample's images together (the training split and the unlabeled pool). */
    public static PatchWhitening fit(List<Sample> samples, Preprocessing pre, int patch) {
        Moments m = new Moments(Images.CHANNELS * patch * patch);
        long count = 0;
        for (Sample s : samples) {
            accumulate(m, s.images(), s.indices(), pre, patch);
            count += s.indices().length;
        }
        return fromSecondMoment(m.mean(), patch, count);
    }

    private static void accumulate(Moments m, Images images, int[] indices, Preprocessing pre, int patch) {
        int side = pre.inputSize(), plane = side * side;
        float[] std = new float[Images.CHANNELS * plane];
        byte[] scratch = new byte[images.bytesPerImage()];
        double[] v = new double[m.dim];
        for (int idx : indices) {
            pre.standardize(pre.pixels(images, idx, scratch), std, 0);
            for (int y = 0; y + patch <= side; y++) {
                for (int x = 0; x + patch <= side; x++) {
                    int k = 0;
                    for (int c = 0; c < Images.CHANNELS; c++) {
                        for (int dy = 0; dy < patch; dy++) {
                            for (int dx = 0; dx < patch; dx++) {
                                v[k++] = std[c * plane + (y + dy) * side + x + dx];
                            }
                        }
                    }
                    m.add(v);
                }
            }
        }
    }

    /** The whitening of a given patch second-moment matrix ({@code dim x dim}, symmetric). */
    static PatchWhitening fromSecondMoment(double[][] moment, int patch, long images) {
        int dim = moment.length;
        EigenDecomposition eig = new EigenDecomposition(new Array2DRowRealMatrix(moment, true));
        double[] values = eig.getRealEigenvalues();
        Integer[] order = new Integer[dim];
        Arrays.setAll(order, i -> i);
        // Largest first, as airbench orders them; ties (none in real data) keep the decomposition's order.
        Arrays.sort(order, (a, b) -> Double.compare(values[b], values[a]));
        RealMatrix vectors = eig.getV();
        double[] sorted = new double[dim];
        float[] w = new float[2 * dim * dim];
        for (int k = 0; k < dim; k++) {
            int j = order[k];
            sorted[k] = values[j];
            double[] e = vectors.getColumn(j);
            canonicalSign(e);
            double scale = 1 / Math.sqrt(Math.max(values[j], 0) + EPS);
            for (int i = 0; i < dim; i++) {
                w[k * dim + i] = (float) (e[i] * scale);
                w[(k + dim) * dim + i] = (float) (-e[i] * scale);
            }
        }
        return new PatchWhitening(patch, sorted, w, images);
    }

    /**
     * An eigenvector's sign is arbitrary; fixing it (largest-magnitude entry positive) makes the stored filters a
     * function of the data alone, whatever the decomposition's internals.
     */
    private static void canonicalSign(double[] e) {
        int arg = 0;
        for (int i = 1; i < e.length; i++) {
            if (Math.abs(e[i]) > Math.abs(e[arg])) {
                arg = i;
            }
        }
        if (e[arg] < 0) {
            for (int i = 0; i < e.length; i++) {
                e[i] = -e[i];
            }
        }
    }

    /** The uncentred second moment E[v v^T] of patch vectors, summed in double precision. */
    private static final class Moments {
        final int dim;
        final double[][] sum;
        long n;

        Moments(int dim) {
            this.dim = dim;
            this.sum = new double[dim][dim];
        }

        void add(double[] v) {
            for (int i = 0; i < dim; i++) {
                double vi = v[i];
                double[] row = sum[i];
                for (int j = i; j < dim; j++) {
                    row[j] += vi * v[j];
                }
            }
            n++;
        }

        double[][] mean() {
            double[][] m = new double[dim][dim];
            for (int i = 0; i < dim; i++) {
                for (int j = i; j < dim; j++) {
                    m[i][j] = m[j][i] = sum[i][j] / n;
                }
            }
            return m;
        }
    }
}
