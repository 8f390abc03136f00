package a2.verify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LabelsFileTest {
    @TempDir
    Path dir;

    @Test
    void readsUsageAndScoresEachPart() throws Exception {
        Path p = dir.resolve("labels.csv");
        Files.writeString(p, "Id,Label,Usage\r\n1,1,Public\r\n2,2,Private\r\n3,3,Private\r\n4,4,Public\r\n");
        LabelsFile l = LabelsFile.read(p, 10);
        assertEquals(4, l.rows());
        assertEquals(2, l.publicRows());
        assertEquals(1, l.warnings().size());
        int[] pred = {1, 2, 9, 9};
        assertEquals(0.5, l.accuracy(pred, null));
        assertEquals(0.5, l.accuracy(pred, Boolean.TRUE));
        assertEquals(0.5, l.accuracy(pred, Boolean.FALSE));
        assertEquals(1.0, l.accuracy(new int[] {1, 2, 3, 9}, Boolean.FALSE));
    }

    @Test
    void namesEveryBadRow() throws Exception {
        Path p = dir.resolve("labels.csv");
        Files.writeString(p, "Id,Label,Usage\n1,1,public\n3,11,Private\n3,2\n");
        ValidationException e = assertThrows(ValidationException.class, () -> LabelsFile.read(p, 10));
        String m = String.join("\n", e.lines());
        assertTrue(m.contains(p + ":2: Usage must be Public or Private"), m);
        assertTrue(m.contains(p + ":3: Id 3 where Id 2 belongs"), m);
        assertTrue(m.contains(p + ":3: label 11 outside 1..10"), m);
        assertTrue(m.contains(p + ":4: expected 3 columns, found 2"), m);
    }

    @Test
    void aPlainIdLabelFileHasNoParts() throws Exception {
        Path p = dir.resolve("labels.csv");
        Files.writeString(p, "Id,Label\n1,3\n2,4\n");
        LabelsFile l = LabelsFile.read(p, 10);
        assertTrue(l.isPublic().isEmpty());
        assertEquals(0.5, l.accuracy(new int[] {3, 1}, null));
    }
}
