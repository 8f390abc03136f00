package a2.data.stl10;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * Test images in both layouts, computed here from the format description (byte = c*9216 + col*96 + row on
 * disk, c*9216 + row*96 + col in memory) rather than through {@link Stl10Layout}, so a mistake there cannot
 * cancel itself out.
 */
final class Fixtures {
    private Fixtures() {}

    static final int SIDE = 96;
    static final int PLANE = 96 * 96;
    static final int RECORD = 3 * PLANE;
    /** The one bright red pixel: far from the diagonal, so a transposed reader puts it at (70, 5). */
    static final int BRIGHT_ROW = 5;
    static final int BRIGHT_COL = 70;

    /**
     * Image {@code i} in canonical CHW order. Red: black but for 255 at (5, 70) and a per-image marker
     * {@code 1 + i % 200} at (90, i mod 96); green: a vertical ramp {@code 2*row + i}; blue: a horizontal ramp
     * {@code 100 + col + 3*i}. Every channel differs from the others and from its own transpose.
     */
    static byte[] asymmetricChw(int i) {
        byte[] chw = new byte[RECORD];
        chw[BRIGHT_ROW * SIDE + BRIGHT_COL] = (byte) 255;
        chw[90 * SIDE + i % SIDE] = (byte) (1 + i % 200);
        for (int row = 0; row < SIDE; row++) {
            for (int col = 0; col < SIDE; col++) {
                chw[PLANE + row * SIDE + col] = (byte) (2 * row + i);
                chw[2 * PLANE + row * SIDE + col] = (byte) (100 + col + 3 * i);
            }
        }
        return chw;
    }

    /** The on-disk (column-major planes) record of a CHW image. */
    static byte[] toDisk(byte[] chw) {
        byte[] disk = new byte[RECORD];
        for (int c = 0; c < 3; c++) {
            for (int row = 0; row < SIDE; row++) {
                for (int col = 0; col < SIDE; col++) {
                    disk[c * PLANE + col * SIDE + row] = chw[c * PLANE + row * SIDE + col];
                }
            }
        }
        return disk;
    }

    /** Writes {@code count} asymmetric images, in disk order, as an {@code *_X.bin}. */
    static void writeAsymmetricX(Path file, int count) throws IOException {
        try (OutputStream out = Files.newOutputStream(file)) {
            for (int i = 0; i < count; i++) {
                out.write(toDisk(asymmetricChw(i)));
            }
        }
    }

    static int pixel(byte[] chw, int c, int row, int col) {
        return Byte.toUnsignedInt(chw[c * PLANE + row * SIDE + col]);
    }

    /** Skips (with the reason) where the temp file system would really allocate 2.7 GB for a sparse file. */
    static void assumeSparseFiles(Path dir) throws IOException {
        Path probe = dir.resolve("sparse-probe");
        try (RandomAccessFile raf = new RandomAccessFile(probe.toFile(), "rw")) {
            raf.setLength(256L << 20);
            raf.seek((256L << 20) - 1);
            raf.write(1);
        }
        long allocated = allocatedBytes(probe);
        Files.delete(probe);
        assumeTrue(allocated >= 0, "cannot measure allocated size (no working `du -k`), so cannot tell whether "
                + dir + " supports sparse files; skipping rather than risk writing 2.7 GB");
        assumeTrue(allocated < 16L << 20, "the file system of " + dir + " does not keep files sparse (a 256 MB"
                + " file with one written byte occupies " + allocated + " bytes); skipping the 2.7 GB sparse test");
    }

    /** Bytes the file occupies on disk per {@code du -k}, or -1 if that cannot be run. */
    static long allocatedBytes(Path file) {
        try {
            Process du = new ProcessBuilder("du", "-k", file.toString()).redirectErrorStream(true).start();
            String out = new String(du.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
            if (!du.waitFor(30, TimeUnit.SECONDS) || du.exitValue() != 0) {
                return -1;
            }
            return Long.parseLong(out.split("\\s+")[0]) * 1024;
        } catch (IOException | NumberFormatException e) {
            return -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }
}
