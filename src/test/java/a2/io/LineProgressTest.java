package a2.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class LineProgressTest {
    private long now;
    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    private final LineProgress progress = new LineProgress(new PrintStream(bytes, true, StandardCharsets.UTF_8),
            Progress.Unit.BYTES, () -> now);

    private List<String> lines() {
        return bytes.toString(StandardCharsets.UTF_8).lines().toList();
    }

    @Test
    void oneLinePerTenthWhenFast() {
        progress.start("job", 1000);
        for (int i = 0; i < 1000; i++) {
            progress.advance(1);
        }
        progress.finish();
        List<String> lines = lines();
        assertEquals(12, lines.size(), String.join("\n", lines)); // start, 10%..100%, finished
        assertEquals("job: started, 1.0 KiB in all", lines.get(0));
        assertEquals("job: 10% (0.1 KiB of 1.0 KiB)", lines.get(1));
        assertEquals("job: 100% (1.0 KiB of 1.0 KiB)", lines.get(10));
        assertTrue(lines.get(11).startsWith("job: finished, 1.0 KiB in 0.0 s"), lines.get(11));
    }

    @Test
    void aLineEveryIntervalWhenSlowOrTotalUnknown() {
        progress.start("job", -1);
        progress.advance(10); // no line: nothing to report yet
        now += LineProgress.INTERVAL_NANOS;
        progress.advance(10);
        now += TimeUnit.SECONDS.toNanos(1);
        progress.advance(10); // too soon after the last line
        progress.finish();
        progress.finish(); // harmless
        assertEquals(List.of("job: started", "job: 0.0 KiB, 0.0 KiB/s", "job: finished, 0.0 KiB in 11.0 s"), lines());
    }

    @Test
    void restartsForTheNextPhase() {
        progress.start("one", 10);
        progress.advance(10);
        progress.start("two", 10);
        progress.advance(5);
        progress.finish();
        List<String> lines = lines();
        assertTrue(lines.contains("one: finished, 0.0 KiB in 0.0 s"), lines.toString());
        assertTrue(lines.contains("two: 50% (0.0 KiB of 0.0 KiB)"), lines.toString());
    }

    @Test
    void countsShowRateEtaAndTheCallersDetail() {
        LineProgress steps = new LineProgress(new PrintStream(bytes, true, StandardCharsets.UTF_8), Progress.Unit.STEPS,
                () -> now);
        steps.start("epoch 3/120", 62);
        now += TimeUnit.SECONDS.toNanos(2);
        for (int i = 0; i < 7; i++) {
            steps.advance(1, "loss 1.500");
        }
        now += TimeUnit.SECONDS.toNanos(60);
        steps.advance(55, "loss 1.250");
        steps.finish();
        assertEquals(List.of("epoch 3/120: started, 62 steps in all",
                "epoch 3/120: 11% (7 of 62 steps), 3.5 steps/s, eta 16 s, loss 1.500",
                "epoch 3/120: 100% (62 of 62 steps), 1.0 steps/s, loss 1.250",
                "epoch 3/120: finished, 62 steps in 62.0 s"), lines());
    }

    @Test
    void bytesShowTheirRateInBinaryUnits() {
        progress.start("downloading x", 4L << 20);
        now += TimeUnit.SECONDS.toNanos(1);
        progress.advance(1L << 20);
        assertEquals("downloading x: 25% (1.0 MiB of 4.0 MiB), 1.0 MiB/s, eta 3 s", lines().get(1));
    }
}
