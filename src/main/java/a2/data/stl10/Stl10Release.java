package a2.data.stl10;

import a2.fetch.Downloader;
import a2.fetch.Expected;
import a2.fetch.Source;
import a2.io.AtomicFiles;
import a2.io.Hashes;
import a2.io.IntegrityException;
import a2.io.Progress;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.MessageDigest;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorInputStream;

/**
 * The official STL-10 binary release: downloads {@code stl10_binary.tar.gz} into a cache (resumable,
 * md5-verified), unpacks it into a temporary folder beside the destination while checking every pinned
 * {@code .bin} file's length and md5, and only then renames that folder to {@code <cache>/stl10_binary/}.
 * So {@code <cache>/stl10_binary/} either does not exist or holds the verified release.
 */
public final class Stl10Release {
    public static final URI OFFICIAL_URL = URI.create("http://ai.stanford.edu/~acoates/stl10/stl10_binary.tar.gz");
    public static final String ARCHIVE_NAME = "stl10_binary.tar.gz";
    /** The archive's single top folder, and the name of the prepared folder in the cache. */
    public static final String FOLDER_NAME = Stl10Layout.FOLDER;
    /** Unpinned files the reader ({@link Stl10Folder}) requires besides the pinned {@code .bin} files. */
    public static final List<String> REQUIRED_TEXT_FILES = List.of(Stl10Layout.CLASS_NAMES_FILE, Stl10Layout.FOLD_INDICES_FILE);
    public static final String OFFLINE_HINT = "pass --url file:///path/to/stl10_binary.tar.gz or --data DIR";
    private static final int BUFFER_BYTES = 1 << 16;

    private final Downloader downloader;

    public Stl10Release(Downloader downloader) {
        this.downloader = Objects.requireNonNull(downloader);
    }

    /**
     * Makes {@code <cacheDir>/stl10_binary/} hold the release {@code pins} describe and returns it. A complete
     * folder (every pinned file present with its pinned length, plus {@link #REQUIRED_TEXT_FILES}) is reused as
     * is; otherwise the archive is fetched into {@code <cacheDir>/stl10_binary.tar.gz} (kept, so a later unpack
     * needs no network) and unpacked.
     *
     * @param url an {@code http:}, {@code https:} or {@code file:} URL of {@code stl10_binary.tar.gz}
     * @throws a2.io.InvalidInputException a URL with an unsupported scheme, or a {@code file:} URL naming no file
     * @throws IntegrityException          any digest or size mismatch, an unsafe archive entry, a network or disk failure
     */
    public Path download(URI url, Path cacheDir, Stl10Pins pins, Progress progress) {
        Source source = new Source(url, pins.archive(), OFFLINE_HINT);
        Path dest = cacheDir.resolve(FOLDER_NAME);
        if (isComplete(dest, pins)) {
            return dest;
        }
        Path archive = downloader.fetch(source, cacheDir.resolve(ARCHIVE_NAME), progress);
        removeAbandoned(cacheDir, java.time.Instant.now());
        Path tmp = null;
        try {
            tmp = Files.createTempDirectory(cacheDir, "." + FOLDER_NAME + "-");
            try {
                unpack(archive, tmp, pins, progress);
            } finally {
                progress.finish();
            }
            replace(tmp, dest);
            tmp = null;
            return dest;
        } catch (IOException | UncheckedIOException e) {
            throw new IntegrityException("could not unpack " + archive + " into " + dest + ": " + e.getMessage(), e);
        } finally {
            if (tmp != null) {
                deleteTree(tmp);
            }
        }
    }

    /**
     * An unpack killed before its cleanup ran (kill -9, power loss) leaves its temporary folder behind, up to 3 GB.
     * One that nothing has written to for this long belongs to no running unpack (unpacking takes minutes).
     */
    static final java.time.Duration ABANDONED_AFTER = java.time.Duration.ofHours(24);

