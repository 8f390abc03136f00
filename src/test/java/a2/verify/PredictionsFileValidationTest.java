package a2.verify;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import a2.io.InvalidInputException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.OptionalInt;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class PredictionsFileValidationTest {
    @TempDir
    Path dir;

    /** Five valid rows; cases break one thing at a time. */
    private static final String VALID = "Id,Prediction\n1,3\n2,10\n3,1\n4,7\n5,2\n";

    /**
     * @param rows     expected rows, or -1 for none
     * @param line     the line the problem must be reported on
     * @param fragment a substring of that problem's message
     */
    record Case(byte[] content, int rows, int classes, int line, String fragment) {}

    private static Arguments malformed(String name, String content, int rows, int line, String fragment) {
        return malformed(name, content.getBytes(StandardCharsets.UTF_8), rows, 10, line, fragment);
    }

    private static Arguments malformed(String name, byte[] content, int rows, int classes, int line, String fragment) {
        return Arguments.of(Named.of(name, new Case(content, rows, classes, line, fragment)));
    }

    static Stream<Arguments> malformedFiles() {
        byte[] bom = concat(new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF}, VALID.getBytes(StandardCharsets.UTF_8));
        byte[] nul = "Id,Prediction\n1,3\n2\u00003,1\n".getBytes(StandardCharsets.UTF_8);
        byte[] latin1 = "Id,Prediction\n1,3\n2,4\n3,caf\u00e9\n".getBytes(StandardCharsets.ISO_8859_1);
        byte[] utf16 = "Id,Prediction\n1,3\n".getBytes(StandardCharsets.UTF_16LE);
        byte[] utf16WithBom = concat(new byte[] {(byte) 0xFF, (byte) 0xFE}, utf16);
        return Stream.of(
                malformed("lower-case header", "id,prediction\n1,3\n", -1, 1, "must be exactly 'Id,Prediction'"),
                malformed("header of another file", "Id,Label\n1,3\n", -1, 1, "wrong header: expected exactly 'Id,Prediction'"),
                malformed("missing header", "1,3\n2,10\n", -1, 1, "missing header"),
                malformed("header with ';'", "Id;Prediction\n1,3\n", -1, 1, "wrong separator"),
                malformed("empty file", "", -1, 1, "empty file"),
                malformed("header only", "Id,Prediction\n", -1, 2, "no data rows"),
                malformed("BOM", bom, -1, 10, 1, "byte order mark (BOM)"),
                malformed("UTF-16", utf16WithBom, -1, 10, 1, "UTF-16"),
                malformed("CRLF line ends", VALID.replace("\n", "\r\n"), -1, 1, "the format is LF-only (6 of 6 lines"),
                malformed("CRLF on line 4 only", "Id,Prediction\n1,3\n2,10\n3,1\r\n4,7\n5,2\n", -1, 4, "CRLF"),
                malformed("CR-only line ends", VALID.replace("\n", "\r"), -1, 1, "CR-only line ends"),
                malformed("tab before a label", "Id,Prediction\n1,\t3\n", -1, 2, "label '\\t3' has spaces around it"),
                malformed("no-break space in an Id", "Id,Prediction\n1\u00a0,3\n", -1, 2, "Id '1\\u00a0' is not a number"),
                malformed("NUL byte", nul, -1, 10, 3, "NUL byte at byte offset 19"),
                malformed("invalid UTF-8", latin1, -1, 10, 4, "invalid UTF-8 at byte offset 27"),
                malformed("no final newline", "Id,Prediction\n1,3\n2,10", -1, 3, "no newline at the end"),
                malformed("blank line inside", "Id,Prediction\n1,3\n\n2,10\n", -1, 3, "blank line"),
                malformed("blank line at the end", VALID + "\n", -1, 7, "blank line"),
                malformed("whitespace-only line", "Id,Prediction\n1,3\n  \n2,10\n", -1, 3, "only whitespace"),
                malformed("missing Id", "Id,Prediction\n1,3\n2,10\n4,7\n5,2\n", 5, 4, "Id 3 missing"),
                malformed("missing Ids in a run", "Id,Prediction\n1,3\n5,2\n", 5, 3, "Ids 2..4 missing (3 Ids)"),
                malformed("duplicate Id", "Id,Prediction\n1,3\n2,10\n2,1\n4,7\n", -1, 4, "duplicate Id 2 (first on line 3)"),
                malformed("non-numeric Id", "Id,Prediction\n1,3\nx,10\n3,1\n", -1, 3, "Id 'x' is not a number"),
                malformed("Id beyond the rows", "Id,Prediction\n1,3\n2,10\n3,1\n4,7\n6,2\n", -1, 6, "Id 6 outside 1..5 (the file has 5 rows)"),
                malformed("Id beyond --rows", "Id,Prediction\n1,3\n2,10\n3,1\n4,7\n9,2\n", 5, 6, "Id 9 outside 1..5 (expected 5 rows)"),
                malformed("Id 0", "Id,Prediction\n0,3\n2,10\n", -1, 2, "Id 0 outside 1..2"),
                malformed("negative Id", "Id,Prediction\n-1,3\n2,10\n", -1, 2, "Id -1 outside"),
                malformed("Id out of order", "Id,Prediction\n1,3\n3,10\n2,1\n4,7\n", -1, 4, "Id 2 out of order: it comes after Id 3 (line 3)"),
                malformed("Id with leading zero", "Id,Prediction\n01,3\n", -1, 2, "has a leading zero; write 1"),
                malformed("label 0: the label % 10 bug", "Id,Prediction\n1,3\n2,0\n", -1, 3, "the classic `label % 10` bug"),
                malformed("label 11", "Id,Prediction\n1,3\n2,11\n", -1, 3, "label 11 outside 1..10"),
                malformed("negative label", "Id,Prediction\n1,-2\n", -1, 2, "label -2 outside 1..10"),
                malformed("label beyond --classes", "Id,Prediction\n1,3\n2,7\n".getBytes(StandardCharsets.UTF_8), -1, 5, 3,
                        "label 7 outside 1..5"),
                malformed("label written as float", "Id,Prediction\n1,3.0\n", -1, 2, "label '3.0' is not an integer"),
                malformed("probability as label", "Id,Prediction\n1,0.87\n", -1, 2, "a probability?"),
                malformed("class name as label", "Id,Prediction\n1,cat\n", -1, 2, "not the class name"),
                malformed("quoted label", "Id,Prediction\n1,\"3\"\n", -1, 2, "is quoted"),
                malformed("spaces around label", "Id,Prediction\n1, 3\n", -1, 2, "has spaces around it"),
                malformed("empty label", "Id,Prediction\n1,\n", -1, 2, "empty label"),
                malformed("extra column", "Id,Prediction\n1,3,0.91\n", -1, 2, "expected 2 columns (Id,Prediction), found 3"),
                malformed("missing column", "Id,Prediction\n1,3\n2\n", -1, 3, "the Prediction column is missing"),
                malformed("';' separator in rows", "Id,Prediction\n1;3\n", -1, 2, "the separator must be a comma"),
                malformed("too few rows", VALID, 7, 7, "the file ends after 5 data rows; expected 7"),
                malformed("too many rows", VALID, 4, 6, "data row 5 is one too many"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("malformedFiles")
    void reportsTheProblemOnItsLine(Case c) throws IOException {
        Path file = dir.resolve("submission.csv");
        Files.write(file, c.content());
        Validation v = PredictionsFile.validate(file, c.rows() < 0 ? OptionalInt.empty() : OptionalInt.of(c.rows()),
                c.classes());
        assertFalse(v.ok(), "should be invalid");
        assertTrue(v.labels().isEmpty());
        assertTrue(v.problems().stream().anyMatch(p -> p.line() == c.line() && p.message().contains(c.fragment())),
                () -> "expected line " + c.line() + " to mention '" + c.fragment() + "'; got:\n" + render(v));
    }

    @Test
    void aValidFileParses() throws IOException {
        Path file = dir.resolve("ok.csv");
        Files.writeString(file, VALID);
        Validation v = PredictionsFile.validate(file, OptionalInt.of(5), 10);
        assertTrue(v.ok(), () -> render(v));
        assertEquals(5, v.rows());
        assertArrayEquals(new int[] {3, 10, 1, 7, 2}, v.labels().orElseThrow());
        assertEquals(List.of(), v.describe(file));
    }

    @Test
    void reportsEveryProblemNotJustTheFirst() throws IOException {
        Path file = dir.resolve("bad.csv");
        Files.writeString(file, "Id,Prediction\n1,3\n2,0\n3,11\n\n4,x\n4,5\n6,1,2\n");
        Validation v = PredictionsFile.validate(file, OptionalInt.of(6), 10);
        assertEquals(List.of(
                "bad.csv:3: label 0",
                "bad.csv:4: label 11",
                "bad.csv:5: blank line",
                "bad.csv:6: label 'x'",
                "bad.csv:7: duplicate Id 4",
                "bad.csv:7: Id 5 missing", // where row 5 stands
                "bad.csv:8: expected 2 columns"),
                v.describe(Path.of("bad.csv")).stream().map(PredictionsFileValidationTest::head).toList());
        assertEquals(7, v.problemCount());
    }

    @Test
    void capsTheListButCountsEveryProblem() throws IOException {
        StringBuilder text = new StringBuilder("Id,Prediction\n");
        for (int id = 1; id <= 1000; id++) {
            text.append(id).append(",0\n");
        }
        Path file = dir.resolve("zeros.csv");
        Files.writeString(file, text);
        Validation v = PredictionsFile.validate(file, OptionalInt.of(1000), 10);
        assertEquals(Problems.MAX_LISTED, v.problems().size());
        assertEquals(1000 - Problems.MAX_LISTED, v.unlisted());
        assertEquals(2, v.problems().get(0).line());
        assertEquals(Problems.MAX_LISTED + 1, v.problems().get(Problems.MAX_LISTED - 1).line());
        List<String> lines = v.describe(file);
        assertEquals(Problems.MAX_LISTED + 1, lines.size());
        assertTrue(lines.get(lines.size() - 1).endsWith("... and 950 more problems not listed (1,000 in all)"),
                lines.get(lines.size() - 1));
    }

    @Test
    void keepsTheEarliestLinesWhenProblemsArriveOutOfOrder() throws IOException {
        // Missing Ids are found after the scan; the earliest ones must still make the list.
        StringBuilder text = new StringBuilder("Id,Prediction\n1,3\n");
        for (int id = 3; id <= 200; id++) {
            text.append(id).append(",0\n");
        }
        Path file = dir.resolve("late.csv");
        Files.writeString(file, text);
        Validation v = PredictionsFile.validate(file, OptionalInt.of(200), 10);
        assertEquals(new Problem(3, "Id 2 missing"), v.problems().get(1)); // after line 3's own "label 0"
        assertEquals(198 + 2, v.problemCount()); // 198 zeros, Id 2 missing, one row short
    }

    @Test
    void aMissingFileIsInvalidInputNotAProblemList() {
        assertThrows(InvalidInputException.class,
                () -> PredictionsFile.validate(dir.resolve("nope.csv"), OptionalInt.empty(), 10));
        assertThrows(InvalidInputException.class, () -> PredictionsFile.validate(dir, OptionalInt.empty(), 10));
    }

    @Test
    void aHugeFileIsRefusedBeforeItIsRead() throws IOException {
        Path file = dir.resolve("test_X.bin");
        try (var ch = java.nio.channels.FileChannel.open(file, java.nio.file.StandardOpenOption.CREATE_NEW,
                java.nio.file.StandardOpenOption.WRITE)) {
            ch.write(java.nio.ByteBuffer.wrap(new byte[] {1}), TextLines.MAX_BYTES); // sparse
        }
        InvalidInputException e = assertThrows(InvalidInputException.class,
                () -> PredictionsFile.validate(file, OptionalInt.empty(), 10));
        assertTrue(e.getMessage().contains("far too large"), e.getMessage());
    }

    private static String head(String line) {
        int colon = line.indexOf(": ");
        String rest = line.substring(colon + 2);
        int cut = rest.startsWith("Id 5 missing") ? "Id 5 missing".length()
                : rest.startsWith("expected 2 columns") ? "expected 2 columns".length()
                : rest.startsWith("duplicate Id 4") ? "duplicate Id 4".length()
                : rest.startsWith("label 'x'") ? "label 'x'".length()
                : rest.startsWith("blank line") ? "blank line".length()
                : rest.indexOf(' ', "label ".length()) > 0 ? rest.indexOf(' ', "label ".length()) : rest.length();
        return line.substring(0, colon + 2) + rest.substring(0, cut);
    }

    private static String render(Validation v) {
        return v.describe(Path.of("f")).stream().collect(Collectors.joining("\n"));
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] out = new byte[a.length + b.length];
        System.arraycopy(a, 0, out, 0, a.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
