package a2.fetch;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** An HTTP server on 127.0.0.1 (port chosen by the OS) that serves one file and misbehaves on request. */
public final class LoopbackServer implements AutoCloseable {
    /** How the server treats requests. */
    public enum Mode {
        /** Honours {@code Range: bytes=N-} with 206. */
        NORMAL,
        /** The first response announces the whole file, sends {@link #cutAfter} bytes and drops the connection; later ones are NORMAL. */
        CUT_FIRST,
        /** The first response sends {@link #cutAfter} bytes and then nothing, holding the connection open until {@link #close}. */
        STALL_FIRST,
        /** Always 200 with the whole file. */
        IGNORE_RANGE,
        /** 416 to any range request, 200 otherwise. */
        REJECT_RANGE,
        /** 404 for everything. */
        NOT_FOUND
    }

    private static final Pattern RANGE = Pattern.compile("bytes=(\\d+)-");

    private final HttpServer server;
    private final byte[] body;
    private final Mode mode;
    public volatile long cutAfter;
    public final List<String> ranges = new CopyOnWriteArrayList<>();
    public final AtomicInteger requests = new AtomicInteger();
    public final AtomicLong bytesServed = new AtomicLong();
    private final ExecutorService executor = Executors.newCachedThreadPool();
    private final CountDownLatch closing = new CountDownLatch(1);

    public LoopbackServer(byte[] body, Mode mode) throws IOException {
        this.body = body;
        this.mode = mode;
        this.cutAfter = body.length / 3;
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", this::handle);
        server.setExecutor(executor);
        server.start();
    }

    public URI url(String name) {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/" + name);
    }

    private void handle(HttpExchange exchange) throws IOException {
        int n = requests.incrementAndGet();
        String range = exchange.getRequestHeaders().getFirst("Range");
        if (range != null) {
            ranges.add(range);
        }
        boolean cut = false;
        try {
            if (mode == Mode.NOT_FOUND) {
                exchange.sendResponseHeaders(404, -1);
                return;
            }
            Matcher m = range == null ? null : RANGE.matcher(range);
            long start = m != null && m.matches() ? Long.parseLong(m.group(1)) : 0;
            if (range != null && mode == Mode.REJECT_RANGE) {
                exchange.getResponseHeaders().add("Content-Range", "bytes */" + body.length);
                exchange.sendResponseHeaders(416, -1);
                return;
            }
            boolean partial = range != null && mode != Mode.IGNORE_RANGE && start > 0;
            if (!partial) {
                start = 0;
            }
            if (start > body.length) {
                exchange.sendResponseHeaders(416, -1);
                return;
            }
            if (partial) {
                exchange.getResponseHeaders().add("Content-Range", "bytes " + start + "-" + (body.length - 1) + "/" + body.length);
            }
            exchange.sendResponseHeaders(partial ? 206 : 200, body.length - start);
            OutputStream out = exchange.getResponseBody();
            boolean shortFirst = (mode == Mode.CUT_FIRST || mode == Mode.STALL_FIRST) && n == 1;
            long end = shortFirst ? cutAfter : body.length;
            out.write(body, (int) start, (int) (end - start));
            bytesServed.addAndGet(end - start);
            out.flush();
            if (shortFirst && mode == Mode.STALL_FIRST) {
                awaitClose();
            }
            if (shortFirst) {
                cut = true;
                // A handler that throws makes the JDK server close the connection with the body unfinished:
                // to the client that is a connection cut mid-file.
                throw new IOException("cut after " + end + " bytes on purpose");
            }
        } finally {
            if (!cut) {
                exchange.close();
            }
        }
    }

    private void awaitClose() {
        try {
            closing.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        closing.countDown();
        server.stop(0);
        executor.shutdownNow();
    }
}
