package a2.data.stl10;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import a2.fetch.Downloader;
import a2.fetch.Expected;
import a2.fetch.LoopbackServer;
import a2.io.IntegrityException;
import a2.io.InvalidInputException;
import a2.io.Progress;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class Stl10ReleaseTest {
    @TempDir
    Path dir;

    private final Stl10Release release = new Stl10Release(new Downloader());

    private Path sourceArchive(Map<String, byte[]> files) throws IOException {
        Path archive = dir.resolve("mirror/stl10_binary.tar.gz");
        Files.createDirectories(archive.getParent());
        Stl10Fixture.writeArchive(archive, files);
        return archive;
    }

    private Set<String> cacheListing(Path cache) throws IOException {
        try (Stream<Path> s = Files.list(cache)) {
            return s.map(p -> p.getFileName().toString()).collect(Collectors.toSet());
        }
    }

    @Test
    void downloadsVerifiesAndUnpacksFromAFileUrl() throws IOException {
        Map<String, byte[]> files = Stl10Fixture.files();
        Path archive = sourceArchive(files);
        Path cache = dir.resolve("cache");
        ByteArrayOutputStream log = new ByteArrayOutputStream();

        Path got = release.download(archive.toUri(), cache, Stl10Fixture.pins(archive, files),
                Progress.lines(new PrintStream(log, true, StandardCharsets.UTF_8), Progress.Unit.BYTES));

        assertEquals(cache.resolve("stl10_binary"), got);
        for (Map.Entry<String, byte[]> e : files.entrySet()) {
            assertArrayEquals(e.getValue(), Files.readAllBytes(got.resolve(e.getKey())), e.getKey());
        }
        assertEquals(Set.of("stl10_binary", "stl10_binary.tar.gz"), cacheListing(cache), "no temp folder or part left");
        String lines = log.toString(StandardCharsets.UTF_8);
        assertTrue(lines.contains("downloading stl10_binary.tar.gz: started"), lines);
        assertTrue(lines.contains("unpacking stl10_binary.tar.gz: finished"), lines);
    }

    @Test
    void downloadsOverHttp() throws IOException {
        Map<String, byte[]> files = Stl10Fixture.files();
        Path archive = sourceArchive(files);
        try (LoopbackServer server = new LoopbackServer(Files.readAllBytes(archive), LoopbackServer.Mode.NORMAL)) {
            Path got = release.download(server.url("stl10_binary.tar.gz"), dir.resolve("cache"),
                    Stl10Fixture.pins(archive, files), Progress.none());
            assertArrayEquals(files.get("test_y.bin"), Files.readAllBytes(got.resolve("test_y.bin")));
        }
    }

    @Test
    void completeFolderIsReusedWithoutTouchingTheSource() throws IOException {
        Map<String, byte[]> files = Stl10Fixture.files();
        Path archive = sourceArchive(files);
        Stl10Pins pins = Stl10Fixture.pins(archive, files);
        Path cache = dir.resolve("cache");
        release.download(archive.toUri(), cache, pins, Progress.none());
        Files.delete(cache.resolve("stl10_binary.tar.gz"));
        Files.delete(archive);

        Path got = release.download(archive.toUri(), cache, pins, Progress.none()); // the source is gone: must not be needed

        assertTrue(Stl10Release.isComplete(got, pins));
        Stl10Release.verify(got, pins);
    }

    @Test
    void incompleteFolderIsReplacedFromTheCachedArchive() throws IOException {
        Map<String, byte[]> files = Stl10Fixture.files();
        Path archive = sourceArchive(files);
        Stl10Pins pins = Stl10Fixture.pins(archive, files);
        Path cache = dir.resolve("cache");
        Path folder = release.download(archive.toUri(), cache, pins, Progress.none());
        Files.write(folder.resolve("unlabeled_X.bin"), new byte[10]); // truncated by something else
        assertFalse(Stl10Release.isComplete(folder, pins));
        Files.delete(archive); // the cached archive must suffice

        release.download(archive.toUri(), cache, pins, Progress.none());

        assertArrayEquals(files.get("unlabeled_X.bin"), Files.readAllBytes(folder.resolve("unlabeled_X.bin")));
        assertEquals(Set.of("stl10_binary", "stl10_binary.tar.gz"), cacheListing(cache));
    }

    @Test
    void anUnpackKilledLongAgoLeavesNothingBehindButARunningOneIsLeftAlone() throws IOException {
        Map<String, byte[]> files = Stl10Fixture.files();
        Path archive = sourceArchive(files);
        Path cache = Files.createDirectories(dir.resolve("cache-abandoned"));
        // What kill -9 during an unpack leaves: a temporary folder with a partly written file, two days old.
        Path abandoned = Files.createDirectories(cache.resolve(".stl10_binary-123"));
        Path partial = Files.write(abandoned.resolve("unlabeled_X.bin"), new byte[100]);
        java.nio.file.attribute.FileTime old = java.nio.file.attribute.FileTime.from(
                java.time.Instant.now().minus(java.time.Duration.ofDays(2)));
        Files.setLastModifiedTime(partial, old);
        Files.setLastModifiedTime(abandoned, old);
        // Another process's unpack, still being written.
        Path running = Files.createDirectories(cache.resolve(".stl10_binary-456"));
        Files.write(running.resolve("train_X.bin"), new byte[100]);

        release.download(archive.toUri(), cache, Stl10Fixture.pins(archive, files), Progress.none());

        assertEquals(Set.of("stl10_binary", "stl10_binary.tar.gz", ".stl10_binary-456"), cacheListing(cache));
    }

    @Test
    void tamperedExtractedFileIsRefused() throws IOException {
        Map<String, byte[]> files = Stl10Fixture.files();
        Path archive = sourceArchive(files);
        Stl10Pins good = Stl10Fixture.pins(archive, files);
        // The archive is intact (its md5 matches) but holds a test_y.bin other than the pinned one.
        Map<String, Expected> pinned = new LinkedHashMap<>(good.files());
        String pinnedMd5 = Stl10Fixture.md5(new byte[] {1, 2, 8});
        pinned.put("test_y.bin", Expected.md5(pinnedMd5).withSize(3));
        Stl10Pins pins = new Stl10Pins(good.archive(), pinned);
        Path cache = dir.resolve("cache");

        IntegrityException e = assertThrows(IntegrityException.class,
                () -> release.download(archive.toUri(), cache, pins, Progress.none()));

        String actualMd5 = Stl10Fixture.md5(files.get("test_y.bin"));
        assertTrue(e.getMessage().contains("test_y.bin"), e.getMessage());
        assertTrue(e.getMessage().contains("expected " + pinnedMd5 + ", actual " + actualMd5), e.getMessage());
        assertFalse(Files.exists(cache.resolve("stl10_binary")));
        assertEquals(Set.of("stl10_binary.tar.gz"), cacheListing(cache), "the temp folder is removed");
    }

    @Test
    void wrongSizeOfExtractedFileIsRefused() throws IOException {
        Map<String, byte[]> files = Stl10Fixture.files();
        Path archive = sourceArchive(files);
        Stl10Pins good = Stl10Fixture.pins(archive, files);
        Map<String, Expected> pinned = new LinkedHashMap<>(good.files());
        pinned.put("train_y.bin", pinned.get("train_y.bin").withSize(5000));
        Path cache = dir.resolve("cache");

        IntegrityException e = assertThrows(IntegrityException.class,
                () -> release.download(archive.toUri(), cache, new Stl10Pins(good.archive(), pinned), Progress.none()));
        assertTrue(e.getMessage().contains("train_y.bin: expected 5000 bytes, actual 2 bytes"), e.getMessage());
    }

    @Test
    void archiveWithWrongMd5IsNotUnpackedNorKept() throws IOException {
        Map<String, byte[]> files = Stl10Fixture.files();
        Path archive = sourceArchive(files);
        Stl10Pins good = Stl10Fixture.pins(archive, files);
        String wrong = "0".repeat(32);
        Path cache = dir.resolve("cache");

        IntegrityException e = assertThrows(IntegrityException.class,
                () -> release.download(archive.toUri(), cache, new Stl10Pins(Expected.md5(wrong), good.files()), Progress.none()));

        assertTrue(e.getMessage().contains("expected " + wrong + ", actual " + good.archive().hex()), e.getMessage());
        assertEquals(Set.of(), cacheListing(cache));
    }

    @Test
    void pathTraversalEntryIsRefused() throws IOException {
        Map<String, byte[]> files = Stl10Fixture.files();
        Map<String, byte[]> entries = new LinkedHashMap<>();
        files.forEach((name, content) -> entries.put("stl10_binary/" + name, content));
        entries.put("stl10_binary/../../evil.txt", "owned".getBytes(StandardCharsets.UTF_8));
        Path archive = dir.resolve("mirror/stl10_binary.tar.gz");
        Files.createDirectories(archive.getParent());
        Stl10Fixture.writeRawArchive(archive, entries);
        Path cache = dir.resolve("deep/cache");

        IntegrityException e = assertThrows(IntegrityException.class,
                () -> release.download(archive.toUri(), cache, Stl10Fixture.pins(archive, files), Progress.none()));

        assertTrue(e.getMessage().contains("../../evil.txt") && e.getMessage().contains("escapes"), e.getMessage());
        try (Stream<Path> all = Files.walk(dir)) {
            List<Path> evil = all.filter(p -> p.getFileName().toString().equals("evil.txt")).toList();
            assertEquals(List.of(), evil);
        }
        assertEquals(Set.of("stl10_binary.tar.gz"), cacheListing(cache));
    }

    @Test
    void entriesOutsideTheTopFolderAndLinksAreRefused() throws IOException {
        Map<String, byte[]> files = Stl10Fixture.files();
        Map<String, byte[]> entries = new LinkedHashMap<>();
        files.forEach((name, content) -> entries.put("stl10_binary/" + name, content));
        entries.put("/etc/evil.txt", new byte[1]);
        Path archive = dir.resolve("outside.tar.gz");
        Stl10Fixture.writeRawArchive(archive, entries);
        IntegrityException outside = assertThrows(IntegrityException.class,
                () -> release.download(archive.toUri(), dir.resolve("cache1"), Stl10Fixture.pins(archive, files), Progress.none()));
        assertTrue(outside.getMessage().contains("outside the top folder"), outside.getMessage());

        Path linked = dir.resolve("linked.tar.gz");
        Stl10Fixture.writeArchiveWithSymlink(linked, files, "stl10_binary/train_X.bin", "/etc/passwd");
        IntegrityException link = assertThrows(IntegrityException.class,
                () -> release.download(linked.toUri(), dir.resolve("cache2"), Stl10Fixture.pins(linked, files), Progress.none()));
        assertTrue(link.getMessage().contains("link"), link.getMessage());
        assertFalse(Files.exists(dir.resolve("cache2/stl10_binary")));
    }

    @Test
    void missingTextFileIsRefused() throws IOException {
        Map<String, byte[]> files = Stl10Fixture.files();
        files.remove("fold_indices.txt");
        Path archive = sourceArchive(files);
        IntegrityException e = assertThrows(IntegrityException.class,
                () -> release.download(archive.toUri(), dir.resolve("cache"), Stl10Fixture.pins(archive, files), Progress.none()));
        assertTrue(e.getMessage().contains("lacks stl10_binary/fold_indices.txt"), e.getMessage());
    }

    @Test
    void verifyFindsAFlippedByte() throws IOException {
        Map<String, byte[]> files = Stl10Fixture.files();
        Path archive = sourceArchive(files);
        Stl10Pins pins = Stl10Fixture.pins(archive, files);
        Path folder = release.download(archive.toUri(), dir.resolve("cache"), pins, Progress.none());
        byte[] flipped = files.get("train_X.bin").clone();
        flipped[100] ^= 0x10;
        Files.write(folder.resolve("train_X.bin"), flipped);
        assertTrue(Stl10Release.isComplete(folder, pins), "same size: the cheap check cannot see it");
        IntegrityException e = assertThrows(IntegrityException.class, () -> Stl10Release.verify(folder, pins));
        assertTrue(e.getMessage().contains("train_X.bin"), e.getMessage());
    }

    @Test
    void unsupportedSchemeIsInvalidInput() {
        Stl10Pins pins = Stl10Pins.official();
        InvalidInputException e = assertThrows(InvalidInputException.class,
                () -> release.download(URI.create("ftp://mirror/stl10_binary.tar.gz"), dir, pins, Progress.none()));
        assertTrue(e.getMessage().contains("ftp"), e.getMessage());
    }
}
