package a2.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import a2.io.InvalidInputException;
import org.junit.jupiter.api.Test;

class ClassThresholdsTest {
    private static float[] p(float... v) {
        return v;
    }

    @Test
    void beforeAnyConfidentPredictionEveryThresholdIsZero() {
        assertArrayEquals(new double[] {0, 0, 0}, new ClassThresholds(10, 3).thresholds(0.9), 0);
    }

    @Test
    void thresholdsFollowTheConfidentCountsThroughTheConvexMapping() {
        ClassThresholds t = new ClassThresholds(10, 3);
        // Images 0-3 confidently class 0, 4-5 class 1, 6 unconfident (0.5 < 0.9): counts 4, 2, 0.
        t.update(new int[] {0, 1, 2, 3, 4, 5, 6}, new float[][] {p(.95f, .03f, .02f), p(.91f, .05f, .04f),
                p(.99f, 0, .01f), p(.93f, .07f, 0), p(0, .92f, .08f), p(.05f, .95f, 0), p(.5f, .3f, .2f)}, 0.9);
        // beta = 4/4, 2/4, 0/4 (normalised by the largest count); tau * beta / (2 - beta).
        assertArrayEquals(new double[] {0.9, 0.9 * 0.5 / 1.5, 0}, t.thresholds(0.9), 1e-12);
        // Image 0 now confidently class 2, image 9 class 2: counts 3, 2, 2; beta = 1, 2/3, 2/3.
        t.update(new int[] {0, 9}, new float[][] {p(0, .05f, .95f), p(0, 0, 1)}, 0.9);
        double b = 2.0 / 3;
        assertArrayEquals(new double[] {0.9, 0.9 * b / (2 - b), 0.9 * b / (2 - b)}, t.thresholds(0.9), 1e-12);
        // An unconfident prediction leaves an image's memory as it was.
        t.update(new int[] {0}, new float[][] {p(.6f, .4f, 0)}, 0.9);
        assertArrayEquals(new double[] {0.9, 0.9 * b / (2 - b), 0.9 * b / (2 - b)}, t.thresholds(0.9), 1e-12);
    }

    @Test
    void theBestLearnedClassNeedsTauHoweverFewImagesAreRememberedYet() {
        // No warm-up: two remembered images out of 100 already set the thresholds' scale.
        ClassThresholds t = new ClassThresholds(100, 2);
        t.update(new int[] {0, 1, 2}, new float[][] {p(1, 0), p(.98f, .02f), p(0, 1)}, 0.95);
        assertArrayEquals(new double[] {0.95, 0.95 * 0.5 / 1.5}, t.thresholds(0.95), 1e-12);
    }

    @Test
    void theMemoryRoundTripsAndBadFilesSayWhatIsWrong() {
        ClassThresholds t = new ClassThresholds(5, 3);
        t.update(new int[] {1, 3}, new float[][] {p(0, 0, 1), p(1, 0, 0)}, 0.5);
        byte[] bytes = t.toBytes();
        assertArrayEquals(new byte[] {-1, 2, -1, 0, -1}, bytes);
        assertArrayEquals(t.thresholds(0.8), ClassThresholds.fromBytes(bytes, 5, 3, "x").thresholds(0.8), 0);
        var shortFile = assertThrows(InvalidInputException.class, () -> ClassThresholds.fromBytes(new byte[4], 5, 3, "c.bin"));
        assertTrue(shortFile.getMessage().contains("c.bin: 4 bytes, expected one per unlabeled image (5)"), shortFile.getMessage());
        var badClass = assertThrows(InvalidInputException.class,
                () -> ClassThresholds.fromBytes(new byte[] {0, 1, 3, 0, 0}, 5, 3, "c.bin"));
        assertTrue(badClass.getMessage().contains("byte 2 is 3, expected -1..2"), badClass.getMessage());
    }

    @Test
    void fixMatchSelectsEachRowAgainstItsPredictedClasssThreshold() {
        float[][] probs = {p(.7f, .3f), p(.3f, .7f), p(.4f, .6f)};
        FixMatch.Kept kept = FixMatch.select(probs, new double[] {0.8, 0.5});
        assertArrayEquals(new int[] {1, 2}, kept.rows());
        assertArrayEquals(new int[] {1, 1}, kept.labels());
        assertArrayEquals(new int[] {}, FixMatch.select(probs, 0.8).rows());
    }
}
