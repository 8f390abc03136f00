package a2.train;

import a2.io.InvalidInputException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * The OS file lock on a run folder, held by the process that trains for as long as it trains, so two runs never
 * write one folder (a forgotten run beside a {@code --resume} of it would interleave checkpoints). The OS releases
 * it when the holder dies, {@code kill -9} included, so a folder is never left locked and {@code --resume} after a
 * crash just works. The lock file holds the holder's pid, for the message a second run gets.
 *
 * <p>The file is never deleted (deleting it would let two processes lock two different files of the same name), and
 * a holder never opens it a second time: on POSIX, closing any descriptor of a file drops every lock the process has
 * on it.
 */
public final class RunLock implements AutoCloseable {
    /** In the run folder; empty when no run holds it. */
    public static final String FILE = "train.lock";

    private final FileChannel channel;
    private final FileLock lock;

    private RunLock(FileChannel channel, FileLock lock) {
        this.channel = channel;
        this.lock = lock;
    }

    /** Locks {@code runDir} (creating it) or refuses, naming the holder's pid; exit code 2. */
    public static RunLock acquire(Path runDir) {
        Path file = runDir.resolve(FILE);
        FileChannel channel = null;
        try {
            Files.createDirectories(runDir);
            channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE);
            FileLock lock;
            try {
                lock = channel.tryLock();
            } catch (OverlappingFileLockException sameJvm) {
                // This JVM holds it already. Closing this channel would drop that lock too (see above), so it stays
                // open: a second run of one folder in one JVM is a bug, and the small leak keeps the first run safe.
                FileChannel kept = channel;
                channel = null;
                throw refused(runDir, file, holder(kept));
            }
            if (lock == null) {
                throw refused(runDir, file, holder(channel));
            }
            channel.truncate(0);
            channel.write(ByteBuffer.wrap((ProcessHandle.current().pid() + "\n").getBytes(StandardCharsets.US_ASCII)), 0);
            channel.force(true);
            RunLock held = new RunLock(channel, lock);
            channel = null;
            return held;
        } catch (IOException e) {
            throw new UncheckedIOException("could not lock run folder " + runDir + " (" + file + "): " + e, e);
        } finally {
            closeQuietly(channel);
        }
    }

    /** Empties the lock file, then releases the lock (the file stays: see the class comment). */
    @Override
    public void close() {
        try {
            channel.truncate(0);
            lock.release();
            channel.close();
        } catch (IOException e) {
            // The OS releases the lock when this process ends in any case; a stale pid in the file misleads no one,
            // since a run trusts only the OS lock.
            closeQuietly(channel);
        }
    }

    private static InvalidInputException refused(Path runDir, Path file, String holder) {
        return new InvalidInputException("run folder " + runDir + " is in use: process " + holder + " is training in it"
                + " (it holds the lock on " + file + "); wait for it to end, or stop it and continue with --resume");
    }

    /** The pid the holder wrote; it may not have written it yet in the moment after it took the lock. */
    private static String holder(FileChannel channel) throws IOException {
        ByteBuffer buf = ByteBuffer.allocate(32);
        channel.read(buf, 0);
        String pid = new String(buf.array(), 0, buf.position(), StandardCharsets.US_ASCII).trim();
        return pid.isEmpty() ? "(pid not yet recorded)" : pid;
    }

    private static void closeQuietly(FileChannel channel) {
        if (channel != null) {
            try {
                channel.close();
            } catch (IOException ignored) {
                // Nothing was locked through it, or the failure that brought us here is the one reported.
            }
        }
    }
}
