package a2.verify;

import a2.io.InvalidInputException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.OptionalInt;

/**
 * Accuracy of predictions against ground truth, where ground truth exists (STL-10 publishes its test labels;
 * the CIFAR-10-A2 test labels are held back like a leaderboard's).
 *
 * @param confusion  {@code confusion[t - 1][p - 1]} counts rows with true label t and predicted label p
 * @param classNames the name of label k + 1 at index k, or empty when unknown
 */
public record Score(int[][] confusion, List<String> classNames) {
    /** STL-10 {@code *_y.bin}: one unsigned byte per image, the 1-based label; Id = 1-based record number. */
    public static final int BYTES_PER_LABEL = 1;

    public Score {
        confusion = Comparison.deepCopy(confusion);
        classNames = List.copyOf(classNames);
        PredictionsFile.requireClasses(confusion.length);
        for (int[] row : confusion) {
            if (row.length != confusion.length) {
                throw new IllegalArgumentException("confusion matrix must be square");
            }
        }
        if (!classNames.isEmpty() && classNames.size() != confusion.length) {
            throw new IllegalArgumentException(classNames.size() + " class names for " + confusion.length + " classes");
        }
    }

    @Override
    public int[][] confusion() {
        return Comparison.deepCopy(confusion);
    }

    /** Scores 1-based predictions against 1-based truth (parallel arrays, index id - 1). */
    public static Score of(int[] truth, int[] predicted, int numClasses, List<String> classNames) {
        if (truth.length != predicted.length) {
            throw new IllegalArgumentException(truth.length + " true labels but " + predicted.length + " predictions");
        }
        int[][] confusion = new int[numClasses][numClasses];
        for (int i = 0; i < truth.length; i++) {
            if (truth[i] < 1 || truth[i] > numClasses || predicted[i] < 1 || predicted[i] > numClasses) {
                throw new IllegalArgumentException("Id " + (i + 1) + ": labels " + truth[i] + ", " + predicted[i]
                        + " outside 1.." + numClasses);
            }
            confusion[truth[i] - 1][predicted[i] - 1]++;
        }
        return new Score(confusion, classNames);
    }

    /**
     * Reads ground truth and predictions, validates both (the predictions must have one row per true label),
     * and scores them.
     *
     * @throws ValidationException naming every problem of either file
     */
    public static Score score(Path labels, Path predictions, int numClasses, List<String> classNames) {
        List<String> problems = new ArrayList<>();
        int[] truth = null;
        try {
            truth = readGroundTruth(labels, OptionalInt.empty(), numClasses);
        } catch (ValidationException e) {
            problems.addAll(e.lines());
        }
        // Checked even when the truth is unreadable, so one run names every problem of both files.
        Validation v = PredictionsFile.validate(predictions,
                truth == null ? OptionalInt.empty() : OptionalInt.of(truth.length), numClasses);
        problems.addAll(v.describe(predictions));
        if (!problems.isEmpty()) {
            throw new ValidationException(problems);
        }
        return of(truth, v.labels().get(), numClasses, classNames);
    }

    /**
     * Reads {@code class_names.txt} (STL-10 and CIFAR-10-A2: the name of label k on line k). Lenient about
     * line ends, since the file comes from a dataset, not from a student; strict about the count.
     */
    public static List<String> readClassNames(Path file, int numClasses) {
        byte[] bytes = TextLines.readBounded(file, "a class-names file");
        List<String> names = new ArrayList<>(
                List.of(new String(bytes, StandardCharsets.UTF_8).replace("\r\n", "\n").split("\n", -1)));
        while (!names.isEmpty() && names.get(names.size() - 1).isBlank()) {
            names.remove(names.size() - 1);
        }
        names.replaceAll(String::strip);
        if (names.size() != numClasses || names.stream().anyMatch(String::isEmpty)) {
            throw new InvalidInputException(String.format(Locale.ROOT,
                    "%s: expected %d class names, one per line (label k on line k), found %d lines%s", file,
                    numClasses, names.size(), names.stream().anyMatch(String::isEmpty) ? " with blank ones" : ""));
        }
        return List.copyOf(names);
    }

    /**
     * Ground truth, 1-based, index id - 1: an STL-10 {@code test_y.bin} when the name ends in {@code .bin},
     * otherwise an {@code Id,Label} CSV held to the submission's rules.
     *
     * @throws ValidationException naming every problem
     */
    public static int[] readGroundTruth(Path file, OptionalInt expectedRows, int numClasses) {
        String name = String.valueOf(file.getFileName());
        if (name.endsWith(".bin")) {
            return readLabelBin(file, expectedRows, numClasses);
        }
        return PredictionsFile.validate(file, "Label", expectedRows, numClasses).labelsOrThrow(file);
    }

