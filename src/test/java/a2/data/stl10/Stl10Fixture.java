package a2.data.stl10;

import a2.fetch.Expected;
import a2.io.Hashes;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.archivers.tar.TarConstants;
import org.apache.commons.compress.compressors.gzip.GzipCompressorOutputStream;

/** A tiny {@code stl10_binary.tar.gz} in the release's layout (a few images per split) and pins computed for it. */
public final class Stl10Fixture {
    private Stl10Fixture() {}

    /** File name inside {@code stl10_binary/} to content: 2 train, 3 test, 4 unlabeled images, plus the text files. */
    public static Map<String, byte[]> files() {
        Random random = new Random(1008);
        Map<String, byte[]> files = new LinkedHashMap<>();
        files.put("train_X.bin", bytes(random, 2 * Stl10Layout.BYTES_PER_IMAGE));
        files.put("train_y.bin", new byte[] {3, 10});
        files.put("test_X.bin", bytes(random, 3 * Stl10Layout.BYTES_PER_IMAGE));
        files.put("test_y.bin", new byte[] {1, 2, 7});
        files.put("unlabeled_X.bin", bytes(random, 4 * Stl10Layout.BYTES_PER_IMAGE));
        files.put("class_names.txt", "airplane\nbird\ncar\ncat\ndeer\ndog\nhorse\nmonkey\nship\ntruck\n".getBytes(StandardCharsets.UTF_8));
        // Ten folds as in the release (each a list of zero-based training indices), here over 2 training images.
        files.put("fold_indices.txt", "0 1\n1 0\n".repeat(5).getBytes(StandardCharsets.UTF_8));
        return files;
    }

    private static byte[] bytes(Random random, int n) {
        byte[] b = new byte[n];
        random.nextBytes(b);
        return b;
    }

    /** Writes {@code stl10_binary/} with {@code files} (names relative to it) as a tar.gz. */
    public static void writeArchive(Path archive, Map<String, byte[]> files) throws IOException {
        Map<String, byte[]> entries = new LinkedHashMap<>();
        files.forEach((name, content) -> entries.put("stl10_binary/" + name, content));
        writeRawArchive(archive, entries);
    }

    /** Writes the entries under exactly the given tar names, after a {@code stl10_binary/} folder entry. */
    public static void writeRawArchive(Path archive, Map<String, byte[]> entries) throws IOException {
        try (OutputStream file = Files.newOutputStream(archive);
             TarArchiveOutputStream tar = new TarArchiveOutputStream(new GzipCompressorOutputStream(file))) {
            tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
            tar.putArchiveEntry(new TarArchiveEntry("stl10_binary/"));
            tar.closeArchiveEntry();
            for (Map.Entry<String, byte[]> e : entries.entrySet()) {
                TarArchiveEntry entry = new TarArchiveEntry(e.getKey());
                entry.setSize(e.getValue().length);
                tar.putArchiveEntry(entry);
                tar.write(e.getValue());
                tar.closeArchiveEntry();
            }
        }
    }

    /** Adds a symbolic link entry to a fresh archive holding {@code files}. */
    public static void writeArchiveWithSymlink(Path archive, Map<String, byte[]> files, String linkName, String linkTarget) throws IOException {
        try (OutputStream file = Files.newOutputStream(archive);
             TarArchiveOutputStream tar = new TarArchiveOutputStream(new GzipCompressorOutputStream(file))) {
            TarArchiveEntry link = new TarArchiveEntry(linkName, TarConstants.LF_SYMLINK);
            link.setLinkName(linkTarget);
            tar.putArchiveEntry(link);
            tar.closeArchiveEntry();
            for (Map.Entry<String, byte[]> e : files.entrySet()) {
                TarArchiveEntry entry = new TarArchiveEntry("stl10_binary/" + e.getKey());
                entry.setSize(e.getValue().length);
                tar.putArchiveEntry(entry);
                tar.write(e.getValue());
                tar.closeArchiveEntry();
            }
        }
    }

    /** Pins of {@code archive} and of the {@code .bin} files among {@code files}, as the official pins are made. */
    public static Stl10Pins pins(Path archive, Map<String, byte[]> files) {
        Map<String, Expected> pinned = new LinkedHashMap<>();
        files.forEach((name, content) -> {
            if (name.endsWith(".bin")) {
                pinned.put(name, Expected.md5(md5(content)).withSize(content.length));
            }
        });
        return new Stl10Pins(Expected.md5(Hashes.hex(archive, "MD5")), pinned);
    }

    public static String md5(byte[] content) {
        return HexFormat.of().formatHex(Hashes.digest("MD5").digest(content));
    }
}
