package a2.io;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Arrays;
import java.util.Locale;

/**
 * The one check every input passes before it is opened: a CSV, a labels file, a model, a pin, a dataset archive
 * or folder. A device, a fifo or a socket where a file is expected would hang or read until the heap is gone
 * ({@code /dev/zero}), so it is refused at once, by name (exit 2), as are a missing path, a dangling or looping
 * symbolic link, a folder where a file belongs (and the reverse) and a file this user may not read. Size caps are
 * enforced while reading ({@link #readBounded}), never from the size a file claims: {@code /proc} files claim 0.
 */
public final class InputFiles {
    private InputFiles() {}

    /** {@code file} is a regular file this process may read; otherwise an {@link InvalidInputException} naming it. */
    public static Path requireFile(Path file, String what) {
        BasicFileAttributes a = attributes(file, what);
        if (a.isDirectory()) {
            throw new InvalidInputException(file + " is a directory, not " + what);
        }
        if (!a.isRegularFile()) {
            throw new InvalidInputException(file + " is not a regular file (a device, fifo or socket?), so it cannot be "
                    + what);
        }
        return requireReadable(file);
    }

    /** {@code dir} is a folder this process may list. */
    public static Path requireFolder(Path dir, String what) {
        if (!attributes(dir, what).isDirectory()) {
            throw new InvalidInputException(dir + " is not a folder, so it cannot be " + what);
        }
        return requireReadable(dir);
    }

    /** A regular file or a folder, as where a dataset may be an archive or its unpacked folder. */
    public static Path requireFileOrFolder(Path path, String what) {
        return attributes(path, what).isDirectory() ? requireFolder(path, what) : requireFile(path, what);
    }

    /** Opens {@link #requireFile a checked file}; the caller closes the stream. */
    public static InputStream open(Path file, String what) {
        requireFile(file, what);
        try {
            return Files.newInputStream(file);
        } catch (IOException e) {
            throw readFailure(file, e);
        }
    }

    /**
     * Reads a checked file whole, refusing it as soon as more than {@code maxBytes} have arrived (so a file that
     * grows, or claims a wrong size, is still stopped at the cap).
     */
    public static byte[] readBounded(Path file, String what, long maxBytes) {
        try (InputStream in = open(file, what)) {
            int cap = (int) Math.min(Integer.MAX_VALUE - 8, maxBytes + 1);
            byte[] buf = new byte[(int) Math.min(cap, 1 << 16)];
            int n = 0;
            for (int r; n < cap && (r = in.read(buf, n, Math.min(buf.length, cap) - n)) > 0; ) {
                n += r;
                if (n == buf.length && n < cap) {
                    buf = Arrays.copyOf(buf, (int) Math.min(cap, 2L * buf.length));
                }
            }
            if (n > maxBytes) {
                throw new InvalidInputException(String.format(Locale.ROOT,
                        "%s holds more than %,d bytes: far too large to be %s; is it the right file?", file, maxBytes,
                        what));
            }
            return Arrays.copyOf(buf, n);
        } catch (IOException e) {
            throw readFailure(file, e);
        }
    }

    /**
     * The message for a failed read, saying why in words: "permission denied", "no such file", a symbolic-link
     * loop, or the system's own reason. An access problem is the user's to fix (exit 2); any other failure is
     * I/O (exit 3).
     */
    public static RuntimeException readFailure(Path file, IOException e) {
        if (e instanceof AccessDeniedException) {
            return new InvalidInputException("permission denied: cannot read " + file + " (as user "
                    + System.getProperty("user.name") + ")", e);
        }
        if (e instanceof NoSuchFileException) {
            return new InvalidInputException("no such file: " + file, e);
        }
        String reason = e instanceof FileSystemException fse && fse.getReason() != null ? fse.getReason()
                : e.getMessage() != null ? e.getMessage() : e.getClass().getSimpleName();
        return new UncheckedIOException("could not read " + file + ": " + reason, e);
    }

    private static BasicFileAttributes attributes(Path path, String what) {
        try {
            return Files.readAttributes(path, BasicFileAttributes.class);
        } catch (NoSuchFileException e) {
            if (Files.isSymbolicLink(path)) {
                throw new InvalidInputException(path + " is a symbolic link to " + target(path)
                        + ", which does not exist; expected " + what, e);
            }
            throw new InvalidInputException("no such file: " + path + " (expected " + what + ")", e);
        } catch (FileSystemException e) {
            if (Files.isSymbolicLink(path) && e.getReason() != null && e.getReason().contains("symbolic links")) {
                throw new InvalidInputException(path + " is a loop of symbolic links (" + e.getReason()
                        + "); expected " + what, e);
            }
            throw readFailure(path, e);
        } catch (IOException e) {
            throw readFailure(path, e);
        }
    }

    private static Path requireReadable(Path path) {
        if (!Files.isReadable(path)) {
            throw new InvalidInputException("permission denied: cannot read " + path + " (as user "
                    + System.getProperty("user.name") + ")");
        }
        return path;
    }

    private static String target(Path link) {
        try {
            return Files.readSymbolicLink(link).toString();
        } catch (IOException e) {
            return "?";
        }
    }
}
