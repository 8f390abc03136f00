package a2.data;

import static a2.data.ImageFolderSourceTest.assertSameData;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import a2.io.Hashes;
import a2.io.IntegrityException;
import a2.testing.ImageFolderFixture;
import a2.testing.TarXz;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The decode cache: reuse, invalidation by source fingerprint, and integrity of what it holds. */
class DecodedCacheTest {
    @TempDir
    Path tmp;

    Path archive(String folderName, long seed) throws Exception {
        Path folder = ImageFolderFixture.write(tmp.resolve("src-" + seed).resolve(folderName), 3, 4, 5, 8, seed);
        return TarXz.pack(folder, tmp.resolve(folderName + ".tar.xz"), folderName + "/");
    }

    static List<Path> entries(Path dir) throws Exception {
        try (Stream<Path> s = Files.list(dir)) {
            return s.sorted().toList();
        }
    }

    @Test
    void holdsExactlyWhatDecodingGivesAndRecordsTheArchiveHash() throws Exception {
        Path src = archive("tiny", 1);
        Dataset cached = DecodedCache.load(src, tmp.resolve("cache"));
        assertSameData(ImageFolderSource.decode(src), cached);
        assertEquals("tiny", cached.name());
        assertEquals(Hashes.sha256(src), cached.checksums().get("tiny.tar.xz"));
    }

    @Test
    void aSecondLoadReusesTheCacheWithoutRewritingIt() throws Exception {
        Path src = archive("tiny", 1);
        Path cache = tmp.resolve("cache");
        Dataset first = DecodedCache.load(src, cache);
        List<Path> dirs = entries(cache);
        assertEquals(1, dirs.size(), "one cache folder: " + dirs);
        Path dir = dirs.get(0);
        assertTrue(dir.getFileName().toString().startsWith("tiny-"), dir.toString());
        // Mark the cache: a rebuild would replace the folder (dropping the sentinel) and rewrite the manifest.
        FileTime old = FileTime.fromMillis(1_000_000_000_000L);
        Files.setLastModifiedTime(dir.resolve("manifest.json"), old);
        Files.writeString(dir.resolve("sentinel"), "still here");

        Dataset second = DecodedCache.load(src, cache);

        assertSameData(first, second);
        assertEquals(old, Files.getLastModifiedTime(dir.resolve("manifest.json")));
        assertTrue(Files.exists(dir.resolve("sentinel")));
        assertEquals(dirs, entries(cache));
    }

    @Test
    void aChangedArchiveGetsANewCacheFolder() throws Exception {
        Path cache = tmp.resolve("cache");
        Path src = archive("tiny", 1);
        Dataset before = DecodedCache.load(src, cache);
        // Same path, same layout, different bytes: one test image repainted.
        Path folder = tmp.resolve("src-1/tiny");
        BufferedImage white = ImageFolderSourceTest.solid(8, 8, 0xFFFFFF);
        ImageIO.write(white, "png", folder.resolve("test/00001.png").toFile());
        TarXz.pack(folder, src, "tiny/");

        List<Path> old = entries(cache);
        Dataset after = DecodedCache.load(src, cache);

        assertEquals(1, entries(cache).size(), "the superseded folder is removed: " + entries(cache));
        assertNotEquals(old, entries(cache));
        assertNotEquals(before.checksums().get("tiny.tar.xz"), after.checksums().get("tiny.tar.xz"));
        byte[] first = after.test().read(0);
        for (byte b : first) {
            assertEquals(255, b & 0xff, "the new archive's test image, not the cached old one");
        }
        assertSameData(ImageFolderSource.decode(src), after);
    }

    @Test
    void aChangedFolderGetsANewCacheFolder() throws Exception {
        Path cache = tmp.resolve("cache");
        Path folder = ImageFolderFixture.write(tmp.resolve("tiny"), 2, 2, 2, 8, 4);
        DecodedCache.load(folder, cache);
        DecodedCache.load(folder, cache);
        assertEquals(1, entries(cache).size());
        Files.copy(folder.resolve("test/00001.png"), folder.resolve("test/00003.png"));
        Dataset after = DecodedCache.load(folder, cache);
        assertEquals(1, entries(cache).size(), entries(cache).toString());
        assertEquals(3, after.test().count());
    }

    @Test
    void theCacheOfAnotherCopyWithTheSameNameIsKept() throws Exception {
        Path cache = tmp.resolve("cache");
        Path a = ImageFolderFixture.write(tmp.resolve("a/tiny"), 2, 2, 2, 8, 4);
        Path b = ImageFolderFixture.write(tmp.resolve("b/tiny"), 2, 2, 2, 8, 5);
        DecodedCache.load(a, cache);
        List<Path> onlyA = entries(cache);
        DecodedCache.load(b, cache);
        List<Path> both = entries(cache);
        assertEquals(2, both.size(), both.toString());
        Path ofB = both.stream().filter(d -> !onlyA.contains(d)).findFirst().orElseThrow();
        // An unfinished folder (a concurrent writer's, or a crashed one's) is not touched either.
        Path unfinished = Files.createDirectories(cache.resolve(".tiny-0123456789abcdef-1"));
        Files.copy(a.resolve("test/00001.png"), a.resolve("test/00003.png"));

        DecodedCache.load(a, cache);

        List<Path> after = entries(cache);
        assertEquals(3, after.size(), "b's folder, a's new one and the unfinished one: " + after);
        assertTrue(after.contains(ofB) && after.contains(unfinished), after.toString());
        assertFalse(after.containsAll(onlyA), "a's old folder is gone: " + after);
    }

    @Test
    void aCorruptedCacheFileIsReportedWithExpectedAndActualHashes() throws Exception {
        Path src = archive("tiny", 1);
        Path cache = tmp.resolve("cache");
        DecodedCache.load(src, cache);
        Path dir = entries(cache).get(0);
        Path train = dir.resolve("train.u8");
        String expected = Hashes.sha256(train);
        byte[] bytes = Files.readAllBytes(train);
        bytes[17] ^= 1;
        Files.write(train, bytes);
        String actual = Hashes.sha256(bytes);

        var e = assertThrows(IntegrityException.class, () -> DecodedCache.load(src, cache));

        ImageFolderSourceTest.assertMentions(e, train.toString(), "expected sha256 " + expected, "actual " + actual);
    }

    @Test
    void twoProcessesDecodingTheSameSourceAtOnceBothSucceed() throws Exception {
        // Two trainings started together on a fresh cache both find no manifest and both decode; the second to
        // finish must not fail because the first already moved its copy into place.
        Path src = archive("tiny", 2);
        Path cache = tmp.resolve("cache");
        CountDownLatch go = new CountDownLatch(1);
        Callable<Dataset> load = () -> {
            go.await();
            return DecodedCache.load(src, cache);
        };
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            Future<Dataset> a = pool.submit(load), b = pool.submit(load);
            go.countDown();
            assertSameData(a.get(), b.get());
        } finally {
            pool.shutdownNow();
        }
        List<Path> left = entries(cache);
        assertEquals(1, left.size(), "no temporary folder left behind: " + left);
    }
}
