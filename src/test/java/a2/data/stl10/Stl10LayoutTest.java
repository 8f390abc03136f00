package a2.data.stl10;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

class Stl10LayoutTest {

    @Test
    void constantsMatchThePublishedFileSizes() {
        assertEquals(9_216, Stl10Layout.PLANE);
        assertEquals(27_648, Stl10Layout.BYTES_PER_IMAGE);
        // shared/datasets/README.md: train_X.bin 138,240,000, test_X.bin 221,184,000, unlabeled_X.bin 2,764,800,000 bytes.
        assertEquals(138_240_000L, Stl10Layout.recordOffset(Stl10Layout.OFFICIAL_TRAIN));
        assertEquals(221_184_000L, Stl10Layout.recordOffset(Stl10Layout.OFFICIAL_TEST));
        assertEquals(2_764_800_000L, Stl10Layout.recordOffset(Stl10Layout.OFFICIAL_UNLABELED));
        assertEquals(1_000, Stl10Layout.OFFICIAL_FOLD_SIZE);
        assertEquals(10, Stl10Layout.CLASS_NAMES.size());
        assertEquals(7, Stl10Layout.FILES.size());
    }

    @Test
    void record77672IsTheFirstToEndPastTwoToThe31() {
        long limit = 1L << 31;
        assertTrue(Stl10Layout.recordOffset(77_672) < limit);
        assertTrue(Stl10Layout.recordOffset(77_672 + 1) > limit);
        // So one int-indexed buffer holds records 0..77,671 and the second chunk starts with record 77,672.
        assertTrue(Stl10Layout.recordOffset(77_672) <= Integer.MAX_VALUE);
        assertEquals(77_672, Stl10Images.MAX_RECORDS_PER_CHUNK);
    }

    @Test
    void indicesFollowTheFormat() {
        assertEquals(2 * 9_216 + 70 * 96 + 5, Stl10Layout.fileIndex(2, 5, 70));
        assertEquals(2 * 9_216 + 5 * 96 + 70, Stl10Layout.chwIndex(2, 5, 70));
    }

    @Test
    void transposeTurnsTheDiskRecordIntoChw() {
        for (int i : new int[] {0, 1, 77}) {
            byte[] record = Fixtures.toDisk(Fixtures.asymmetricChw(i));
            Stl10Layout.transposePlanes(record, 0);
            assertArrayEquals(Fixtures.asymmetricChw(i), record, "image " + i);
            assertEquals(255, Fixtures.pixel(record, 0, 5, 70));
            assertEquals(0, Fixtures.pixel(record, 0, 70, 5));
            assertEquals((2 * 5 + i) & 0xFF, Fixtures.pixel(record, 1, 5, 70));
            assertEquals((100 + 70 + 3 * i) & 0xFF, Fixtures.pixel(record, 2, 5, 70));
        }
    }

    @Test
    void transposeIsItsOwnInverseAndStaysInsideItsRecord() {
        byte[] buffer = new byte[Stl10Layout.BYTES_PER_IMAGE + 20];
        new Random(1).nextBytes(buffer);
        byte[] before = buffer.clone();
        Stl10Layout.transposePlanes(buffer, 10);
        assertFalse(Arrays.equals(before, buffer));
        assertArrayEquals(Arrays.copyOf(before, 10), Arrays.copyOf(buffer, 10));
        assertArrayEquals(Arrays.copyOfRange(before, buffer.length - 10, buffer.length),
                Arrays.copyOfRange(buffer, buffer.length - 10, buffer.length));
        Stl10Layout.transposePlanes(buffer, 10);
        assertArrayEquals(before, buffer);
    }

    @Test
    void transposeRejectsAShortBuffer() {
        assertThrows(IndexOutOfBoundsException.class,
                () -> Stl10Layout.transposePlanes(new byte[Stl10Layout.BYTES_PER_IMAGE], 1));
    }
}
