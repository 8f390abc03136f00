package a2.fetch;

import a2.io.AtomicFiles;
import a2.io.Hashes;
import a2.io.IntegrityException;
import a2.io.InvalidInputException;
import a2.io.Progress;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.URI;
import java.net.UnknownHostException;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.channels.SeekableByteChannel;
import java.nio.channels.UnresolvedAddressException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.Flow;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Fetches a {@link Source} to a target path so that nothing half-downloaded or unverified is ever at the target.
 *
 * <p>Bytes stream into {@code <target>.part} in the same folder while the digest is computed. A {@code .part}
 * left by an interrupted run is resumed with an HTTP {@code Range: bytes=N-} request (its bytes are hashed
 * first); a server that answers 200 instead of 206 simply sends everything again, and a 416 or a part longer
 * than the pinned size starts over. Only after the last byte are size and digest compared with the pin: a
 * mismatch deletes the part and throws "expected ..., actual ..."; a match renames the part onto the target.
 * A target already holding the pinned bytes is not downloaded again ({@link #fetchReporting} says so). A request
 * that fails before a byte arrives (404, refused connection) leaves no empty part behind.
 */
public final class Downloader {
    /** Long enough for a slow DNS lookup and TCP handshake, short enough that an offline machine fails in seconds. */
    public static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(10);
    /** How long a connected server may take to send its response headers. */
    static final Duration RESPONSE_TIMEOUT = Duration.ofSeconds(60);
    /** A body that sends nothing for this long is treated as a cut connection (the part is kept for resuming). */
    public static final Duration STALL_TIMEOUT = Duration.ofSeconds(60);
    private static final int BUFFER_BYTES = 1 << 16;
    /** RFC 9110, section 14.4: {@code Content-Range: bytes first-last/complete}. */
    private static final Pattern CONTENT_RANGE = Pattern.compile("bytes\\s+(\\d+)-(\\d+)/(\\d+|\\*)");

    private final HttpClient http;
    private final Duration stallTimeout;

    public Downloader() {
        this(defaultClient(), STALL_TIMEOUT);
    }

    /**
     * @param http         the client (see {@link #defaultClient()})
     * @param stallTimeout how long a response body may send nothing before the transfer counts as cut
     */
    public Downloader(HttpClient http, Duration stallTimeout) {
        this.http = Objects.requireNonNull(http);
        if (stallTimeout.isNegative() || stallTimeout.isZero()) {
            throw new IllegalArgumentException("stall timeout must be positive, got " + stallTimeout);
        }
        this.stallTimeout = stallTimeout;
    }

    /** HTTP/1.1 (plain GET with ranges; no h2c upgrade dance), {@link #CONNECT_TIMEOUT}, redirects followed except https to http. */
    public static HttpClient defaultClient() {
        return HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(CONNECT_TIMEOUT)
                .followRedirects(HttpClient.Redirect.NORMAL)
                .build();
    }

    /** The file an unfinished download of {@code target} is kept in. */
    public static Path partFile(Path target) {
        return target.resolveSibling(target.getFileName() + ".part");
    }

    /**
     * Makes {@code target} hold the bytes {@code source} pins, downloading (or resuming) only when it does not yet.
     *
     * @return {@code target}, verified
     * @throws InvalidInputException a {@code file:} URL that names no file
     * @throws IntegrityException    digest or size mismatch, an HTTP error status, an unreachable host, a cut
     *                               connection (the part is kept: calling again resumes), or a disk error
     */
    public Path fetch(Source source, Path target, Progress progress) {
        return fetchReporting(source, target, progress).file();
    }

    /**
     * The result of a fetch.
     *
     * @param alreadyThere the target already held the pinned bytes, so the source was not read at all
     */
    public record Fetched(Path file, boolean alreadyThere) {}

    /** As {@link #fetch}, saying whether the source was read or the target already held its bytes. */
    public Fetched fetchReporting(Source source, Path target, Progress progress) {
        Objects.requireNonNull(progress, "progress");
        Expected expected = source.expected();
        try {
            if (Files.isRegularFile(target) && expected.admitsSize(Files.size(target))
                    && expected.hex().equals(Hashes.hex(target, expected.algorithm()))) {
                return new Fetched(target, true);
            }
            Path dir = target.toAbsolutePath().getParent();
            Files.createDirectories(dir);
            Path part = partFile(target);
            Transferred done;
            try {
                done = transfer(source, part, target.getFileName().toString(), progress);
            } finally {
                progress.finish();
            }
            try {
                expected.verify(source.url().toString(), done.size(), done.hex());
            } catch (IntegrityException e) {
                Files.deleteIfExists(part);
                throw e;
            }
            AtomicFiles.moveIntoPlace(part, target);
            return new Fetched(target, false);
        } catch (IOException | UncheckedIOException e) {
            throw new IntegrityException("could not download " + source.url() + " to " + target + ": " + e.getMessage(), e);
        }
    }

    private record Transferred(long size, String hex) {}

    /** Brings the part file to the end of the source; returns its length and digest (not yet compared with the pin). */
    private Transferred transfer(Source source, Path part, String name, Progress progress) throws IOException {
        Expected expected = source.expected();
        boolean tooLong = false;
        Transferred result;
        try (FileChannel ch = FileChannel.open(part, StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE);
             FileLock lock = lockOrFail(ch, part)) {
            MessageDigest md = Hashes.digest(expected.algorithm());
            long have = ch.size();
            if (expected.size().isPresent() && have > expected.size().getAsLong()) {
                have = restart(ch, md); // cannot be a prefix of the pinned file
            }
            if (have > 0) {
                hashPrefix(ch, have, md);
                if (expected.size().isPresent() && have == expected.size().getAsLong()) {
                    String hex = HexFormat.of().formatHex(md.digest());
                    if (hex.equals(expected.hex())) {
                        return new Transferred(have, hex); // the last run got every byte but did not rename
                    }
                    have = restart(ch, md);
                }
            }
            Body body;
            try {
                body = open(source, have);
            } catch (IOException | RuntimeException e) {
                if (ch.size() == 0) {
                    // Nothing arrived (404, refused connection, no such file): leave no empty part behind. The
                    // lock is ours, so no other download is writing it.
                    Files.deleteIfExists(part);
                }
                throw e;
            }
            try (InputStream in = body.in()) {
                if (body.start() != have) {
                    have = restart(ch, md); // the server ignored the range: it sends everything from byte 0
                }
                ch.position(have);
                long total = expected.size().isPresent() ? expected.size().getAsLong()
                        : body.length() >= 0 ? have + body.length() : -1;
                progress.start("downloading " + name + (have > 0 ? " (resuming at byte " + have + ")" : ""), total);
                progress.advance(have);
                long limit = expected.size().orElse(Long.MAX_VALUE);
                long received = copy(in, ch, md, new Resume(source, part, have, total, limit), progress);
                tooLong = have + received > limit;
                if (!tooLong && body.length() >= 0 && received < body.length()) {
                    ch.force(false);
                    throw interrupted(source, part, have + received, total, null);
                }
                ch.force(true);
                result = new Transferred(have + received, HexFormat.of().formatHex(md.digest()));
            }
        }
        if (tooLong) {
            Files.deleteIfExists(part);
            throw new IntegrityException(source.url() + " sent more than the expected "
                    + expected.size().getAsLong() + " bytes; the partial download was deleted");
        }
        return result;
    }

    /** Where a transfer resumes: {@code have} bytes on disk of {@code total} (-1: unknown), at most {@code limit}. */
    private record Resume(Source source, Path part, long have, long total, long limit) {}

    /**
     * Appends the body to the part file, hashing as it goes, until the body ends or the file passes {@code r.limit()};
     * returns the bytes received. A read that fails leaves what arrived on disk, for the next attempt to resume.
     */
    private static long copy(InputStream in, FileChannel ch, MessageDigest md, Resume r, Progress progress)
            throws IOException {
        long received = 0;
        byte[] buf = new byte[BUFFER_BYTES];
        ByteBuffer wrapped = ByteBuffer.wrap(buf);
        while (true) {
            int n;
            try {
                n = in.read(buf);
            } catch (IOException e) {
                ch.force(false);
                throw interrupted(r.source(), r.part(), r.have() + received, r.total(), e);
            }
            if (n < 0) {
                return received;
            }
            md.update(buf, 0, n);
            wrapped.clear().limit(n);
            while (wrapped.hasRemaining()) {
                ch.write(wrapped);
            }
            received += n;
            progress.advance(n);
            if (r.have() + received > r.limit()) {
                return received;
            }
        }
    }

    private static FileLock lockOrFail(FileChannel ch, Path part) throws IOException {
        FileLock lock;
        try {
            lock = ch.tryLock();
        } catch (OverlappingFileLockException e) {
            lock = null;
        }
        if (lock == null) {
            throw new IntegrityException("another download is writing " + part + "; wait for it to finish");
        }
        return lock;
    }

    private static long restart(FileChannel ch, MessageDigest md) throws IOException {
        ch.truncate(0);
        md.reset();
        return 0;
    }

    private static void hashPrefix(FileChannel ch, long length, MessageDigest md) throws IOException {
        ByteBuffer buf = ByteBuffer.allocate(BUFFER_BYTES);
        for (long pos = 0; pos < length; ) {
            buf.clear().limit((int) Math.min(buf.capacity(), length - pos));
            int n = ch.read(buf, pos);
            if (n < 0) {
                throw new IOException("the part file shrank while being read");
            }
            buf.flip();
            md.update(buf);
            pos += n;
        }
    }

    private static IntegrityException interrupted(Source source, Path part, long have, long total, IOException cause) {
        String of = total >= 0 ? " of " + total : "";
        return new IntegrityException("the download of " + source.url() + " was cut after " + have + of + " bytes"
                + (cause != null ? " (" + cause.getMessage() + ")" : "")
                + "; " + part.getFileName() + " is kept: run the same command again to resume", cause);
    }

    /**
     * An open response body.
     *
     * @param start  the byte of the source the body begins at ({@code offset} if the range was honoured, else 0)
     * @param length how many bytes the body announces, or -1
     */
    private record Body(InputStream in, long start, long length) {}

    private Body open(Source source, long offset) throws IOException {
        return source.isFile() ? openFile(source.url(), offset) : openHttp(source, offset);
    }

    private static Body openFile(URI url, long offset) throws IOException {
        Path path;
        try {
            path = Path.of(url);
        } catch (IllegalArgumentException | java.nio.file.FileSystemNotFoundException e) { // incl. InvalidPathException
            throw new InvalidInputException("cannot use file URL " + url + ": " + e.getMessage(), e);
        }
        if (!Files.exists(path)) {
            throw new InvalidInputException("no file at " + path + " (from --url " + url + ")");
        }
        a2.io.InputFiles.requireFile(path, "the file to download (" + url + ")");
        long size = Files.size(path);
        long start = offset <= size ? offset : 0;
        SeekableByteChannel ch = Files.newByteChannel(path);
        ch.position(start);
        return new Body(Channels.newInputStream(ch), start, size - start);
    }

    private Body openHttp(Source source, long offset) throws IOException {
        URI url = source.url();
        HttpRequest.Builder request = HttpRequest.newBuilder(url).timeout(RESPONSE_TIMEOUT).GET();
        if (offset > 0) {
            request.header("Range", "bytes=" + offset + "-");
        }
        HttpResponse<Flow.Publisher<List<ByteBuffer>>> response;
        try {
            response = http.send(request.build(), HttpResponse.BodyHandlers.ofPublisher());
        } catch (IOException e) {
            if (unreachable(e)) {
                throw new IntegrityException("cannot reach " + url.getHost() + " for " + url + " (" + describe(e)
                        + "): this machine seems to be offline or the host is unreachable; " + source.offlineHint(), e);
            }
            throw new IntegrityException("the request for " + url + " failed: " + describe(e), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IntegrityException("interrupted while requesting " + url, e);
        }
        StallTimeoutBody body = new StallTimeoutBody(stallTimeout);
        response.body().subscribe(body);
        int status = response.statusCode();
        long length = response.headers().firstValueAsLong("Content-Length").orElse(-1);
        if (status == 200) {
            return new Body(body, 0, length);
        }
        if (status == 206) {
            long start = response.headers().firstValue("Content-Range").map(Downloader::rangeStart).orElse(-1L);
            if (start == offset) {
                return new Body(body, offset, length);
            }
            body.close();
            if (offset > 0) {
                return openHttp(source, 0); // a range we did not ask for: take the whole file instead
            }
            throw new IntegrityException(url + " answered 206 with Content-Range "
                    + response.headers().firstValue("Content-Range").orElse("(none)") + " to a request for the whole file");
        }
        body.close();
        if (status == 416 && offset > 0) {
            return openHttp(source, 0); // the part is no prefix the server knows (file changed?): start over
        }
        throw new IntegrityException("HTTP " + status + " for " + url);
    }

    private static long rangeStart(String contentRange) {
        Matcher m = CONTENT_RANGE.matcher(contentRange.strip());
        return m.matches() ? Long.parseLong(m.group(1)) : -1;
    }

    private static boolean unreachable(IOException e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof ConnectException || t instanceof HttpConnectTimeoutException || t instanceof UnknownHostException
                    || t instanceof NoRouteToHostException || t instanceof UnresolvedAddressException) {
                return true;
            }
        }
        return false;
    }

    /** The JDK's HttpClient often throws with a null message; name the exception type then. */
    private static String describe(Throwable e) {
        String msg = e.getMessage();
        return msg == null || msg.isBlank() ? e.getClass().getSimpleName() : msg;
    }
}
