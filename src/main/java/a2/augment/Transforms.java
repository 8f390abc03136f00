package a2.augment;

/**
 * Image transforms on float CHW images (3 planes of h*w, values in [0, 1]). Each is a pure function of its
 * arguments: the random draws happen in {@link Augmenter}, so a transform can be tested and drawn in a figure
 * with chosen parameters.
 */
public final class Transforms {
    private Transforms() {}

    /**
     * One resampling pass for flip, shift, zoom and rotation about the image centre: for every output pixel the
     * inverse map finds the source point, read bilinearly with reflection at the border (no black corners,
     * which a small 32x32 image would feel).
     *
     * @param dx, dy    shift in pixels (positive: content moves right / down)
     * @param scale     zoom factor (1: none; 1.1: content 10% larger)
     * @param degrees   rotation; positive turns the content clockwise as displayed (rows grow downwards). The
     *                  augmentation draws symmetric angles, so the sign matters only to figures.
     */
    public static void affine(float[] src, float[] dst, int h, int w, boolean flip, double dx, double dy, double scale,
                              double degrees) {
        double rad = Math.toRadians(degrees), cos = Math.cos(rad) / scale, sin = Math.sin(rad) / scale;
        double cy = (h - 1) / 2.0, cx = (w - 1) / 2.0;
        int plane = h * w;
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                double ox = x - cx - dx, oy = y - cy - dy;
                double sx = cos * ox + sin * oy + cx;
                double sy = -sin * ox + cos * oy + cy;
                if (flip) {
                    sx = (w - 1) - sx;
                }
                sx = reflect(sx, w);
                sy = reflect(sy, h);
                int x0 = (int) Math.floor(sx), y0 = (int) Math.floor(sy);
                int x1 = Math.min(x0 + 1, w - 1), y1 = Math.min(y0 + 1, h - 1);
                float fx = (float) (sx - x0), fy = (float) (sy - y0);
                for (int c = 0; c < 3; c++) {
                    int b = c * plane;
                    float top = src[b + y0 * w + x0] * (1 - fx) + src[b + y0 * w + x1] * fx;
                    float bot = src[b + y1 * w + x0] * (1 - fx) + src[b + y1 * w + x1] * fx;
                    dst[b + y * w + x] = top * (1 - fy) + bot * fy;
                }
            }
        }
    }

    /** Mirrors a coordinate into [0, n-1] ("reflect" padding, edge pixel not repeated). */
    static double reflect(double v, int n) {
        if (n == 1) {
            return 0;
        }
        double period = 2.0 * (n - 1);
        double m = v % period;
        if (m < 0) {
            m += period;
        }
        return m > n - 1 ? period - m : m;
    }

    /**
     * Brightness, contrast and saturation, each a factor around 1 (1: unchanged), in that order, clipped to
     * [0, 1]. Contrast blends with the mean grey level, saturation with the per-pixel grey (ITU-R 601 luma).
     */
    public static void colorJitter(float[] img, int h, int w, double brightness, double contrast, double saturation) {
        int plane = h * w;
        double meanGrey = 0;
        for (int i = 0; i < plane; i++) {
            meanGrey += luma(img, i, plane);
        }
        meanGrey = meanGrey * brightness / plane;
        for (int i = 0; i < plane; i++) {
            float r = (float) (img[i] * brightness), g = (float) (img[plane + i] * brightness),
                    b = (float) (img[2 * plane + i] * brightness);
            r = (float) (meanGrey + (r - meanGrey) * contrast);
            g = (float) (meanGrey + (g - meanGrey) * contrast);
            b = (float) (meanGrey + (b - meanGrey) * contrast);
            float grey = 0.299f * r + 0.587f * g + 0.114f * b;
            img[i] = clip(grey + (r - grey) * (float) saturation);
            img[plane + i] = clip(grey + (g - grey) * (float) saturation);
            img[2 * plane + i] = clip(grey + (b - grey) * (float) saturation);
        }
    }

    private static float luma(float[] img, int i, int plane) {
        return 0.299f * img[i] + 0.587f * img[plane + i] + 0.114f * img[2 * plane + i];
    }

    private static float clip(float v) {
        return v < 0 ? 0 : v > 1 ? 1 : v;
    }

    /** Erases a size x size square centred at (cy, cx), clipped at the border, to the per-channel {@code fill}. */
    public static void cutout(float[] img, int h, int w, int cy, int cx, int size, float[] fill) {
        int plane = h * w;
        int y0 = Math.max(0, cy - size / 2), y1 = Math.min(h, cy - size / 2 + size);
        int x0 = Math.max(0, cx - size / 2), x1 = Math.min(w, cx - size / 2 + size);
        for (int c = 0; c < 3; c++) {
            for (int y = y0; y < y1; y++) {
                for (int x = x0; x < x1; x++) {
                    img[c * plane + y * w + x] = fill[c];
                }
            }
        }
    }

    /** Area-averaging / bilinear resize of a CHW uint8 image to a square side (used once per image, not per step). */
    public static float[] toFloat(byte[] chw, int off, int h, int w, int side) {
        int plane = h * w;
        float[] src = new float[3 * plane];
        for (int i = 0; i < src.length; i++) {
            src[i] = (chw[off + i] & 0xff) / 255f;
        }
        if (h == side && w == side) {
            return src;
        }
        float[] dst = new float[3 * side * side];
        double sy = (double) h / side, sx = (double) w / side;
        for (int c = 0; c < 3; c++) {
            for (int y = 0; y < side; y++) {
                for (int x = 0; x < side; x++) {
                    // Average over the source box that maps onto this output pixel (box filter: no aliasing on
                    // downscale, which is the only direction used: 96 -> 32..64 for STL-10).
                    int ya = (int) Math.floor(y * sy), yb = Math.max(ya + 1, (int) Math.ceil((y + 1) * sy));
                    int xa = (int) Math.floor(x * sx), xb = Math.max(xa + 1, (int) Math.ceil((x + 1) * sx));
                    double sum = 0;
                    for (int yy = ya; yy < Math.min(yb, h); yy++) {
                        for (int xx = xa; xx < Math.min(xb, w); xx++) {
                            sum += src[c * plane + yy * w + xx];
                        }
                    }
                    dst[c * side * side + y * side + x] = (float) (sum / ((Math.min(yb, h) - ya) * (Math.min(xb, w) - xa)));
                }
            }
        }
        return dst;
    }
}
