package a2.bench;

import java.util.Objects;

/**
 * One timed block of one framework, as a JSON line: what {@link Throughput} and {@code bench/torch_block.py}
 * print and {@link Summary} reads. Field names are the JSON keys on both sides.
 *
 * @param framework       {@code dl4j} or {@code pytorch}
 * @param variant         {@code helpers} / {@code no-helpers} (DL4J's oneDNN layer helpers), {@code default} (PyTorch,
 *                        NCHW) / {@code channels-last} (PyTorch's {@code channels_last} memory format)
 * @param size            input side in pixels
 * @param mode            {@code train} or {@code infer}
 * @param rep             which repetition of the alternation this block belongs to (0-based)
 * @param warmupSteps     untimed steps before the timed ones
 * @param steps           timed steps
 * @param seconds         wall time of the timed steps
 * @param imagesPerSecond {@code steps * batch / seconds}
 * @param stepMsMedian    median wall time of one timed step
 * @param gcSeconds       JVM garbage-collection time during the timed steps (0 for PyTorch)
 * @param build           the native build (DL4J) or the PyTorch version and its oneDNN switch
 */
public record Block(String framework, String variant, int size, String mode, int batch, int threads, int rep,
                    int warmupSteps, int steps, double seconds, double imagesPerSecond, double stepMsMedian,
                    double gcSeconds, String build) {
    public static final String DL4J = "dl4j";
    public static final String PYTORCH = "pytorch";

    public Block {
        Objects.requireNonNull(framework, "framework");
        Objects.requireNonNull(variant, "variant");
        Mode.parse(mode);
        if (size < 1 || batch < 1 || threads < 1 || steps < 1 || !(seconds > 0)) {
            throw new IllegalArgumentException("a block needs size, batch, threads, steps >= 1 and seconds > 0: size="
                    + size + " batch=" + batch + " threads=" + threads + " steps=" + steps + " seconds=" + seconds);
        }
        build = build == null ? "" : build;
    }

    /** Blocks that measure the same thing and may be pooled as repetitions. */
    public record Key(String framework, String variant, int size, String mode, int batch, int threads) {}

    public Key key() {
        return new Key(framework, variant, size, mode, batch, threads);
    }
}
