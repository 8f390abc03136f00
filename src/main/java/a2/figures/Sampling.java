package a2.figures;

import a2.data.Images;
import a2.data.Split;
import a2.model.Preprocessing;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

/** The seeded choices of which images a figure shows, and their pixels as features. */
final class Sampling {
    private Sampling() {}

    /** Up to {@code rows} images of distinct classes, in a seeded random order. */
    static int[] onePerClass(int[] pool, int[] labels, int rows, long seed) {
        int[] order = pool.clone();
        Split.shuffle(order, new SplittableRandom(seed));
        List<Integer> picked = new ArrayList<>();
        java.util.Set<Integer> classes = new java.util.HashSet<>();
        for (int i : order) {
            if (picked.size() < rows && classes.add(labels[i])) {
                picked.add(i);
            }
        }
        return picked.stream().mapToInt(Integer::intValue).toArray();
    }

    /** {@code n} of {@code idx} chosen at random (ascending), or all of them if there are no more than {@code n}. */
    static int[] subset(int[] idx, int n, long seed) {
        if (idx.length <= n) {
            return idx.clone();
        }
        int[] order = idx.clone();
        Split.shuffle(order, new SplittableRandom(seed));
        int[] out = Arrays.copyOf(order, n);
        Arrays.sort(out);
        return out;
    }

    static double[][] pixelFeatures(Preprocessing pre, Images images, int[] idx) {
        int per = 3 * pre.inputSize() * pre.inputSize();
        byte[] scratch = new byte[images.bytesPerImage()];
        float[] buf = new float[per];
        double[][] out = new double[idx.length][per];
        for (int i = 0; i < idx.length; i++) {
            pre.standardize(pre.pixels(images, idx[i], scratch), buf, 0);
            for (int d = 0; d < per; d++) {
                out[i][d] = buf[d];
            }
        }
        return out;
    }
}
