package a2.data.stl10;

import static a2.data.stl10.Stl10Layout.BYTES_PER_IMAGE;

import a2.data.Dataset;
import a2.data.Images;
import a2.io.Hashes;
import a2.io.InvalidInputException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;

/**
 * Loads an unpacked STL-10 binary release ({@code stl10_binary/}, see {@link Stl10Layout}) as a {@link Dataset},
 * checking every file before anything is used: a wrong folder, a truncated download or a foreign file fails
 * here with an {@link InvalidInputException} that names the file, what it holds and what was expected, not
 * later as a shape error deep in training.
 *
 * <p>The image files are memory-mapped ({@link Stl10Images}), never read whole; the labels, class names and
 * folds are small and read into memory.
 *
 * <p><b>Checksums.</b> {@link Dataset#checksums()} records, per file read: for the small files ({@code *_y.bin},
 * {@code class_names.txt}, {@code fold_indices.txt}) their full SHA-256 in hex; for the {@code *_X.bin} image
 * files a quick fingerprint {@code "size=<bytes> sampled-sha256=<hex>"}, the SHA-256 of the first, middle and
 * last record. Hashing all 3.1 GB of images on every load would take longer than many training runs start up;
 * the fingerprint still tells two folders apart in provenance unless they differ only inside unsampled records.
 * Full verification against the published md5 sums is the download's job, done once.
 */
public final class Stl10Folder {
    private Stl10Folder() {}

    /** The {@link Dataset#name()} of the STL-10 release. */
    public static final String NAME = "stl10";

    /** How many folder entries an error message lists before it says "and N more". */
    private static final int LISTED_ENTRIES = 20;

    /**
     * The 256-image sample layout ({@code labeled_examples_*.bin}, {@code unlabeled_examples_X.bin}).
     *
     * @param classNames the official class names (the sample carries no {@code class_names.txt})
     * @param labeled    the labeled images
     * @param labels     0-based class of each labeled image (on disk 1..10)
     * @param unlabeled  the unlabeled images
     */
    public record LabeledSample(List<String> classNames, Images labeled, int[] labels, Images unlabeled) {
        public LabeledSample {
            classNames = List.copyOf(classNames);
            if (labels.length != labeled.count()) {
                throw new IllegalArgumentException(labeled.count() + " labeled images but " + labels.length + " labels");
            }
        }
    }

    /**
     * Loads the folder {@code dir} that holds {@link Stl10Layout#FILES} (the unpacked {@code stl10_binary/}).
     * Train labels and test labels are converted to 0-based; test Ids are the record numbers 1..N.
     *
     * @throws InvalidInputException if a file is missing or malformed; the message names the file and the numbers
     * @throws UncheckedIOException  if a file exists but cannot be read
     */
    public static Dataset load(Path dir) {
        requireFiles(dir, Stl10Layout.FILES);
        List<String> classNames = classNames(dir.resolve(Stl10Layout.CLASS_NAMES_FILE));

        Stl10Images train = openNonEmpty(dir.resolve(Stl10Layout.TRAIN_X));
        int[] trainLabels = readLabels(dir.resolve(Stl10Layout.TRAIN_Y), train, Stl10Layout.OFFICIAL_TRAIN);
        Stl10Images test = openNonEmpty(dir.resolve(Stl10Layout.TEST_X));
        int[] testLabels = readLabels(dir.resolve(Stl10Layout.TEST_Y), test, Stl10Layout.OFFICIAL_TEST);
        Stl10Images unlabeled = openNonEmpty(dir.resolve(Stl10Layout.UNLABELED_X));
        parseFolds(dir.resolve(Stl10Layout.FOLD_INDICES_FILE), train.count());

        SortedMap<String, String> checksums = new TreeMap<>();
        for (Stl10Images images : List.of(train, test, unlabeled)) {
            checksums.put(images.file().getFileName().toString(), quickFingerprint(images));
        }
        for (String small : List.of(Stl10Layout.TRAIN_Y, Stl10Layout.TEST_Y, Stl10Layout.CLASS_NAMES_FILE,
                Stl10Layout.FOLD_INDICES_FILE)) {
            checksums.put(small, Hashes.sha256(dir.resolve(small)));
        }
        int[] testIds = IntStream.rangeClosed(1, test.count()).toArray();
        return new Dataset(NAME, classNames, train, trainLabels, unlabeled, test, testIds,
                Optional.of(testLabels), checksums);
    }

    /**
     * The ten folds of {@code fold_indices.txt} in {@code dir}: {@code folds[k]} holds zero-based indices into
     * the training images, each checked against the number of records in {@code train_X.bin}.
     *
     * @throws InvalidInputException if either file is missing or a line or token is malformed
     */
    public static int[][] folds(Path dir) {
        requireFiles(dir, List.of(Stl10Layout.TRAIN_X, Stl10Layout.FOLD_INDICES_FILE));
        Path trainX = dir.resolve(Stl10Layout.TRAIN_X);
        int trainCount = Stl10Images.recordCount(trainX, size(trainX));
        return parseFolds(dir.resolve(Stl10Layout.FOLD_INDICES_FILE), trainCount);
    }

