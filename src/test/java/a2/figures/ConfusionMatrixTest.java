package a2.figures;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.util.List;
import org.junit.jupiter.api.Test;

class ConfusionMatrixTest {
    static final List<String> CLASSES = List.of("cat", "dog", "ship");

    @Test
    void countsRowsAsTruthAndColumnsAsPredictions() {
        int[] labels = {0, 0, 0, 1, 1, 2, 2, 2};
        int[] preds = {0, 0, 1, 1, 0, 2, 2, 2};
        ConfusionMatrix cm = ConfusionMatrix.of(labels, preds, CLASSES);
        assertArrayEquals(new int[] {2, 1, 0}, cm.counts()[0]);
        assertArrayEquals(new int[] {1, 1, 0}, cm.counts()[1]);
        assertArrayEquals(new int[] {0, 0, 3}, cm.counts()[2]);
        assertEquals(8, cm.total());
        assertEquals(6 / 8.0, cm.accuracy());
        assertEquals(2 / 3.0, cm.recall(0));
        assertEquals(1.0, cm.recall(2));
    }

    @Test
    void aPerfectRowIsDrawnInTheDarkestShadeAnEmptyCellWhite() {
        ConfusionMatrix cm = ConfusionMatrix.of(new int[] {0, 1, 2, 2}, new int[] {1, 1, 2, 2}, CLASSES);
        BufferedImage img = cm.render("test");
        assertTrue(img.getWidth() >= 3 * ConfusionMatrix.CELL && img.getHeight() >= 3 * ConfusionMatrix.CELL);
        int dark = ConfusionMatrix.blend(1).getRGB() & 0xffffff;
        assertEquals(dark, 0x08519C);
        // Three cells have the whole row (0->1, 1->1, 2->2): at least 3 cells' worth of the darkest shade, minus text.
        assertTrue(count(img, dark) > 3 * ConfusionMatrix.CELL * ConfusionMatrix.CELL * 8 / 10, "dark cells");
        assertTrue(count(img, dark) < 4 * ConfusionMatrix.CELL * ConfusionMatrix.CELL, "no fourth dark cell");
        assertArrayEquals(Png.encode(img), Png.encode(cm.render("test")));
    }

    @Test
    void rejectsMismatchedShapes() {
        assertThrows(IllegalArgumentException.class, () -> new ConfusionMatrix(CLASSES, new int[2][3]));
        assertThrows(IllegalArgumentException.class, () -> new ConfusionMatrix(CLASSES, new int[][] {{1}, {1}, {1}}));
        assertThrows(IllegalArgumentException.class, () -> ConfusionMatrix.of(new int[2], new int[3], CLASSES));
    }

    static int count(BufferedImage img, int rgb) {
        int n = 0;
        for (int y = 0; y < img.getHeight(); y++) {
            for (int x = 0; x < img.getWidth(); x++) {
                n += (img.getRGB(x, y) & 0xffffff) == rgb ? 1 : 0;
            }
        }
        return n;
    }
}
