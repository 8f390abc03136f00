package a2.figures;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class TsnePlotTest {
    /** Three Gaussian blobs in 20 dimensions, 25 points each. */
    static double[][] blobs(int[] labels, long seed) {
        Random r = new Random(seed);
        double[][] x = new double[labels.length][20];
        for (int i = 0; i < labels.length; i++) {
            labels[i] = i % 3;
            for (int d = 0; d < 20; d++) {
                x[i][d] = (d == labels[i] ? 8 : 0) + r.nextGaussian();
            }
        }
        return x;
    }

    /** 1,000 iterations as in the reference: bh-tsne spends the first 250 in its early-exaggeration phase. */
    static final TsnePlot.Settings FAST = new TsnePlot.Settings(30, 1000, 0.5, 10, 12345);

    @Test
    void embeddingIsAPureFunctionOfInputAndSeedAndKeepsClustersApart() {
        int[] labels = new int[75];
        double[][] x = blobs(labels, 3);
        double[][] copy = java.util.Arrays.stream(x).map(double[]::clone).toArray(double[][]::new);
        double[][] a = TsnePlot.embed(x, FAST), b = TsnePlot.embed(x, FAST);
        assertEquals(75, a.length);
        assertEquals(2, a[0].length);
        for (int i = 0; i < a.length; i++) {
            assertArrayEquals(a[i], b[i], 0.0, "point " + i);
            assertArrayEquals(copy[i], x[i], 0.0, "the input is left as it was");
        }
        assertEquals(1.0, Knn.leaveOneOutAccuracy(x, labels, 10), "the blobs separate in 20-d");
        assertTrue(Knn.leaveOneOutAccuracy(a, labels, 10) >= 0.95, "and in the map");
    }

    @Test
    void perplexityShrinksForSmallInputs() {
        assertEquals(30, FAST.perplexityFor(1000));
        assertEquals(8, FAST.perplexityFor(25));
    }

    @Test
    void plotHasTheRequestedSizeAndClassColours() {
        int[] labels = new int[75];
        double[][] xy = new double[75][2];
        Random r = new Random(1);
        for (int i = 0; i < 75; i++) {
            labels[i] = i % 3;
            xy[i] = new double[] {labels[i] * 10 + r.nextGaussian(), r.nextGaussian()};
        }
        BufferedImage img = TsnePlot.render(xy, labels, List.of("a", "b", "c"), "title", "subtitle", 500, 400);
        assertEquals(500, img.getWidth());
        assertEquals(400, img.getHeight());
        for (int k = 0; k < 3; k++) {
            assertTrue(TrainingLogTest.containsColour(img, Charts.PALETTE[k].getRGB()), "class " + k + " drawn");
        }
        assertTrue(!TrainingLogTest.containsColour(img, Charts.PALETTE[3].getRGB()), "no fourth class");
        assertArrayEquals(Png.encode(img), Png.encode(TsnePlot.render(xy, labels, List.of("a", "b", "c"), "title", "subtitle", 500, 400)));
    }

    @Test
    void rejectsTooFewPointsAndMismatchedLabels() {
        assertThrows(IllegalArgumentException.class, () -> TsnePlot.embed(new double[3][2], FAST));
        assertThrows(IllegalArgumentException.class,
                () -> TsnePlot.render(new double[3][2], new int[2], List.of("a"), "t", "s", 100, 100));
    }

    @Test
    void aFewWidePointsAreProjectedOnNoMoreComponentsThanTheyHold() {
        int[] labels = new int[12];
        double[][] x = new double[12][200];
        java.util.Random r = new java.util.Random(5);
        for (double[] row : x) {
            for (int d = 0; d < row.length; d++) {
                row[d] = r.nextGaussian();
            }
        }
        double[][] xy = TsnePlot.embed(x, new TsnePlot.Settings(30, 300, 0.5, 50, 7));
        assertEquals(12, xy.length);
        assertTrue(java.util.Arrays.stream(xy).allMatch(p -> Double.isFinite(p[0]) && Double.isFinite(p[1])));
    }
}
