package a2.data.stl10;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import a2.data.Dataset;
import a2.io.Hashes;
import a2.io.InvalidInputException;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class Stl10FolderTest {
    private static final int TRAIN = 20;
    private static final int TEST = 12;
    private static final int UNLABELED = 7;

    @TempDir
    Path dir;

    /** A hand-made folder (raw bytes, not {@link Stl10Writer}): asymmetric images, labels 1..10 cycling. */
    private Path handMadeFolder() throws IOException {
        Fixtures.writeAsymmetricX(dir.resolve("train_X.bin"), TRAIN);
        Files.write(dir.resolve("train_y.bin"), diskLabels(TRAIN, 0));
        Fixtures.writeAsymmetricX(dir.resolve("test_X.bin"), TEST);
        Files.write(dir.resolve("test_y.bin"), diskLabels(TEST, 3));
        Fixtures.writeAsymmetricX(dir.resolve("unlabeled_X.bin"), UNLABELED);
        Files.writeString(dir.resolve("class_names.txt"),
                "airplane\nbird\ncar\ncat\ndeer\ndog\nhorse\nmonkey\nship\ntruck\n");
        Files.writeString(dir.resolve("fold_indices.txt"), IntStream.range(0, 10)
                .mapToObj(k -> (k % TRAIN) + " " + ((k + 5) % TRAIN) + " " + (TRAIN - 1) + "\n")
                .collect(Collectors.joining()));
        return dir;
    }

    /** Labels 1..10 on disk: record i holds 1 + (i + shift) mod 10. */
    private static byte[] diskLabels(int n, int shift) {
        byte[] y = new byte[n];
        for (int i = 0; i < n; i++) {
            y[i] = (byte) (1 + (i + shift) % 10);
        }
        return y;
    }

    private InvalidInputException loadFails() {
        return assertThrows(InvalidInputException.class, () -> Stl10Folder.load(dir));
    }

    private static void assertMentions(Exception e, String... parts) {
        for (String part : parts) {
            assertTrue(e.getMessage().contains(part), "'" + part + "' missing from: " + e.getMessage());
        }
    }

    @Test
    void loadsAHandMadeFolder() throws IOException {
        Dataset data = Stl10Folder.load(handMadeFolder());
        assertEquals("stl10", data.name());
        assertEquals(Stl10Layout.CLASS_NAMES, data.classNames());
        assertEquals(TRAIN, data.train().count());
        assertEquals(TEST, data.test().count());
        assertEquals(UNLABELED, data.unlabeled().count());
        assertEquals(96, data.height());
        for (int i = 0; i < TRAIN; i++) {
            assertArrayEquals(Fixtures.asymmetricChw(i), data.train().read(i), "train " + i);
            assertEquals((i % 10), data.trainLabels()[i], "0-based train label " + i);
        }
        for (int i = 0; i < TEST; i++) {
            assertArrayEquals(Fixtures.asymmetricChw(i), data.test().read(i), "test " + i);
        }
        assertArrayEquals(Fixtures.asymmetricChw(UNLABELED - 1), data.unlabeled().read(UNLABELED - 1));
        assertArrayEquals(IntStream.rangeClosed(1, TEST).toArray(), data.testIds());
        int[] testLabels = data.testLabels().orElseThrow();
        assertEquals(3, testLabels[0]);
        assertEquals(0, testLabels[7]);
        assertEquals(255, Fixtures.pixel(data.train().read(4), 0, 5, 70));
    }

    @Test
    void checksumsHashSmallFilesAndFingerprintImageFiles() throws IOException {
        Dataset data = Stl10Folder.load(handMadeFolder());
        assertEquals(Stl10Layout.FILES.stream().sorted().toList(), data.checksums().keySet().stream().toList());
        for (String small : new String[] {"train_y.bin", "test_y.bin", "class_names.txt", "fold_indices.txt"}) {
            assertEquals(Hashes.sha256(dir.resolve(small)), data.checksums().get(small), small);
        }
        String train = data.checksums().get("train_X.bin");
        assertTrue(train.matches("size=552960 sampled-sha256=[0-9a-f]{64}"), train);

        // Changing the middle record, which the fingerprint samples, changes it.
        try (RandomAccessFile raf = new RandomAccessFile(dir.resolve("train_X.bin").toFile(), "rw")) {
            raf.seek((long) (TRAIN / 2) * Fixtures.RECORD + 1234);
            raf.write(77);
        }
        assertNotEquals(train, Stl10Folder.load(dir).checksums().get("train_X.bin"));
    }

    @Test
    void foldsAreReadAndCheckedAgainstTheTrainingCount() throws IOException {
        handMadeFolder();
        int[][] folds = Stl10Folder.folds(dir);
        assertEquals(10, folds.length);
        assertArrayEquals(new int[] {3, 8, TRAIN - 1}, folds[3]);
    }

    @Test
    void missingFilesAreListedWithWhatTheFolderHolds() throws IOException {
        handMadeFolder();
        Files.delete(dir.resolve("test_y.bin"));
        Files.delete(dir.resolve("fold_indices.txt"));
        Files.writeString(dir.resolve("README"), "not stl10");
        InvalidInputException e = loadFails();
        assertMentions(e, dir.toString(), "lacks test_y.bin, fold_indices.txt", "it holds README, class_names.txt,"
                + " test_X.bin, train_X.bin, train_y.bin, unlabeled_X.bin");
    }

    @Test
    void aParentOfStl10BinaryGetsAHint() throws IOException {
        Files.createDirectory(dir.resolve("stl10_binary"));
        InvalidInputException e = loadFails();
        assertMentions(e, "lacks train_X.bin, train_y.bin, test_X.bin, test_y.bin, unlabeled_X.bin, class_names.txt,"
                + " fold_indices.txt", "it holds stl10_binary/", "did you mean " + dir.resolve("stl10_binary"));
    }

    @Test
    void aMissingFolderIsNamed() {
        Path absent = dir.resolve("absent");
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> Stl10Folder.load(absent));
        assertMentions(e, absent + " does not exist");
    }

    @Test
    void anEmptyFolderSaysItHoldsNothing() {
        assertMentions(loadFails(), "it holds nothing");
    }

    @Test
    void imageFileSizeNotAMultipleOfARecord() throws IOException {
        handMadeFolder();
        Files.write(dir.resolve("test_X.bin"), new byte[5], java.nio.file.StandardOpenOption.APPEND);
        assertMentions(loadFails(), "test_X.bin", "331,781 bytes", "27,648", "12 whole records and 5 bytes");
    }

    @Test
    void imageFileTruncatedMidRecord() throws IOException {
        handMadeFolder();
        truncate(dir.resolve("train_X.bin"), (long) TRAIN * Fixtures.RECORD - 1000);
        assertMentions(loadFails(), "train_X.bin", "551,960 bytes", "19 whole records and 26,648 bytes", "truncated");
    }

    @Test
    void imageFileTruncatedAtARecordBoundaryIsACountMismatch() throws IOException {
        handMadeFolder();
        truncate(dir.resolve("train_X.bin"), (long) (TRAIN - 1) * Fixtures.RECORD);
        assertMentions(loadFails(), "train_y.bin holds 20 labels", "train_X.bin holds 19 images",
                "official release has 5,000");
    }

    @Test
    void labelFileShorterThanImageFile() throws IOException {
        handMadeFolder();
        truncate(dir.resolve("test_y.bin"), TEST - 2);
        assertMentions(loadFails(), "test_y.bin holds 10 labels", "test_X.bin holds 12 images",
                "official release has 8,000");
    }

    @Test
    void emptyImageFile() throws IOException {
        handMadeFolder();
        Files.write(dir.resolve("unlabeled_X.bin"), new byte[0]);
        assertMentions(loadFails(), "unlabeled_X.bin is empty (0 bytes)", "27,648");
    }

    @Test
    void emptyLabelFile() throws IOException {
        handMadeFolder();
        Files.write(dir.resolve("train_y.bin"), new byte[0]);
        assertMentions(loadFails(), "train_y.bin holds 0 labels", "train_X.bin holds 20 images");
    }

    @ParameterizedTest(name = "label {0}")
    @ValueSource(ints = {0, 11, 255})
    void labelOutsideOneToTenNamesRecordAndOffset(int label) throws IOException {
        handMadeFolder();
        byte[] y = diskLabels(TEST, 3);
        y[9] = (byte) label;
        Files.write(dir.resolve("test_y.bin"), y);
        assertMentions(loadFails(), "test_y.bin", "record 9 (byte offset 9) holds label " + label, "expected 1..10",
                "1 of 12 labels out of range");
    }

    @Test
    void classNamesMustBeTenLines() throws IOException {
        handMadeFolder();
        Files.writeString(dir.resolve("class_names.txt"), "airplane\nbird\ncar\ncat\ndeer\ndog\nhorse\nmonkey\nship\n");
        assertMentions(loadFails(), "class_names.txt has 9 lines", "expected 10 non-blank lines");
    }

    @Test
    void classNamesMustNotBeBlankOrRepeated() throws IOException {
        handMadeFolder();
        Files.writeString(dir.resolve("class_names.txt"), "airplane\nbird\ncar\n  \ndeer\ndog\nhorse\nmonkey\nship\ntruck\n");
        assertMentions(loadFails(), "class_names.txt: line 4 is blank");
        Files.writeString(dir.resolve("class_names.txt"), "airplane\nbird\ncar\ncat\ndeer\ndog\nhorse\nbird\nship\ntruck");
        assertMentions(loadFails(), "class_names.txt: line 8 repeats class name 'bird' of line 2");
    }

    @Test
    void classNamesAcceptWindowsLineEndsAndNoFinalNewline() throws IOException {
        handMadeFolder();
        Files.writeString(dir.resolve("class_names.txt"), String.join("\r\n", Stl10Layout.CLASS_NAMES));
        assertEquals(Stl10Layout.CLASS_NAMES, Stl10Folder.load(dir).classNames());
    }

    @Test
    void binaryClassNamesAreRejected() throws IOException {
        handMadeFolder();
        Files.write(dir.resolve("class_names.txt"), new byte[] {(byte) 0xff, (byte) 0xfe, 10});
        assertMentions(loadFails(), "class_names.txt is not UTF-8 text");
    }

    @Test
    void foldIndicesWithANonNumberNameLineAndToken() throws IOException {
        handMadeFolder();
        replaceFoldLine(2, "1 7x 3");
        assertMentions(loadFails(), "fold_indices.txt: line 3, token 2 ('7x') is not an integer");
    }

    @Test
    void foldIndicesOutOfRangeNameLineTokenAndTrainingCount() throws IOException {
        handMadeFolder();
        replaceFoldLine(9, "0 1 2 20");
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> Stl10Folder.folds(dir));
        assertMentions(e, "fold_indices.txt: line 10, token 4 is index 20, outside 0..19", "20 training images");
        replaceFoldLine(9, "-1");
        assertMentions(loadFails(), "line 10, token 1 is index -1");
    }

    @Test
    void foldIndicesNeedTenNonBlankLines() throws IOException {
        handMadeFolder();
        Files.writeString(dir.resolve("fold_indices.txt"), "1 2\n3 4\n");
        assertMentions(loadFails(), "fold_indices.txt has 2 lines; expected 10");
        replaceFoldLineIn("1\n2\n3\n4\n5\n6\n7\n8\n9\n10\n", 4, "   ");
        assertMentions(loadFails(), "fold_indices.txt: line 5 is blank");
    }

    @Test
    void loadsTheSampleLayout() throws IOException {
        Fixtures.writeAsymmetricX(dir.resolve("labeled_examples_X.bin"), 10);
        Files.write(dir.resolve("labeled_examples_y.bin"), diskLabels(10, 0));
        Fixtures.writeAsymmetricX(dir.resolve("unlabeled_examples_X.bin"), 4);
        Stl10Folder.LabeledSample sample = Stl10Folder.loadSample(dir);
        assertEquals(10, sample.labeled().count());
        assertEquals(4, sample.unlabeled().count());
        assertArrayEquals(IntStream.range(0, 10).toArray(), sample.labels());
        assertArrayEquals(Fixtures.asymmetricChw(3), sample.unlabeled().read(3));
        assertEquals(Stl10Layout.CLASS_NAMES, sample.classNames());

        Files.write(dir.resolve("labeled_examples_y.bin"), new byte[9]);
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> Stl10Folder.loadSample(dir));
        assertMentions(e, "labeled_examples_y.bin holds 9 labels", "labeled_examples_X.bin holds 10 images");
        Files.delete(dir.resolve("unlabeled_examples_X.bin"));
        e = assertThrows(InvalidInputException.class, () -> Stl10Folder.loadSample(dir));
        assertMentions(e, "lacks unlabeled_examples_X.bin");
    }

    /**
     * A folder at the official sizes (5,000 / 8,000 / 100,000 images; the image files sparse) loads, the
     * fingerprints touch only a few records, and the 1,000-index folds pass.
     */
    @Test
    void loadsAFullSizeSparseFolder() throws IOException {
        Fixtures.assumeSparseFiles(dir);
        sparse("train_X.bin", 138_240_000L);
        sparse("test_X.bin", 221_184_000L);
        sparse("unlabeled_X.bin", 2_764_800_000L);
        try (RandomAccessFile raf = new RandomAccessFile(dir.resolve("unlabeled_X.bin").toFile(), "rw")) {
            raf.seek(2_764_800_000L - Fixtures.RECORD);
            raf.write(Fixtures.toDisk(Fixtures.asymmetricChw(99_999)));
        }
        Files.write(dir.resolve("train_y.bin"), diskLabels(5_000, 0));
        Files.write(dir.resolve("test_y.bin"), diskLabels(8_000, 0));
        Files.writeString(dir.resolve("class_names.txt"), String.join("\n", Stl10Layout.CLASS_NAMES) + "\n");
        Files.writeString(dir.resolve("fold_indices.txt"), IntStream.range(0, 10)
                .mapToObj(k -> IntStream.range(0, 1_000).map(i -> (i * 5 + k) % 5_000)
                        .mapToObj(Integer::toString).collect(Collectors.joining(" ")) + " \n")
                .collect(Collectors.joining()));
        Dataset data = Stl10Folder.load(dir);
        assertEquals(5_000, data.train().count());
        assertEquals(8_000, data.test().count());
        assertEquals(100_000, data.unlabeled().count());
        assertArrayEquals(Fixtures.asymmetricChw(99_999), data.unlabeled().read(99_999));
        assertTrue(data.checksums().get("unlabeled_X.bin").startsWith("size=2764800000 sampled-sha256="));
        int[][] folds = Stl10Folder.folds(dir);
        assertTrue(Arrays.stream(folds).allMatch(f -> f.length == 1_000));
    }

    private void sparse(String name, long size) throws IOException {
        try (RandomAccessFile raf = new RandomAccessFile(dir.resolve(name).toFile(), "rw")) {
            raf.setLength(size);
        }
    }

    private static void truncate(Path file, long size) throws IOException {
        try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "rw")) {
            raf.setLength(size);
        }
    }

    private void replaceFoldLine(int line, String text) throws IOException {
        replaceFoldLineIn(Files.readString(dir.resolve("fold_indices.txt")), line, text);
    }

    private void replaceFoldLineIn(String content, int line, String text) throws IOException {
        String[] lines = content.split("\n", -1);
        lines[line] = text;
        Files.writeString(dir.resolve("fold_indices.txt"), String.join("\n", lines), StandardCharsets.UTF_8);
    }
}
