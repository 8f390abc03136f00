package a2.grade;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A child's limits: wall-clock seconds and one memory budget, split between the Java heap and ND4J's off-heap
 * buffers (JavaCPP counts those itself and throws OutOfMemoryError past {@code maxbytes}); the process as a whole
 * is capped at the budget plus the JVM's own overhead by JavaCPP's {@code maxphysicalbytes}.
 *
 * @param memoryBytes the budget for heap plus off-heap
 */
public record Limits(int timeoutSeconds, long memoryBytes, int stallSeconds) {
    /** Metaspace, code cache, thread stacks and native libraries: what the JVM uses beyond heap and ND4J buffers. */
    static final long JVM_OVERHEAD = 512L << 20;

    public Limits {
        if (timeoutSeconds < 1) {
            throw new IllegalArgumentException("--timeout-s must be at least 1, got " + timeoutSeconds);
        }
        if (memoryBytes < (16L << 20)) {
            throw new IllegalArgumentException("--memory must be at least 16m, got " + memoryBytes + " bytes");
        }
        if (stallSeconds < 1) {
            throw new IllegalArgumentException("the stall timeout must be at least 1 s");
        }
    }

    /** {@code 2g}, {@code 1536m}, {@code 800k} or plain bytes. */
    public static long parseBytes(String text) {
        String s = text.strip().toLowerCase(Locale.ROOT);
        long unit = switch (s.isEmpty() ? ' ' : s.charAt(s.length() - 1)) {
            case 'k' -> 1L << 10;
            case 'm' -> 1L << 20;
            case 'g' -> 1L << 30;
            default -> 1;
        };
        String digits = unit == 1 ? s : s.substring(0, s.length() - 1);
        try {
            long v = Long.parseLong(digits);
            if (v <= 0) {
                throw new NumberFormatException();
            }
            return Math.multiplyExact(v, unit);
        } catch (NumberFormatException | ArithmeticException e) {
            throw new IllegalArgumentException("memory '" + text + "' is not a size like 2g, 1536m or 800k");
        }
    }

    public Limits withMemory(long bytes) {
        return new Limits(timeoutSeconds, bytes, stallSeconds);
    }

    /** The child JVM's options: half the budget for the heap, half for off-heap, the process capped as a whole. */
    public List<String> jvmOptions() {
        long heap = memoryBytes / 2;
        long offHeap = memoryBytes - heap;
        List<String> o = new ArrayList<>();
        o.add("-Xmx" + heap);
        o.add("-Xms" + Math.min(heap, 16L << 20));
        o.add("-XX:+ExitOnOutOfMemoryError");
        o.add("-XX:-HeapDumpOnOutOfMemoryError");
        o.add("-Dorg.bytedeco.javacpp.maxbytes=" + offHeap);
        o.add("-Dorg.bytedeco.javacpp.maxphysicalbytes=" + (memoryBytes + JVM_OVERHEAD));
        return o;
    }

    /** What the result key records: a change of limits grades the team again. */
    public String key() {
        return "timeout=" + timeoutSeconds + ";memory=" + memoryBytes + ";stall=" + stallSeconds;
    }
}
