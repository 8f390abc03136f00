package a2.model;

import a2.augment.Transforms;
import a2.data.Images;

/**
 * Per-channel standardisation fitted on the training split only (never on validation, unlabeled or test
 * images) and stored in the model file, so prediction applies exactly what training applied.
 *
 * @param inputSize side of the network input; source images of another size are resized first
 */
public record Preprocessing(int inputSize, float[] mean, float[] std) {
    public Preprocessing {
        if (mean.length != 3 || std.length != 3) {
            throw new IllegalArgumentException("mean and std need 3 channels");
        }
        for (float s : std) {
            if (!(s > 0)) {
                throw new IllegalArgumentException("std must be > 0, got " + s);
            }
        }
    }

    /** Fits mean and std on the given images (the training split), at network input size. */
    public static Preprocessing fit(Images images, int[] indices, int inputSize) {
        double[] sum = new double[3], sq = new double[3];
        long n = 0;
        byte[] buf = new byte[images.bytesPerImage()];
        for (int idx : indices) {
            images.read(idx, buf, 0);
            float[] img = Transforms.toFloat(buf, 0, images.height(), images.width(), inputSize);
            int plane = inputSize * inputSize;
            for (int c = 0; c < 3; c++) {
                for (int i = 0; i < plane; i++) {
                    double v = img[c * plane + i];
                    sum[c] += v;
                    sq[c] += v * v;
                }
            }
            n += plane;
        }
        float[] mean = new float[3], std = new float[3];
        for (int c = 0; c < 3; c++) {
            double m = sum[c] / n;
            mean[c] = (float) m;
            std[c] = (float) Math.sqrt(Math.max(sq[c] / n - m * m, 1e-12));
        }
        return new Preprocessing(inputSize, mean, std);
    }

    /** Image {@code index} as floats in [0, 1], CHW, resized to the input size (before augmentation). */
    public float[] pixels(Images images, int index, byte[] scratch) {
        images.read(index, scratch, 0);
        return Transforms.toFloat(scratch, 0, images.height(), images.width(), inputSize);
    }

    /**
     * The network input for {@code n} images ({@code indices[start..start+n)}), standardised, no augmentation:
     * the one place validation, pseudo-labeling, prediction and figures turn images into a batch.
     */
    public org.nd4j.linalg.api.ndarray.INDArray batch(Images images, int[] indices, int start, int n) {
        int per = 3 * inputSize * inputSize;
        float[] batch = new float[n * per];
        byte[] scratch = new byte[images.bytesPerImage()];
        for (int i = 0; i < n; i++) {
            standardize(pixels(images, indices[start + i], scratch), batch, i * per);
        }
        return org.nd4j.linalg.factory.Nd4j.create(batch, new long[] {n, 3, inputSize, inputSize}, 'c');
    }

    /** Standardises a CHW [0, 1] image into {@code dst} at {@code off}. */
    public void standardize(float[] img, float[] dst, int off) {
        int plane = inputSize * inputSize;
        for (int c = 0; c < 3; c++) {
            float m = mean[c], inv = 1f / std[c];
            for (int i = 0; i < plane; i++) {
                dst[off + c * plane + i] = (img[c * plane + i] - m) * inv;
            }
        }
    }
}
