package a2.model;

import a2.data.Images;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.ndarray.INDArray;

/** Class probabilities for images, in batches, without augmentation: validation, pseudo-labels and predictions. */
public final class Inference {
    /** Large enough to keep the convolution kernels busy, small enough for 96x96 inputs (~110 MB per batch). */
    public static final int BATCH = 256;

    private Inference() {}

    /** Progress callback: {@code images} more are done (a batch), so it plugs straight into a progress counter. */
    @FunctionalInterface
    public interface Listener {
        void done(int images);
    }

    /** Softmax outputs [indices.length][numClasses] for {@code images} at {@code indices}. */
    public static float[][] probabilities(MultiLayerNetwork net, Preprocessing pre, Images images, int[] indices,
                                          Listener listener) {
        float[][] out = new float[indices.length][];
        for (int start = 0; start < indices.length; start += BATCH) {
            int n = Math.min(BATCH, indices.length - start);
            INDArray x = pre.batch(images, indices, start, n);
            INDArray p = net.output(x, false);
            for (int i = 0; i < n; i++) {
                out[start + i] = p.getRow(i).toFloatVector();
            }
            x.close();
            p.close();
            listener.done(n);
        }
        return out;
    }

    /**
     * A model file's class probabilities as it predicts: with the test-time views its recipe names
     * ({@code model.testViews}). The plain network goes through {@link #probabilities(MultiLayerNetwork, Preprocessing,
     * Images, int[], Listener)} itself, so models without views predict exactly as before the views existed.
     */
    public static float[][] probabilities(ModelFile.Loaded model, Images images, int[] indices, Listener listener) {
        return probabilities(model.network(), model.card().preprocessing(), model.card().recipe().model().testViews(),
                images, indices, listener);
    }

    /** {@code net}'s probabilities with the named test-time views ({@link TestTimeAugmentation#named}). */
    public static float[][] probabilities(MultiLayerNetwork net, Preprocessing pre, String testViews, Images images,
                                          int[] indices, Listener listener) {
        TestTimeAugmentation tta = TestTimeAugmentation.named(testViews);
        return tta.plain() ? probabilities(net, pre, images, indices, listener)
                : tta.probabilities(net, pre, images, indices, listener);
    }

    public static int[] all(int n) {
        return java.util.stream.IntStream.range(0, n).toArray();
    }

    /** Index of the largest value; ties go to the lower index, so the answer never depends on anything else. */
    public static int argmax(float[] p) {
        int best = 0;
        for (int k = 1; k < p.length; k++) {
            if (p[k] > p[best]) {
                best = k;
            }
        }
        return best;
    }

    public static double accuracy(float[][] probs, int[] labels) {
        int ok = 0;
        for (int i = 0; i < probs.length; i++) {
            ok += argmax(probs[i]) == labels[i] ? 1 : 0;
        }
        return probs.length == 0 ? 0 : (double) ok / probs.length;
    }
}
