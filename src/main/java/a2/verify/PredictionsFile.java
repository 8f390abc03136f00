package a2.verify;

import a2.io.AtomicFiles;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import java.util.OptionalInt;

/**
 * The one definition of the leaderboard submission format, the Kaggle-style CSV of the class leaderboard:
 *
 * <pre>
 * Id,Prediction
 * 1,7
 * 2,3
 * ...
 * </pre>
 *
 * <p>The header is exactly {@value #HEADER}; then one row per test image, in Id order, Ids 1..N, labels
 * 1..numClasses (STL-10 and CIFAR-10-A2: 10); UTF-8 without BOM (the content is ASCII); LF line ends; a newline
 * after the last row. Since every integer has exactly one spelling, two valid files with the same rows are
 * byte-identical.
 *
 * <p>Validation is strict and exhaustive: every problem is reported with its line number (the first
 * {@value Problems#MAX_LISTED} listed, the rest counted); CRLF and a missing final newline are rejected (see
 * {@link TextLines}). The same validator reads ground-truth files with the header {@code Id,Label}.
 */
public final class PredictionsFile {
    private PredictionsFile() {}

    public static final String HEADER = "Id,Prediction";
    /** STL-10 and CIFAR-10 both have 10 classes. */
    public static final int DEFAULT_CLASSES = 10;

    /** Writes a valid file, atomically; the bytes depend only on the labels. */
    public static void write(Path target, int[] ids, int[] labels1Based) {
        write(target, ids, labels1Based, DEFAULT_CLASSES);
    }

    /** As {@link #write(Path, int[], int[])}; refuses to write anything {@link #validate} would reject. */
    public static void write(Path target, int[] ids, int[] labels1Based, int numClasses) {
        AtomicFiles.writeBytes(target, bytes(ids, labels1Based, numClasses));
    }

    /** The file's bytes, for a caller that writes it together with others ({@link AtomicFiles#writeAll}). */
    public static byte[] bytes(int[] ids, int[] labels1Based, int numClasses) {
        requireClasses(numClasses);
        requireIds(ids, labels1Based.length, "labels");
        for (int i = 0; i < labels1Based.length; i++) {
            if (labels1Based[i] < 1 || labels1Based[i] > numClasses) {
                throw new IllegalArgumentException("label " + labels1Based[i] + " of Id " + ids[i] + " outside 1.."
                        + numClasses + " (labels in this file are 1-based)");
            }
        }
        StringBuilder text = new StringBuilder(HEADER.length() + 1 + labels1Based.length * 9);
        text.append(HEADER).append('\n');
        for (int i = 0; i < ids.length; i++) {
            text.append(ids[i]).append(',').append(labels1Based[i]).append('\n');
        }
        return text.toString().getBytes(StandardCharsets.US_ASCII);
    }

    /**
     * Checks a submission against the format.
     *
     * @param expectedRows the number of test images, when known; without it the Ids must still be 1..rows
     * @throws a2.io.InvalidInputException when the file does not exist, is a directory or is far too large
     */
    public static Validation validate(Path file, OptionalInt expectedRows, int numClasses) {
        return validate(file, "Prediction", expectedRows, numClasses);
    }

    /** Validates any {@code Id,<column>} label file, e.g. ground truth with {@code column = "Label"}. */
    static Validation validate(Path file, String column, OptionalInt expectedRows, int numClasses) {
        requireClasses(numClasses);
        expectedRows.ifPresent(n -> {
            if (n < 0) {
                throw new IllegalArgumentException("expected rows must be >= 0, got " + n);
            }
        });
        byte[] bytes = TextLines.readBounded(file, "a label file");
        Problems problems = new Problems();
        Rows rows = new Rows("Id," + column, column, numClasses, problems);
        TextLines.Summary summary = TextLines.read(bytes, problems, rows::line);
        if (!summary.text()) {
            return Validation.of(problems, 0, new int[0]);
        }
        if (summary.lines() > 0) {
            rows.finish(summary.endLine(), expectedRows);
        }
        return Validation.of(problems, rows.count, Arrays.copyOf(rows.labels, rows.count));
    }

