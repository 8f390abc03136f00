package a2.fetch;

import a2.io.Progress;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import a2.fetch.LoopbackServer.Mode;
import a2.io.Hashes;
import a2.io.IntegrityException;
import a2.io.InvalidInputException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DownloaderTest {
    private static final String HINT = "pass --url file:///path/to/file.bin";
    /** Larger than the client's buffers, so a cut lands mid-file. */
    private static final byte[] CONTENT = randomBytes(3 << 20, 42);

    @TempDir
    Path dir;

    private final Downloader downloader = new Downloader();

    private static byte[] randomBytes(int n, long seed) {
        byte[] b = new byte[n];
        new Random(seed).nextBytes(b);
        return b;
    }

    private static Expected pin(byte[] content) {
        return Expected.sha256(Hashes.sha256(content)).withSize(content.length);
    }

    private static Source source(URI url, byte[] content) {
        return new Source(url, pin(content), HINT);
    }

    @Test
    void downloadsWholeFileAndLeavesNoPart() throws IOException {
        ByteArrayOutputStream log = new ByteArrayOutputStream();
        try (LoopbackServer server = new LoopbackServer(CONTENT, Mode.NORMAL)) {
            Path target = dir.resolve("sub/file.bin");
            Path got = downloader.fetch(source(server.url("file.bin"), CONTENT), target,
                    Progress.lines(new PrintStream(log, true, StandardCharsets.UTF_8), Progress.Unit.BYTES));
            assertEquals(target, got);
            assertArrayEquals(CONTENT, Files.readAllBytes(target));
            assertFalse(Files.exists(Downloader.partFile(target)));
            assertEquals(List.of(), server.ranges);
            String lines = log.toString(StandardCharsets.UTF_8);
            assertTrue(lines.contains("downloading file.bin: started"), lines);
            assertTrue(lines.contains("100%"), lines);
            assertTrue(lines.contains("finished"), lines);
        }
    }

    @Test
    void resumesWithRangeAfterConnectionCut() throws IOException {
        try (LoopbackServer server = new LoopbackServer(CONTENT, Mode.CUT_FIRST)) {
            Path target = dir.resolve("file.bin");
            Source src = source(server.url("file.bin"), CONTENT);
            IntegrityException cut = assertThrows(IntegrityException.class, () -> downloader.fetch(src, target, Progress.none()));
            assertTrue(cut.getMessage().contains("run the same command again to resume"), cut.getMessage());
            assertFalse(Files.exists(target));
            Path part = Downloader.partFile(target);
            long kept = Files.size(part);
            assertTrue(kept > 0 && kept <= server.cutAfter, "part holds " + kept + " bytes");
            assertArrayEquals(Arrays.copyOf(CONTENT, (int) kept), Files.readAllBytes(part));

            downloader.fetch(src, target, Progress.none());

            assertArrayEquals(CONTENT, Files.readAllBytes(target));
            assertFalse(Files.exists(part));
            assertEquals(List.of("bytes=" + kept + "-"), server.ranges);
            assertTrue(server.bytesServed.get() < 1.5 * CONTENT.length, "served " + server.bytesServed.get());
        }
    }

    @Test
    void stalledBodyCountsAsCutAndResumes() throws IOException {
        Downloader impatient = new Downloader(Downloader.defaultClient(), Duration.ofMillis(500));
        try (LoopbackServer server = new LoopbackServer(CONTENT, Mode.STALL_FIRST)) {
            Path target = dir.resolve("file.bin");
            Source src = source(server.url("file.bin"), CONTENT);
            long t0 = System.nanoTime();
            IntegrityException stall = assertThrows(IntegrityException.class, () -> impatient.fetch(src, target, Progress.none()));
            assertTrue((System.nanoTime() - t0) / 1e9 < 10, "the stall was not detected in time");
            assertTrue(stall.getMessage().contains("no data for"), stall.getMessage());
            long kept = Files.size(Downloader.partFile(target));
            assertTrue(kept > 0, "part kept");

            impatient.fetch(src, target, Progress.none());

            assertArrayEquals(CONTENT, Files.readAllBytes(target));
            assertEquals(List.of("bytes=" + kept + "-"), server.ranges);
        }
    }

    @Test
    void serverIgnoringRangeStillGivesTheRightFile() throws IOException {
        try (LoopbackServer server = new LoopbackServer(CONTENT, Mode.IGNORE_RANGE)) {
            Path target = dir.resolve("file.bin");
            // A part whose bytes are NOT a prefix of the file: resuming onto it would corrupt the result.
            Files.write(Downloader.partFile(target), randomBytes(1000, 7));
            downloader.fetch(source(server.url("file.bin"), CONTENT), target, Progress.none());
            assertArrayEquals(CONTENT, Files.readAllBytes(target));
            assertEquals(List.of("bytes=1000-"), server.ranges);
        }
    }

    @Test
    void rangeNotSatisfiableStartsOver() throws IOException {
        try (LoopbackServer server = new LoopbackServer(CONTENT, Mode.REJECT_RANGE)) {
            Path target = dir.resolve("file.bin");
            Files.write(Downloader.partFile(target), Arrays.copyOf(CONTENT, 5000));
            downloader.fetch(source(server.url("file.bin"), CONTENT), target, Progress.none());
            assertArrayEquals(CONTENT, Files.readAllBytes(target));
            assertEquals(2, server.requests.get());
        }
    }

    @Test
    void partLongerThanPinnedSizeStartsOverWithoutRange() throws IOException {
        try (LoopbackServer server = new LoopbackServer(CONTENT, Mode.NORMAL)) {
            Path target = dir.resolve("file.bin");
            Files.write(Downloader.partFile(target), randomBytes(CONTENT.length + 10, 3));
            downloader.fetch(source(server.url("file.bin"), CONTENT), target, Progress.none());
            assertArrayEquals(CONTENT, Files.readAllBytes(target));
            assertEquals(List.of(), server.ranges);
        }
    }

    @Test
    void corruptedBodyIsRefusedAndLeavesNothing() throws IOException {
        byte[] corrupted = CONTENT.clone();
        corrupted[12345] ^= 1;
        try (LoopbackServer server = new LoopbackServer(corrupted, Mode.NORMAL)) {
            Path target = dir.resolve("file.bin");
            URI url = server.url("file.bin");
            IntegrityException e = assertThrows(IntegrityException.class,
                    () -> downloader.fetch(source(url, CONTENT), target, Progress.none()));
            String expectedHex = Hashes.sha256(CONTENT);
            String actualHex = Hashes.sha256(corrupted);
            assertTrue(e.getMessage().contains("expected " + expectedHex + ", actual " + actualHex), e.getMessage());
            assertTrue(e.getMessage().contains(url.toString()), e.getMessage());
            assertFalse(Files.exists(target));
            assertFalse(Files.exists(Downloader.partFile(target)));
        }
    }

    @Test
    void bodyLongerThanPinnedSizeIsCutShortAndRefused() throws IOException {
        byte[] longer = Arrays.copyOf(CONTENT, CONTENT.length + 100_000);
        try (LoopbackServer server = new LoopbackServer(longer, Mode.NORMAL)) {
            Path target = dir.resolve("file.bin");
            IntegrityException e = assertThrows(IntegrityException.class,
                    () -> downloader.fetch(source(server.url("file.bin"), CONTENT), target, Progress.none()));
            assertTrue(e.getMessage().contains("more than the expected " + CONTENT.length + " bytes"), e.getMessage());
            assertFalse(Files.exists(target));
            assertFalse(Files.exists(Downloader.partFile(target)));
        }
    }

    @Test
    void md5PinWithoutSizeWorksToo() throws IOException {
        try (LoopbackServer server = new LoopbackServer(CONTENT, Mode.NORMAL)) {
            Path target = dir.resolve("file.bin");
            String md5 = HexFormat.of().formatHex(Hashes.digest("MD5").digest(CONTENT));
            downloader.fetch(new Source(server.url("file.bin"), Expected.md5(md5), HINT), target, Progress.none());
            assertArrayEquals(CONTENT, Files.readAllBytes(target));
        }
    }

    @Test
    void httpErrorNamesStatusAndUrl() throws IOException {
        try (LoopbackServer server = new LoopbackServer(CONTENT, Mode.NOT_FOUND)) {
            URI url = server.url("missing.bin");
            Path target = dir.resolve("file.bin");
            IntegrityException e = assertThrows(IntegrityException.class,
                    () -> downloader.fetch(source(url, CONTENT), target, Progress.none()));
            assertTrue(e.getMessage().contains("HTTP 404"), e.getMessage());
            assertTrue(e.getMessage().contains(url.toString()), e.getMessage());
            assertFalse(Files.exists(target));
            assertFalse(Files.exists(Downloader.partFile(target)), "no empty part is left behind");
        }
    }

    @Test
    void aFailedRequestKeepsAPartThatHoldsBytes() throws IOException {
        try (LoopbackServer server = new LoopbackServer(CONTENT, Mode.NOT_FOUND)) {
            Path target = dir.resolve("file.bin");
            Files.write(Downloader.partFile(target), Arrays.copyOf(CONTENT, 1000));
            assertThrows(IntegrityException.class,
                    () -> downloader.fetch(source(server.url("file.bin"), CONTENT), target, Progress.none()));
            assertEquals(1000, Files.size(Downloader.partFile(target)), "the bytes of an earlier run stay, to resume");
        }
    }

    @Test
    void unreachableHostFailsFastWithTheHint() throws IOException {
        int port;
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort(); // closed again below: nothing listens there
        }
        URI url = URI.create("http://127.0.0.1:" + port + "/file.bin");
        long t0 = System.nanoTime();
        IntegrityException e = assertThrows(IntegrityException.class,
                () -> downloader.fetch(source(url, CONTENT), dir.resolve("file.bin"), Progress.none()));
        assertFalse(Files.exists(Downloader.partFile(dir.resolve("file.bin"))), "no empty part is left behind");
        double seconds = (System.nanoTime() - t0) / 1e9;
        assertTrue(seconds < 5, "took " + seconds + " s");
        assertTrue(e.getMessage().contains("offline"), e.getMessage());
        assertTrue(e.getMessage().endsWith(HINT), e.getMessage());
    }

    @Test
    void existingVerifiedTargetIsNotDownloadedAgain() throws IOException {
        try (LoopbackServer server = new LoopbackServer(CONTENT, Mode.NORMAL)) {
            Path target = dir.resolve("file.bin");
            Files.write(target, CONTENT);
            assertTrue(downloader.fetchReporting(source(server.url("file.bin"), CONTENT), target, Progress.none())
                    .alreadyThere(), "says the source was not read");
            assertEquals(0, server.requests.get());
        }
    }

    @Test
    void wrongExistingTargetIsReplaced() throws IOException {
        try (LoopbackServer server = new LoopbackServer(CONTENT, Mode.NORMAL)) {
            Path target = dir.resolve("file.bin");
            Files.write(target, randomBytes(CONTENT.length, 9));
            downloader.fetch(source(server.url("file.bin"), CONTENT), target, Progress.none());
            assertArrayEquals(CONTENT, Files.readAllBytes(target));
            assertEquals(1, server.requests.get());
        }
    }

    @Test
    void completePartIsVerifiedAndMovedWithoutARequest() throws IOException {
        try (LoopbackServer server = new LoopbackServer(CONTENT, Mode.NORMAL)) {
            Path target = dir.resolve("file.bin");
            Files.write(Downloader.partFile(target), CONTENT);
            downloader.fetch(source(server.url("file.bin"), CONTENT), target, Progress.none());
            assertArrayEquals(CONTENT, Files.readAllBytes(target));
            assertEquals(0, server.requests.get());
        }
    }

    @Test
    void fileUrlIsCopiedAndVerified() throws IOException {
        Path local = dir.resolve("local copy.bin");
        Files.write(local, CONTENT);
        Path target = dir.resolve("cache/file.bin");
        downloader.fetch(source(local.toUri(), CONTENT), target, Progress.none());
        assertArrayEquals(CONTENT, Files.readAllBytes(target));
        assertTrue(Files.exists(local), "the source stays where it was");
    }

    @Test
    void fileUrlResumesFromAPart() throws IOException {
        Path local = dir.resolve("local.bin");
        Files.write(local, CONTENT);
        Path target = dir.resolve("cache/file.bin");
        Files.createDirectories(target.getParent());
        Files.write(Downloader.partFile(target), Arrays.copyOf(CONTENT, 100_000));
        downloader.fetch(source(local.toUri(), CONTENT), target, Progress.none());
        assertArrayEquals(CONTENT, Files.readAllBytes(target));
    }

    @Test
    void missingLocalFileIsInvalidInput() {
        URI url = dir.resolve("nope.bin").toUri();
        InvalidInputException e = assertThrows(InvalidInputException.class,
                () -> downloader.fetch(source(url, CONTENT), dir.resolve("file.bin"), Progress.none()));
        assertTrue(e.getMessage().contains("nope.bin"), e.getMessage());
        assertFalse(Files.exists(Downloader.partFile(dir.resolve("file.bin"))), "no empty part is left behind");
    }

    @Test
    void unsupportedSchemesAreRefusedByName() {
        Expected pin = pin(CONTENT);
        InvalidInputException ftp = assertThrows(InvalidInputException.class,
                () -> new Source(URI.create("ftp://example.org/file.bin"), pin, HINT));
        assertTrue(ftp.getMessage().contains("'ftp'"), ftp.getMessage());
        InvalidInputException none = assertThrows(InvalidInputException.class,
                () -> new Source(URI.create("/tmp/file.bin"), pin, HINT));
        assertTrue(none.getMessage().contains("no scheme"), none.getMessage());
        assertThrows(InvalidInputException.class, () -> Source.parseUrl("http://bad host/x"));
    }
}
