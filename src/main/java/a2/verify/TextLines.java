package a2.verify;

import a2.io.InputFiles;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Locale;

/**
 * The text layer under every CSV of this package: UTF-8 without BOM, LF line ends, a newline after the last
 * line. It reports what breaks those rules as {@link Problems} and still hands every line on, so the CSV layer
 * can report its own problems too; only a file that is not text at all (NUL bytes, UTF-16) stops it.
 *
 * <p>Decisions, documented once here: CRLF is rejected (the format is LF-only and byte-deterministic; a CRLF
 * file is reported once, with the count of CRLF lines, not once per line); a file with CR-only line ends is
 * one long line and is reported once, as is a binary file. A missing newline after the last
 * line is rejected: the writer always ends the file with one, and "every line ends in LF" is the rule that
 * makes two files with the same rows byte-identical.
 */
final class TextLines {
    private TextLines() {}

    /**
     * Larger than any label file this project can meet (a 10,000-row submission is about 100 KB; one row is
     * at most ~20 bytes, so this is 800,000+ rows), small enough to stop a wrong file (test_X.bin is 221 MB)
     * before it is read into memory.
     */
    static final long MAX_BYTES = 16L << 20;

    private static final byte[] UTF8_BOM = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};

    @FunctionalInterface
    interface LineHandler {
        /** Called once per line, in order; {@code text} has no line end. */
        void line(int number, String text);
    }

    /** What the reader saw, beyond the lines themselves. */
    record Summary(boolean text, int lines) {
        /** The line after the last: where "the file ends here" problems are reported. */
        int endLine() {
            return lines + 1;
        }
    }

    /** The whole file, checked by {@link InputFiles} and stopped at {@link #MAX_BYTES} while reading. */
    static byte[] readBounded(Path file, String what) {
        return InputFiles.readBounded(file, what, MAX_BYTES);
    }

    /** Splits {@code bytes} into lines, reporting text-level problems; returns whether the bytes were text. */
    static Summary read(byte[] bytes, Problems problems, LineHandler handler) {
        Summary refused = refused(bytes, problems);
        if (refused != null) {
            return refused;
        }
        int start = 0;
        if (startsWith(bytes, UTF8_BOM)) {
            problems.add(1, "UTF-8 byte order mark (BOM) at the start of the file; save as UTF-8 without BOM"
                    + " (Excel's \"CSV UTF-8\" adds one)");
            start = UTF8_BOM.length;
            if (start == bytes.length) {
                problems.add(1, "empty file (nothing but the BOM)");
                return new Summary(true, 0);
            }
        }
        return lines(bytes, start, problems, handler);
    }

    /**
     * The whole-file problems that leave no lines to check (empty, UTF-16, binary, CR-only line ends), reported as the
     * summary to return; null when the file can be read line by line.
     */
    private static Summary refused(byte[] bytes, Problems problems) {
        if (bytes.length == 0) {
            problems.add(1, "empty file (0 bytes)");
            return new Summary(true, 0);
        }
        if (bytes.length >= 2 && ((bytes[0] == (byte) 0xFF && bytes[1] == (byte) 0xFE)
                || (bytes[0] == (byte) 0xFE && bytes[1] == (byte) 0xFF))) {
            problems.add(1, "not UTF-8: the file starts with a UTF-16 byte order mark; save it as UTF-8");
            return new Summary(false, 0);
        }
        for (int i = 0; i < bytes.length; i++) {
            if (bytes[i] == 0) {
                problems.add(lineOf(bytes, i), "not a text file: NUL byte at byte offset " + i
                        + " (a binary file? this must be a plain-text CSV)");
                return new Summary(false, 0);
            }
        }
        if (indexOf(bytes, (byte) '\n') < 0 && indexOf(bytes, (byte) '\r') >= 0) {
            problems.add(1, "CR-only line ends (classic Mac): the file is one long line; the format is LF-only");
            return new Summary(false, 0);
        }
        return null;
    }

    /** Hands each LF-terminated line from {@code start} on to {@code handler}, reporting CRs and a missing last LF. */
    private static Summary lines(byte[] bytes, int start, Problems problems, LineHandler handler) {
        CharsetDecoder strict = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT);
        int number = 0;
        int crlfLines = 0;
        int firstCrlfLine = 0;
        int lineStart = start;
        while (lineStart < bytes.length) {
            int end = lineStart;
            while (end < bytes.length && bytes[end] != '\n') {
                end++;
            }
            boolean terminated = end < bytes.length;
            number++;
            int contentEnd = end;
            if (contentEnd > lineStart && bytes[contentEnd - 1] == '\r') {
                contentEnd--;
                if (terminated) {
                    if (crlfLines++ == 0) {
                        firstCrlfLine = number;
                    }
                } else {
                    problems.add(number, "carriage return (CR) at the end of the last line; the format is LF-only");
                }
            }
            for (int i = lineStart; i < contentEnd; i++) {
                if (bytes[i] == '\r') {
                    problems.add(number, "carriage return (CR) inside the line (old Mac CR-only line ends?);"
                            + " the format is LF-only");
                    break;
                }
            }
            if (!terminated) {
                problems.add(number, "no newline at the end of the file; every line, the last one too, must end"
                        + " with LF (\\n)");
            }
            handler.line(number, decode(bytes, lineStart, contentEnd, strict, problems, number));
            lineStart = end + 1;
        }
        if (crlfLines > 0) {
            problems.add(firstCrlfLine, String.format(Locale.ROOT,
                    "CRLF (Windows) line end; the format is LF-only (%,d of %,d lines end in CRLF)",
                    crlfLines, number));
        }
        return new Summary(true, number);
    }

    private static String decode(byte[] bytes, int from, int to, CharsetDecoder strict, Problems problems, int line) {
        boolean ascii = true;
        for (int i = from; i < to && ascii; i++) {
            ascii = bytes[i] >= 0;
        }
        if (ascii) {
            return new String(bytes, from, to - from, StandardCharsets.US_ASCII);
        }
        ByteBuffer in = ByteBuffer.wrap(bytes, from, to - from);
        CharBuffer out = CharBuffer.allocate(to - from);
        strict.reset();
        CoderResult result = strict.decode(in, out, true);
        if (result.isError()) {
            problems.add(line, "invalid UTF-8 at byte offset " + in.position() + "; save the file as UTF-8");
            return new String(bytes, from, to - from, StandardCharsets.UTF_8);
        }
        strict.flush(out);
        return out.flip().toString();
    }

    private static int indexOf(byte[] bytes, byte b) {
        for (int i = 0; i < bytes.length; i++) {
            if (bytes[i] == b) {
                return i;
            }
        }
        return -1;
    }

    private static int lineOf(byte[] bytes, int offset) {
        int line = 1;
        for (int i = 0; i < offset; i++) {
            if (bytes[i] == '\n') {
                line++;
            }
        }
        return line;
    }

    private static boolean startsWith(byte[] bytes, byte[] prefix) {
        return bytes.length >= prefix.length
                && java.util.Arrays.equals(bytes, 0, prefix.length, prefix, 0, prefix.length);
    }

}
