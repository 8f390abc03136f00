package a2.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import org.junit.jupiter.api.Test;

class PeakTest {
    static final String CPUINFO = """
            processor\t: 0
            vendor_id\t: AuthenticAMD
            model name\t: AMD EPYC
            cpu MHz\t\t: 2596.126
            flags\t\t: fpu avx2 avx512f

            processor\t: 1
            model name\t: AMD EPYC
            cpu MHz\t\t: 3000.000
            """;

    @Test
    void readsTheFirstClockAndModel() {
        Peak p = Peak.parse(CPUINFO, 32, "test").orElseThrow();
        assertEquals(2.596126, p.ghz(), 1e-12);
        assertEquals("AMD EPYC", p.cpuModel());
        // 2 threads x 2.596126 GHz x 32 FLOP/cycle.
        assertEquals(166.152064, p.gflops(2), 1e-9);
        assertEquals(83.076032, p.gflops(1), 1e-9);
    }

    @Test
    void theDefaultIsTwoFmaPipesOfEightFloats() {
        assertEquals(32, Peak.DEFAULT_FLOPS_PER_CYCLE);
    }

    @Test
    void noClockNoPeak() {
        assertEquals(Optional.empty(), Peak.parse("processor : 0\nmodel name : X\n", 32, "test"));
        assertEquals(Optional.empty(), Peak.parse("cpu MHz : fast\n", 32, "test"));
        assertTrue(Peak.parse("", 32, "test").isEmpty());
    }
}
