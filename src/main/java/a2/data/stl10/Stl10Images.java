package a2.data.stl10;

import static a2.data.stl10.Stl10Layout.BYTES_PER_IMAGE;

import a2.data.Images;
import a2.io.InvalidInputException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Objects;

/**
 * The images of one STL-10 {@code *_X.bin}, memory-mapped and decoded to the canonical CHW layout on each read.
 *
 * <p><b>Chunks.</b> One {@link MappedByteBuffer} spans at most {@code Integer.MAX_VALUE} bytes and is indexed
 * by {@code int}, while {@code unlabeled_X.bin} is 2,764,800,000 bytes: record 77,672 is the first to end past
 * 2^31. The file is therefore mapped as consecutive chunks of whole records, each under 2^31 bytes, so no
 * record straddles two buffers; a record's place is its {@code long} file offset split into (chunk, offset in
 * chunk). Nothing is read until asked for: the OS pages records in, and out again under memory pressure.
 *
 * <p><b>Threads.</b> Reads use only absolute bulk gets, which never touch a buffer's position or limit, so
 * any number of threads may call {@link #read} at once.
 *
 * <p><b>Closing.</b> There is nothing to close. The file channel is closed as soon as the chunks are mapped
 * (a mapping stays valid after its channel closes), and Java offers no supported way to unmap: a mapping is
 * released when the garbage collector reclaims its buffer, i.e. some time after this object becomes
 * unreachable. Until then the file stays open at the OS level; on Windows it cannot be deleted meanwhile.
 * The file must not be truncated while mapped: a read of a vanished page makes the JVM throw an
 * {@link InternalError} instead of an {@link IOException}.
 */
public final class Stl10Images implements Images {
    /** The most whole records one {@code int}-indexed buffer holds: 77,672 (2,147,475,456 bytes), i.e. records 0..77,671. */
    static final int MAX_RECORDS_PER_CHUNK = Integer.MAX_VALUE / BYTES_PER_IMAGE;

    private final Path file;
    private final int count;
    private final int recordsPerChunk;
    private final MappedByteBuffer[] chunks;

    private Stl10Images(Path file, int count, int recordsPerChunk, MappedByteBuffer[] chunks) {
        this.file = file;
        this.count = count;
        this.recordsPerChunk = recordsPerChunk;
        this.chunks = chunks;
    }

    /**
     * Maps {@code file}, which must hold whole records of {@value Stl10Layout#BYTES_PER_IMAGE} bytes (an empty
     * file is zero images).
     *
     * @throws InvalidInputException if the file is missing, not a regular file, or its size is not a multiple of a record
     * @throws UncheckedIOException  if it cannot be read or mapped
     */
    public static Stl10Images open(Path file) {
        return open(file, MAX_RECORDS_PER_CHUNK);
    }

    /** As {@link #open(Path)} with smaller chunks, so tests can cross chunk boundaries with small files. */
    static Stl10Images open(Path file, int recordsPerChunk) {
        Objects.requireNonNull(file, "file");
        if (recordsPerChunk < 1 || recordsPerChunk > MAX_RECORDS_PER_CHUNK) {
            throw new IllegalArgumentException("recordsPerChunk " + recordsPerChunk + " outside 1.." + MAX_RECORDS_PER_CHUNK);
        }
        if (!Files.isRegularFile(file)) {
            throw new InvalidInputException(file + ": " + (Files.exists(file) ? "not a regular file" : "no such file"));
        }
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            long size = channel.size();
            int count = recordCount(file, size);
            int chunkCount = count == 0 ? 0 : (count - 1) / recordsPerChunk + 1;
            MappedByteBuffer[] chunks = new MappedByteBuffer[chunkCount];
            for (int k = 0; k < chunkCount; k++) {
                int first = k * recordsPerChunk;
                int records = Math.min(recordsPerChunk, count - first);
                chunks[k] = channel.map(FileChannel.MapMode.READ_ONLY, Stl10Layout.recordOffset(first),
                        (long) records * BYTES_PER_IMAGE);
            }
            return new Stl10Images(file, count, recordsPerChunk, chunks);
        } catch (NoSuchFileException e) {
            throw new InvalidInputException(file + ": no such file", e);
        } catch (IOException e) {
            throw new UncheckedIOException("could not map " + file + ": " + e.getMessage(), e);
        }
    }

    /**
     * The number of records in an {@code *_X.bin} of {@code size} bytes.
     *
     * @throws InvalidInputException naming the file if the size is not a whole number of records
     */
    static int recordCount(Path file, long size) {
        long whole = size / BYTES_PER_IMAGE;
        long rest = size % BYTES_PER_IMAGE;
        if (rest != 0) {
            throw new InvalidInputException(String.format(
                    "%s: %,d bytes is not a multiple of %,d (one 3x96x96 record): %,d whole records and %,d bytes"
                            + " over; the file is truncated or not an STL-10 *_X.bin", file, size, BYTES_PER_IMAGE, whole, rest));
        }
        if (whole > Integer.MAX_VALUE) {
            throw new InvalidInputException(String.format("%s: %,d bytes is %,d records, more than an int can index",
                    file, size, whole));
        }
        return (int) whole;
    }

    public Path file() {
        return file;
    }

    @Override
    public int count() {
        return count;
    }

    @Override
    public int height() {
        return Stl10Layout.SIDE;
    }

    @Override
    public int width() {
        return Stl10Layout.SIDE;
    }

    @Override
    public void read(int index, byte[] dst, int offset) {
        Objects.checkIndex(index, count);
        Objects.checkFromIndexSize(offset, BYTES_PER_IMAGE, dst.length);
        long start = Stl10Layout.recordOffset(index);
        long chunkBytes = (long) recordsPerChunk * BYTES_PER_IMAGE;
        MappedByteBuffer chunk = chunks[(int) (start / chunkBytes)];
        // Absolute bulk get (Java 13+): leaves the shared buffer's position alone, hence thread-safe.
        chunk.get((int) (start % chunkBytes), dst, offset, BYTES_PER_IMAGE);
        Stl10Layout.transposePlanes(dst, offset);
    }

    @Override
    public String toString() {
        return "Stl10Images[" + file + ", " + count + " images]";
    }
}
