package a2.data.stl10;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import a2.io.InvalidInputException;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class Stl10ImagesTest {

    @TempDir
    Path dir;

    @ParameterizedTest(name = "{0} records per chunk")
    @ValueSource(ints = {1, 2, 3, 77_672})
    void decodesColumnMajorRecordsToChwAcrossChunks(int recordsPerChunk) throws IOException {
        Path file = dir.resolve("train_X.bin");
        Fixtures.writeAsymmetricX(file, 7);
        Stl10Images images = Stl10Images.open(file, recordsPerChunk);
        assertEquals(7, images.count());
        assertEquals(96, images.height());
        assertEquals(96, images.width());
        for (int i = 0; i < 7; i++) {
            byte[] chw = images.read(i);
            assertArrayEquals(Fixtures.asymmetricChw(i), chw, "image " + i);
            assertEquals(255, Fixtures.pixel(chw, 0, 5, 70), "red (row 5, col 70)");
            assertEquals(0, Fixtures.pixel(chw, 0, 70, 5), "a transposing reader puts the red dot here");
            assertEquals(0, Fixtures.pixel(chw, 1, 5, 70) - Fixtures.pixel(chw, 1, 5, 0), "green varies by row only");
        }
    }

    @Test
    void readsIntoAnOffsetOfALargerBatch() throws IOException {
        Path file = dir.resolve("x.bin");
        Fixtures.writeAsymmetricX(file, 3);
        Stl10Images images = Stl10Images.open(file, 2);
        int n = images.bytesPerImage();
        byte[] batch = new byte[3 * n];
        for (int i = 0; i < 3; i++) {
            images.read(2 - i, batch, i * n);
        }
        for (int i = 0; i < 3; i++) {
            assertArrayEquals(Fixtures.asymmetricChw(2 - i), java.util.Arrays.copyOfRange(batch, i * n, (i + 1) * n));
        }
        assertThrows(IndexOutOfBoundsException.class, () -> images.read(3));
        assertThrows(IndexOutOfBoundsException.class, () -> images.read(-1));
        assertThrows(IndexOutOfBoundsException.class, () -> images.read(0, new byte[n], 1));
    }

    @Test
    void concurrentReadsAgree() throws Exception {
        Path file = dir.resolve("x.bin");
        int count = 10;
        Fixtures.writeAsymmetricX(file, count);
        Stl10Images images = Stl10Images.open(file, 3);
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<Integer>> results = new ArrayList<>();
            for (int t = 0; t < 4; t++) {
                int start = t;
                results.add(pool.submit(() -> {
                    byte[] buf = new byte[images.bytesPerImage()];
                    int checked = 0;
                    for (int k = 0; k < 200; k++) {
                        int i = (start * 7 + k * 3) % count;
                        images.read(i, buf, 0);
                        assertArrayEquals(Fixtures.asymmetricChw(i), buf, "image " + i);
                        checked++;
                    }
                    return checked;
                }));
            }
            for (Future<Integer> r : results) {
                assertEquals(200, r.get(60, TimeUnit.SECONDS));
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void sizeNotAMultipleOfARecordNamesTheFileAndTheNumbers() throws IOException {
        Path file = dir.resolve("train_X.bin");
        Files.write(file, new byte[2 * 27_648 + 100]);
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> Stl10Images.open(file));
        assertTrue(e.getMessage().contains(file.toString()), e.getMessage());
        assertTrue(e.getMessage().contains("55,396 bytes"), e.getMessage());
        assertTrue(e.getMessage().contains("27,648"), e.getMessage());
        assertTrue(e.getMessage().contains("2 whole records and 100 bytes"), e.getMessage());
    }

    @Test
    void anEmptyFileIsZeroImages() throws IOException {
        Path file = dir.resolve("x.bin");
        Files.write(file, new byte[0]);
        Stl10Images images = Stl10Images.open(file);
        assertEquals(0, images.count());
        assertThrows(IndexOutOfBoundsException.class, () -> images.read(0));
    }

    @Test
    void missingFileAndFolderAreInvalidInput() throws IOException {
        InvalidInputException missing = assertThrows(InvalidInputException.class,
                () -> Stl10Images.open(dir.resolve("nope_X.bin")));
        assertTrue(missing.getMessage().contains("nope_X.bin: no such file"), missing.getMessage());
        Files.createDirectory(dir.resolve("folder_X.bin"));
        InvalidInputException folder = assertThrows(InvalidInputException.class,
                () -> Stl10Images.open(dir.resolve("folder_X.bin")));
        assertTrue(folder.getMessage().contains("not a regular file"), folder.getMessage());
    }

    /**
     * unlabeled_X.bin at its real size, as a sparse file: the mapping must reach the last record of the first
     * chunk (77,671), the record that straddles 2^31 (77,672, first of the second chunk), the first whose offset
     * no longer fits an int (77,673 * 27,648 > 2^31 - 1) and the very last record (99,999).
     */
    @Test
    void fullSizeSparseUnlabeledFileDecodesPastTheIntBoundaryAndAtTheEnd() throws IOException {
        Fixtures.assumeSparseFiles(dir);
        Path file = dir.resolve(Stl10Layout.UNLABELED_X);
        int[] written = {77_670, 77_671, 77_672, 77_673, 99_999};
        try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "rw")) {
            raf.setLength(2_764_800_000L);
            for (int index : written) {
                raf.seek((long) index * Fixtures.RECORD);
                raf.write(Fixtures.toDisk(Fixtures.asymmetricChw(index)));
            }
        }
        long allocated = Fixtures.allocatedBytes(file);
        assertTrue(allocated < 64L << 20, "the test file should stay sparse, but " + allocated + " bytes are allocated");

        Stl10Images images = Stl10Images.open(file);
        assertEquals(100_000, images.count());
        for (int index : written) {
            assertArrayEquals(Fixtures.asymmetricChw(index), images.read(index), "record " + index);
        }
        assertArrayEquals(new byte[Fixtures.RECORD], images.read(0));
        assertArrayEquals(new byte[Fixtures.RECORD], images.read(99_998));
    }
}
