package a2.figures;

import java.awt.Color;
import java.awt.image.BufferedImage;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The first convolution layer's filters as small RGB images in a grid. Each filter is stretched on its own to
 * 0..255 (its minimum over all three channels to black, its maximum to white), so its colour balance survives
 * but filters of different norms all stay visible; a filter with one constant value is drawn mid-grey. Pixels
 * are enlarged by nearest neighbour, so a 3x3 filter shows as 9 crisp squares.
 *
 * @param scale       screen pixels per filter pixel
 * @param gap         pixels between filters and around the grid
 * @param columns     filters per row (0: chosen by {@link #columnsFor})
 * @param background  colour of the gaps
 */
public record FilterGrid(int scale, int gap, int columns, Color background) {
    /** 3x3 filters as 24x24 squares, 2-pixel white gaps. */
    public static final FilterGrid DEFAULT = new FilterGrid(8, 2, 0, Color.WHITE);
    /** DL4J's key of a convolution layer's weights, shape [out channels, in channels, kernel height, kernel width]. */
    static final String WEIGHTS = "W";

    public FilterGrid {
        if (scale < 1 || gap < 0 || columns < 0) {
            throw new IllegalArgumentException("scale >= 1, gap >= 0 and columns >= 0 required");
        }
        java.util.Objects.requireNonNull(background);
    }

    /** The filters of the network's first layer, which must be a convolution on RGB input. */
    public BufferedImage render(MultiLayerNetwork net) {
        INDArray w = net.getLayer(0).getParam(WEIGHTS);
        if (w == null || w.rank() != 4 || w.size(1) != 3) {
            throw new IllegalArgumentException("layer 0 is not a convolution on 3 input channels: weights "
                    + (w == null ? "absent" : java.util.Arrays.toString(w.shape())));
        }
        int n = (int) w.size(0), kh = (int) w.size(2), kw = (int) w.size(3);
        float[] flat = w.reshape('c', new long[] {w.length()}).toFloatVector(); // [out][in][row][col], row-major
        float[][][][] filters = new float[n][3][kh][kw];
        for (int f = 0, i = 0; f < n; f++) {
            for (int c = 0; c < 3; c++) {
                for (int y = 0; y < kh; y++) {
                    for (int x = 0; x < kw; x++) {
                        filters[f][c][y][x] = flat[i++];
                    }
                }
            }
        }
        return render(filters);
    }

    /** @param filters [filter][channel R,G,B][row][column] */
    public BufferedImage render(float[][][][] filters) {
        int n = filters.length;
        if (n == 0) {
            throw new IllegalArgumentException("no filters");
        }
        int kh = filters[0][0].length, kw = filters[0][0][0].length;
        int cols = columns > 0 ? Math.min(columns, n) : columnsFor(n);
        int rows = (n + cols - 1) / cols;
        int cellW = kw * scale, cellH = kh * scale;
        int width = cols * cellW + (cols + 1) * gap, height = rows * cellH + (rows + 1) * gap;
        BufferedImage img = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        int bg = background.getRGB() & 0xffffff;
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                img.setRGB(x, y, bg);
            }
        }
        for (int f = 0; f < n; f++) {
            float[][][] filter = filters[f];
            float min = Float.POSITIVE_INFINITY, max = Float.NEGATIVE_INFINITY;
            for (float[][] plane : filter) {
                for (float[] row : plane) {
                    for (float v : row) {
                        min = Math.min(min, v);
                        max = Math.max(max, v);
                    }
                }
            }
            int x0 = gap + (f % cols) * (cellW + gap), y0 = gap + (f / cols) * (cellH + gap);
            for (int y = 0; y < kh; y++) {
                for (int x = 0; x < kw; x++) {
                    int rgb = toByte(filter[0][y][x], min, max) << 16 | toByte(filter[1][y][x], min, max) << 8
                            | toByte(filter[2][y][x], min, max);
                    for (int dy = 0; dy < scale; dy++) {
                        for (int dx = 0; dx < scale; dx++) {
                            img.setRGB(x0 + x * scale + dx, y0 + y * scale + dy, rgb);
                        }
                    }
                }
            }
        }
        return img;
    }

    /**
     * A grid about twice as wide as tall without empty cells where one exists: the divisor of {@code n} closest to
     * {@code sqrt(2n)} (32 filters: 8 x 4, 64: 8 x 8); for awkward counts (primes) {@code ceil(sqrt(n))} columns.
     */
    static int columnsFor(int n) {
        double target = Math.sqrt(2.0 * n);
        int best = 1;
        for (int d = 1; d <= n; d++) {
            if (n % d == 0 && Math.abs(d - target) < Math.abs(best - target)) {
                best = d;
            }
        }
        return best >= target / 2 && best <= 2 * target ? best : (int) Math.ceil(Math.sqrt(n));
    }

    /** {@code v} stretched from [min, max] to 0..255, rounded; a flat filter maps to mid-grey. */
    static int toByte(float v, float min, float max) {
        if (!(max > min)) {
            return 128;
        }
        return (int) Math.round((v - min) / (double) (max - min) * 255);
    }
}
