package a2.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;

/** Progress printed to a stream reaches picocli's err writer at once, as text. */
class WriterPrintStreamTest {
    @Test
    void aRedrawAndALineReachTheWriterAtOnceAsUtf8Text() {
        StringWriter text = new StringWriter();
        WriterPrintStream err = new WriterPrintStream(new PrintWriter(text));
        err.print("\repoch 1 ▏ 40%"); // a bar redraw: no line end, no flush
        assertEquals("\repoch 1 ▏ 40%", text.toString());
        err.println("predict: started, 12 images in all");
        assertEquals("\repoch 1 ▏ 40%predict: started, 12 images in all" + System.lineSeparator(), text.toString());
    }
}
