package a2.train;

import java.nio.ByteBuffer;

/**
 * The current model's labels for the unlabeled pool and how confident it was. An image whose top probability
 * reaches the threshold is used for training with that label; the rest are masked out.
 *
 * @param labels      0-based predicted class per unlabeled image
 * @param confidence  its softmax probability
 */
public record PseudoLabels(int[] labels, float[] confidence) {
    public static PseudoLabels of(float[][] probs) {
        int[] l = new int[probs.length];
        float[] c = new float[probs.length];
        for (int i = 0; i < probs.length; i++) {
            l[i] = a2.model.Inference.argmax(probs[i]);
            c[i] = probs[i][l[i]];
        }
        return new PseudoLabels(l, c);
    }

    /** Indices that pass the threshold, grouped by pseudo-class. */
    public int[][] confidentByClass(double threshold, int numClasses) {
        int[] counts = new int[numClasses];
        for (int i = 0; i < labels.length; i++) {
            if (confidence[i] >= threshold) {
                counts[labels[i]]++;
            }
        }
        int[][] out = new int[numClasses][];
        for (int k = 0; k < numClasses; k++) {
            out[k] = new int[counts[k]];
        }
        int[] fill = new int[numClasses];
        for (int i = 0; i < labels.length; i++) {
            if (confidence[i] >= threshold) {
                out[labels[i]][fill[labels[i]]++] = i;
            }
        }
        return out;
    }

    /** Fraction of images that pass the threshold (the mask rate). */
    public double maskRate(double threshold) {
        int n = 0;
        for (float c : confidence) {
            n += c >= threshold ? 1 : 0;
        }
        return labels.length == 0 ? 0 : (double) n / labels.length;
    }

    byte[] toBytes() {
        ByteBuffer b = ByteBuffer.allocate(4 + labels.length * 8);
        b.putInt(labels.length);
        for (int l : labels) {
            b.putInt(l);
        }
        for (float c : confidence) {
            b.putFloat(c);
        }
        return b.array();
    }

    static PseudoLabels fromBytes(byte[] bytes) {
        ByteBuffer b = ByteBuffer.wrap(bytes);
        int n = b.getInt();
        int[] l = new int[n];
        float[] c = new float[n];
        for (int i = 0; i < n; i++) {
            l[i] = b.getInt();
        }
        for (int i = 0; i < n; i++) {
            c[i] = b.getFloat();
        }
        return new PseudoLabels(l, c);
    }
}
