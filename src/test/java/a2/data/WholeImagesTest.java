package a2.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import a2.io.IntegrityException;
import a2.io.InvalidInputException;
import a2.testing.ImageFolderFixture;
import a2.testing.TarXz;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * An image that decodes only in part (ImageIO fills the rest with grey and says nothing unless asked) is an error
 * naming the file; a whole JPEG or PNG decodes to the same pixels as {@code ImageIO.read}.
 */
class WholeImagesTest {
    @TempDir
    Path tmp;

    static byte[] encode(String format, int side) throws IOException {
        BufferedImage img = ImageFolderFixture.image(1, side, new Random(5));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        assertTrue(ImageIO.write(img, format, out));
        return out.toByteArray();
    }

    /**
     * @param cut   turns the whole file into the case's bytes
     * @param words null for a whole image, else each must appear in the error
     */
    record Case(String format, UnaryOperator<byte[]> cut, List<String> words) {}

    static Arguments row(String name, String format, UnaryOperator<byte[]> cut, String... words) {
        return Arguments.of(Named.of(name, new Case(format, cut, words.length == 0 ? null : List.of(words))));
    }

    static Stream<Arguments> cases() {
        return Stream.of(
                row("a whole JPEG", "jpg", b -> b),
                row("a whole PNG", "png", b -> b),
                row("JPEG without its last 2 bytes (EOI)", "jpg", b -> Arrays.copyOf(b, b.length - 2),
                        "not a whole image", "Missing EOI marker"),
                row("JPEG cut inside its scan", "jpg", b -> Arrays.copyOf(b, b.length - 100),
                        "not a whole image", "premature end of data segment"),
                row("PNG without its IEND chunk", "png", b -> Arrays.copyOf(b, b.length - 12),
                        "not a whole image", "IEND"),
                row("PNG cut inside its last data chunk", "png", b -> Arrays.copyOf(b, b.length - 16),
                        "not a whole image"),
                row("PNG cut in half", "png", b -> Arrays.copyOf(b, b.length / 2), "not a whole image"),
                row("not an image", "png", b -> "Id,Prediction\n".getBytes(), "not an image javax.imageio can decode"),
                row("empty", "jpg", b -> new byte[0], "not an image javax.imageio can decode"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void onlyAWholeImageDecodes(Case c) throws IOException {
        byte[] whole = encode(c.format(), 24);
        byte[] bytes = c.cut().apply(whole.clone());
        if (c.words() == null) {
            BufferedImage img = WholeImages.decode(bytes, "x/0001." + c.format());
            BufferedImage plain = ImageIO.read(new java.io.ByteArrayInputStream(bytes));
            assertEquals(plain.getRGB(5, 7), img.getRGB(5, 7));
            assertEquals(24, img.getWidth());
            return;
        }
        InvalidInputException e = assertThrows(InvalidInputException.class,
                () -> WholeImages.decode(bytes, "x/0001." + c.format()));
        assertTrue(e.getMessage().startsWith("x/0001." + c.format() + " "), e.getMessage());
        c.words().forEach(w -> assertTrue(e.getMessage().contains(w), "'" + w + "' in: " + e.getMessage()));
    }

    @Test
    void aCutImageInADatasetIsNamedAndNothingIsCached() throws IOException {
        Path root = ImageFolderFixture.write(tmp.resolve("tiny"), 2, 1, 3, 16, 2);
        Path victim = root.resolve("test/00002.png");
        byte[] bytes = Files.readAllBytes(victim);
        Files.write(victim, Arrays.copyOf(bytes, bytes.length - 16));
        Path cache = tmp.resolve("cache");
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> DecodedCache.load(root, cache));
        assertTrue(e.getMessage().contains("test/00002.png is not a whole image"), e.getMessage());
        assertTrue(!Files.exists(cache) || isEmpty(cache), "no cache is written for a dataset that does not decode");
    }

    @Test
    void aTruncatedArchiveSaysSoInWordsAndIsAnIntegrityFault() throws IOException {
        Path root = ImageFolderFixture.write(tmp.resolve("tiny"), 2, 1, 3, 16, 2);
        Path archive = TarXz.pack(root, tmp.resolve("tiny.tar.xz"), "tiny/");
        byte[] bytes = Files.readAllBytes(archive);
        Files.write(archive, Arrays.copyOf(bytes, bytes.length / 2));
        IntegrityException e = assertThrows(IntegrityException.class, () -> ImageFolderSource.decode(archive));
        assertTrue(e.getMessage().contains(archive + " is truncated or corrupt"), e.getMessage());
        assertTrue(!e.getMessage().contains("null"), e.getMessage());
        Files.writeString(archive, "not xz at all");
        InvalidInputException notXz = assertThrows(InvalidInputException.class, () -> ImageFolderSource.decode(archive));
        assertTrue(notXz.getMessage().contains("is not a .tar.xz archive"), notXz.getMessage());
    }

    private static boolean isEmpty(Path dir) throws IOException {
        try (Stream<Path> s = Files.walk(dir)) {
            return s.noneMatch(Files::isRegularFile);
        }
    }
}
