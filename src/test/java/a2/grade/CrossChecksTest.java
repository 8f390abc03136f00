package a2.grade;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CrossChecksTest {
    @Test
    void namesSharedModelsAndCopiedSubmissionsInBothTeams() {
        int[] a = new int[1000];
        int[] copy = new int[1000];
        int[] other = new int[1000];
        for (int i = 0; i < a.length; i++) {
            a[i] = 1 + i % 10;
            copy[i] = i < 5 ? 1 + (i + 1) % 10 : a[i]; // 99.5% the same rows
            other[i] = i < 100 ? 1 + (i + 3) % 10 : a[i]; // 90%: what two good models do
        }
        Map<String, List<String>> f = CrossChecks.run(List.of(new CrossChecks.Entry("a", "m1", a),
                new CrossChecks.Entry("b", "m2", copy), new CrossChecks.Entry("c", "m3", other),
                new CrossChecks.Entry("d", "m1", null), new CrossChecks.Entry("e", "", copy),
                new CrossChecks.Entry("g", "", null)));
        assertEquals(List.of("submission agrees with b's on 99.50% of rows (different models)", "same model as d"),
                f.get("a"));
        assertEquals(List.of("submission agrees with a's on 99.50% of rows (different models)"), f.get("b"));
        assertEquals(List.of(), f.get("c"));
        assertEquals(List.of("same model as a"), f.get("d"));
        assertEquals(List.of(), f.get("e"), "an unverified model is neither the same model nor a different one");
    }

    @Test
    void aKaggleScoreMayDifferByLessThanHalfARow() {
        assertFalse(CrossChecks.kaggleMismatch(0.7921, 0.79214, 3000));
        assertTrue(CrossChecks.kaggleMismatch(0.7921, 0.7925, 3000));
        assertFalse(CrossChecks.kaggleMismatch(0.7921, Double.NaN, 3000));
    }
}
