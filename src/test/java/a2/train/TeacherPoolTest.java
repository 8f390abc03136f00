package a2.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class TeacherPoolTest {
    @Test
    void takesEachClassesMostConfidentImagesUpToTheCapAndMeasuresTheSameCutOnValidation() {
        // Class 0 is over-predicted (4 images), class 1 has 2, class 2 none.
        PseudoLabels pool = new PseudoLabels(new int[] {0, 0, 1, 0, 1, 0}, new float[] {0.5f, 0.9f, 0.6f, 0.7f, 0.95f, 0.9f});
        PseudoLabels val = new PseudoLabels(new int[] {0, 0, 1, 2, 1}, new float[] {0.95f, 0.8f, 0.55f, 0.99f, 0.5f});
        TeacherPool p = TeacherPool.select(pool, 3, 3, val, new int[] {0, 1, 1, 2, 0});
        // Class 0: 0.9 (index 1), 0.9 (index 5, the tie goes to the lower index first), 0.7 (index 3); 0.5 left out.
        // Class 1 predicted only twice: both are taken.
        assertArrayEquals(new int[] {1, 5, 3, 4, 2}, p.images());
        assertArrayEquals(new int[] {0, 0, 0, 1, 1}, p.labels());
        assertEquals(5 / 6.0, p.poolRate(), 1e-12);
        // Validation: the cuts are 0.7 (class 0), 0.6 (class 1) and none for class 2. 0.95 -> 0 passes and is right,
        // 0.8 -> 0 passes and is wrong, 0.55 -> 1 is below 0.6, class 2 admits nothing, 0.5 -> 1 is below 0.6.
        assertEquals(2 / 5.0, p.validationRate(), 1e-12);
        assertEquals(0.5, p.validationAccuracy(), 1e-12);
        // The two mistakes: image 1 passes the cut, image 4 (predicted 1, truly 0) lies below it.
        assertEquals(0.5, p.errorsBelowCut(), 1e-12);
    }

    @Test
    void noValidationImagePassingGivesNoAccuracyRatherThanAFakeOne() {
        PseudoLabels pool = new PseudoLabels(new int[] {0, 1}, new float[] {0.9f, 0.9f});
        TeacherPool p = TeacherPool.select(pool, 1, 2, new PseudoLabels(new int[] {0}, new float[] {0.1f}), new int[] {0});
        assertEquals(0, p.validationRate());
        assertTrue(Double.isNaN(p.validationAccuracy()));
    }
}
