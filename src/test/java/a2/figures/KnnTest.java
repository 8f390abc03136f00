package a2.figures;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Random;
import org.junit.jupiter.api.Test;

class KnnTest {
    /** Two tight, far-apart clusters: every point's neighbours share its class. */
    @Test
    void separatedClustersScorePerfectly() {
        Random rnd = new Random(7);
        int n = 60;
        double[][] x = new double[n][];
        int[] y = new int[n];
        for (int i = 0; i < n; i++) {
            y[i] = i % 2;
            double cx = y[i] == 0 ? -10 : 10;
            x[i] = new double[] {cx + rnd.nextGaussian(), rnd.nextGaussian()};
        }
        assertEquals(1.0, Knn.leaveOneOutAccuracy(x, y, 10));
    }

    /** Points on a line, labels alternating: every point's nearest neighbour has the other class. */
    @Test
    void alternatingLabelsOnALineScoreZeroWithOneNeighbour() {
        int n = 20;
        double[][] x = new double[n][];
        int[] y = new int[n];
        for (int i = 0; i < n; i++) {
            x[i] = new double[] {i};
            y[i] = i % 2;
        }
        assertEquals(0.0, Knn.leaveOneOutAccuracy(x, y, 1));
    }

    /** The point itself never votes: with it, 1-NN would trivially score 1. */
    @Test
    void leavesThePointItselfOut() {
        double[][] x = {{0}, {1}, {10}, {11}};
        int[] y = {0, 1, 0, 1};
        assertEquals(0.0, Knn.leaveOneOutAccuracy(x, y, 1));
    }

    /** A 1:1 vote goes to the class of the nearer neighbour. */
    @Test
    void tiedVoteGoesToTheNearestClass() {
        // Point 0 at 0: neighbours 1 (class 1, distance 1) and 2 (class 0, distance 2) tie 1:1; class 1 is nearer.
        double[][] x = {{0}, {1}, {-2}, {100}};
        int[] y = {0, 1, 0, 1};
        // point 0: wrong (tie -> class 1); point 1: neighbours 0 (c0, d1), 2 (c0, d3) -> 0, wrong;
        // point 2: neighbours 0 (c0, d2), 1 (c1, d3) -> tie, nearest c0 -> right; point 3: 1 (c1, d99), 0 (c0, d100) -> tie -> c1, right.
        assertEquals(0.5, Knn.leaveOneOutAccuracy(x, y, 2));
    }

    @Test
    void rejectsBadArguments() {
        double[][] x = {{0}, {1}, {2}};
        assertThrows(IllegalArgumentException.class, () -> Knn.leaveOneOutAccuracy(x, new int[] {0, 1}, 1));
        assertThrows(IllegalArgumentException.class, () -> Knn.leaveOneOutAccuracy(x, new int[] {0, 1, 0}, 3));
        assertThrows(IllegalArgumentException.class, () -> Knn.leaveOneOutAccuracy(x, new int[] {0, 1, 0}, 0));
    }
}
