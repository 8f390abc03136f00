package a2.verify;

import a2.io.AtomicFiles;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * The per-row top-2 scores written beside regenerated predictions ({@code result/scores.csv}), so that a
 * difference from a submission can be told apart as a near-tie (the two best classes within float noise of each
 * other: another CPU, another BLAS) or a different model:
 *
 * <pre>
 * Id,Top1,P1,Top2,P2
 * 1,7,0.912345,3,0.051234
 * </pre>
 *
 * <p>Labels are 1-based like the submission; probabilities are printed with {@value #PROBABILITY_FORMAT} in
 * {@link Locale#ROOT} (a dot, never a comma, whatever the machine's locale). Same text rules as the submission:
 * UTF-8 (ASCII), LF, a newline after the last row.
 */
public final class ScoresFile {
    private ScoresFile() {}

    public static final String HEADER = "Id,Top1,P1,Top2,P2";
    /** Six decimals: well below the default near-tie threshold of 1e-3, short enough to read. */
    public static final String PROBABILITY_FORMAT = "%.6f";

    /** Exactly what {@link #PROBABILITY_FORMAT} prints for a value in [0, 1]. */
    private static final Pattern PROBABILITY = Pattern.compile("[01]\\.[0-9]{6}");

    /** The two most probable classes of one row (1-based labels), {@code p1 >= p2}. */
    public record Row(int top1, float p1, int top2, float p2) {
        public Row {
            if (top1 < 1 || top2 < 1 || top1 == top2) {
                throw new IllegalArgumentException("top-2 labels must be distinct and 1-based: " + top1 + ", " + top2);
            }
            if (!(p1 >= 0 && p1 <= 1 && p2 >= 0 && p2 <= p1)) {
                throw new IllegalArgumentException("need 0 <= p2 <= p1 <= 1, got p1=" + p1 + " p2=" + p2);
            }
        }

        /** How far the winner is ahead: below the near-tie threshold, float noise can swap the two. */
        public double margin() {
            return (double) p1 - (double) p2;
        }
    }

    /** Writes the scores atomically; arrays are parallel, Ids 1..n in order. */
    public static void write(Path target, int[] ids, int[] top1, float[] p1, int[] top2, float[] p2) {
        AtomicFiles.writeBytes(target, bytes(ids, top1, p1, top2, p2));
    }

    /** The file's bytes, for a caller that writes it together with others ({@link AtomicFiles#writeAll}). */
    public static byte[] bytes(int[] ids, int[] top1, float[] p1, int[] top2, float[] p2) {
        PredictionsFile.requireIds(ids, top1.length, "top-1 labels");
        if (p1.length != ids.length || top2.length != ids.length || p2.length != ids.length) {
            throw new IllegalArgumentException("arrays differ in length: ids " + ids.length + ", top1 " + top1.length
                    + ", p1 " + p1.length + ", top2 " + top2.length + ", p2 " + p2.length);
        }
        StringBuilder text = new StringBuilder(HEADER.length() + 1 + ids.length * 32);
        text.append(HEADER).append('\n');
        for (int i = 0; i < ids.length; i++) {
            Row row = new Row(top1[i], p1[i], top2[i], p2[i]);
            text.append(ids[i]).append(',').append(row.top1()).append(',').append(probability(row.p1()))
                    .append(',').append(row.top2()).append(',').append(probability(row.p2())).append('\n');
        }
        return text.toString().getBytes(StandardCharsets.US_ASCII);
    }

    static String probability(float p) {
        return String.format(Locale.ROOT, PROBABILITY_FORMAT, p);
    }

    /**
     * Reads and checks a scores file: header, Ids 1..n in order, labels >= 1 and distinct, probabilities in the
     * written format with {@code 0 <= P2 <= P1 <= 1}.
     *
     * @return Id to row, in Id order
     * @throws ValidationException listing every problem as {@code FILE:LINE: message}
     */
    public static SortedMap<Integer, Row> read(Path file) {
        byte[] bytes = TextLines.readBounded(file, "a scores file");
        Problems problems = new Problems();
        SortedMap<Integer, Row> rows = new TreeMap<>();
        int[] dataRows = {0};
        TextLines.Summary summary = TextLines.read(bytes, problems, (number, text) -> {
            if (number == 1) {
                if (!text.equals(HEADER)) {
                    problems.add(1, "wrong header: expected exactly '" + HEADER + "', found '"
                            + IntField.show(text) + "'");
                }
                return;
            }
            if (text.isBlank()) {
                problems.add(number, "blank line");
                return;
            }
            int id = ++dataRows[0];
            Row row = row(number, text, id, problems);
            if (row != null) {
                rows.put(id, row);
            }
        });
        if (summary.text() && summary.lines() == 1) {
            problems.add(summary.endLine(), "no data rows after the header");
        }
        if (!problems.isEmpty()) {
            Validation failed = new Validation(problems.listed(), problems.unlisted(), dataRows[0],
                    java.util.Optional.empty());
            throw new ValidationException(failed.describe(file));
        }
        return Collections.unmodifiableSortedMap(rows);
    }

    /** Parses one data row; returns null after reporting its problems. */
    private static Row row(int number, String text, int expectedId, Problems problems) {
        String[] f = text.split(",", -1);
        if (f.length != 5) {
            problems.add(number, "expected 5 columns (" + HEADER + "), found " + f.length);
            return null;
        }
        List<String> found = new ArrayList<>();
        IntField.Parsed id = IntField.parse("Id", f[0]);
        IntField.Parsed top1 = IntField.parse("Top1", f[1]);
        IntField.Parsed top2 = IntField.parse("Top2", f[3]);
        for (IntField.Parsed p : new IntField.Parsed[] {id, top1, top2}) {
            if (!p.ok()) {
                found.add(p.problem());
            }
        }
        if (id.ok() && id.value() != expectedId) {
            found.add("Id " + id.value() + " where Id " + expectedId + " belongs (rows must be Ids 1..n in order)");
        }
        if (top1.ok() && top1.value() < 1 || top2.ok() && top2.value() < 1) {
            found.add("labels are 1-based: Top1=" + IntField.show(f[1]) + ", Top2=" + IntField.show(f[3]));
        } else if (top1.ok() && top2.ok() && top1.value() == top2.value()) {
            found.add("Top1 and Top2 are both " + f[1]);
        }
        for (int c : new int[] {2, 4}) {
            if (!PROBABILITY.matcher(f[c]).matches()) {
                found.add((c == 2 ? "P1" : "P2") + " '" + IntField.show(f[c]) + "' is not a probability written as "
                        + PROBABILITY_FORMAT + " (like 0.912345)");
            }
        }
        if (found.isEmpty()) {
            float p1 = Float.parseFloat(f[2]);
            float p2 = Float.parseFloat(f[4]);
            if (p1 > 1 || p2 > p1) {
                found.add("need 0 <= P2 <= P1 <= 1, found P1=" + f[2] + ", P2=" + f[4]);
            } else {
                return new Row(top1.intValue(), p1, top2.intValue(), p2);
            }
        }
        found.forEach(message -> problems.add(number, message));
        return null;
    }

}
