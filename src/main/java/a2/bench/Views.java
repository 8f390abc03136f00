package a2.bench;

import a2.data.Images;
import java.util.List;
import java.util.Objects;

/**
 * Lazy views of {@link Images} (CHW, uint8), computed per read, for {@link Stl10ScaleRelease}: nothing is held in
 * memory beyond one source image, so a 100,000-image file can be written from a 45,000-image pool.
 */
final class Views {
    private Views() {}

    /** {@code src} resized to {@code side} x {@code side} bilinearly, pixel centres aligned (align_corners false). */
    static Images upscaled(Images src, int side) {
        return new View(src.count(), side, side) {
            final byte[] buf = new byte[src.bytesPerImage()];

            @Override
            public void read(int index, byte[] dst, int offset) {
                src.read(index, buf, 0);
                bilinear(buf, src.height(), src.width(), dst, offset, side);
            }
        };
    }

    /** Each image of {@code src} flipped left to right. */
    static Images mirrored(Images src) {
        int w = src.width();
        return columnsFrom(src, x -> w - 1 - x);
    }

    /** Each image of {@code src} moved {@code dx} px to the right; the uncovered left columns repeat column 0. */
    static Images shifted(Images src, int dx) {
        return columnsFrom(src, x -> Math.max(0, x - dx));
    }

    /** Each image of {@code src} with output column {@code x} copied from source column {@code source(x)}. */
    private static Images columnsFrom(Images src, java.util.function.IntUnaryOperator source) {
        int h = src.height(), w = src.width();
        int[] from = java.util.stream.IntStream.range(0, w).map(source).toArray();
        return new View(src.count(), h, w) {
            final byte[] buf = new byte[src.bytesPerImage()];

            @Override
            public void read(int index, byte[] dst, int offset) {
                src.read(index, buf, 0);
                for (int row = 0; row < CHANNELS * h * w; row += w) {
                    for (int x = 0; x < w; x++) {
                        dst[offset + row + x] = buf[row + from[x]];
                    }
                }
            }
        };
    }

    /** The images of {@code parts} one after another; all of one size. */
    static Images concat(List<Images> parts) {
        Images first = parts.get(0);
        for (Images p : parts) {
            if (p.height() != first.height() || p.width() != first.width()) {
                throw new IllegalArgumentException("images of " + p.height() + "x" + p.width() + " and "
                        + first.height() + "x" + first.width());
            }
        }
        int total = parts.stream().mapToInt(Images::count).sum();
        return new View(total, first.height(), first.width()) {
            @Override
            public void read(int index, byte[] dst, int offset) {
                Objects.checkIndex(index, total);
                int i = index;
                for (Images p : parts) {
                    if (i < p.count()) {
                        p.read(i, dst, offset);
                        return;
                    }
                    i -= p.count();
                }
            }
        };
    }

    /** The first {@code n} images of {@code src} (all of them if it holds fewer). */
    static Images prefix(Images src, int n) {
        return select(src, java.util.stream.IntStream.range(0, Math.min(n, src.count())).toArray());
    }

    /** The images of {@code src} at {@code indices}, in that order. */
    static Images select(Images src, int[] indices) {
        for (int i : indices) {
            Objects.checkIndex(i, src.count());
        }
        int[] idx = indices.clone();
        return new View(idx.length, src.height(), src.width()) {
            @Override
            public void read(int index, byte[] dst, int offset) {
                src.read(idx[index], dst, offset);
            }
        };
    }

    /**
     * Bilinear resize of one CHW image to {@code side} x {@code side}: output pixel (x, y) samples the source at
     * ((x + 0.5) w / side - 0.5, ...), clamped to the border, rounded to the nearest byte.
     */
    static void bilinear(byte[] src, int h, int w, byte[] dst, int offset, int side) {
        double sy = (double) h / side, sx = (double) w / side;
        for (int y = 0; y < side; y++) {
            double fy = Math.min(Math.max((y + 0.5) * sy - 0.5, 0), h - 1);
            int y0 = (int) fy, y1 = Math.min(y0 + 1, h - 1);
            double ty = fy - y0;
            for (int x = 0; x < side; x++) {
                double fx = Math.min(Math.max((x + 0.5) * sx - 0.5, 0), w - 1);
                int x0 = (int) fx, x1 = Math.min(x0 + 1, w - 1);
                double tx = fx - x0;
                for (int c = 0; c < Images.CHANNELS; c++) {
                    int p = c * h * w;
                    double top = (1 - tx) * (src[p + y0 * w + x0] & 0xff) + tx * (src[p + y0 * w + x1] & 0xff);
                    double bottom = (1 - tx) * (src[p + y1 * w + x0] & 0xff) + tx * (src[p + y1 * w + x1] & 0xff);
                    dst[offset + c * side * side + y * side + x] = (byte) Math.round((1 - ty) * top + ty * bottom);
                }
            }
        }
    }

    /** Size bookkeeping shared by the views; each supplies {@link #read}. */
    private abstract static class View implements Images {
        private final int count, height, width;

        View(int count, int height, int width) {
            this.count = count;
            this.height = height;
            this.width = width;
        }

        @Override
        public int count() {
            return count;
        }

        @Override
        public int height() {
            return height;
        }

        @Override
        public int width() {
            return width;
        }
    }
}
