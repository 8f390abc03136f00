package a2.figures;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import a2.model.Networks;
import java.awt.Color;
import java.awt.image.BufferedImage;
import java.util.List;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;

class FilterGridTest {
    /** Filter f, channel c, row y, column x holds c * 9 + y * 3 + x + offset: a ramp from offset to offset + 26. */
    static float[][][][] ramps(int n) {
        float[][][][] w = new float[n][3][3][3];
        for (int f = 0; f < n; f++) {
            for (int c = 0; c < 3; c++) {
                for (int y = 0; y < 3; y++) {
                    for (int x = 0; x < 3; x++) {
                        w[f][c][y][x] = c * 9 + y * 3 + x + 100 * f;
                    }
                }
            }
        }
        return w;
    }

    static int rgb(BufferedImage img, int x, int y) {
        return img.getRGB(x, y) & 0xffffff;
    }

    @Test
    void sizeFollowsScaleGapAndColumns() {
        BufferedImage img = new FilterGrid(8, 2, 4, Color.WHITE).render(ramps(6));
        // 4 columns x 2 rows of 24-pixel cells, 2-pixel gaps between and around.
        assertEquals(4 * 24 + 5 * 2, img.getWidth());
        assertEquals(2 * 24 + 3 * 2, img.getHeight());
        assertEquals(0xffffff, rgb(img, 0, 0), "gap colour");
        assertEquals(0xffffff, rgb(img, img.getWidth() - 1, img.getHeight() - 1), "empty cells stay background");
    }

    /** Each filter is stretched on its own: its minimum (R at 0,0) is black, its maximum (B at 2,2) is white. */
    @Test
    void everyFilterIsNormalisedToItsOwnRangeAndEnlargedByNearestNeighbour() {
        BufferedImage img = new FilterGrid(8, 2, 4, Color.WHITE).render(ramps(2));
        int[] expectedTopLeft = {0, Math.round(9 / 26f * 255), Math.round(18 / 26f * 255)};
        int[] expectedBottomRight = {Math.round(8 / 26f * 255), Math.round(17 / 26f * 255), 255};
        for (int f = 0; f < 2; f++) {
            int x0 = 2 + f * 26, y0 = 2;
            int tl = expectedTopLeft[0] << 16 | expectedTopLeft[1] << 8 | expectedTopLeft[2];
            int br = expectedBottomRight[0] << 16 | expectedBottomRight[1] << 8 | expectedBottomRight[2];
            // Every pixel of the 8x8 block of filter pixel (0, 0) has the same colour.
            assertEquals(tl, rgb(img, x0, y0), "filter " + f);
            assertEquals(tl, rgb(img, x0 + 7, y0 + 7), "filter " + f);
            assertEquals(br, rgb(img, x0 + 16, y0 + 16), "filter " + f);
            assertEquals(br, rgb(img, x0 + 23, y0 + 23), "filter " + f);
        }
    }

    @Test
    void aConstantFilterIsMidGrey() {
        float[][][][] w = new float[1][3][3][3];
        BufferedImage img = new FilterGrid(4, 1, 0, Color.WHITE).render(w);
        assertEquals(0x808080, rgb(img, 1, 1));
    }

    @Test
    void defaultColumnsMakeAGridWithoutHoles() {
        assertEquals(8, FilterGrid.columnsFor(32));
        assertEquals(8, FilterGrid.columnsFor(64));
        assertEquals(4, FilterGrid.columnsFor(8));
        assertEquals(6, FilterGrid.columnsFor(31), "a prime falls back to ceil(sqrt(n))");
    }

    /** The real path: a network built by {@link Networks}, whose first filter is overwritten with a ramp. */
    @Test
    void rendersTheFirstConvolutionOfANetwork() {
        MultiLayerNetwork net = Networks.build(Fixtures.recipe("grid", List.of(5, 8), 1, false, 1, 1, 4), 3, 1);
        INDArray w = net.getLayer(0).getParam("W");
        assertEquals(List.of(5L, 3L, 3L, 3L), java.util.Arrays.stream(w.shape()).boxed().toList());
        float[][][][] ramp = ramps(1);
        for (int c = 0; c < 3; c++) {
            for (int y = 0; y < 3; y++) {
                for (int x = 0; x < 3; x++) {
                    w.putScalar(new long[] {0, c, y, x}, ramp[0][c][y][x]);
                }
            }
        }
        BufferedImage img = FilterGrid.DEFAULT.render(net);
        int cols = FilterGrid.columnsFor(5);
        assertEquals(cols * 24 + (cols + 1) * 2, img.getWidth());
        assertEquals(0 << 16 | Math.round(9 / 26f * 255) << 8 | Math.round(18 / 26f * 255), rgb(img, 2, 2));
        assertEquals(Math.round(4 / 26f * 255) << 16 | Math.round(13 / 26f * 255) << 8 | Math.round(22 / 26f * 255),
                rgb(img, 2 + 8 + 4, 2 + 8 + 4), "centre pixel (1, 1)");
    }

    @Test
    void rejectsBadSettings() {
        assertThrows(IllegalArgumentException.class, () -> new FilterGrid(0, 1, 0, Color.WHITE));
        assertThrows(IllegalArgumentException.class, () -> new FilterGrid(1, -1, 0, Color.WHITE));
    }
}