    /**
     * Reads an STL-10 label file ({@code train_y.bin}/{@code test_y.bin}, stl10_binary format: uint8 labels
     * 1..10, no header), reporting every bad byte with its offset.
     */
    public static int[] readLabelBin(Path file, OptionalInt expectedRows, int numClasses) {
        PredictionsFile.requireClasses(numClasses);
        byte[] bytes = TextLines.readBounded(file, "a label file (one byte per image)");
        List<String> problems = new ArrayList<>();
        int bad = 0;
        if (bytes.length == 0) {
            problems.add(file + ": empty file; expected one label byte per image");
        }
        if (expectedRows.isPresent() && bytes.length != expectedRows.getAsInt() * BYTES_PER_LABEL) {
            problems.add(String.format(Locale.ROOT, "%s: %,d bytes; expected %,d (one label byte per image)",
                    file, bytes.length, expectedRows.getAsInt()));
        }
        int[] labels = new int[bytes.length];
        for (int i = 0; i < bytes.length; i++) {
            labels[i] = Byte.toUnsignedInt(bytes[i]);
            if (labels[i] < 1 || labels[i] > numClasses) {
                if (bad++ < Problems.MAX_LISTED) {
                    problems.add(String.format(Locale.ROOT, "%s: byte offset %d (Id %d): label %d outside 1..%d%s",
                            file, i, i + 1, labels[i], numClasses, looksLikeText(bytes)
                                    ? " (this looks like a text file; name a CSV with a .csv extension)" : ""));
                }
            }
        }
        if (bad > Problems.MAX_LISTED) {
            problems.add(String.format(Locale.ROOT, "%s: ... and %,d more bad label bytes (%,d in all)",
                    file, bad - Problems.MAX_LISTED, bad));
        }
        if (!problems.isEmpty()) {
            throw new ValidationException(problems);
        }
        return labels;
    }

    private static boolean looksLikeText(byte[] bytes) {
        String head = new String(bytes, 0, Math.min(bytes.length, 16), StandardCharsets.ISO_8859_1);
        return head.startsWith("Id,");
    }

    public int numClasses() {
        return confusion.length;
    }

    public int rows() {
        int n = 0;
        for (int[] row : confusion) {
            for (int c : row) {
                n += c;
            }
        }
        return n;
    }

    public int correct() {
        int n = 0;
        for (int k = 0; k < confusion.length; k++) {
            n += confusion[k][k];
        }
        return n;
    }

    public double accuracy() {
        return rows() == 0 ? Double.NaN : (double) correct() / rows();
    }

    /** Rows of true class {@code index + 1}. */
    public int support(int index) {
        int n = 0;
        for (int c : confusion[index]) {
            n += c;
        }
        return n;
    }

    /** Recall of each class (index = label - 1); NaN for a class with no rows. */
    public double[] perClassAccuracy() {
        double[] acc = new double[confusion.length];
        for (int k = 0; k < acc.length; k++) {
            int support = support(k);
            acc[k] = support == 0 ? Double.NaN : (double) confusion[k][k] / support;
        }
        return acc;
    }

    /** Accuracy, a per-class table and the confusion matrix, as plain text. */
    public String render() {
        StringBuilder out = new StringBuilder();
        out.append(String.format(Locale.ROOT, "accuracy: %,d/%,d = %s%n", correct(), rows(), pct(correct(), rows())));
        out.append(String.format(Locale.ROOT, "%nper-class accuracy:%n"));
        int k = numClasses();
        int nameWidth = "class".length();
        for (int i = 0; i < k; i++) {
            nameWidth = Math.max(nameWidth, Tables.label(i, k, classNames).length());
        }
        out.append("  ").append(Tables.padRight("class", nameWidth)).append("  correct/total  accuracy\n");
        for (int i = 0; i < k; i++) {
            String ratio = String.format(Locale.ROOT, "%,d/%,d", confusion[i][i], support(i));
            out.append("  ").append(Tables.padRight(Tables.label(i, k, classNames), nameWidth)).append("  ")
                    .append(Tables.pad(ratio, "correct/total".length())).append("  ")
                    .append(Tables.pad(pct(confusion[i][i], support(i)), "accuracy".length())).append('\n');
        }
        out.append(String.format(Locale.ROOT, "%nconfusion matrix (rows: true label, columns: predicted label):%n"));
        out.append(Tables.matrix(confusion, classNames));
        return out.toString();
    }

    private static String pct(int part, int whole) {
        return whole == 0 ? "n/a" : Comparison.percent(part, whole) + "%";
    }
}
