package a2.model;

import a2.data.Images;
import java.util.List;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Test-time augmentation: the network sees each image in several views and its logits are averaged with fixed
 * weights. airbench94's level 2 uses six views: the image and its mirror (weight 1/4 each), and both again shifted by
 * one pixel up-left and down-right with reflected borders (1/8 each). The network ends in a softmax, so the average
 * is taken over log-probabilities: {@code log p_v = z_v - logsumexp(z_v)}, and the per-view constant cancels in the
 * final softmax, which is therefore the softmax of the averaged logits.
 *
 * @param views the views and their weights (summing to 1)
 */
public record TestTimeAugmentation(List<Weighted> views) {
    /** One view of an image: mirrored or not, shifted by (dy, dx) pixels with reflected borders. */
    public enum View {
        IDENTITY(false, 0, 0), MIRROR(true, 0, 0),
        UP_LEFT(false, -1, -1), UP_LEFT_MIRROR(true, -1, -1),
        DOWN_RIGHT(false, 1, 1), DOWN_RIGHT_MIRROR(true, 1, 1);

        final boolean mirror;
        final int dy, dx;

        View(boolean mirror, int dy, int dx) {
            this.mirror = mirror;
            this.dy = dy;
            this.dx = dx;
        }
    }

    public record Weighted(View view, double weight) {}

    public TestTimeAugmentation {
        views = List.copyOf(views);
        double sum = views.stream().mapToDouble(Weighted::weight).sum();
        if (views.isEmpty() || Math.abs(sum - 1) > 1e-9 || views.stream().anyMatch(v -> !(v.weight() > 0))) {
            throw new IllegalArgumentException("test-time views need positive weights summing to 1, got " + views);
        }
    }

    /** No augmentation: the plain network. */
    public static TestTimeAugmentation none() {
        return new TestTimeAugmentation(List.of(new Weighted(View.IDENTITY, 1)));
    }

    /** The image and its mirror, half each. */
    public static TestTimeAugmentation mirror() {
        return new TestTimeAugmentation(List.of(new Weighted(View.IDENTITY, 0.5), new Weighted(View.MIRROR, 0.5)));
    }

    /** airbench94's six views. */
    public static TestTimeAugmentation mirrorTranslate() {
        return new TestTimeAugmentation(List.of(new Weighted(View.IDENTITY, 0.25), new Weighted(View.MIRROR, 0.25),
                new Weighted(View.UP_LEFT, 0.125), new Weighted(View.UP_LEFT_MIRROR, 0.125),
                new Weighted(View.DOWN_RIGHT, 0.125), new Weighted(View.DOWN_RIGHT_MIRROR, 0.125)));
    }

    /** The views a recipe names ({@code model.testViews}): {@code none}, {@code mirror}, {@code mirror-translate}. */
    public static TestTimeAugmentation named(String name) {
        return switch (name) {
            case "none" -> none();
            case "mirror" -> mirror();
            case "mirror-translate" -> mirrorTranslate();
            default -> throw new IllegalArgumentException("unknown test-time views '" + name + "'");
        };
    }

    /** Whether this is the plain network (one view, the image itself). */
    public boolean plain() {
        return views.size() == 1 && views.get(0).view() == View.IDENTITY;
    }

    /** Class probabilities [indices.length][numClasses], the views combined, in batches of {@link Inference#BATCH}. */
    public float[][] probabilities(MultiLayerNetwork net, Preprocessing pre, Images images, int[] indices,
                                   Inference.Listener listener) {
        float[][] out = new float[indices.length][];
        for (int start = 0; start < indices.length; start += Inference.BATCH) {
            int n = Math.min(Inference.BATCH, indices.length - start);
            try (INDArray x = pre.batch(images, indices, start, n)) {
                float[] pixels = x.data().asFloat();
                int side = pre.inputSize();
                double[][] logSum = null;
                for (Weighted w : views) {
                    float[] v = view(pixels, n, side, w.view());
                    try (INDArray xv = Nd4j.create(v, new long[] {n, 3, side, side}, 'c');
                         INDArray p = net.output(xv, false)) {
                        float[][] probs = p.toFloatMatrix();
                        if (logSum == null) {
                            logSum = new double[n][probs[0].length];
                        }
                        for (int i = 0; i < n; i++) {
                            for (int k = 0; k < probs[i].length; k++) {
                                logSum[i][k] += w.weight() * Math.log(Math.max(probs[i][k], Float.MIN_NORMAL));
                            }
                        }
                    }
                }
                for (int i = 0; i < n; i++) {
                    out[start + i] = softmax(logSum[i]);
                }
            }
            listener.done(n);
        }
        return out;
    }

    /** The view of a batch of CHW images ({@code n x 3 x side x side}, C order). */
    static float[] view(float[] batch, int n, int side, View v) {
        if (v == View.IDENTITY) {
            return batch;
        }
        float[] out = new float[batch.length];
        int plane = side * side;
        for (int p = 0; p < n * Images.CHANNELS; p++) {
            int off = p * plane;
            for (int y = 0; y < side; y++) {
                int sy = reflect(y + v.dy, side);
                for (int x = 0; x < side; x++) {
                    int xs = v.mirror ? side - 1 - x : x;
                    out[off + y * side + x] = batch[off + sy * side + reflect(xs + v.dx, side)];
                }
            }
        }
        return out;
    }

    /** PyTorch's 'reflect' padding: index -1 reads 1, index side reads side - 2. */
    static int reflect(int i, int side) {
        return i < 0 ? -i : i >= side ? 2 * side - 2 - i : i;
    }

    private static float[] softmax(double[] logits) {
        double max = Double.NEGATIVE_INFINITY;
        for (double z : logits) {
            max = Math.max(max, z);
        }
        double sum = 0;
        double[] e = new double[logits.length];
        for (int k = 0; k < logits.length; k++) {
            e[k] = Math.exp(logits[k] - max);
            sum += e[k];
        }
        float[] p = new float[logits.length];
        for (int k = 0; k < logits.length; k++) {
            p[k] = (float) (e[k] / sum);
        }
        return p;
    }
}