    static void requireClasses(int numClasses) {
        if (numClasses < 2) {
            throw new IllegalArgumentException("need at least 2 classes, got " + numClasses);
        }
    }

    /** The writers' precondition: Ids are exactly 1..n in order, one per value. */
    static void requireIds(int[] ids, int values, String what) {
        if (ids.length != values) {
            throw new IllegalArgumentException(ids.length + " ids but " + values + " " + what);
        }
        for (int i = 0; i < ids.length; i++) {
            if (ids[i] != i + 1) {
                throw new IllegalArgumentException("ids must be 1..n in order; position " + i + " holds " + ids[i]);
            }
        }
    }

    /** The CSV layer: header, columns, Ids and labels, fed one line at a time by {@link TextLines}. */
    private static final class Rows {
        /** Marks a row whose Id could not be parsed. */
        private static final int NO_ID = Integer.MIN_VALUE;

        private final String header;
        private final String column;
        private final int numClasses;
        private final Problems problems;
        private int count;
        private int[] ids = new int[1024];
        private int[] labels = new int[1024];
        private int[] lines = new int[1024];

        Rows(String header, String column, int numClasses, Problems problems) {
            this.header = header;
            this.column = column;
            this.numClasses = numClasses;
            this.problems = problems;
        }

        void line(int number, String text) {
            if (number == 1 && !header(text)) {
                return;
            }
            if (text.isBlank()) {
                problems.add(number, text.isEmpty() ? "blank line" : "blank line (only whitespace)");
                return;
            }
            row(number, text);
        }

        /** Checks line 1; returns whether it should also be read as a data row (a missing header). */
        private boolean header(String text) {
            if (text.equals(header)) {
                return false;
            }
            if (!text.isEmpty() && Character.isDigit(text.charAt(0))) {
                problems.add(1, "missing header: line 1 must be exactly '" + header + "', found the data row '"
                        + abbreviate(text) + "'");
                return true;
            }
            String found = "found '" + abbreviate(text) + "'";
            String compact = text.replace(" ", "").replace("\"", "");
            String message;
            if (text.isEmpty()) {
                message = "blank line where the header '" + header + "' belongs";
            } else if (compact.replace(';', ',').replace('\t', ',').equals(header) && !compact.equals(header)) {
                message = "header uses the wrong separator, " + found + "; expected exactly '" + header
                        + "' (comma-separated)";
            } else if (compact.equalsIgnoreCase(header)) {
                message = "header must be exactly '" + header + "' (case, spaces and quotes matter), " + found;
            } else {
                message = "wrong header: expected exactly '" + header + "', " + found;
            }
            problems.add(1, message);
            return false;
        }

        private void row(int number, String text) {
            grow();
            int r = count++;
            lines[r] = number;
            ids[r] = NO_ID;
            labels[r] = 0;
            String[] fields = text.split(",", -1);
            if (fields.length == 1 && (text.indexOf(';') >= 0 || text.indexOf('\t') >= 0)) {
                problems.add(number, "found 1 column '" + abbreviate(text) + "': the separator must be a comma, not "
                        + (text.indexOf(';') >= 0 ? "';'" : "a tab"));
                return;
            }
            IntField.Parsed id = IntField.parse("Id", fields[0]);
            if (id.ok()) {
                ids[r] = id.intValue();
            } else {
                problems.add(number, id.problem());
            }
            if (fields.length != 2) {
                problems.add(number, "expected 2 columns (" + header + "), found " + fields.length
                        + (fields.length == 1 ? ": the " + column + " column is missing" : ""));
                return;
            }
            IntField.Parsed label = IntField.parse("label", fields[1]);
            if (!label.ok()) {
                boolean word = fields[1].chars().anyMatch(Character::isLetter);
                problems.add(number, label.problem()
                        + (word ? " (write the class label 1.." + numClasses + ", not the class name)" : ""));
                return;
            }
            if (label.value() == 0) {
                problems.add(number, "label 0 outside 1.." + numClasses + ": class " + numClasses
                        + " must be written as " + numClasses + ", not 0 (the classic `label % " + numClasses
                        + "` bug; if every label is 0.." + (numClasses - 1) + ", the labels are 0-based: add 1)");
            } else if (label.value() < 1 || label.value() > numClasses) {
                problems.add(number, "label " + fields[1] + " outside 1.." + numClasses);
            } else {
                labels[r] = (int) label.value();
            }
        }

