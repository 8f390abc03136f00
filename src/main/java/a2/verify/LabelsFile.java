package a2.verify;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * Ground truth as a Kaggle solution file: {@code Id,Label} with an optional third column {@code Usage}
 * ({@code Public} or {@code Private}: which leaderboard a row counts for), Ids 1..n in order, labels 1..K; or an
 * STL-10 {@code test_y.bin} (no parts). A UTF-8 byte order mark and CRLF line ends are accepted with a warning,
 * as Kaggle accepts them.
 *
 * @param labels   1-based, index id - 1
 * @param isPublic present when the file has a Usage column: whether row id - 1 is on the public leaderboard
 * @param warnings what was accepted but is not the strict format
 */
public record LabelsFile(int[] labels, Optional<boolean[]> isPublic, List<String> warnings) {
    public static final String HEADER = "Id,Label";
    public static final String HEADER_WITH_USAGE = "Id,Label,Usage";
    private static final byte[] BOM = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};

    public LabelsFile {
        warnings = List.copyOf(warnings);
    }

    public int rows() {
        return labels.length;
    }

    /** @throws ValidationException naming every problem with its line */
    public static LabelsFile read(Path file, int numClasses) {
        if (String.valueOf(file.getFileName()).endsWith(".bin")) {
            return new LabelsFile(Score.readLabelBin(file, OptionalInt.empty(), numClasses), Optional.empty(), List.of());
        }
        byte[] raw = TextLines.readBounded(file, "a labels file");
        List<String> warnings = new ArrayList<>();
        int start = 0;
        if (raw.length >= 3 && raw[0] == BOM[0] && raw[1] == BOM[1] && raw[2] == BOM[2]) {
            start = 3;
            warnings.add(file + ": UTF-8 byte order mark ignored");
        }
        String text = new String(raw, start, raw.length - start, StandardCharsets.UTF_8);
        if (text.contains("\r\n")) {
            warnings.add(file + ": CRLF line ends read as LF");
            text = text.replace("\r\n", "\n");
        }
        String[] lines = text.split("\n", -1);
        int count = text.endsWith("\n") ? lines.length - 1 : lines.length;
        List<String> problems = new ArrayList<>();
        String header = count == 0 ? "" : lines[0];
        boolean usage = header.equals(HEADER_WITH_USAGE);
        if (!usage && !header.equals(HEADER)) {
            throw new ValidationException(List.of(file + ":1: expected the header '" + HEADER + "' or '"
                    + HEADER_WITH_USAGE + "', found '" + IntField.show(header) + "'"));
        }
        int[] labels = new int[Math.max(0, count - 1)];
        boolean[] pub = new boolean[labels.length];
        for (int i = 1; i < count && problems.size() < Problems.MAX_LISTED; i++) {
            row(file, i + 1, lines[i], i, usage, numClasses, labels, pub, problems);
        }
        if (labels.length == 0) {
            problems.add(file + ":2: no data rows after the header");
        }
        if (!problems.isEmpty()) {
            throw new ValidationException(problems);
        }
        return new LabelsFile(labels, usage ? Optional.of(pub) : Optional.empty(), warnings);
    }

    private static void row(Path file, int line, String text, int id, boolean usage, int numClasses, int[] labels,
                            boolean[] pub, List<String> problems) {
        String where = file + ":" + line + ": ";
        String[] f = text.split(",", -1);
        int columns = usage ? 3 : 2;
        if (f.length != columns) {
            problems.add(where + "expected " + columns + " columns, found " + f.length);
            return;
        }
        IntField.Parsed idField = IntField.parse("Id", f[0]);
        if (!idField.ok()) {
            problems.add(where + idField.problem());
        } else if (idField.value() != id) {
            problems.add(where + "Id " + f[0] + " where Id " + id + " belongs (Ids 1..n in order)");
        }
        IntField.Parsed label = IntField.parse("Label", f[1]);
        if (!label.ok()) {
            problems.add(where + label.problem());
        } else if (label.value() < 1 || label.value() > numClasses) {
            problems.add(String.format(Locale.ROOT, "%slabel %s outside 1..%d", where, f[1], numClasses));
        } else {
            labels[id - 1] = label.intValue();
        }
        if (usage) {
            switch (f[2]) {
                case "Public" -> pub[id - 1] = true;
                case "Private" -> pub[id - 1] = false;
                default -> problems.add(where + "Usage must be Public or Private, found '" + IntField.show(f[2]) + "'");
            }
        }
    }

    /** How many rows are public (0 without a Usage column). */
    public int publicRows() {
        int n = 0;
        if (isPublic.isPresent()) {
            for (boolean b : isPublic.get()) {
                n += b ? 1 : 0;
            }
        }
        return n;
    }

    /**
     * The accuracy of 1-based predictions on the rows of one part.
     *
     * @param part {@code null} for every row, {@code TRUE} for the public rows, {@code FALSE} for the private ones
     */
    public double accuracy(int[] predicted, Boolean part) {
        if (predicted.length != labels.length) {
            throw new IllegalArgumentException(predicted.length + " predictions for " + labels.length + " labels");
        }
        int rows = 0;
        int correct = 0;
        for (int i = 0; i < labels.length; i++) {
            if (part != null && isPublic.isPresent() && isPublic.get()[i] != part) {
                continue;
            }
            rows++;
            correct += predicted[i] == labels[i] ? 1 : 0;
        }
        return rows == 0 ? Double.NaN : (double) correct / rows;
    }
}
