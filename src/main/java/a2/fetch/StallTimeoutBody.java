package a2.fetch;

import java.io.IOException;
import java.io.InputStream;
import java.net.http.HttpTimeoutException;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.Flow;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A response body as an InputStream whose {@code read} gives up when no byte arrives for a while.
 *
 * <p>Why not {@code BodyHandlers.ofInputStream()}: the JDK's HttpClient has no read timeout, and its stream
 * blocks forever (uninterruptibly by {@code close}) when a server stops sending without closing the
 * connection; a stalled 2.6 GB download would then hang instead of failing with a resumable part. This
 * subscriber asks for one chunk at a time (so memory stays bounded when the disk is slower than the network)
 * and polls for it with a deadline.
 */
final class StallTimeoutBody extends InputStream implements Flow.Subscriber<List<ByteBuffer>> {
    private static final Object END = new Object();

    private final long timeoutNanos;
    private final BlockingQueue<Object> arrivals = new LinkedBlockingQueue<>();
    private volatile Flow.Subscription subscription;
    private Iterator<ByteBuffer> pending = List.<ByteBuffer>of().iterator();
    private ByteBuffer current;
    private boolean ended;
    private boolean closed;

    StallTimeoutBody(Duration timeout) {
        this.timeoutNanos = timeout.toNanos();
    }

    @Override
    public void onSubscribe(Flow.Subscription s) {
        subscription = s;
        s.request(1);
    }

    @Override
    public void onNext(List<ByteBuffer> item) {
        arrivals.add(item);
    }

    @Override
    public void onError(Throwable t) {
        arrivals.add(t);
    }

    @Override
    public void onComplete() {
        arrivals.add(END);
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        int n = read(one, 0, 1);
        return n < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        if (len == 0) {
            return 0;
        }
        if (!nextBuffer()) {
            return -1;
        }
        int n = Math.min(len, current.remaining());
        current.get(b, off, n);
        return n;
    }

    /** Makes {@link #current} non-empty; false at the end of the body. */
    private boolean nextBuffer() throws IOException {
        while (current == null || !current.hasRemaining()) {
            if (closed) {
                throw new IOException("stream closed");
            }
            if (pending.hasNext()) {
                current = pending.next();
                continue;
            }
            if (ended) {
                return false;
            }
            Object item;
            try {
                item = arrivals.poll(timeoutNanos, TimeUnit.NANOSECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted while waiting for data", e);
            }
            if (item == null) {
                throw new HttpTimeoutException("no data for " + Duration.ofNanos(timeoutNanos).toSeconds() + " s");
            }
            if (item == END) {
                ended = true;
            } else if (item instanceof Throwable t) {
                ended = true;
                throw t instanceof IOException io ? io : new IOException(t.getMessage(), t);
            } else {
                @SuppressWarnings("unchecked")
                List<ByteBuffer> buffers = (List<ByteBuffer>) item;
                pending = buffers.iterator();
                subscription.request(1);
            }
        }
        return true;
    }

    @Override
    public void close() {
        if (!closed) {
            closed = true;
            Flow.Subscription s = subscription;
            if (s != null) {
                s.cancel(); // lets the client drop the connection instead of draining a body nobody reads
            }
        }
    }
}
