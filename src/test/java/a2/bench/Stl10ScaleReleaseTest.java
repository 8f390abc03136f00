package a2.bench;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import a2.data.ArrayImages;
import a2.data.Dataset;
import a2.data.Images;
import a2.data.stl10.Stl10Folder;
import a2.data.stl10.Stl10Layout;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The rehearsal release: official layout, the asked sizes, and each record the A2 image it claims to be. */
class Stl10ScaleReleaseTest {
    @TempDir
    Path tmp;

    static final List<String> CLASSES = List.of("airplane", "automobile", "bird", "cat", "deer", "dog", "frog", "horse",
            "ship", "truck");

    static ArrayImages noise(int n, long seed) {
        byte[] px = new byte[n * 3 * 32 * 32];
        new SplittableRandom(seed).nextBytes(px);
        return new ArrayImages(px, n, 32, 32);
    }

    /** A2 in miniature: 100 labeled images sorted by class (as train/<class>/ lists them), Ids 11..40 shuffled. */
    static Dataset a2() {
        int[] labels = IntStream.range(0, 100).map(i -> i / 10).toArray();
        int[] ids = {31, 12, 40, 11, 25, 13, 39, 14, 30, 15, 16, 17, 18, 19, 20, 21, 22, 23, 24, 26, 27, 28, 29, 32, 33,
            34, 35, 36, 37, 38};
        Arrays.sort(ids); // Dataset's contract: ascending Ids
        return new Dataset("cifar10-a2", CLASSES, noise(100, 1), labels, noise(20, 2), noise(30, 3), ids,
                Optional.empty(), new TreeMap<>(Map.of()));
    }

    @Test
    void writesTheOfficialLayoutThatTheStl10ReaderLoads() throws Exception {
        Dataset a2 = a2();
        Path dir = tmp.resolve("stl10_binary");
        var w = Stl10ScaleRelease.write(a2, dir, new Stl10ScaleRelease.Sizes(20, 8, 50, 20), 7);
        Dataset stl = Stl10Folder.load(dir);
        assertEquals(20, stl.train().count());
        assertEquals(8, stl.test().count());
        assertEquals(50, stl.unlabeled().count());
        assertEquals(96, stl.height());
        assertEquals(CLASSES, stl.classNames());
        assertEquals(50L * Stl10Layout.BYTES_PER_IMAGE, Files.size(dir.resolve(Stl10Layout.UNLABELED_X)));
        // Evenly spaced through the class-ordered list: two of every class, labels carried over.
        assertArrayEquals(new int[] {0, 0, 1, 1, 2, 2, 3, 3, 4, 4, 5, 5, 6, 6, 7, 7, 8, 8, 9, 9}, stl.trainLabels());
        // The placeholder test labels: all class 1 on disk.
        assertTrue(Arrays.stream(stl.testLabels().orElseThrow()).allMatch(l -> l == 0));
        assertArrayEquals(new int[] {11, 12, 13, 14, 15, 16, 17, 18}, w.a2TestIds());
        int[][] folds = Stl10Folder.folds(dir);
        assertEquals(10, folds.length);
        assertTrue(Arrays.stream(folds).allMatch(f -> f.length == 4 && IntStream.of(f).distinct().count() == 4));

        // Record by record: the upscaled A2 image; unlabeled 20..39 the mirror of 0..19, 40..49 the shift of 0..9.
        byte[] up = new byte[Stl10Layout.BYTES_PER_IMAGE];
        Views.bilinear(a2.train().read(30), 32, 32, up, 0, 96);
        assertArrayEquals(up, stl.train().read(6));
        Views.bilinear(a2.test().read(3), 32, 32, up, 0, 96);
        assertArrayEquals(up, stl.test().read(3));
        Images u = stl.unlabeled();
        Views.bilinear(a2.unlabeled().read(5), 32, 32, up, 0, 96);
        assertArrayEquals(up, u.read(5));
        byte[] plain = u.read(5), mirror = u.read(25), shifted = u.read(45);
        int row = 2 * 9216 + 40 * 96; // blue plane, row 40
        for (int x = 0; x < 96; x++) {
            assertEquals(plain[row + x], mirror[row + 95 - x], "mirrored at column " + x);
            assertEquals(plain[row + Math.max(0, x - 4)], shifted[row + x], "shifted at column " + x);
        }
    }

    @Test
    void bilinearKeepsAConstantImageAndInterpolatesBetweenCentres() {
        byte[] src = new byte[3 * 2 * 2];
        Arrays.fill(src, (byte) 200);
        byte[] dst = new byte[3 * 4 * 4];
        Views.bilinear(src, 2, 2, dst, 0, 4);
        for (byte b : dst) {
            assertEquals(200, b & 0xff);
        }
        // Columns 0 and 100 in every row and channel, upscaled x2: the source centres land at output 0.5 and 2.5, so
        // the four output columns read 0 (clamped), 25, 75 and 100 (clamped).
        byte[] wide = new byte[3 * 4 * 4];
        Views.bilinear(new byte[] {0, 100, 0, 100, 0, 100, 0, 100, 0, 100, 0, 100}, 2, 2, wide, 0, 4);
        assertArrayEquals(new byte[] {0, 25, 75, 100}, Arrays.copyOfRange(wide, 0, 4));
        assertArrayEquals(new byte[] {0, 25, 75, 100}, Arrays.copyOfRange(wide, 2 * 16 + 12, 2 * 16 + 16));
    }

    @Test
    void tooFewSourceImagesIsAClearError() {
        var e = assertThrows(IllegalArgumentException.class, () -> Stl10ScaleRelease.write(a2(), tmp.resolve("x"),
                new Stl10ScaleRelease.Sizes(20, 8, 61, 20), 7));
        assertTrue(e.getMessage().contains("at most 60"), e.getMessage());
        var f = assertThrows(IllegalArgumentException.class, () -> Stl10ScaleRelease.write(a2(), tmp.resolve("x"),
                new Stl10ScaleRelease.Sizes(20, 31, 10, 20), 7));
        assertTrue(f.getMessage().contains("30 test images, 31 needed"), f.getMessage());
    }
}
