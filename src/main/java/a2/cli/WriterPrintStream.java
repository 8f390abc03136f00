package a2.cli;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;

/**
 * A {@link PrintStream} onto picocli's {@code getErr()} writer, for the progress reports that print to a stream:
 * so progress goes wherever the command line's err goes (a test captures it). Bytes are passed on as UTF-8 text at
 * once: a {@code PrintStream} hands over each string it prints in one array, so no character is split between two,
 * and a terminal bar's {@code \r} redraw shows without waiting for a line end.
 */
final class WriterPrintStream extends PrintStream {
    WriterPrintStream(PrintWriter writer) {
        super(new Decoder(writer), true, StandardCharsets.UTF_8);
    }

    private static final class Decoder extends OutputStream {
        private final PrintWriter writer;
        private final ByteArrayOutputStream pending = new ByteArrayOutputStream();

        Decoder(PrintWriter writer) {
            this.writer = writer;
        }

        @Override
        public void write(int b) {
            pending.write(b);
            if (b == '\n' || b == '\r') {
                flush();
            }
        }

        @Override
        public void write(byte[] b, int off, int len) {
            pending.write(b, off, len);
            flush();
        }

        @Override
        public void flush() {
            writer.write(pending.toString(StandardCharsets.UTF_8));
            pending.reset();
            writer.flush();
        }
    }
}
