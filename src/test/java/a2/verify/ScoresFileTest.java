package a2.verify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.SortedMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ScoresFileTest {
    @TempDir
    Path dir;

    @Test
    void writesLocaleIndependentTextAndReadsItBack() throws IOException {
        Locale saved = Locale.getDefault();
        Path file = dir.resolve("scores.csv");
        try {
            Locale.setDefault(Locale.GERMANY); // would print 0,912345
            ScoresFile.write(file, new int[] {1, 2}, new int[] {7, 10}, new float[] {0.912345f, 0.5004f},
                    new int[] {3, 1}, new float[] {0.051234f, 0.4996f});
        } finally {
            Locale.setDefault(saved);
        }
        assertEquals("Id,Top1,P1,Top2,P2\n1,7,0.912345,3,0.051234\n2,10,0.500400,1,0.499600\n",
                Files.readString(file));
        SortedMap<Integer, ScoresFile.Row> rows = ScoresFile.read(file);
        assertEquals(List.of(1, 2), List.copyOf(rows.keySet()));
        assertEquals(7, rows.get(1).top1());
        assertEquals(3, rows.get(1).top2());
        assertEquals(0.0008, rows.get(2).margin(), 1e-6);
    }

    @Test
    void rejectsInconsistentRowsWhenWriting() {
        Path file = dir.resolve("s.csv");
        assertThrows(IllegalArgumentException.class, () -> ScoresFile.write(file, new int[] {1},
                new int[] {2}, new float[] {0.4f}, new int[] {3}, new float[] {0.5f}));
        assertThrows(IllegalArgumentException.class, () -> ScoresFile.write(file, new int[] {1},
                new int[] {2}, new float[] {0.6f}, new int[] {2}, new float[] {0.3f}));
        assertThrows(IllegalArgumentException.class, () -> ScoresFile.write(file, new int[] {1},
                new int[] {2}, new float[] {Float.NaN}, new int[] {1}, new float[] {0.3f}));
    }

    @Test
    void readingReportsEveryProblemWithItsLine() throws IOException {
        Path file = dir.resolve("scores.csv");
        Files.writeString(file, "Id,Top1,P1,Top2,P2\n"
                + "1,7,0.912345,3,0.051234\n"
                + "2,7,0.4,3,0.1\n"              // not %.6f
                + "4,7,0.600000,3,0.100000\n"    // Id 3 expected
                + "4,7,0.300000,3,0.600000\n"    // P2 > P1
                + "5,7,0.900000,7,0.100000\n"    // Top1 = Top2
                + "6,7,0.900000\n");             // 3 columns
        ValidationException e = assertThrows(ValidationException.class, () -> ScoresFile.read(file));
        List<String> lines = e.lines();
        assertTrue(lines.get(0).startsWith(file + ":3: P1 '0.4'"), lines.get(0));
        assertTrue(lines.get(1).startsWith(file + ":3: P2 '0.1'"), lines.get(1));
        assertTrue(lines.get(2).startsWith(file + ":4: Id 4 where Id 3 belongs"), lines.get(2));
        assertTrue(lines.get(3).startsWith(file + ":5: need 0 <= P2 <= P1 <= 1"), lines.get(3));
        assertTrue(lines.get(4).startsWith(file + ":6: Top1 and Top2 are both 7"), lines.get(4));
        assertTrue(lines.get(5).startsWith(file + ":7: expected 5 columns"), lines.get(5));
        assertEquals(6, lines.size());
    }

    @Test
    void readingHoldsTheTextRules() throws IOException {
        Path file = dir.resolve("scores.csv");
        Files.writeString(file, "Id,Top1,P1,Top2,P2\r\n1,7,0.912345,3,0.051234\r\n");
        ValidationException e = assertThrows(ValidationException.class, () -> ScoresFile.read(file));
        assertTrue(e.lines().get(0).startsWith(file + ":1: CRLF"), e.getMessage());
    }
}
