package a2.data;

import a2.io.InvalidInputException;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;

/**
 * Decodes an image file and refuses one that decodes only in part. {@code ImageIO.read} returns a truncated JPEG
 * as a whole image, grey where the data stopped, and says so only to a reader's warning listeners ("Premature
 * end of JPEG file", "Missing EOI marker"); a PNG cut inside its last chunks decodes without a word. So every
 * reader warning is an error here, and a PNG must end with its IEND chunk (PNG 1.2, section 4.1.4: the last
 * chunk, 12 bytes that never vary).
 */
public final class WholeImages {
    private static final byte[] PNG_SIGNATURE = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};
    /** Length 0, type IEND, CRC-32 of "IEND". */
    private static final byte[] PNG_IEND = {0, 0, 0, 0, 'I', 'E', 'N', 'D', (byte) 0xAE, 0x42, 0x60, (byte) 0x82};

    private WholeImages() {}

    /**
     * @param name names the file in every message (e.g. {@code archive: train/cat/0001.jpg})
     * @throws InvalidInputException when the bytes are not an image, or not a whole one
     */
    public static BufferedImage decode(byte[] bytes, String name) {
        if (startsWith(bytes, PNG_SIGNATURE) && !endsWith(bytes, PNG_IEND)) {
            throw new InvalidInputException(name + " is not a whole image: the PNG does not end with its IEND chunk"
                    + " (the file is cut short)");
        }
        try (ImageInputStream in = ImageIO.createImageInputStream(new ByteArrayInputStream(bytes))) {
            Iterator<ImageReader> readers = in == null ? null : ImageIO.getImageReaders(in);
            if (readers == null || !readers.hasNext()) {
                throw new InvalidInputException(name + " is not an image javax.imageio can decode");
            }
            ImageReader reader = readers.next();
            List<String> warnings = new ArrayList<>();
            reader.addIIOReadWarningListener((source, warning) -> warnings.add(warning));
            try {
                reader.setInput(in, true, true);
                BufferedImage img = reader.read(0);
                if (!warnings.isEmpty()) {
                    throw new InvalidInputException(name + " is not a whole image: the decoder reported "
                            + String.join("; ", warnings) + " (the file is cut short or damaged)");
                }
                return img;
            } finally {
                reader.dispose();
            }
        } catch (IOException | RuntimeException e) {
            if (e instanceof InvalidInputException invalid) {
                throw invalid;
            }
            throw new InvalidInputException(name + " could not be decoded: " + (e.getMessage() != null
                    ? e.getMessage() : e.getClass().getSimpleName()), e);
        }
    }

    private static boolean startsWith(byte[] bytes, byte[] prefix) {
        return bytes.length >= prefix.length
                && java.util.Arrays.equals(bytes, 0, prefix.length, prefix, 0, prefix.length);
    }

    private static boolean endsWith(byte[] bytes, byte[] suffix) {
        if (bytes.length < suffix.length) {
            return false;
        }
        int off = bytes.length - suffix.length;
        for (int i = 0; i < suffix.length; i++) {
            if (bytes[off + i] != suffix[i]) {
                return false;
            }
        }
        return true;
    }
}
