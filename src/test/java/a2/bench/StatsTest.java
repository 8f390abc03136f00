package a2.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class StatsTest {
    @Test
    void medianOfAnOddCountIsTheMiddleValueWhateverTheOrder() {
        assertEquals(3.0, Stats.median(5, 1, 3));
        assertEquals(7.0, Stats.median(7));
        assertEquals(2.0, Stats.median(List.of(9.0, 2.0, 1.0, 2.0, 100.0)));
    }

    @Test
    void medianOfAnEvenCountAveragesTheTwoMiddleValues() {
        assertEquals(2.5, Stats.median(4, 1, 3, 2));
    }

    @Test
    void medianDoesNotReorderTheCallersArray() {
        double[] v = {3, 1, 2};
        Stats.median(v);
        assertEquals(3.0, v[0]);
    }

    @Test
    void medianOfNothingIsAnError() {
        assertThrows(IllegalArgumentException.class, () -> Stats.median());
    }

    @Test
    void ratioAboveOneMeansTheNumeratorIsFaster() {
        assertEquals(0.5, Stats.ratio(100, 200));
        assertEquals(2.0, Stats.ratio(200, 100));
        assertTrue(Double.isNaN(Stats.ratio(1, 0)));
        assertTrue(Double.isNaN(Stats.ratio(Double.NaN, 1)));
    }
}
