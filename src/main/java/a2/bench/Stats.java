package a2.bench;

import java.util.Arrays;
import java.util.Collection;

/** The small statistics the comparison prints: medians of repeated blocks and their ratios. */
public final class Stats {
    private Stats() {}

    /** The median; for an even count the mean of the two middle values. */
    public static double median(double... values) {
        if (values.length == 0) {
            throw new IllegalArgumentException("median of no values");
        }
        double[] v = values.clone();
        Arrays.sort(v);
        int m = v.length / 2;
        return v.length % 2 == 1 ? v[m] : (v[m - 1] + v[m]) / 2;
    }

    public static double median(Collection<Double> values) {
        return median(values.stream().mapToDouble(Double::doubleValue).toArray());
    }

    /**
     * {@code numerator / denominator} for two throughputs (images/s): above 1 the numerator is faster. NaN when the
     * denominator is missing or zero, so a table shows the gap instead of an infinity.
     */
    public static double ratio(double numerator, double denominator) {
        return denominator > 0 && Double.isFinite(numerator) ? numerator / denominator : Double.NaN;
    }
}