    /**
     * Loads the 256-image sample layout in {@code dir}: {@code labeled_examples_X.bin} with its
     * {@code labeled_examples_y.bin}, and {@code unlabeled_examples_X.bin}, all in the release's record format.
     */
    public static LabeledSample loadSample(Path dir) {
        requireFiles(dir, List.of(Stl10Layout.SAMPLE_LABELED_X, Stl10Layout.SAMPLE_LABELED_Y, Stl10Layout.SAMPLE_UNLABELED_X));
        Stl10Images labeled = openNonEmpty(dir.resolve(Stl10Layout.SAMPLE_LABELED_X));
        int[] labels = readLabels(dir.resolve(Stl10Layout.SAMPLE_LABELED_Y), labeled, -1);
        Stl10Images unlabeled = openNonEmpty(dir.resolve(Stl10Layout.SAMPLE_UNLABELED_X));
        return new LabeledSample(Stl10Layout.CLASS_NAMES, labeled, labels, unlabeled);
    }

    /** Fails, listing what is missing and what the folder holds, unless every one of {@code names} is a file in {@code dir}. */
    static void requireFiles(Path dir, List<String> names) {
        if (!Files.isDirectory(dir)) {
            throw new InvalidInputException("STL-10 folder " + dir + (Files.exists(dir) ? " is not a folder" : " does not exist"));
        }
        List<String> missing = names.stream().filter(n -> !Files.isRegularFile(dir.resolve(n))).toList();
        if (missing.isEmpty()) {
            return;
        }
        List<String> held;
        try (Stream<Path> entries = Files.list(dir)) {
            held = entries.map(p -> p.getFileName() + (Files.isDirectory(p) ? "/" : "")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException("could not list " + dir + ": " + e.getMessage(), e);
        }
        String listing = held.isEmpty() ? "nothing"
                : String.join(", ", held.subList(0, Math.min(held.size(), LISTED_ENTRIES)))
                        + (held.size() > LISTED_ENTRIES ? " and " + (held.size() - LISTED_ENTRIES) + " more" : "");
        String hint = Files.isDirectory(dir.resolve(Stl10Layout.FOLDER))
                ? "; did you mean " + dir.resolve(Stl10Layout.FOLDER) + "?" : "";
        String expected = missing.size() < names.size() ? " (it needs " + String.join(", ", names) + ")" : "";
        throw new InvalidInputException("STL-10 folder " + dir + " lacks " + String.join(", ", missing) + expected
                + "; it holds " + listing + hint);
    }

    private static Stl10Images openNonEmpty(Path file) {
        Stl10Images images = Stl10Images.open(file);
        if (images.count() == 0) {
            throw new InvalidInputException(String.format("%s is empty (0 bytes); expected a positive multiple of %,d"
                    + " bytes, one record per image", file, BYTES_PER_IMAGE));
        }
        return images;
    }

    /**
     * The labels of {@code file}, one uint8 1..10 per record of {@code images}, returned 0-based.
     *
     * @param official the record count of the official release, quoted in the mismatch message (negative: none)
     */
    static int[] readLabels(Path file, Images images, int official) {
        long size = size(file);
        String xName = images instanceof Stl10Images s ? s.file().getFileName().toString() : "the image file";
        if (size != (long) images.count() * Stl10Layout.BYTES_PER_LABEL) {
            throw new InvalidInputException(String.format("%s holds %,d labels (one byte each) but %s holds %,d images%s",
                    file, size, xName, images.count(),
                    official < 0 ? "" : String.format(" (the official release has %,d of each)", official)));
        }
        byte[] bytes = readAll(file);
        if (bytes.length != size) {
            throw new InvalidInputException(file + " changed while being read: " + size + " bytes, then " + bytes.length);
        }
        int[] labels = new int[bytes.length];
        int bad = 0;
        int firstBad = -1;
        for (int i = 0; i < bytes.length; i++) {
            int label = Byte.toUnsignedInt(bytes[i]);
            if (label < Stl10Layout.FIRST_LABEL || label > Stl10Layout.LAST_LABEL) {
                bad++;
                if (firstBad < 0) {
                    firstBad = i;
                }
            }
            labels[i] = label - Stl10Layout.FIRST_LABEL;
        }
        if (bad > 0) {
            throw new InvalidInputException(String.format("%s: record %,d (byte offset %,d) holds label %d; expected %d..%d"
                            + " (%,d of %,d labels out of range)", file, firstBad, firstBad,
                    Byte.toUnsignedInt(bytes[firstBad]), Stl10Layout.FIRST_LABEL, Stl10Layout.LAST_LABEL, bad, bytes.length));
        }
        return labels;
    }

    /** {@code class_names.txt}: exactly ten non-blank, distinct lines (a final newline is optional). */
    static List<String> classNames(Path file) {
        List<String> lines = lines(file);
        if (lines.size() != Stl10Layout.NUM_CLASSES) {
            throw new InvalidInputException(String.format("%s has %d lines; expected %d non-blank lines, class name k"
                    + " for label k = 1..%d", file, lines.size(), Stl10Layout.NUM_CLASSES, Stl10Layout.NUM_CLASSES));
        }
        Map<String, Integer> seen = new HashMap<>();
        List<String> names = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            String name = lines.get(i).strip();
            if (name.isEmpty()) {
                throw new InvalidInputException(file + ": line " + (i + 1) + " is blank; expected "
                        + Stl10Layout.NUM_CLASSES + " non-blank lines, one class name each");
            }
            Integer before = seen.putIfAbsent(name, i + 1);
            if (before != null) {
                throw new InvalidInputException(file + ": line " + (i + 1) + " repeats class name '" + name
                        + "' of line " + before);
            }
            names.add(name);
        }
        return List.copyOf(names);
    }

