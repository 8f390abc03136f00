package a2.model;

import org.nd4j.linalg.schedule.ISchedule;
import org.nd4j.shade.jackson.annotation.JsonProperty;

/**
 * Learning rate per optimizer step, piecewise linear through three knots (airbench's "triangle"): {@code start *
 * peak} at step 0, {@code peak} at {@code peakFraction} of the run, {@code end * peak} at its last step. airbench94
 * uses start 0.2, peak fraction 0.23, end 0.07. A pure function of the step, stored in the network configuration, so
 * a resumed run continues the same line from DL4J's own iteration counter; the knots follow the recipe's budget.
 */
public final class TriangleSchedule implements ISchedule {
    private final double peak;
    private final double start;
    private final double peakFraction;
    private final double end;
    private final int totalSteps;

    public TriangleSchedule(@JsonProperty("peak") double peak, @JsonProperty("start") double start,
                            @JsonProperty("peakFraction") double peakFraction, @JsonProperty("end") double end,
                            @JsonProperty("totalSteps") int totalSteps) {
        if (!(peak > 0) || !(start >= 0) || !(end >= 0) || !(peakFraction > 0 && peakFraction < 1) || totalSteps < 2) {
            throw new IllegalArgumentException("bad triangle schedule: peak " + peak + ", start " + start + ", peak at "
                    + peakFraction + ", end " + end + ", " + totalSteps + " steps");
        }
        this.peak = peak;
        this.start = start;
        this.peakFraction = peakFraction;
        this.end = end;
        this.totalSteps = totalSteps;
    }

    /** The rate at {@code step} (0-based); past the last step it stays at the end value. */
    public static double at(double peak, double start, double peakFraction, double end, int totalSteps, int step) {
        double last = totalSteps - 1, knot = peakFraction * last;
        double s = Math.min(step, last);
        double frac = s <= knot ? start + (1 - start) * s / knot : 1 + (end - 1) * (s - knot) / (last - knot);
        return peak * frac;
    }

    @Override
    public double valueAt(int iteration, int epoch) {
        return at(peak, start, peakFraction, end, totalSteps, iteration);
    }

    @Override
    public ISchedule clone() {
        return new TriangleSchedule(peak, start, peakFraction, end, totalSteps);
    }

    public double getPeak() {
        return peak;
    }

    public double getStart() {
        return start;
    }

    public double getPeakFraction() {
        return peakFraction;
    }

    public double getEnd() {
        return end;
    }

    public int getTotalSteps() {
        return totalSteps;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof TriangleSchedule t && t.peak == peak && t.start == start && t.peakFraction == peakFraction
                && t.end == end && t.totalSteps == totalSteps;
    }

    @Override
    public int hashCode() {
        return java.util.Objects.hash(peak, start, peakFraction, end, totalSteps);
    }
}
