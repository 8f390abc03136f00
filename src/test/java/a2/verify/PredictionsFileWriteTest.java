package a2.verify;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import a2.io.Hashes;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.OptionalInt;
import java.util.Random;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PredictionsFileWriteTest {
    @TempDir
    Path dir;

    @Test
    void writesExactlyTheFormat() throws IOException {
        Path file = dir.resolve("result/predictions.csv");
        PredictionsFile.write(file, new int[] {1, 2, 3}, new int[] {3, 10, 1});
        byte[] bytes = Files.readAllBytes(file);
        assertArrayEquals("Id,Prediction\n1,3\n2,10\n3,1\n".getBytes(StandardCharsets.US_ASCII), bytes);
        assertEquals('\n', bytes[bytes.length - 1]);
        assertFalse(new String(bytes, StandardCharsets.US_ASCII).contains("\r"));
        try (var files = Files.list(file.getParent())) {
            assertEquals(1, files.count(), "no temp file left behind");
        }
    }

    @Test
    void roundTripsAndIsDeterministic() {
        int n = 8000; // the STL-10 test set
        int[] ids = IntStream.rangeClosed(1, n).toArray();
        Random random = new Random(20240229);
        int[] labels = IntStream.range(0, n).map(i -> 1 + random.nextInt(10)).toArray();
        Path a = dir.resolve("a.csv");
        Path b = dir.resolve("b.csv");
        PredictionsFile.write(a, ids, labels);
        PredictionsFile.write(b, ids, labels.clone());
        Validation v = PredictionsFile.validate(a, OptionalInt.of(n), 10);
        assertTrue(v.ok(), () -> String.join("\n", v.describe(a)));
        assertArrayEquals(labels, v.labels().orElseThrow());
        assertEquals(Hashes.sha256(a), Hashes.sha256(b));
        PredictionsFile.write(a, ids, labels); // overwrite in place
        assertEquals(Hashes.sha256(b), Hashes.sha256(a));
    }

    @Test
    void refusesToWriteAnInvalidFile() {
        Path file = dir.resolve("p.csv");
        assertThrows(IllegalArgumentException.class,
                () -> PredictionsFile.write(file, new int[] {1, 2}, new int[] {1}));
        assertThrows(IllegalArgumentException.class,
                () -> PredictionsFile.write(file, new int[] {1, 3}, new int[] {1, 2}));
        IllegalArgumentException zero = assertThrows(IllegalArgumentException.class,
                () -> PredictionsFile.write(file, new int[] {1, 2}, new int[] {1, 0}));
        assertTrue(zero.getMessage().contains("1-based"), zero.getMessage());
        assertThrows(IllegalArgumentException.class,
                () -> PredictionsFile.write(file, new int[] {1}, new int[] {6}, 5));
        assertFalse(Files.exists(file));
    }
}