    /** Deletes temporary unpack folders in {@code cacheDir} that nothing has changed for {@link #ABANDONED_AFTER}. */
    static void removeAbandoned(Path cacheDir, java.time.Instant now) {
        try (var entries = Files.list(cacheDir)) {
            for (Path p : (Iterable<Path>) entries::iterator) {
                if (p.getFileName().toString().startsWith("." + FOLDER_NAME + "-") && Files.isDirectory(p)
                        && lastChange(p).plus(ABANDONED_AFTER).isBefore(now)) {
                    deleteTree(p);
                }
            }
        } catch (IOException | UncheckedIOException e) {
            // Only housekeeping: a folder that cannot be listed or deleted now is tried again next time.
        }
    }

    private static java.time.Instant lastChange(Path root) throws IOException {
        try (var files = Files.walk(root)) {
            return files.map(f -> {
                try {
                    return Files.getLastModifiedTime(f).toInstant();
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }).max(java.util.Comparator.naturalOrder()).orElse(java.time.Instant.EPOCH);
        }
    }

    /** Cheap check (no hashing): the folder holds every pinned file at its pinned length and the text files. */
    public static boolean isComplete(Path folder, Stl10Pins pins) {
        if (!Files.isDirectory(folder)) {
            return false;
        }
        try {
            for (Map.Entry<String, Expected> e : pins.files().entrySet()) {
                Path file = folder.resolve(e.getKey());
                if (!Files.isRegularFile(file) || !e.getValue().admitsSize(Files.size(file))) {
                    return false;
                }
            }
        } catch (IOException e) {
            return false;
        }
        return REQUIRED_TEXT_FILES.stream().allMatch(name -> Files.isRegularFile(folder.resolve(name)));
    }

    /** Full check: hashes every pinned file in {@code folder} (about 3 GB for the official release). */
    public static void verify(Path folder, Stl10Pins pins) {
        for (Map.Entry<String, Expected> e : pins.files().entrySet()) {
            Path file = folder.resolve(e.getKey());
            if (!Files.isRegularFile(file)) {
                throw new IntegrityException(file + " is missing");
            }
            try {
                Expected pin = e.getValue();
                pin.verify(file.toString(), Files.size(file), Hashes.hex(file, pin.algorithm()));
            } catch (IOException ex) {
                throw new UncheckedIOException(ex);
            }
        }
    }

    private static void unpack(Path archive, Path folder, Stl10Pins pins, Progress progress) throws IOException {
        Path tmp = folder.toAbsolutePath().normalize(); // the form destinationOf resolves against
        progress.start("unpacking " + ARCHIVE_NAME, pins.pinnedBytes());
        Set<String> written = new HashSet<>();
        try (InputStream file = Files.newInputStream(archive);
             TarArchiveInputStream tar = new TarArchiveInputStream(
                     new GzipCompressorInputStream(new BufferedInputStream(file, BUFFER_BYTES)))) {
            for (TarArchiveEntry entry; (entry = tar.getNextEntry()) != null; ) {
                Path out = destinationOf(entry, tmp, archive);
                if (entry.isDirectory()) {
                    Files.createDirectories(out);
                    continue;
                }
                Files.createDirectories(out.getParent());
                String name = tmp.relativize(out).toString();
                Expected pin = pins.files().get(name);
                String what = archive.getFileName() + "!" + FOLDER_NAME + "/" + name;
                try {
                    Extracted got = copy(tar, out, pin == null ? null : pin.algorithm(), progress);
                    if (pin != null) {
                        pin.verify(what, got.size(), got.hex());
                    }
                } catch (FileAlreadyExistsException e) {
                    throw new IntegrityException(what + " occurs twice in the archive", e);
                }
                written.add(name);
            }
        } catch (IOException e) {
            // The archive's digest matched, so a broken tar or gzip stream means a wrong pin; else the disk failed.
            throw new IntegrityException("could not unpack " + archive + ": " + e.getMessage(), e);
        }
        for (String name : pins.files().keySet()) {
            if (!written.contains(name)) {
                throw new IntegrityException(archive + " lacks " + FOLDER_NAME + "/" + name);
            }
        }
        for (String name : REQUIRED_TEXT_FILES) {
            if (!written.contains(name)) {
                throw new IntegrityException(archive + " lacks " + FOLDER_NAME + "/" + name);
            }
        }
    }

    /**
     * Where an entry goes inside {@code tmp}, refusing anything that could write elsewhere or that the release
     * never contains: names outside the top folder {@code stl10_binary/}, names that climb out with {@code ../}
     * or are absolute, and links or device entries (a link could redirect a later write outside the folder).
     */
    static Path destinationOf(TarArchiveEntry entry, Path tmp, Path archive) {
        String name = entry.getName();
        if (entry.isSymbolicLink() || entry.isLink() || entry.isCharacterDevice() || entry.isBlockDevice() || entry.isFIFO()) {
            throw new IntegrityException("refusing link or device entry '" + name + "' in " + archive);
        }
        String rel = name.startsWith("./") ? name.substring(2) : name;
        String prefix = FOLDER_NAME + "/";
        if (rel.equals(FOLDER_NAME)) {
            rel = prefix;
        }
        if (!rel.startsWith(prefix)) {
            throw new IntegrityException("refusing entry '" + name + "' in " + archive + ": outside the top folder " + prefix);
        }
        Path root = tmp.toAbsolutePath().normalize();
        Path out = root.resolve(rel.substring(prefix.length())).normalize();
        if (!out.startsWith(root)) {
            throw new IntegrityException("refusing entry '" + name + "' in " + archive + ": it escapes the folder it is unpacked into");
        }
        if (out.equals(root) && !entry.isDirectory()) {
            throw new IntegrityException("refusing entry '" + name + "' in " + archive + ": the top folder is not a folder");
        }
        return out;
    }

    private record Extracted(long size, String hex) {}

    /** Copies the current entry to a new file, hashing as it goes ({@code algorithm} null: no hash). */
    private static Extracted copy(InputStream in, Path out, String algorithm, Progress progress) throws IOException {
        MessageDigest md = algorithm == null ? null : Hashes.digest(algorithm);
        long size = 0;
        try (FileChannel ch = FileChannel.open(out, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
             OutputStream os = Channels.newOutputStream(ch)) {
            byte[] buf = new byte[BUFFER_BYTES];
            for (int n; (n = in.read(buf)) >= 0; ) {
                if (md != null) {
                    md.update(buf, 0, n);
                }
                os.write(buf, 0, n);
                size += n;
                progress.advance(n);
            }
            ch.force(true);
        }
        return new Extracted(size, md == null ? "" : HexFormat.of().formatHex(md.digest()));
    }

    /** Renames the verified folder onto {@code dest}; an incomplete {@code dest} is moved aside first, then deleted. */
    private static void replace(Path tmp, Path dest) throws IOException {
        Path stale = null;
        if (Files.exists(dest)) {
            stale = Files.createTempDirectory(dest.getParent(), "." + FOLDER_NAME + "-stale-");
            Files.move(dest, stale.resolve(FOLDER_NAME), StandardCopyOption.ATOMIC_MOVE);
        }
        AtomicFiles.moveIntoPlace(tmp, dest);
        if (stale != null) {
            deleteTree(stale);
        }
    }

    private static void deleteTree(Path root) {
        try {
            Files.walkFileTree(root, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                    Files.delete(file);
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult postVisitDirectory(Path dir, IOException e) throws IOException {
                    Files.delete(dir);
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (IOException e) {
            // Only reached while cleaning up after a failure (or a stale copy): report the original outcome,
            // and leave a dot-folder the next run ignores rather than mask it.
        }
    }
}
