package a2.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import a2.io.InvalidInputException;
import a2.testing.ImageFolderFixture;
import a2.testing.TarXz;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Decoding A2 image folders and their archives: equality of the two, order, layout, and every refusal. */
class ImageFolderSourceTest {
    @TempDir
    Path tmp;

    /** All pixels of {@code images}, back to back. */
    static byte[] pixels(Images images) {
        byte[] all = new byte[images.count() * images.bytesPerImage()];
        for (int i = 0; i < images.count(); i++) {
            images.read(i, all, i * images.bytesPerImage());
        }
        return all;
    }

    static void assertSameData(Dataset a, Dataset b) {
        assertEquals(a.classNames(), b.classNames());
        assertArrayEquals(a.trainLabels(), b.trainLabels());
        assertArrayEquals(a.testIds(), b.testIds());
        assertEquals(a.height(), b.height());
        assertEquals(a.width(), b.width());
        assertEquals(a.unlabeled().count(), b.unlabeled().count());
        assertArrayEquals(pixels(a.train()), pixels(b.train()));
        assertArrayEquals(pixels(a.unlabeled()), pixels(b.unlabeled()));
        assertArrayEquals(pixels(a.test()), pixels(b.test()));
    }

    /** A w x h image of one colour. */
    static BufferedImage solid(int w, int h, int rgb) {
        BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                img.setRGB(x, y, rgb);
            }
        }
        return img;
    }

    static void png(BufferedImage img, Path file) throws IOException {
        Files.createDirectories(file.getParent());
        ImageIO.write(img, "png", file.toFile());
    }

    @Test
    void folderAndArchiveGiveIdenticalDatasets() throws Exception {
        Path folder = ImageFolderFixture.write(tmp.resolve("tiny"), 4, 5, 6, 8, 1);
        Path withTop = TarXz.pack(folder, Files.createDirectories(tmp.resolve("a")).resolve("tiny.tar.xz"), "tiny/");
        Path flat = TarXz.pack(folder, Files.createDirectories(tmp.resolve("b")).resolve("tiny.tar.xz"), "");

        Dataset fromFolder = ImageFolderSource.decode(folder);
        Dataset fromArchive = ImageFolderSource.decode(withTop);
        Dataset fromFlatArchive = ImageFolderSource.decode(flat);

        assertEquals("tiny", fromFolder.name());
        assertEquals("tiny", fromArchive.name());
        assertEquals(12, fromFolder.train().count());
        assertEquals(5, fromFolder.unlabeled().count());
        assertEquals(6, fromFolder.test().count());
        assertEquals(ImageFolderFixture.CLASSES, fromFolder.classNames());
        assertSameData(fromFolder, fromArchive);
        assertSameData(fromFolder, fromFlatArchive);
        assertTrue(fromFolder.testLabels().isEmpty(), "an image folder hides its test labels");
    }

    @Test
    void aSingleTopLevelFolderIsAccepted() throws Exception {
        Path outer = Files.createDirectories(tmp.resolve("outer"));
        Path inner = ImageFolderFixture.write(outer.resolve("cifar-like"), 2, 1, 3, 8, 2);
        assertSameData(ImageFolderSource.decode(inner), ImageFolderSource.decode(outer));
    }

    @Test
    void trainIsOrderedByClassThenNameAndTestByNumericId() throws Exception {
        Path root = tmp.resolve("order");
        Files.createDirectories(root);
        // Class order is the file's, not the alphabet's: "zebra" is label 0.
        Files.writeString(root.resolve("class_names.txt"), "zebra\napple\n");
        png(solid(2, 2, 0x010000), root.resolve("train/apple/b.png"));
        png(solid(2, 2, 0x020000), root.resolve("train/apple/a.png"));
        png(solid(2, 2, 0x030000), root.resolve("train/zebra/2.png"));
        png(solid(2, 2, 0x040000), root.resolve("train/zebra/10.png"));
        // Red = Id, so the pixels show the order too. As strings these sort 00042, 100, 7.
        png(solid(2, 2, 42 << 16), root.resolve("test/00042.png"));
        png(solid(2, 2, 7 << 16), root.resolve("test/7.png"));
        png(solid(2, 2, 100 << 16), root.resolve("test/100.png"));
        png(solid(2, 2, 0x050000), root.resolve("unlabeled/u2.png"));
        png(solid(2, 2, 0x060000), root.resolve("unlabeled/u1.png"));

        Dataset ds = ImageFolderSource.decode(root);

        assertEquals(List.of("zebra", "apple"), ds.classNames());
        assertArrayEquals(new int[] {0, 0, 1, 1}, ds.trainLabels());
        // zebra/10.png, zebra/2.png (file names compare as text), then apple/a.png, apple/b.png
        assertArrayEquals(new int[] {4, 3, 2, 1}, firstRed(ds.train()));
        assertArrayEquals(new int[] {7, 42, 100}, ds.testIds());
        assertArrayEquals(new int[] {7, 42, 100}, firstRed(ds.test()));
        assertArrayEquals(new int[] {6, 5}, firstRed(ds.unlabeled()));
    }

    static int[] firstRed(Images images) {
        int[] out = new int[images.count()];
        for (int i = 0; i < out.length; i++) {
            out[i] = images.read(i)[0] & 0xff;
        }
        return out;
    }

    @Test
    void aKnownPixelLandsAtItsChwByte() throws Exception {
        int h = 3, w = 5;
        BufferedImage marked = solid(w, h, 0);
        marked.setRGB(3, 1, 0xFF0000); // row 1, column 3, red only
        Path root = tmp.resolve("chw");
        Files.createDirectories(root);
        Files.writeString(root.resolve("class_names.txt"), "a\nb\n");
        png(marked, root.resolve("train/a/1.png"));
        png(solid(w, h, 0), root.resolve("train/b/1.png"));
        png(solid(w, h, 0), root.resolve("test/1.png"));

        Dataset ds = ImageFolderSource.decode(root);
        assertEquals(h, ds.height());
        assertEquals(w, ds.width());
        byte[] img = ds.train().read(0);
        assertEquals(3 * h * w, img.length);
        int at = 0 * h * w + 1 * w + 3; // channel R, row 1, column 3
        for (int i = 0; i < img.length; i++) {
            assertEquals(i == at ? 255 : 0, img[i] & 0xff, "byte " + i);
        }
    }

    @Test
    void toChwAndFromChwAreInverse() {
        Random rng = new Random(5);
        int h = 7, w = 5, n = 3 * h * w, off = 11;
        BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                img.setRGB(x, y, rng.nextInt(1 << 24));
            }
        }
        byte[] chw = new byte[off + n + 4];
        ImageFolderSource.toChw(img, chw, off);
        BufferedImage back = ImageFolderSource.fromChw(chw, off, h, w);
        assertArrayEquals(img.getRGB(0, 0, w, h, null, 0, w), back.getRGB(0, 0, w, h, null, 0, w));
        // Green of (row 2, col 4) is where CHW says it is.
        assertEquals((img.getRGB(4, 2) >> 8) & 0xff, chw[off + h * w + 2 * w + 4] & 0xff);

        byte[] raw = new byte[n];
        rng.nextBytes(raw);
        byte[] again = new byte[n];
        ImageFolderSource.toChw(ImageFolderSource.fromChw(raw, 0, h, w), again, 0);
        assertArrayEquals(raw, again);
    }

    // ---- refusals: each names the file at fault ----

    Path fixture() throws IOException {
        return ImageFolderFixture.write(tmp.resolve("broken"), 2, 2, 3, 8, 3);
    }

    InvalidInputException refused(Path source) {
        return assertThrows(InvalidInputException.class, () -> ImageFolderSource.decode(source));
    }

    static void assertMentions(Exception e, String... parts) {
        for (String p : parts) {
            assertTrue(e.getMessage().contains(p), "'" + p + "' missing from: " + e.getMessage());
        }
    }

    @Test
    void refusesAMissingClassNamesFile() throws Exception {
        Path root = fixture();
        Files.delete(root.resolve("class_names.txt"));
        assertMentions(refused(root), root.toString(), "class_names.txt");
        Path archive = TarXz.pack(root, tmp.resolve("broken.tar.xz"), "broken/");
        assertMentions(refused(archive), archive.toString(), "class_names.txt");
    }

    @Test
    void refusesATrainImageInAClassFolderNotListed() throws Exception {
        Path root = fixture();
        png(solid(8, 8, 0), root.resolve("train/purple/0001.png"));
        assertMentions(refused(root), "train/purple/0001.png", "purple");
    }

    @Test
    void refusesImagesOfDifferentSizes() throws Exception {
        Path root = fixture();
        png(solid(9, 8, 0), root.resolve("test/00002.png"));
        assertMentions(refused(root), "test/00002.png", "9x8", "8x8");
    }

    @Test
    void refusesAnUndecodableJpeg() throws Exception {
        Path root = fixture();
        Files.write(root.resolve("unlabeled/00009.jpg"), new byte[] {(byte) 0xFF, (byte) 0xD8, 1, 2, 3, 4});
        assertMentions(refused(root), "unlabeled/00009.jpg");
        Path archive = TarXz.pack(root, tmp.resolve("broken.tar.xz"), "broken/");
        assertMentions(refused(archive), "unlabeled/00009.jpg");
    }

    @Test
    void refusesTwoTestImagesWithTheSameId() throws Exception {
        Path root = fixture();
        png(solid(8, 8, 0), root.resolve("test/2.png"));
        assertMentions(refused(root), "test/00002.png", "test/2.png", "Id 2");
    }

    @Test
    void refusesATestImageNotNamedByItsId() throws Exception {
        Path root = fixture();
        png(solid(8, 8, 0), root.resolve("test/cat.png"));
        assertMentions(refused(root), "test/cat.png");
    }

    @Test
    void refusesADatasetWithoutTestImages() throws Exception {
        Path root = fixture();
        try (var files = Files.list(root.resolve("test"))) {
            for (Path p : (Iterable<Path>) files::iterator) {
                Files.delete(p);
            }
        }
        assertMentions(refused(root), root.toString(), "no test images");
    }

    @Test
    void refusesSomethingThatIsNeitherFolderNorArchive() throws Exception {
        Path file = Files.writeString(tmp.resolve("notes.txt"), "hello");
        assertMentions(refused(file), file.toString());
        Path fake = Files.writeString(tmp.resolve("fake.tar.xz"), "not xz at all");
        assertMentions(refused(fake), fake.toString(), ".tar.xz");
    }
}
