package a2.data.stl10;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import a2.data.ArrayImages;
import a2.data.Dataset;
import a2.data.Images;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class Stl10WriterTest {

    @TempDir
    Path dir;

    private static ArrayImages asymmetric(int first, int count) {
        byte[] pixels = new byte[count * Fixtures.RECORD];
        for (int i = 0; i < count; i++) {
            System.arraycopy(Fixtures.asymmetricChw(first + i), 0, pixels, i * Fixtures.RECORD, Fixtures.RECORD);
        }
        return new ArrayImages(pixels, count, 96, 96);
    }

    private static Dataset dataset(int train, int test, int unlabeled) {
        int[] trainLabels = IntStream.range(0, train).map(i -> (i * 3) % 10).toArray();
        int[] testLabels = IntStream.range(0, test).map(i -> 9 - i % 10).toArray();
        return new Dataset("anything", Stl10Layout.CLASS_NAMES, asymmetric(0, train), trainLabels,
                asymmetric(100, unlabeled), asymmetric(50, test), IntStream.rangeClosed(1, test).toArray(),
                Optional.of(testLabels), new TreeMap<>());
    }

    private static int[][] folds(int train) {
        return IntStream.range(0, 10).mapToObj(k -> new int[] {k % train, train - 1}).toArray(int[][]::new);
    }

    @Test
    void roundTripsThroughTheLoader() {
        Dataset original = dataset(13, 11, 4);
        Stl10Writer.write(dir, original, folds(13));
        Dataset loaded = Stl10Folder.load(dir);
        assertEquals(Stl10Layout.CLASS_NAMES, loaded.classNames());
        assertSameImages(original.train(), loaded.train());
        assertSameImages(original.test(), loaded.test());
        assertSameImages(original.unlabeled(), loaded.unlabeled());
        assertArrayEquals(original.trainLabels(), loaded.trainLabels());
        assertArrayEquals(original.testLabels().orElseThrow(), loaded.testLabels().orElseThrow());
        assertArrayEquals(original.testIds(), loaded.testIds());
        assertArrayEquals(folds(13), Stl10Folder.folds(dir));
    }

    @Test
    void writesColumnMajorPlanesAndOneBasedLabels() throws IOException {
        Stl10Writer.writeImages(dir.resolve("x.bin"), asymmetric(0, 2));
        byte[] disk = Files.readAllBytes(dir.resolve("x.bin"));
        assertEquals(2 * Fixtures.RECORD, disk.length);
        assertArrayEquals(Fixtures.toDisk(Fixtures.asymmetricChw(1)), Arrays.copyOfRange(disk, Fixtures.RECORD, disk.length));
        assertEquals(255, Byte.toUnsignedInt(disk[70 * 96 + 5]), "red (row 5, col 70) at byte col*96 + row");

        Stl10Writer.writeLabels(dir.resolve("y.bin"), new int[] {0, 9, 4});
        assertArrayEquals(new byte[] {1, 10, 5}, Files.readAllBytes(dir.resolve("y.bin")));
    }

    @Test
    void leavesOnlyTheSevenFiles() throws IOException {
        Stl10Writer.writeSynthetic(dir, 10, 10, 10, 1);
        try (Stream<Path> files = Files.list(dir)) {
            assertEquals(Stl10Layout.FILES.stream().sorted().toList(),
                    files.map(p -> p.getFileName().toString()).sorted().toList());
        }
    }

    @Test
    void rejectsWhatTheFormatCannotHold() {
        Dataset data = dataset(3, 2, 1);
        assertThrows(IllegalArgumentException.class, () -> Stl10Writer.writeImages(dir.resolve("x.bin"),
                new ArrayImages(new byte[3 * 32 * 32], 1, 32, 32)));
        assertThrows(IllegalArgumentException.class, () -> Stl10Writer.writeLabels(dir.resolve("y.bin"), new int[] {10}));
        assertThrows(IllegalArgumentException.class, () -> Stl10Writer.writeLabels(dir.resolve("y.bin"), new int[] {-1}));
        assertThrows(IllegalArgumentException.class, () -> Stl10Writer.write(dir, data, new int[9][]));
        assertThrows(IllegalArgumentException.class, () -> Stl10Writer.write(dir, data,
                IntStream.range(0, 10).mapToObj(k -> new int[] {3}).toArray(int[][]::new)));
        Dataset shuffledIds = new Dataset("x", data.classNames(), data.train(), data.trainLabels(), data.unlabeled(),
                data.test(), new int[] {2, 1}, data.testLabels(), new TreeMap<>());
        assertThrows(IllegalArgumentException.class, () -> Stl10Writer.write(dir, shuffledIds, folds(3)));
        Dataset noTestLabels = new Dataset("x", data.classNames(), data.train(), data.trainLabels(), data.unlabeled(),
                data.test(), data.testIds(), Optional.empty(), new TreeMap<>());
        assertThrows(IllegalArgumentException.class, () -> Stl10Writer.write(dir, noTestLabels, folds(3)));
        assertThrows(IllegalArgumentException.class, () -> Stl10Writer.writeSynthetic(dir, 0, 1, 1, 1));
        assertFalse(Files.exists(dir.resolve(Stl10Layout.TRAIN_X)), "nothing written after a rejected call");
    }

    @Test
    void syntheticFolderLoadsWithBalancedLabelsAndValidFolds() {
        Path written = Stl10Writer.writeSynthetic(dir, 40, 30, 25, 7);
        assertSame(dir, written);
        Dataset data = Stl10Folder.load(dir);
        assertEquals(40, data.train().count());
        assertEquals(30, data.test().count());
        assertEquals(25, data.unlabeled().count());
        assertArrayEquals(new int[] {4, 4, 4, 4, 4, 4, 4, 4, 4, 4}, histogram(data.trainLabels()));
        assertArrayEquals(new int[] {3, 3, 3, 3, 3, 3, 3, 3, 3, 3}, histogram(data.testLabels().orElseThrow()));
        int[][] folds = Stl10Folder.folds(dir);
        for (int[] fold : folds) {
            assertEquals(8, fold.length, "a fifth of 40, as 1,000 of 5,000");
            assertEquals(8, Arrays.stream(fold).distinct().count());
        }
        assertFalse(Arrays.equals(folds[0], folds[1]), "folds are drawn independently");
    }

    @Test
    void tinySyntheticFoldsStillHoldValidIndices() {
        Stl10Writer.writeSynthetic(dir, 3, 1, 1, 7);
        for (int[] fold : Stl10Folder.folds(dir)) {
            assertEquals(1, fold.length);
            assertTrue(fold[0] >= 0 && fold[0] < 3);
        }
    }

    @Test
    void syntheticFilesFollowFromTheSeed() throws IOException {
        Path a = Files.createDirectory(dir.resolve("a"));
        Path b = Files.createDirectory(dir.resolve("b"));
        Path c = Files.createDirectory(dir.resolve("c"));
        Stl10Writer.writeSynthetic(a, 12, 5, 6, 42);
        Stl10Writer.writeSynthetic(b, 12, 5, 6, 42);
        Stl10Writer.writeSynthetic(c, 12, 5, 6, 43);
        for (String name : Stl10Layout.FILES) {
            assertArrayEquals(Files.readAllBytes(a.resolve(name)), Files.readAllBytes(b.resolve(name)), name);
        }
        for (String name : List.of("train_X.bin", "test_X.bin", "unlabeled_X.bin", "train_y.bin", "fold_indices.txt")) {
            assertFalse(Arrays.equals(Files.readAllBytes(a.resolve(name)), Files.readAllBytes(c.resolve(name))), name);
        }
    }

    /** The classes must be learnable: the nearest class mean (from train) labels the test set almost perfectly. */
    @Test
    void syntheticImagesDependOnTheirClass() {
        Stl10Writer.writeSynthetic(dir, 100, 50, 1, 3);
        Dataset data = Stl10Folder.load(dir);
        int n = data.train().bytesPerImage();
        double[][] means = new double[10][n];
        int[] counts = histogram(data.trainLabels());
        for (int i = 0; i < data.train().count(); i++) {
            byte[] img = data.train().read(i);
            for (int p = 0; p < n; p++) {
                means[data.trainLabels()[i]][p] += Byte.toUnsignedInt(img[p]) / (double) counts[data.trainLabels()[i]];
            }
        }
        int[] truth = data.testLabels().orElseThrow();
        int correct = 0;
        for (int i = 0; i < data.test().count(); i++) {
            byte[] img = data.test().read(i);
            int best = -1;
            double bestDistance = Double.MAX_VALUE;
            for (int k = 0; k < 10; k++) {
                double d = 0;
                for (int p = 0; p < n; p++) {
                    double diff = Byte.toUnsignedInt(img[p]) - means[k][p];
                    d += diff * diff;
                }
                if (d < bestDistance) {
                    bestDistance = d;
                    best = k;
                }
            }
            correct += best == truth[i] ? 1 : 0;
        }
        assertTrue(correct >= 48, correct + " of 50 test images nearest to their class mean");
        // ...and no single image is its class pattern: two images of one class differ.
        int first = IntStream.range(0, 100).filter(i -> data.trainLabels()[i] == 0).findFirst().orElseThrow();
        int second = IntStream.range(first + 1, 100).filter(i -> data.trainLabels()[i] == 0).findFirst().orElseThrow();
        assertFalse(Arrays.equals(data.train().read(first), data.train().read(second)));
    }

    private static int[] histogram(int[] labels) {
        int[] h = new int[10];
        for (int label : labels) {
            h[label]++;
        }
        return h;
    }

    private static void assertSameImages(Images expected, Images actual) {
        assertEquals(expected.count(), actual.count());
        for (int i = 0; i < expected.count(); i++) {
            assertArrayEquals(expected.read(i), actual.read(i), "image " + i);
        }
    }
}
