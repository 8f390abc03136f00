package a2.figures;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PngTest {
    @TempDir
    Path tmp;

    static BufferedImage pattern() {
        BufferedImage img = new BufferedImage(37, 23, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < img.getHeight(); y++) {
            for (int x = 0; x < img.getWidth(); x++) {
                img.setRGB(x, y, (x * 7) << 16 | (y * 11) << 8 | ((x + y) * 3));
            }
        }
        return img;
    }

    @Test
    void encodingTwiceGivesIdenticalBytesAndTheSamePixels() throws IOException {
        byte[] a = Png.encode(pattern()), b = Png.encode(pattern());
        assertArrayEquals(a, b);
        BufferedImage back = ImageIO.read(new ByteArrayInputStream(a));
        assertEquals(37, back.getWidth());
        assertEquals(23, back.getHeight());
        assertEquals(pattern().getRGB(36, 22) & 0xffffff, back.getRGB(36, 22) & 0xffffff);
        assertEquals(pattern().getRGB(5, 9) & 0xffffff, back.getRGB(5, 9) & 0xffffff);
    }

    /** Only the chunks that describe pixels: no time stamp, text or physical-size chunk that could vary. */
    @Test
    void writesNoMetadataChunks() {
        List<String> chunks = chunkTypes(Png.encode(pattern()));
        assertEquals("IHDR", chunks.get(0));
        assertEquals("IEND", chunks.get(chunks.size() - 1));
        for (String c : chunks) {
            assertFalse(List.of("tIME", "tEXt", "iTXt", "zTXt", "pHYs").contains(c), "unexpected chunk " + c + " in " + chunks);
        }
    }

    @Test
    void writeLeavesTheEncodedBytesOnDisk() throws IOException {
        Path f = tmp.resolve("sub/figure.png");
        Png.write(f, pattern());
        assertArrayEquals(Png.encode(pattern()), Files.readAllBytes(f));
    }

    static List<String> chunkTypes(byte[] png) {
        ByteBuffer buf = ByteBuffer.wrap(png);
        buf.position(8); // signature
        List<String> types = new ArrayList<>();
        while (buf.remaining() >= 12) {
            int len = buf.getInt();
            byte[] type = new byte[4];
            buf.get(type);
            types.add(new String(type, StandardCharsets.US_ASCII));
            buf.position(buf.position() + len + 4); // data + CRC
        }
        return types;
    }
}
