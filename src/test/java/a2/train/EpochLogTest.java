package a2.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import a2.io.InvalidInputException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EpochLogTest {
    static final String LOG = String.join(",", EpochLog.HEADER) + "\n"
            + "1,3,0.025000,1.0986,0.3333,0.3333,410.2,,,,0.1,0.4,0.00\n"
            + "2,6,0.050000,1.0501,0.5000,0.6667,398.0,0.6250,0.5000,0.6667,0.1,0.9,0.01\n";

    @Test
    void rowsReadByNameAndRewriteByteForByte(@TempDir Path tmp) throws Exception {
        Path file = tmp.resolve("log.csv"), again = tmp.resolve("again.csv");
        Files.writeString(file, LOG);
        var rows = EpochLog.read(file);
        assertEquals(2, rows.size());
        assertEquals(2, rows.get(1).epochNumber());
        assertEquals("", rows.get(0).maskRate());
        assertEquals("0.6250", rows.get(1).maskRate());
        assertEquals("0.01", rows.get(1).dataWaitSeconds());
        EpochLog.write(again, rows);
        assertArrayEquals(Files.readAllBytes(file), Files.readAllBytes(again));
    }

    @Test
    void aRowWithAnotherNumberOfColumnsIsRefusedWithItsLine(@TempDir Path tmp) throws Exception {
        Path file = tmp.resolve("log.csv");
        Files.writeString(file, LOG + "3,9,0.04\n");
        var e = assertThrows(InvalidInputException.class, () -> EpochLog.read(file));
        assertTrue(e.getMessage().contains("3 columns, expected 13"), e.getMessage());
    }
}
