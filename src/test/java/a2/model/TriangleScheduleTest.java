package a2.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.learning.config.Nesterovs;
import org.nd4j.shade.jackson.databind.ObjectMapper;

class TriangleScheduleTest {
    // airbench94's knots over a 101-step run: step 23 is the peak, step 100 the last.
    private final TriangleSchedule s = new TriangleSchedule(2.0, 0.2, 0.23, 0.07, 101);

    @Test
    void passesThroughItsThreeKnotsAndIsLinearBetween() {
        assertEquals(0.4, s.valueAt(0, 0), 1e-12);
        assertEquals(2.0, s.valueAt(23, 0), 1e-12);
        assertEquals(0.14, s.valueAt(100, 0), 1e-12);
        assertEquals((s.valueAt(10, 0) + s.valueAt(12, 0)) / 2, s.valueAt(11, 0), 1e-12);
        assertEquals((s.valueAt(50, 0) + s.valueAt(70, 0)) / 2, s.valueAt(60, 0), 1e-12);
        assertEquals(0.14, s.valueAt(500, 0), 1e-12, "past the budget it stays at the end");
        for (int i = 1; i <= 23; i++) {
            assertTrue(s.valueAt(i, 0) > s.valueAt(i - 1, 0));
        }
        for (int i = 24; i <= 100; i++) {
            assertTrue(s.valueAt(i, 0) < s.valueAt(i - 1, 0));
        }
    }

    @Test
    void survivesTheNetworkConfigurationsJsonRoundTrip() throws Exception {
        // DL4J stores the updater (and its schedule) in the configuration JSON that a model file and checkpoint hold.
        ObjectMapper json = new ObjectMapper();
        Nesterovs n = new Nesterovs(s, 0.85);
        Nesterovs back = json.readValue(json.writeValueAsString(n), Nesterovs.class);
        assertEquals(s, back.getLearningRateSchedule());
        assertEquals(s.valueAt(37, 0), back.getLearningRateSchedule().valueAt(37, 0));
    }

    @Test
    void refusesKnotsThatDoNotMakeATriangle() {
        var e = assertThrows(IllegalArgumentException.class, () -> new TriangleSchedule(1, 0.2, 1.0, 0.07, 100));
        assertTrue(e.getMessage().contains("peak at 1.0"), e.getMessage());
    }
}
