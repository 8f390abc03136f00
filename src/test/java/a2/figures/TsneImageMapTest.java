package a2.figures;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import a2.data.Images;
import java.awt.Color;
import java.awt.image.BufferedImage;
import java.util.List;
import org.junit.jupiter.api.Test;

class TsneImageMapTest {
    static final int SIDE = 8;

    /** Image i: pixel (row, col) is red {@code 40 * i + col}, green {@code row}, blue 200. */
    static Images images(int count) {
        return new Images() {
            public int count() {
                return count;
            }

            public int height() {
                return SIDE;
            }

            public int width() {
                return SIDE;
            }

            public void read(int index, byte[] dst, int offset) {
                int plane = SIDE * SIDE;
                for (int row = 0; row < SIDE; row++) {
                    for (int col = 0; col < SIDE; col++) {
                        dst[offset + row * SIDE + col] = (byte) (40 * index + col);
                        dst[offset + plane + row * SIDE + col] = (byte) row;
                        dst[offset + 2 * plane + row * SIDE + col] = (byte) 200;
                    }
                }
            }
        };
    }

    static int rgb(BufferedImage img, int x, int y) {
        return img.getRGB(x, y) & 0xffffff;
    }

    @Test
    void drawsEachImageEnlargedByNearestNeighbourInItsClassFrameAndLeavesOutOverlaps() {
        TsneImageMap map = TsneImageMap.DEFAULT;
        // Bottom left, top right, and a third image on top of the first: the third is left out.
        double[][] xy = {{0, 0}, {1, 1}, {0.001, 0}};
        TsneImageMap.Drawn d = map.render(xy, images(3), new int[] {0, 1, 2}, new int[] {0, 1, 2}, List.of("a", "b", "c"));
        BufferedImage img = d.image();
        assertEquals(2048, img.getWidth());
        assertEquals(2048, img.getHeight());
        assertEquals(2, d.shown());
        assertEquals(3, d.total());
        int scale = 64 / SIDE, frame = SIDE * scale + 2 * map.border();
        int x0 = map.margin(), y0 = 2048 - map.margin() - map.legend() - frame; // y up: the lowest point at the bottom
        assertEquals(TsneImageMap.classColour(0).getRGB() & 0xffffff, rgb(img, x0, y0), "class 0's frame");
        int in = map.border();
        // Image pixel (row 3, col 5) covers screen pixels [in + 5*scale, in + 6*scale) across.
        int expected = 5 << 16 | 3 << 8 | 200;
        assertEquals(expected, rgb(img, x0 + in + 5 * scale, y0 + in + 3 * scale));
        assertEquals(expected, rgb(img, x0 + in + 6 * scale - 1, y0 + in + 4 * scale - 1), "nearest neighbour");
        assertEquals((6 << 16) | 3 << 8 | 200, rgb(img, x0 + in + 6 * scale, y0 + in + 3 * scale));
        int x1 = 2048 - map.margin() - frame, y1 = map.margin();
        assertEquals(TsneImageMap.classColour(1).getRGB() & 0xffffff, rgb(img, x1 + frame - 1, y1 + frame - 1), "class 1's frame");
        assertEquals(40 << 16 | 200, rgb(img, x1 + in, y1 + in), "image 1's first pixel");
        assertEquals(Color.WHITE.getRGB() & 0xffffff, rgb(img, 1024, 1024), "nothing in the middle");
    }

    @Test
    void isAPureFunctionOfItsInput() {
        double[][] xy = new double[40][];
        int[] idx = new int[40], labels = new int[40];
        for (int i = 0; i < 40; i++) {
            xy[i] = new double[] {Math.sin(i), Math.cos(3 * i)};
            idx[i] = i % 5;
            labels[i] = i % 3;
        }
        byte[] a = Png.encode(TsneImageMap.DEFAULT.render(xy, images(5), idx, labels, List.of("a", "b", "c")).image());
        byte[] b = Png.encode(TsneImageMap.DEFAULT.render(xy, images(5), idx, labels, List.of("a", "b", "c")).image());
        assertArrayEquals(a, b);
    }

    @Test
    void refusesPositionsThatDoNotMatchTheImages() {
        var e = assertThrows(IllegalArgumentException.class, () -> TsneImageMap.DEFAULT.render(new double[2][2], images(3),
                new int[] {0, 1, 2}, new int[] {0, 1, 2}, List.of("a", "b", "c")));
        assertEquals(true, e.getMessage().contains("2 positions, 3 images"), e.getMessage());
    }
}
