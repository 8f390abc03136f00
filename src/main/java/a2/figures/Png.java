package a2.figures;

import a2.io.AtomicFiles;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Iterator;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriter;
import javax.imageio.stream.MemoryCacheImageOutputStream;

/**
 * PNG encoding that depends on the pixels only: the JDK's PNG writer with no metadata object, so no {@code tIME},
 * {@code tEXt} or other chunk that could vary between runs, and deflate (deterministic for equal input). Rendering
 * the same figure twice therefore gives byte-identical files, and a regenerated figure shows up in {@code git diff}
 * only when its content changed.
 */
public final class Png {
    private Png() {}

    public static byte[] encode(BufferedImage image) {
        Iterator<ImageWriter> writers = ImageIO.getImageWritersByFormatName("png");
        if (!writers.hasNext()) {
            throw new IllegalStateException("this JDK has no PNG writer");
        }
        ImageWriter writer = writers.next();
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (MemoryCacheImageOutputStream out = new MemoryCacheImageOutputStream(bytes)) {
            writer.setOutput(out);
            writer.write(null, new IIOImage(image, null, null), writer.getDefaultWriteParam());
        } catch (IOException e) {
            throw new UncheckedIOException("PNG encoding failed: " + e.getMessage(), e);
        } finally {
            writer.dispose();
        }
        return bytes.toByteArray();
    }

    /** Encodes and writes atomically (temp file, then rename). */
    public static void write(Path target, BufferedImage image) {
        AtomicFiles.writeBytes(target, encode(image));
    }
}
