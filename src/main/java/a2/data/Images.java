package a2.data;

/**
 * A sequence of RGB images of one size, readable by index. The canonical in-memory layout is planar,
 * row-major ("CHW"): byte {@code c*H*W + row*W + col} is channel {@code c} (R, G, B) at ({@code row},
 * {@code col}), unsigned. That is exactly the NCHW order the network consumes, so a batch is a copy.
 * Implementations may be backed by an array or by a memory-mapped file that is far larger than memory.
 */
public interface Images {
    int CHANNELS = 3;

    int count();

    int height();

    int width();

    default int bytesPerImage() {
        return CHANNELS * height() * width();
    }

    /** Copies image {@code index} (0-based) in CHW layout into {@code dst} starting at {@code offset}. */
    void read(int index, byte[] dst, int offset);

    default byte[] read(int index) {
        byte[] out = new byte[bytesPerImage()];
        read(index, out, 0);
        return out;
    }
}
