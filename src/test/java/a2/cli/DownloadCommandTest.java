package a2.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import a2.data.stl10.Stl10Fixture;
import a2.data.stl10.Stl10Folder;
import a2.data.stl10.Stl10Pins;
import a2.data.stl10.Stl10Release;
import a2.fetch.Downloader;
import a2.fetch.Expected;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DownloadCommandTest {
    @TempDir
    Path dir;

    private final Map<String, byte[]> files = Stl10Fixture.files();

    private Path archive() throws IOException {
        Path archive = dir.resolve("stl10_binary.tar.gz");
        Stl10Fixture.writeArchive(archive, files);
        return archive;
    }

    private DownloadCommand command(Stl10Pins pins) {
        return new DownloadCommand(new Stl10Release(new Downloader()), pins);
    }

    @Test
    void printsWhereTheVerifiedFolderIs() throws IOException {
        Path archive = archive();
        Path cache = dir.resolve("cache");
        CommandRun run = CommandRun.of(command(Stl10Fixture.pins(archive, files)),
                "--url", archive.toUri().toString(), "--cache", cache.toString());
        assertEquals(ExitCode.OK, run.exitCode(), run.err());
        Path folder = cache.resolve("stl10_binary").toAbsolutePath();
        assertEquals(folder.toString(), run.out().strip());
        assertTrue(run.err().contains("unpacking stl10_binary.tar.gz"), run.err());
        assertEquals(2, Stl10Folder.load(folder).train().count(), "the reader accepts what was unpacked");
    }

    @Test
    void checksumMismatchExitsThree() throws IOException {
        Path archive = archive();
        Stl10Pins good = Stl10Fixture.pins(archive, files);
        Stl10Pins wrong = new Stl10Pins(Expected.md5("f".repeat(32)), good.files());
        CommandRun run = CommandRun.of(command(wrong), "--url", archive.toUri().toString(), "--cache", dir.resolve("c").toString());
        assertEquals(ExitCode.INTEGRITY_OR_IO, run.exitCode());
        assertTrue(run.err().contains("expected " + "f".repeat(32)), run.err());
        assertEquals("", run.out());
    }

    @Test
    void offlineExitsThreeWithTheHint() throws IOException {
        int port;
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort();
        }
        CommandRun run = CommandRun.of(command(Stl10Pins.official()),
                "--url", "http://127.0.0.1:" + port + "/stl10_binary.tar.gz", "--cache", dir.resolve("c").toString());
        assertEquals(ExitCode.INTEGRITY_OR_IO, run.exitCode());
        assertTrue(run.err().contains(Stl10Release.OFFLINE_HINT), run.err());
    }

    @Test
    void badUrlExitsTwo() {
        for (String url : new String[] {"ftp://mirror/stl10_binary.tar.gz", "not a url", "relative/stl10_binary.tar.gz"}) {
            CommandRun run = CommandRun.of(command(Stl10Pins.official()), "--url", url, "--cache", dir.resolve("c").toString());
            assertEquals(ExitCode.INVALID_INPUT, run.exitCode(), url + ": " + run.err());
        }
        assertFalse(Files.exists(dir.resolve("c/stl10_binary")));
    }

    @Test
    void missingLocalArchiveExitsTwo() {
        CommandRun run = CommandRun.of(command(Stl10Pins.official()),
                "--url", dir.resolve("absent.tar.gz").toUri().toString(), "--cache", dir.resolve("c").toString());
        assertEquals(ExitCode.INVALID_INPUT, run.exitCode(), run.err());
        assertTrue(run.err().contains("absent.tar.gz"), run.err());
    }
}
