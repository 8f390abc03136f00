package a2.verify;

import java.util.List;
import java.util.Locale;

/** Plain-text tables for reports: fixed-width columns, labels 1-based, class names where known. */
final class Tables {
    private Tables() {}

    /**
     * A square count matrix; row and column k (0-based) are label k + 1. Rows carry the class name when
     * {@code names} is non-empty; columns carry only the label, to keep the table narrow.
     */
    static String matrix(int[][] counts, List<String> names) {
        int k = counts.length;
        int cell = 3;
        for (int[] row : counts) {
            for (int c : row) {
                cell = Math.max(cell, String.format(Locale.ROOT, "%,d", c).length());
            }
        }
        int rowLabel = String.valueOf(k).length();
        for (String name : names) {
            rowLabel = Math.max(rowLabel, String.valueOf(k).length() + 1 + name.length());
        }
        StringBuilder out = new StringBuilder();
        out.append("  ").append(" ".repeat(rowLabel));
        for (int j = 0; j < k; j++) {
            out.append(' ').append(pad(String.valueOf(j + 1), cell));
        }
        out.append('\n');
        for (int i = 0; i < k; i++) {
            out.append("  ").append(padRight(label(i, k, names), rowLabel));
            for (int j = 0; j < k; j++) {
                out.append(' ').append(pad(String.format(Locale.ROOT, "%,d", counts[i][j]), cell));
            }
            out.append('\n');
        }
        return out.toString();
    }

    /** {@code " 3 cat"} or {@code " 3"}: the 1-based label right-aligned, then the name if known. */
    static String label(int index, int numClasses, List<String> names) {
        String number = pad(String.valueOf(index + 1), String.valueOf(numClasses).length());
        return names.isEmpty() ? number : number + " " + names.get(index);
    }

    static String pad(String s, int width) {
        return s.length() >= width ? s : " ".repeat(width - s.length()) + s;
    }

    static String padRight(String s, int width) {
        return s.length() >= width ? s : s + " ".repeat(width - s.length());
    }
}
