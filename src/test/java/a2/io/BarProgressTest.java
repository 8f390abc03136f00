package a2.io;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class BarProgressTest {
    @Test
    void drawsTheTaskAndTheFinalCount() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        BarProgress bar = new BarProgress(new PrintStream(bytes, true, StandardCharsets.UTF_8), Progress.Unit.BYTES);
        bar.advance(5); // before start: ignored, not a crash
        bar.start("downloading x", 4L << 20);
        bar.advance(3L << 20);
        bar.advance(1L << 20);
        bar.finish();
        bar.finish();
        String drawn = bytes.toString(StandardCharsets.UTF_8);
        assertTrue(drawn.contains("downloading x"), drawn);
        assertTrue(drawn.contains("100%"), drawn);
        assertTrue(drawn.contains("4/4"), drawn);
    }
}
