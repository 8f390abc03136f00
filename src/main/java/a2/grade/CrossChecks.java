package a2.grade;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * Checks across teams, for a human to look at (never a status): teams that share one model file, and teams with
 * different (verified) models whose submissions agree on more rows than two different models of their accuracy
 * would. A team whose model was never verified is in neither check: its model is unknown.
 */
final class CrossChecks {
    /** Two different models of this project's accuracy (~80%) agree on ~85% of rows; 99% is one model twice. */
    static final double SUSPICIOUS_AGREEMENT = 0.99;

    private CrossChecks() {}

    /**
     * A team's graded inputs, as the checks need them.
     *
     * @param modelSha256 of the model as verified by its child; empty when it was never fetched or did not match
     * @param labels      the valid submission's labels, or null
     */
    record Entry(String team, String modelSha256, int[] labels) {}

    /** @return team name to the flags it gets, in roster order of the other team */
    static Map<String, List<String>> run(List<Entry> entries) {
        Map<String, List<String>> flags = new TreeMap<>();
        for (Entry e : entries) {
            flags.put(e.team(), new ArrayList<>());
        }
        for (int i = 0; i < entries.size(); i++) {
            for (int j = i + 1; j < entries.size(); j++) {
                Entry a = entries.get(i);
                Entry b = entries.get(j);
                if (!a.modelSha256().isEmpty() && a.modelSha256().equals(b.modelSha256())) {
                    flags.get(a.team()).add("same model as " + b.team());
                    flags.get(b.team()).add("same model as " + a.team());
                } else if (!a.modelSha256().isEmpty() && !b.modelSha256().isEmpty() && a.labels() != null
                        && b.labels() != null && a.labels().length == b.labels().length) {
                    double agree = agreement(a.labels(), b.labels());
                    if (agree > SUSPICIOUS_AGREEMENT) {
                        String pct = String.format(Locale.ROOT, "%.2f%%", 100 * agree);
                        flags.get(a.team()).add("submission agrees with " + b.team() + "'s on " + pct + " of rows (different models)");
                        flags.get(b.team()).add("submission agrees with " + a.team() + "'s on " + pct + " of rows (different models)");
                    }
                }
            }
        }
        return flags;
    }

    static double agreement(int[] a, int[] b) {
        int same = 0;
        for (int i = 0; i < a.length; i++) {
            same += a[i] == b[i] ? 1 : 0;
        }
        return a.length == 0 ? 1 : (double) same / a.length;
    }

    /** Kaggle rounds to the row: a public score more than half a row off is not this file's. */
    static boolean kaggleMismatch(double kaggle, double recomputed, int publicRows) {
        return !Double.isNaN(recomputed) && publicRows > 0 && Math.abs(kaggle - recomputed) * publicRows > 0.5;
    }
}
