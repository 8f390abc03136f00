package a2.figures;

import a2.data.Images;
import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.List;

/**
 * The images themselves drawn at their t-SNE positions, as the map at the end of Torch's {@code manifold} tutorial
 * ({@code manifold.draw_image_map}): each image enlarged by nearest neighbour to about {@code tile} pixels, framed in
 * its class's colour, on a square white canvas with the class legend along the bottom. Images are placed in the order
 * given; one that would overlap an image already drawn is left out, so the map is a deterministic function of its
 * input, and which images are shown does not depend on anything but their positions.
 *
 * @param canvas  side of the square image, pixels
 * @param tile    the image side to aim for: images are enlarged by the largest whole factor that keeps them at most
 *                this size, and never shrunk (32-pixel CIFAR images: 2x, 64 pixels)
 * @param border  width of the class-coloured frame, pixels
 * @param margin  white space around the map, pixels
 * @param legend  height of the legend band below the map, pixels
 */
record TsneImageMap(int canvas, int tile, int border, int margin, int legend) {
    static final String FILE = "tsne-image-map.png";
    /** What the writeup uses: a 2,048-pixel square, CIFAR images at twice their size. */
    static final TsneImageMap DEFAULT = new TsneImageMap(2048, 64, 2, 16, 56);

    TsneImageMap {
        if (canvas < 64 || tile < 1 || border < 0 || margin < 0 || legend < 0 || 2 * margin + legend >= canvas) {
            throw new IllegalArgumentException("canvas >= 64, tile >= 1, border, margin, legend >= 0, and room for the map");
        }
    }

    /** The drawing, how many of the images it shows, and how many times enlarged. */
    record Drawn(BufferedImage image, int shown, int total, int scale) {}

    /**
     * @param xy         t-SNE positions [n][2], in any units (the map is scaled to fill the canvas)
     * @param images     the images {@code indices} point into
     * @param labels     the class of each of the {@code n} images, for its frame
     * @param classNames the legend's names, by class
     */
    Drawn render(double[][] xy, Images images, int[] indices, int[] labels, List<String> classNames) {
        if (xy.length != indices.length || labels.length != indices.length || xy.length == 0) {
            throw new IllegalArgumentException("one position and one label per image, at least one image; got "
                    + xy.length + " positions, " + indices.length + " images, " + labels.length + " labels");
        }
        int side = images.height();
        int scale = Math.max(1, tile / Math.max(side, images.width()));
        int w = images.width() * scale + 2 * border, h = side * scale + 2 * border;
        BufferedImage out = new BufferedImage(canvas, canvas, BufferedImage.TYPE_INT_RGB);
        AugmentationGrid.fill(out, Color.WHITE);
        double[] box = bounds(xy);
        int spanX = canvas - 2 * margin - w, spanY = canvas - 2 * margin - legend - h;
        List<int[]> placed = new ArrayList<>();
        byte[] raw = new byte[images.bytesPerImage()];
        for (int i = 0; i < xy.length; i++) {
            int x0 = margin + (int) Math.round(spanX * unit(xy[i][0], box[0], box[2]));
            // y up, as in the scatter plots of the same map.
            int y0 = margin + (int) Math.round(spanY * (1 - unit(xy[i][1], box[1], box[3])));
            if (placed.stream().anyMatch(p -> x0 < p[0] + w && p[0] < x0 + w && y0 < p[1] + h && p[1] < y0 + h)) {
                continue;
            }
            placed.add(new int[] {x0, y0});
            images.read(indices[i], raw, 0);
            draw(out, raw, images.width(), side, scale, x0, y0, classColour(labels[i]));
        }
        legend(out, classNames);
        return new Drawn(out, placed.size(), xy.length, scale);
    }

    /** min x, min y, max x, max y. */
    private static double[] bounds(double[][] xy) {
        double[] b = {Double.POSITIVE_INFINITY, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, Double.NEGATIVE_INFINITY};
        for (double[] p : xy) {
            b[0] = Math.min(b[0], p[0]);
            b[1] = Math.min(b[1], p[1]);
            b[2] = Math.max(b[2], p[0]);
            b[3] = Math.max(b[3], p[1]);
        }
        return b;
    }

    /** {@code v} in [lo, hi] as a fraction of the range; the middle when the range is empty. */
    private static double unit(double v, double lo, double hi) {
        return hi > lo ? (v - lo) / (hi - lo) : 0.5;
    }

    static Color classColour(int k) {
        return (Color) Charts.classColour(k);
    }

    /** One image (planar CHW bytes) enlarged {@code scale} times, inside a frame of {@link #border} pixels. */
    private void draw(BufferedImage out, byte[] chw, int width, int height, int scale, int x0, int y0, Color frame) {
        int fw = width * scale + 2 * border, fh = height * scale + 2 * border;
        for (int y = 0; y < fh; y++) {
            for (int x = 0; x < fw; x++) {
                out.setRGB(x0 + x, y0 + y, frame.getRGB() & 0xffffff);
            }
        }
        int plane = width * height;
        for (int y = 0; y < height * scale; y++) {
            for (int x = 0; x < width * scale; x++) {
                int i = (y / scale) * width + x / scale;
                int rgb = (chw[i] & 0xff) << 16 | (chw[plane + i] & 0xff) << 8 | (chw[2 * plane + i] & 0xff);
                out.setRGB(x0 + border + x, y0 + border + y, rgb);
            }
        }
    }

    /** A coloured square and the name of each class, in a row along the bottom. */
    private void legend(BufferedImage out, List<String> classNames) {
        if (legend == 0 || classNames.isEmpty()) {
            return;
        }
        Graphics2D g = out.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
            g.setFont(new Font(Charts.FONT, Font.PLAIN, Math.max(10, legend / 2)));
            FontMetrics fm = g.getFontMetrics();
            int square = legend / 2, y = canvas - margin - legend + (legend - square) / 2;
            int slot = (canvas - 2 * margin) / classNames.size();
            for (int k = 0; k < classNames.size(); k++) {
                int x = margin + k * slot;
                g.setColor(classColour(k));
                g.fillRect(x, y, square, square);
                g.setColor(Color.BLACK);
                g.drawString(classNames.get(k), x + square + square / 3, y + (square + fm.getAscent() - fm.getDescent()) / 2);
            }
        } finally {
            g.dispose();
        }
    }
}
