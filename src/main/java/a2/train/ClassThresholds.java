package a2.train;

import a2.io.InvalidInputException;
import a2.model.Inference;
import java.util.Arrays;

/**
 * FlexMatch's curriculum pseudo-labeling (Zhang et al., NeurIPS 2021): one threshold per class that follows how far
 * the model has learned that class, estimated on the unlabeled pool itself, where FixMatch keeps one fixed threshold.
 * Every unlabeled image remembers the class of its latest prediction at or above the fixed threshold {@code tau}, or
 * none; {@code sigma(c)} counts the images that remember class {@code c}. Class {@code c}'s threshold is
 * {@code tau M(beta(c))} with {@code beta(c) = sigma(c) / max sigma} and the convex {@code M(x) = x / (2 - x)}: the
 * best-learned class needs {@code tau}, a class with half its count about {@code tau / 3}. Before any image is
 * remembered every threshold is 0.
 *
 * <p>This is the paper's variant without "threshold warm-up", which divides by {@code max(max sigma, unused)} instead.
 * With warm-up the thresholds stay near 0 as long as more images have never been predicted with confidence
 * {@code tau} than any class has been: in the paper's regime (a million steps, a pool predicted confidently almost
 * entirely) that is a short warm-up; here, where each unlabeled image is drawn once every eleven epochs and FixMatch at
 * 300 epochs passes 0.8 on three quarters of its draws, it would be most of the run, and every pseudo-label of a
 * half-trained model would train (a probe with warm-up, FlexMatch from epoch 2 of 3 at threshold 0.95: every drawn
 * image kept, validation accuracy 30.6% before and 17.6% after the first FlexMatch epoch).
 *
 * <p>The memory is part of the run's state, saved beside each checkpoint, so a resumed run keeps the same thresholds.
 */
final class ClassThresholds {
    /** A memory is one byte per image: -1 (none) or a class below this. */
    static final int MAX_CLASSES = Byte.MAX_VALUE;

    private final byte[] memory;
    private final int[] counts;

    ClassThresholds(int poolSize, int numClasses) {
        if (numClasses < 2 || numClasses > MAX_CLASSES) {
            throw new IllegalArgumentException("need 2.." + MAX_CLASSES + " classes, got " + numClasses);
        }
        memory = new byte[poolSize];
        Arrays.fill(memory, (byte) -1);
        counts = new int[numClasses];
    }

    /** The file beside the checkpoint taken after {@code globalStep} steps. */
    static String file(long globalStep) {
        return "classes-s" + globalStep + ".bin";
    }

    static ClassThresholds fromBytes(byte[] bytes, int poolSize, int numClasses, String source) {
        if (bytes.length != poolSize) {
            throw new InvalidInputException(source + ": " + bytes.length + " bytes, expected one per unlabeled image ("
                    + poolSize + ")");
        }
        ClassThresholds t = new ClassThresholds(poolSize, numClasses);
        for (int i = 0; i < bytes.length; i++) {
            if (bytes[i] < -1 || bytes[i] >= numClasses) {
                throw new InvalidInputException(source + ": byte " + i + " is " + bytes[i] + ", expected -1.."
                        + (numClasses - 1));
            }
            t.remember(i, bytes[i]);
        }
        return t;
    }

    byte[] toBytes() {
        return memory.clone();
    }

    /** Per class: the confidence a prediction of that class needs to become a pseudo-label now. */
    double[] thresholds(double tau) {
        int norm = 0;
        for (int c : counts) {
            norm = Math.max(norm, c);
        }
        double[] t = new double[counts.length];
        for (int c = 0; c < t.length; c++) {
            double beta = norm == 0 ? 0 : (double) counts[c] / norm;
            t[c] = tau * beta / (2 - beta);
        }
        return t;
    }

    /** After a step's selection: each image whose top probability reaches {@code tau} remembers its class. */
    void update(int[] images, float[][] probs, double tau) {
        for (int i = 0; i < images.length; i++) {
            int best = Inference.argmax(probs[i]);
            if (probs[i][best] >= tau) {
                remember(images[i], best);
            }
        }
    }

    private void remember(int image, int cls) {
        int old = memory[image];
        if (old >= 0) {
            counts[old]--;
        }
        if (cls >= 0) {
            counts[cls]++;
        }
        memory[image] = (byte) cls;
    }
}
