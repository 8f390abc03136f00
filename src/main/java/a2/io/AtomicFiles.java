package a2.io;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;

/**
 * Writes that never leave a half-written file behind: the bytes go to a temporary file in the same
 * folder (same file system, so the rename is atomic), are forced to disk, and then renamed over the target.
 */
public final class AtomicFiles {
    private AtomicFiles() {}

    /** Something that writes the whole content to a stream. */
    @FunctionalInterface
    public interface Writer {
        void writeTo(OutputStream out) throws IOException;
    }

    public static void write(Path target, Writer writer) {
        writeAll(List.of(new Target(target, writer)));
    }

    /** One file of {@link #writeAll}: where it goes and what it holds. */
    public record Target(Path path, Writer writer) {}

    /**
     * Writes files that belong together as one unit as far as a file system allows: every one goes to a temporary
     * file beside its target and is forced to disk, and only when all are complete are they renamed into place, in
     * order. A failure while writing (a full disk) leaves every target as it was; only a crash between the renames,
     * which need no space, can leave some new and some old, so put last the file that records the others.
     */
    public static void writeAll(List<Target> targets) {
        List<Path> temps = new ArrayList<>();
        Path current = null;
        try {
            for (Target t : targets) {
                current = t.path();
                temps.add(stage(t.path(), t.writer()));
            }
            for (int i = 0; i < targets.size(); i++) {
                current = targets.get(i).path();
                moveIntoPlace(temps.get(i), current);
                temps.set(i, null);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("could not write " + current + ": " + e, e);
        } finally {
            for (Path tmp : temps) {
                deleteQuietly(tmp);
            }
        }
    }

    /** The complete content of {@code target} in a temp file beside it, forced to disk; no temp file if it fails. */
    private static Path stage(Path target, Writer writer) throws IOException {
        Path dir = target.toAbsolutePath().getParent();
        Files.createDirectories(dir);
        Path tmp = Files.createTempFile(dir, "." + target.getFileName(), ".tmp");
        try {
            if (tmp.getFileSystem().supportedFileAttributeViews().contains("posix")) {
                // Temp files are created owner-only; results are meant to be read by others (rw-r--r--).
                Files.setPosixFilePermissions(tmp, java.nio.file.attribute.PosixFilePermissions.fromString("rw-r--r--"));
            }
            try (var channel = java.nio.channels.FileChannel.open(tmp, java.nio.file.StandardOpenOption.WRITE);
                 OutputStream out = new java.io.BufferedOutputStream(java.nio.channels.Channels.newOutputStream(channel), 1 << 16)) {
                writer.writeTo(out);
                out.flush();
                channel.force(true);
            }
            return tmp;
        } catch (IOException | RuntimeException e) {
            deleteQuietly(tmp);
            throw e;
        }
    }

    private static void deleteQuietly(Path tmp) {
        if (tmp != null) {
            try {
                Files.deleteIfExists(tmp);
            } catch (IOException ignored) {
                // The write already failed and that failure is being reported; a stray temp file is harmless.
            }
        }
    }

    public static void writeBytes(Path target, byte[] bytes) {
        write(target, out -> out.write(bytes));
    }

    public static void writeString(Path target, String text) {
        writeBytes(target, text.getBytes(StandardCharsets.UTF_8));
    }

    /** Renames {@code source} over {@code target} atomically where the file system allows it. */
    public static void moveIntoPlace(Path source, Path target) throws IOException {
        try {
            Files.move(source, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(source, target, StandardCopyOption.REPLACE_EXISTING);
        }
    }
}