    /**
     * {@code fold_indices.txt}: exactly ten non-blank lines, each a whitespace-separated list of zero-based
     * training indices in {@code 0 .. trainCount-1}. The official file holds 1,000 per line; synthetic folders
     * ({@link Stl10Writer#writeSynthetic}) hold a fifth of their training set, so the length is not checked.
     */
    static int[][] parseFolds(Path file, int trainCount) {
        List<String> lines = lines(file);
        if (lines.size() != Stl10Layout.FOLDS) {
            throw new InvalidInputException(String.format("%s has %d lines; expected %d, one fold of training indices each",
                    file, lines.size(), Stl10Layout.FOLDS));
        }
        int[][] folds = new int[lines.size()][];
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).strip();
            if (line.isEmpty()) {
                throw new InvalidInputException(file + ": line " + (i + 1) + " is blank; expected training indices");
            }
            String[] tokens = line.split("\\s+");
            int[] fold = new int[tokens.length];
            for (int t = 0; t < tokens.length; t++) {
                int index;
                try {
                    index = Integer.parseInt(tokens[t]);
                } catch (NumberFormatException e) {
                    throw new InvalidInputException(String.format("%s: line %d, token %d ('%s') is not an integer",
                            file, i + 1, t + 1, abbreviate(tokens[t])));
                }
                if (index < 0 || index >= trainCount) {
                    throw new InvalidInputException(String.format("%s: line %d, token %d is index %d, outside 0..%d"
                            + " (%s holds %,d training images)", file, i + 1, t + 1, index, trainCount - 1,
                            Stl10Layout.TRAIN_X, trainCount));
                }
                fold[t] = index;
            }
            folds[i] = fold;
        }
        return folds;
    }

    /**
     * {@code "size=<bytes> sampled-sha256=<hex>"}: the SHA-256 of the first, middle and last record as stored
     * (column-major), so a few reads instead of gigabytes. See the class comment.
     */
    static String quickFingerprint(Stl10Images images) {
        Path file = images.file();
        MessageDigest sha = Hashes.digest("SHA-256");
        int n = images.count();
        long size;
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            size = channel.size();
            ByteBuffer record = ByteBuffer.allocate(BYTES_PER_IMAGE);
            for (int index : n == 0 ? new int[0] : new int[] {0, n / 2, n - 1}) {
                record.clear();
                long at = Stl10Layout.recordOffset(index);
                while (record.hasRemaining()) {
                    if (channel.read(record, at + record.position()) < 0) {
                        throw new InvalidInputException(file + " shrank while being read: record " + index + " is gone");
                    }
                }
                sha.update(record.flip());
            }
        } catch (IOException e) {
            throw new UncheckedIOException("could not read " + file + ": " + e.getMessage(), e);
        }
        return "size=" + size + " sampled-sha256=" + HexFormat.of().formatHex(sha.digest());
    }

    /** The lines of a small UTF-8 text file, without line terminators; a final terminator adds no empty line. */
    private static List<String> lines(Path file) {
        try {
            // A strict decoder: a binary file in the place of a text file fails here instead of becoming U+FFFD names.
            String text = StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(readAll(file))).toString();
            return text.lines().collect(Collectors.toList());
        } catch (CharacterCodingException e) {
            throw new InvalidInputException(file + " is not UTF-8 text (" + e + ")", e);
        }
    }

    /** The release's text files are a few KB; the cap stops a wrong file before it fills the heap. */
    private static byte[] readAll(Path file) {
        return a2.io.InputFiles.readBounded(file, "a text file of the STL-10 release", 1L << 20);
    }

    private static long size(Path file) {
        try {
            return Files.size(file);
        } catch (IOException e) {
            throw new UncheckedIOException("could not read the size of " + file + ": " + e.getMessage(), e);
        }
    }

    private static String abbreviate(String token) {
        return token.length() <= 20 ? token : token.substring(0, 20) + "…";
    }
}
