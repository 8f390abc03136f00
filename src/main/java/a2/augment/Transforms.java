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
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                double ox = x - cx - dx, oy = y - cy - dy;
                double sx = cos * ox + sin * oy + cx;
                double sy = -sin * ox + cos * oy + cy;
                if (flip) {
                    sx = (w - 1) - sx;
                }
                sample(src, dst, h, w, y * w + x, sx, sy);
            }
        }
    }

    /**
     * Shear about the image centre, resampled like {@link #affine}: {@code shearX} moves each row sideways by
     * {@code shearX} times its distance from the centre row (0.3: the top and bottom rows move 0.3 x 15.5 pixels
     * on a 32-pixel image, opposite ways), {@code shearY} each column vertically the same way. Both: X then Y.
     */
    public static void shear(float[] src, float[] dst, int h, int w, double shearX, double shearY) {
        double cy = (h - 1) / 2.0, cx = (w - 1) / 2.0;
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                // Inverse map of (x, y) -> (x + a (y - cy), y + b (x' - cx)), x' the sheared x.
                double sy = y - shearY * (x - cx);
                double sx = x - shearX * (sy - cy);
                sample(src, dst, h, w, y * w + x, sx, sy);
            }
        }
    }

    /** Writes output pixel {@code at} of all three planes from source point (sx, sy), bilinearly, reflected at the border. */
    private static void sample(float[] src, float[] dst, int h, int w, int at, double sx, double sy) {
        int plane = h * w;
        sx = reflect(sx, w);
        sy = reflect(sy, h);
        int x0 = (int) Math.floor(sx), y0 = (int) Math.floor(sy);
        int x1 = Math.min(x0 + 1, w - 1), y1 = Math.min(y0 + 1, h - 1);
        float fx = (float) (sx - x0), fy = (float) (sy - y0);
        for (int c = 0; c < 3; c++) {
            int b = c * plane;
            float top = src[b + y0 * w + x0] * (1 - fx) + src[b + y0 * w + x1] * fx;
            float bot = src[b + y1 * w + x0] * (1 - fx) + src[b + y1 * w + x1] * fx;
            dst[b + at] = top * (1 - fy) + bot * fy;
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

    // ---- RandAugment's photometric operations, after PIL's ImageOps / ImageEnhance, which FixMatch's code calls on
    // 8-bit images. Here on floats in [0, 1]; the ones defined on 8-bit levels (equalize, posterize) round to the
    // nearest of the 256 levels first, as converting to a PIL image would.

    /** Stretches each channel to the full [0, 1] range (PIL's autocontrast, no cutoff); a flat channel stays as it is. */
    public static void autoContrast(float[] img, int h, int w) {
        int plane = h * w;
        for (int c = 0; c < 3; c++) {
            float lo = Float.POSITIVE_INFINITY, hi = Float.NEGATIVE_INFINITY;
            for (int i = c * plane; i < (c + 1) * plane; i++) {
                lo = Math.min(lo, img[i]);
                hi = Math.max(hi, img[i]);
            }
            if (hi > lo) {
                float s = 1 / (hi - lo);
                for (int i = c * plane; i < (c + 1) * plane; i++) {
                    img[i] = clip((img[i] - lo) * s);
                }
            }
        }
    }

    /**
     * Histogram equalisation of each channel over the 256 levels, PIL's {@code ImageOps.equalize} step for step:
     * step = (pixels - count of the highest occupied level) / 255 rounded down; the level l maps to
     * (step / 2 + pixels below l) / step. A channel with one occupied level, or a step of 0, stays.
     */
    public static void equalize(float[] img, int h, int w) {
        int plane = h * w;
        int[] level = new int[plane];
        for (int c = 0; c < 3; c++) {
            int[] hist = new int[256];
            int last = 0, occupied = 0;
            for (int i = 0; i < plane; i++) {
                level[i] = level(img[c * plane + i]);
                hist[level[i]]++;
            }
            for (int l = 0; l < 256; l++) {
                if (hist[l] > 0) {
                    occupied++;
                    last = hist[l];
                }
            }
            int step = (plane - last) / 255;
            if (occupied <= 1 || step == 0) {
                continue;
            }
            int[] lut = new int[256];
            for (int l = 0, n = step / 2; l < 256; n += hist[l], l++) {
                lut[l] = Math.min(255, n / step);
            }
            for (int i = 0; i < plane; i++) {
                img[c * plane + i] = lut[level[i]] / 255f;
            }
        }
    }

    /** Keeps the top {@code bits} (1..8) bits of each channel's 8-bit level (PIL's posterize). */
    public static void posterize(float[] img, int bits) {
        int mask = ~((1 << (8 - bits)) - 1) & 0xff;
        for (int i = 0; i < img.length; i++) {
            img[i] = (level(img[i]) & mask) / 255f;
        }
    }

    /** Inverts every value at or above {@code threshold} (PIL's solarize: a level l >= t becomes 255 - l). */
    public static void solarize(float[] img, double threshold) {
        for (int i = 0; i < img.length; i++) {
            if (img[i] >= threshold) {
                img[i] = 1 - img[i];
            }
        }
    }

    /**
     * PIL's {@code ImageEnhance.Sharpness}: blends the image with its copy smoothed by PIL's SMOOTH kernel
     * ([1 1 1; 1 5 1; 1 1 1] / 13, border pixels not smoothed): {@code factor} 0 gives the smoothed image, 1 the
     * image itself, above 1 a sharpened one. {@code scratch} holds the smoothed copy.
     */
    public static void sharpness(float[] img, float[] scratch, int h, int w, double factor) {
        int plane = h * w;
        System.arraycopy(img, 0, scratch, 0, img.length);
        for (int c = 0; c < 3; c++) {
            int b = c * plane;
            for (int y = 1; y < h - 1; y++) {
                for (int x = 1; x < w - 1; x++) {
                    float sum = 4 * img[b + y * w + x];
                    for (int dy = -1; dy <= 1; dy++) {
                        for (int dx = -1; dx <= 1; dx++) {
                            sum += img[b + (y + dy) * w + x + dx];
                        }
                    }
                    scratch[b + y * w + x] = sum / 13;
                }
            }
        }
        for (int i = 0; i < img.length; i++) {
            img[i] = clip((float) (scratch[i] + factor * (img[i] - scratch[i])));
        }
    }

    /** The nearest of the 256 levels of an 8-bit channel. */
    private static int level(float v) {
        return Math.round(clip(v) * 255);
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