        /** The whole-file checks: Id range, duplicates, order, missing Ids, row count. */
        void finish(int endLine, OptionalInt expectedRows) {
            int n = expectedRows.orElse(count);
            String range = expectedRows.isPresent()
                    ? String.format(Locale.ROOT, "1..%d (expected %,d rows)", n, n)
                    : String.format(Locale.ROOT, "1..%d (the file has %,d rows)", n, count);
            int[] firstLine = new int[n + 1];
            int maxId = 0;
            int maxIdLine = 0;
            for (int r = 0; r < count; r++) {
                int id = ids[r];
                if (id == NO_ID) {
                    continue;
                }
                if (id < 1 || id > n) {
                    problems.add(lines[r], "Id " + id + " outside " + range);
                } else if (firstLine[id] != 0) {
                    problems.add(lines[r], "duplicate Id " + id + " (first on line " + firstLine[id] + ")");
                } else {
                    firstLine[id] = lines[r];
                    if (id < maxId) {
                        problems.add(lines[r], "Id " + id + " out of order: it comes after Id " + maxId + " (line "
                                + maxIdLine + "); rows must be sorted by Id");
                    } else {
                        maxId = id;
                        maxIdLine = lines[r];
                    }
                }
            }
            if (expectedRows.isPresent() && count != n) {
                if (count < n) {
                    problems.add(endLine, String.format(Locale.ROOT,
                            "the file ends after %,d data row%s; expected %,d (one per test image)", count,
                            count == 1 ? "" : "s", n));
                } else {
                    problems.add(lines[n], String.format(Locale.ROOT,
                            "data row %,d is one too many: the file has %,d data rows; expected %,d", n + 1, count, n));
                }
            } else if (count == 0) {
                problems.add(endLine, "no data rows after the header");
            }
            missingIds(n, firstLine, endLine);
        }

        /**
         * Reports each run of absent Ids at the line where the first of them belongs. An Id whose natural row
         * (row id-1) has an unreadable Id is not reported again: that line already has its problem.
         */
        private void missingIds(int n, int[] firstLine, int endLine) {
            int id = 1;
            while (id <= n) {
                if (firstLine[id] != 0 || (id - 1 < count && ids[id - 1] == NO_ID)) {
                    id++;
                    continue;
                }
                int from = id;
                while (id <= n && firstLine[id] == 0 && !(id - 1 < count && ids[id - 1] == NO_ID)) {
                    id++;
                }
                int to = id - 1;
                int line = from - 1 < count ? lines[from - 1] : endLine;
                problems.add(line, from == to ? "Id " + from + " missing"
                        : String.format(Locale.ROOT, "Ids %d..%d missing (%,d Ids)", from, to, to - from + 1));
            }
        }

        private void grow() {
            if (count == ids.length) {
                int size = ids.length * 2;
                ids = Arrays.copyOf(ids, size);
                labels = Arrays.copyOf(labels, size);
                lines = Arrays.copyOf(lines, size);
            }
        }

        private static String abbreviate(String text) {
            return IntField.show(text.length() <= 40 ? text : text.substring(0, 37) + "...");
        }
    }
}
