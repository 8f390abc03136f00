package a2.data;

import a2.io.AtomicFiles;
import a2.io.Hashes;
import a2.io.IntegrityException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A compact cache of a decoded image-folder dataset: raw CHW uint8 planes plus a manifest, so later runs start
 * in a second instead of decoding 60,000 JPEGs. The cache folder is keyed by a fingerprint of the source (the
 * SHA-256 of an archive, or of the file list with sizes and modification times of a folder): a changed source
 * gets a new folder and is decoded again, and the folders it supersedes (earlier fingerprints of the same source
 * path) are removed, so re-packing a dataset does not leave a stale copy of it behind each time. The manifest pins
 * the SHA-256 of every cache file, checked on load.
 */
public final class DecodedCache {
    private static final Logger log = LoggerFactory.getLogger(DecodedCache.class);
    static final int FORMAT = 1;
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT)
            .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS);

    private DecodedCache() {}

    /** What the manifest records. {@code files} maps cache file name to SHA-256. */
    public record Manifest(int format, String name, String source, String sourceFingerprint, List<String> classNames,
                           int height, int width, int train, int unlabeled, int test, Map<String, String> files) {}

    /** Loads {@code source} through the cache under {@code cacheRoot}, decoding it first if needed. */
    public static Dataset load(Path source, Path cacheRoot) {
        String fingerprint = fingerprint(source);
        String name = ImageFolderSource.nameOf(source);
        Path dir = cacheRoot.resolve(name + "-" + fingerprint.substring(0, 16));
        if (Files.isRegularFile(dir.resolve("manifest.json"))) {
            return read(dir, source);
        }
        log.info("decoding {} into the cache {} (once)", source, dir);
        long t0 = System.nanoTime();
        Dataset ds = ImageFolderSource.decode(source);
        write(ds, source, fingerprint, dir);
        log.info("decoded {} images in {} s", ds.train().count() + ds.unlabeled().count() + ds.test().count(),
                (System.nanoTime() - t0) / 1_000_000_000L);
        pruneSuperseded(dir, source);
        return read(dir, source);
    }

    /**
     * Removes the complete cache folders of earlier versions of {@code source}: same name prefix, a manifest naming
     * the same source path, another fingerprint. Folders of other sources (another copy of the archive elsewhere,
     * with the same name) and unfinished temporary folders (a concurrent writer's) are left alone. A folder that
     * cannot be removed is only logged: the new cache is complete and correct without its removal.
     */
    static void pruneSuperseded(Path current, Path source) {
        String self = absolute(source), prefix = current.getFileName().toString();
        prefix = prefix.substring(0, prefix.lastIndexOf('-') + 1);
        try (Stream<Path> siblings = Files.list(current.getParent())) {
            for (Path dir : (Iterable<Path>) siblings::iterator) {
                String n = dir.getFileName().toString();
                if (dir.equals(current) || !n.startsWith(prefix) || !Files.isRegularFile(dir.resolve("manifest.json"))) {
                    continue;
                }
                try {
                    Manifest m = JSON.readValue(dir.resolve("manifest.json").toFile(), Manifest.class);
                    if (self.equals(m.source())) {
                        deleteFlatFolder(dir);
                        log.info("removed {}, the cache of an earlier version of {}", dir, source);
                    }
                } catch (IOException e) {
                    log.warn("could not check or remove the old cache folder {}: {}", dir, e.getMessage());
                }
            }
        } catch (IOException e) {
            log.warn("could not list {} to remove superseded caches: {}", current.getParent(), e.getMessage());
        }
    }

    private static String absolute(Path source) {
        return source.toAbsolutePath().normalize().toString();
    }

    static String fingerprint(Path source) {
        if (Files.isRegularFile(source)) {
            return Hashes.sha256(source);
        }
        try (Stream<Path> files = Files.walk(source)) {
            StringBuilder sb = new StringBuilder();
            for (Path f : (Iterable<Path>) files.filter(Files::isRegularFile).sorted()::iterator) {
                sb.append(source.relativize(f)).append('\t').append(Files.size(f)).append('\t')
                        .append(Files.getLastModifiedTime(f).toMillis()).append('\n');
            }
            return Hashes.sha256(sb.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException("could not list " + source + ": " + e.getMessage(), e);
        }
    }

    private static void write(Dataset ds, Path source, String fingerprint, Path dir) {
        try {
            Files.createDirectories(dir.getParent());
            Path tmp = Files.createTempDirectory(dir.getParent(), "." + dir.getFileName() + "-");
            Map<String, String> files = new TreeMap<>();
            files.put("train.u8", writeImages(tmp.resolve("train.u8"), ds.train()));
            files.put("unlabeled.u8", writeImages(tmp.resolve("unlabeled.u8"), ds.unlabeled()));
            files.put("test.u8", writeImages(tmp.resolve("test.u8"), ds.test()));
            byte[] labels = new byte[ds.trainLabels().length];
            for (int i = 0; i < labels.length; i++) {
                labels[i] = (byte) ds.trainLabels()[i];
            }
            Files.write(tmp.resolve("train-labels.u8"), labels);
            files.put("train-labels.u8", Hashes.sha256(labels));
            ByteBuffer ids = ByteBuffer.allocate(4 * ds.testIds().length);
            for (int id : ds.testIds()) {
                ids.putInt(id);
            }
            Files.write(tmp.resolve("test-ids.i32"), ids.array());
            files.put("test-ids.i32", Hashes.sha256(ids.array()));
            var m = new Manifest(FORMAT, ds.name(), absolute(source), fingerprint,
                    ds.classNames(), ds.height(), ds.width(), ds.train().count(), ds.unlabeled().count(),
                    ds.test().count(), files);
            Files.write(tmp.resolve("manifest.json"), JSON.writeValueAsBytes(m));
            try {
                AtomicFiles.moveIntoPlace(tmp, dir);
            } catch (IOException e) {
                if (!Files.isRegularFile(dir.resolve("manifest.json"))) {
                    throw e;
                }
                // Another process decoded the same source at the same time and moved its folder in first (a
                // non-empty folder cannot be renamed over); its copy is as good as ours, which is dropped.
                deleteFlatFolder(tmp);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("could not write the data cache " + dir + ": " + e.getMessage(), e);
        }
    }

    private static void deleteFlatFolder(Path dir) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            for (Path f : (Iterable<Path>) files::iterator) {
                Files.delete(f);
            }
        }
        Files.delete(dir);
    }

    private static String writeImages(Path file, Images images) throws IOException {
        byte[] all = new byte[Math.multiplyExact(images.count(), images.bytesPerImage())];
        for (int i = 0; i < images.count(); i++) {
            images.read(i, all, i * images.bytesPerImage());
        }
        Files.write(file, all);
        return Hashes.sha256(all);
    }

    private static Dataset read(Path dir, Path source) {
        try {
            Manifest m = JSON.readValue(dir.resolve("manifest.json").toFile(), Manifest.class);
            if (m.format() != FORMAT) {
                throw new IntegrityException(dir + ": cache format " + m.format() + ", this version reads " + FORMAT
                        + "; delete the folder to rebuild it");
            }
            byte[] train = checked(dir, "train.u8", m), unl = checked(dir, "unlabeled.u8", m),
                    test = checked(dir, "test.u8", m), labelBytes = checked(dir, "train-labels.u8", m),
                    idBytes = checked(dir, "test-ids.i32", m);
            int[] labels = new int[labelBytes.length];
            for (int i = 0; i < labels.length; i++) {
                labels[i] = labelBytes[i] & 0xff; // unsigned: up to 256 classes
            }
            int[] ids = new int[idBytes.length / 4];
            ByteBuffer.wrap(idBytes).asIntBuffer().get(ids);
            var checksums = new TreeMap<String, String>();
            checksums.put(source.getFileName().toString(), m.sourceFingerprint());
            return new Dataset(m.name(), m.classNames(), new ArrayImages(train, m.train(), m.height(), m.width()), labels,
                    new ArrayImages(unl, m.unlabeled(), m.height(), m.width()),
                    new ArrayImages(test, m.test(), m.height(), m.width()), ids, Optional.empty(), checksums);
        } catch (IOException e) {
            throw new UncheckedIOException("could not read the data cache " + dir + ": " + e.getMessage()
                    + " (delete the folder to rebuild it)", e);
        }
    }

    private static byte[] checked(Path dir, String file, Manifest m) throws IOException {
        byte[] bytes = Files.readAllBytes(dir.resolve(file));
        String actual = Hashes.sha256(bytes), expected = m.files().get(file);
        if (!actual.equals(expected)) {
            throw new IntegrityException(dir.resolve(file) + " is corrupt: expected sha256 " + expected + ", actual "
                    + actual + " (delete " + dir + " to rebuild the cache)");
        }
        return bytes;
    }
}
