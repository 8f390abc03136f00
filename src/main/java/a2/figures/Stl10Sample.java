package a2.figures;

import a2.data.stl10.Stl10Folder;
import a2.io.AtomicFiles;
import a2.io.Hashes;
import a2.io.InvalidInputException;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.compressors.xz.XZCompressorInputStream;

/**
 * Finds the real 256-image STL-10 sample ({@value #ARCHIVE}, or a folder already unpacked) and unpacks the archive
 * once into the cache, in a folder named by the archive's SHA-256, so a changed archive is unpacked anew. The shared
 * dataset folder is read-only: nothing is ever written beside the archive.
 */
public final class Stl10Sample {
    public static final String ARCHIVE = "stl10-sample.tar.xz";
    static final String FOLDER = "stl10-sample";

    private Stl10Sample() {}

    /** The sample's folder and, if it came from one, the archive (for provenance). */
    public record Located(Path folder, Optional<Path> archive) {
        public Stl10Folder.LabeledSample load() {
            return Stl10Folder.loadSample(folder);
        }
    }

    /**
     * @param explicit  {@code --stl10-sample}: the archive, the unpacked {@code stl10-sample/} folder, or a folder
     *                  holding the archive
     * @param roots     where to look otherwise, in order (e.g. {@code $A2_DATA}, {@code ../shared/datasets})
     * @param cacheRoot where archives are unpacked
     */
    public static Located locate(Optional<Path> explicit, List<Path> roots, Path cacheRoot) {
        List<Path> candidates = new ArrayList<>();
        explicit.ifPresent(p -> {
            if (!Files.exists(p)) {
                throw new InvalidInputException("--stl10-sample " + p + " does not exist");
            }
            candidates.add(p);
            candidates.add(p.resolve(ARCHIVE));
            candidates.add(p.resolve(FOLDER));
        });
        if (explicit.isEmpty()) {
            for (Path r : roots) {
                candidates.add(r.resolve(ARCHIVE));
                candidates.add(r.resolve(FOLDER));
            }
        }
        for (Path c : candidates) {
            if (Files.isRegularFile(c) && c.getFileName().toString().endsWith(".tar.xz")) {
                return new Located(unpack(c, cacheRoot), Optional.of(c));
            }
            if (Files.isRegularFile(c.resolve("unlabeled_examples_X.bin"))) {
                return new Located(c, Optional.empty());
            }
        }
        throw new InvalidInputException("the STL-10 sample (" + ARCHIVE + ") was not found; searched:\n  "
                + String.join("\n  ", candidates.stream().map(p -> p.toAbsolutePath().normalize().toString()).toList())
                + "\npass --stl10-sample PATH");
    }

    /** Unpacks into {@code <cacheRoot>/stl10-sample-<sha256 prefix>/} unless already there; returns the sample folder. */
    static Path unpack(Path archive, Path cacheRoot) {
        Path target = cacheRoot.resolve(FOLDER + "-" + Hashes.sha256(archive).substring(0, 16));
        Path folder = target.resolve(FOLDER);
        if (Files.isRegularFile(folder.resolve("unlabeled_examples_X.bin"))) {
            return folder;
        }
        Path tmp = null;
        try {
            Files.createDirectories(cacheRoot);
            tmp = Files.createTempDirectory(cacheRoot, "." + FOLDER);
            try (InputStream raw = new BufferedInputStream(Files.newInputStream(archive), 1 << 16);
                 TarArchiveInputStream tar = new TarArchiveInputStream(new XZCompressorInputStream(raw))) {
                for (TarArchiveEntry e; (e = tar.getNextEntry()) != null; ) {
                    Path out = tmp.resolve(e.getName()).normalize();
                    if (!out.startsWith(tmp)) {
                        throw new InvalidInputException(archive + ": entry " + e.getName() + " would land outside the cache");
                    }
                    if (e.isDirectory()) {
                        Files.createDirectories(out);
                    } else if (e.isFile()) {
                        Files.createDirectories(out.getParent());
                        Files.copy(tar, out);
                    }
                }
            }
            if (!Files.isRegularFile(tmp.resolve(FOLDER).resolve("unlabeled_examples_X.bin"))) {
                throw new InvalidInputException(archive + " does not hold " + FOLDER + "/unlabeled_examples_X.bin");
            }
            AtomicFiles.moveIntoPlace(tmp, target);
            tmp = null;
            return folder;
        } catch (IOException e) {
            if (Files.isRegularFile(folder.resolve("unlabeled_examples_X.bin"))) {
                return folder; // another process unpacked it first
            }
            throw new UncheckedIOException("could not unpack " + archive + " into " + target + ": " + e.getMessage(), e);
        } finally {
            if (tmp != null) {
                deleteTree(tmp);
            }
        }
    }

    private static void deleteTree(Path dir) {
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path p : (Iterable<Path>) files.sorted(Comparator.reverseOrder())::iterator) {
                Files.deleteIfExists(p);
            }
        } catch (IOException e) {
            // A leftover temp folder in the cache is harmless; the failure that got us here is what gets reported.
        }
    }
}
