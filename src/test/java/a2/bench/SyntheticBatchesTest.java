package a2.bench;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import a2.io.InvalidInputException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SyntheticBatchesTest {
    @Test
    void roundTripsThroughTheFile(@TempDir Path dir) {
        SyntheticBatches b = SyntheticBatches.random(6, 4, 10, 7);
        Path f = dir.resolve("b.bin");
        b.write(f);
        SyntheticBatches back = SyntheticBatches.read(f);
        assertEquals(6, back.count());
        assertEquals(4, back.side());
        assertArrayEquals(b.pixels(), back.pixels());
        assertArrayEquals(b.labels(), back.labels());
    }

    @Test
    void theHeaderIsLittleEndianAsNumpyReadsIt(@TempDir Path dir) throws Exception {
        SyntheticBatches b = new SyntheticBatches(1, 1, 2, new float[] {1.5f, -2f, 0.25f}, new int[] {1});
        Path f = dir.resolve("b.bin");
        b.write(f);
        ByteBuffer buf = ByteBuffer.wrap(Files.readAllBytes(f)).order(ByteOrder.LITTLE_ENDIAN);
        assertEquals("A2BENCH1", new String(Arrays.copyOf(buf.array(), 8), java.nio.charset.StandardCharsets.US_ASCII));
        assertEquals(1, buf.getInt(8));
        assertEquals(3, buf.getInt(12));
        assertEquals(1, buf.getInt(16));
        assertEquals(2, buf.getInt(20));
        assertEquals(1.5f, buf.getFloat(24));
        assertEquals(0.25f, buf.getFloat(32));
        assertEquals(1, buf.getInt(36));
        assertEquals(40, buf.capacity());
    }

    @Test
    void pixelsAreRoughlyStandardNormalAndLabelsCoverTheClasses() {
        SyntheticBatches b = SyntheticBatches.random(200, 8, 10, 1008);
        double sum = 0, sq = 0;
        for (float v : b.pixels()) {
            sum += v;
            sq += v * v;
        }
        int n = b.pixels().length;
        assertEquals(0, sum / n, 0.02);
        assertEquals(1, sq / n, 0.03);
        assertEquals(10, Arrays.stream(b.labels()).distinct().count());
    }

    @Test
    void batchesSliceTheImagesInOrder() {
        SyntheticBatches b = SyntheticBatches.random(5, 2, 3, 1);
        assertEquals(2, b.batches(2));
        float[] second = b.batchPixels(1, 2);
        assertArrayEquals(Arrays.copyOfRange(b.pixels(), 2 * 12, 4 * 12), second);
        float[] y = b.batchOneHot(1, 2);
        assertEquals(6, y.length);
        assertEquals(1f, y[b.labels()[2]]);
        assertEquals(1f, y[3 + b.labels()[3]]);
        assertEquals(2.0, java.util.stream.IntStream.range(0, y.length).mapToDouble(i -> y[i]).sum());
        assertThrows(IllegalArgumentException.class, () -> b.batches(6));
    }

    @Test
    void refusesAFileWithTheWrongMagic(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("b.bin");
        SyntheticBatches.random(2, 2, 2, 1).write(f);
        byte[] bytes = Files.readAllBytes(f);
        bytes[0] = 'X';
        Files.write(f, bytes);
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> SyntheticBatches.read(f));
        assertTrue(e.getMessage().contains("A2BENCH1"), e.getMessage());
    }

    @Test
    void refusesTruncatedAndOverlongFiles(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("b.bin");
        SyntheticBatches.random(2, 2, 2, 1).write(f);
        byte[] bytes = Files.readAllBytes(f);
        Files.write(f, Arrays.copyOf(bytes, bytes.length - 1));
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> SyntheticBatches.read(f));
        assertTrue(e.getMessage().contains("expected " + bytes.length + " bytes"), e.getMessage());
        Files.write(f, Arrays.copyOf(bytes, bytes.length + 4));
        assertThrows(InvalidInputException.class, () -> SyntheticBatches.read(f));
        Files.write(f, Arrays.copyOf(bytes, 10));
        assertThrows(InvalidInputException.class, () -> SyntheticBatches.read(f));
        Files.write(f, new byte[0]);
        assertThrows(InvalidInputException.class, () -> SyntheticBatches.read(f));
    }

    @Test
    void refusesALabelOutsideTheClasses(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("b.bin");
        new SyntheticBatches(1, 1, 2, new float[3], new int[] {0}).write(f);
        byte[] bytes = Files.readAllBytes(f);
        ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).putInt(bytes.length - 4, 2);
        Files.write(f, bytes);
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> SyntheticBatches.read(f));
        assertTrue(e.getMessage().contains("label 0 is 2"), e.getMessage());
    }

    @Test
    void refusesAHeaderWithAnotherChannelCount(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("b.bin");
        new SyntheticBatches(1, 1, 2, new float[3], new int[] {0}).write(f);
        byte[] bytes = Files.readAllBytes(f);
        ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).putInt(12, 1);
        Files.write(f, bytes);
        assertThrows(InvalidInputException.class, () -> SyntheticBatches.read(f));
    }
}
