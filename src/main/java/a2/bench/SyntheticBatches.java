package a2.bench;

import a2.io.AtomicFiles;
import a2.io.InvalidInputException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * The synthetic images both frameworks train on, in one file that {@code bench/torch_block.py} reads too, so the
 * two sides see literally the same numbers: standard-normal pixels (as after standardisation) and uniform labels.
 *
 * <p>Format (all little-endian, the byte order numpy's {@code <f4}/{@code <i4} read): the 8 ASCII bytes
 * {@link #MAGIC}; int32 count, channels ({@value #CHANNELS}), side, classes; float32 pixels
 * {@code [count][channels][side][side]} (NCHW, the layout of both DL4J and PyTorch convolutions); int32 labels
 * {@code [count]} in {@code 0..classes-1}.
 *
 * @param pixels NCHW, {@code count * CHANNELS * side * side} values
 */
public record SyntheticBatches(int count, int side, int classes, float[] pixels, int[] labels) {
    static final byte[] MAGIC = "A2BENCH1".getBytes(StandardCharsets.US_ASCII);
    static final int CHANNELS = 3;
    static final int HEADER_BYTES = 8 + 4 * Integer.BYTES;

    public SyntheticBatches {
        if (count < 1 || side < 1 || classes < 2) {
            throw new IllegalArgumentException("need count >= 1, side >= 1, classes >= 2; got " + count + ", " + side + ", " + classes);
        }
        if (pixels.length != (long) count * CHANNELS * side * side || labels.length != count) {
            throw new IllegalArgumentException("pixels/labels hold " + pixels.length + "/" + labels.length + " values, "
                    + count + " images of 3x" + side + "x" + side + " need " + (long) count * CHANNELS * side * side + "/" + count);
        }
    }

    /** Standard-normal pixels and uniform labels from one seed (Java's generator; the file is what is shared). */
    public static SyntheticBatches random(int count, int side, int classes, long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        float[] x = new float[Math.multiplyExact(count, CHANNELS * side * side)];
        for (int i = 0; i < x.length; i++) {
            x[i] = (float) gaussian(rng);
        }
        int[] y = new int[count];
        for (int i = 0; i < count; i++) {
            y[i] = rng.nextInt(classes);
        }
        return new SyntheticBatches(count, side, classes, x, y);
    }

    /** Box–Muller; {@code SplittableRandom} has no {@code nextGaussian} in Java 17. */
    private static double gaussian(SplittableRandom rng) {
        double u = 1 - rng.nextDouble(); // (0, 1]: log stays finite
        return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * rng.nextDouble());
    }

    public int pixelsPerImage() {
        return CHANNELS * side * side;
    }

    /** How many whole batches of {@code batchSize} the file holds. */
    public int batches(int batchSize) {
        if (batchSize < 1 || batchSize > count) {
            throw new IllegalArgumentException("batch size must be in 1.." + count + " (images in the file), got " + batchSize);
        }
        return count / batchSize;
    }

    /** The pixels of batch {@code b} (images {@code b*batchSize ..}), NCHW. */
    public float[] batchPixels(int b, int batchSize) {
        int per = pixelsPerImage();
        return Arrays.copyOfRange(pixels, b * batchSize * per, (b + 1) * batchSize * per);
    }

    /** One-hot labels of batch {@code b}, {@code [batchSize][classes]} row-major. */
    public float[] batchOneHot(int b, int batchSize) {
        float[] y = new float[batchSize * classes];
        for (int i = 0; i < batchSize; i++) {
            y[i * classes + labels[b * batchSize + i]] = 1f;
        }
        return y;
    }

    public void write(Path file) {
        ByteBuffer buf = ByteBuffer.allocate(HEADER_BYTES + Float.BYTES * pixels.length + Integer.BYTES * count)
                .order(ByteOrder.LITTLE_ENDIAN);
        buf.put(MAGIC).putInt(count).putInt(CHANNELS).putInt(side).putInt(classes);
        buf.asFloatBuffer().put(pixels);
        buf.position(buf.position() + Float.BYTES * pixels.length);
        buf.asIntBuffer().put(labels);
        AtomicFiles.writeBytes(file, buf.array());
    }

    public static SyntheticBatches read(Path file) {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
        }
        if (bytes.length < HEADER_BYTES || !Arrays.equals(bytes, 0, MAGIC.length, MAGIC, 0, MAGIC.length)) {
            throw new InvalidInputException(file + ": not a benchmark batch file (expected the magic "
                    + new String(MAGIC, StandardCharsets.US_ASCII) + " and a " + HEADER_BYTES + "-byte header, "
                    + bytes.length + " bytes)");
        }
        ByteBuffer buf = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        buf.position(MAGIC.length);
        int count = buf.getInt(), channels = buf.getInt(), side = buf.getInt(), classes = buf.getInt();
        if (count < 1 || channels != CHANNELS || side < 1 || side > 4096 || classes < 2) {
            throw new InvalidInputException(file + ": bad header count=" + count + " channels=" + channels + " side="
                    + side + " classes=" + classes + " (expected channels=" + CHANNELS + ", the rest positive)");
        }
        long expected = HEADER_BYTES + (long) Float.BYTES * count * CHANNELS * side * side + (long) Integer.BYTES * count;
        if (bytes.length != expected) {
            throw new InvalidInputException(file + ": expected " + expected + " bytes for " + count + " images of 3x"
                    + side + "x" + side + ", found " + bytes.length);
        }
        float[] x = new float[count * CHANNELS * side * side];
        buf.asFloatBuffer().get(x);
        buf.position(buf.position() + Float.BYTES * x.length);
        int[] y = new int[count];
        buf.asIntBuffer().get(y);
        for (int i = 0; i < count; i++) {
            if (y[i] < 0 || y[i] >= classes) {
                throw new InvalidInputException(file + ": label " + i + " is " + y[i] + ", outside 0.." + (classes - 1));
            }
        }
        return new SyntheticBatches(count, side, classes, x, y);
    }

    /** {@code SyntheticBatches FILE SIDE COUNT SEED}: writes a batch file for {@code bench/run}. */
    public static void main(String[] args) {
        if (args.length != 4) {
            System.err.println("usage: SyntheticBatches FILE SIDE COUNT SEED");
            System.exit(2);
        }
        random(Integer.parseInt(args[2]), Integer.parseInt(args[1]), 10, Long.parseLong(args[3])).write(Path.of(args[0]));
    }
}
