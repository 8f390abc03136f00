package a2.grade;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class LimitsTest {
    @Test
    void splitsTheBudgetBetweenHeapAndOffHeap() {
        assertEquals(3L << 30, Limits.parseBytes("3g"));
        assertEquals(1536L << 20, Limits.parseBytes("1536M"));
        assertEquals(800L << 10, Limits.parseBytes("800k"));
        assertThrows(IllegalArgumentException.class, () -> Limits.parseBytes("-1g"));
        assertThrows(IllegalArgumentException.class, () -> Limits.parseBytes("2 GB"));
        var o = new Limits(60, 2L << 30, 10).jvmOptions();
        assertTrue(o.contains("-Xmx" + (1L << 30)), o.toString());
        assertTrue(o.contains("-Dorg.bytedeco.javacpp.maxbytes=" + (1L << 30)), o.toString());
        assertTrue(o.contains("-XX:+ExitOnOutOfMemoryError"), o.toString());
        assertTrue(o.stream().anyMatch(s -> s.startsWith("-Dorg.bytedeco.javacpp.maxphysicalbytes=")), o.toString());
    }
}
