package a2.data;

import java.util.Objects;

/** Images held in one byte array, CHW per image, images back to back. */
public record ArrayImages(byte[] pixels, int count, int height, int width) implements Images {
    public ArrayImages {
        Objects.requireNonNull(pixels, "pixels");
        if (count < 0 || height <= 0 || width <= 0) {
            throw new IllegalArgumentException("bad shape " + count + "x" + height + "x" + width);
        }
        long expected = (long) count * CHANNELS * height * width;
        if (pixels.length != expected) {
            throw new IllegalArgumentException("pixels hold " + pixels.length + " bytes, " + count + " images of "
                    + height + "x" + width + " need " + expected);
        }
    }

    @Override
    public void read(int index, byte[] dst, int offset) {
        Objects.checkIndex(index, count);
        int n = bytesPerImage();
        System.arraycopy(pixels, index * n, dst, offset, n);
    }

    /** The images at {@code indices}, copied, in that order. */
    public static ArrayImages select(Images source, int[] indices) {
        int n = source.bytesPerImage();
        byte[] out = new byte[Math.multiplyExact(indices.length, n)];
        for (int i = 0; i < indices.length; i++) {
            source.read(indices[i], out, i * n);
        }
        return new ArrayImages(out, indices.length, source.height(), source.width());
    }
}
