package a2.fetch;

import a2.io.Progress;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.mockito.ArgumentMatchers.anyLong;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.atLeastOnce;
import static org.mockito.Mockito.inOrder;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.verify;

import a2.io.Hashes;
import a2.io.IntegrityException;
import java.nio.file.Path;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mockito.ArgumentCaptor;

/**
 * What the downloader tells the user while it works. The progress display is a true boundary (a terminal bar or
 * log lines), so a Mockito mock stands in for it and the test checks the conversation: start with the total,
 * advances that add up to the file, and a finish even when the download is refused.
 */
class DownloaderProgressTest {
    @TempDir
    Path tmp;

    @Test
    void reportsTheTotalAndEveryByteThenFinishes() throws Exception {
        byte[] body = new byte[300_000];
        new Random(1).nextBytes(body);
        Progress progress = mock(Progress.class);
        try (LoopbackServer server = new LoopbackServer(body, LoopbackServer.Mode.NORMAL)) {
            new Downloader().fetch(new Source(server.url("f.bin"), Expected.sha256(Hashes.sha256(body)), "hint"),
                    tmp.resolve("f.bin"), progress);
        }
        var order = inOrder(progress);
        order.verify(progress).start(anyString(), eq((long) body.length));
        ArgumentCaptor<Long> advances = ArgumentCaptor.forClass(Long.class);
        order.verify(progress, atLeastOnce()).advance(advances.capture());
        order.verify(progress).finish();
        org.junit.jupiter.api.Assertions.assertEquals(body.length,
                advances.getAllValues().stream().mapToLong(Long::longValue).sum());
    }

    @Test
    void finishesTheDisplayWhenTheDownloadIsRefused() throws Exception {
        byte[] body = new byte[50_000];
        Progress progress = mock(Progress.class);
        try (LoopbackServer server = new LoopbackServer(body, LoopbackServer.Mode.NORMAL)) {
            assertThrows(IntegrityException.class, () -> new Downloader().fetch(new Source(server.url("f.bin"),
                    Expected.sha256("0".repeat(64)), "hint"), tmp.resolve("f.bin"), progress));
        }
        verify(progress).start(anyString(), anyLong());
        verify(progress).finish();
    }
}
