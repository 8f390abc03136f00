package a2.model;

import org.nd4j.linalg.schedule.ISchedule;
import org.nd4j.linalg.schedule.ScheduleType;
import org.nd4j.shade.jackson.annotation.JsonProperty;

/**
 * Learning rate per optimizer step: linear warm-up from 0 over {@code warmupSteps}, then cosine decay to 0 at
 * {@code totalSteps} (Loshchilov and Hutter, SGDR, without restarts). A pure function of the step, stored in the
 * network configuration, so a resumed run continues the same curve from DL4J's own iteration counter.
 */
public final class WarmupCosineSchedule implements ISchedule {
    private final double peak;
    private final int warmupSteps;
    private final int totalSteps;

    public WarmupCosineSchedule(@JsonProperty("peak") double peak, @JsonProperty("warmupSteps") int warmupSteps,
                                @JsonProperty("totalSteps") int totalSteps) {
        if (peak <= 0 || warmupSteps < 0 || totalSteps <= warmupSteps) {
            throw new IllegalArgumentException("bad schedule: peak " + peak + ", warmup " + warmupSteps + ", total " + totalSteps);
        }
        this.peak = peak;
        this.warmupSteps = warmupSteps;
        this.totalSteps = totalSteps;
    }

    public static double at(double peak, int warmupSteps, int totalSteps, int step) {
        if (step < warmupSteps) {
            return peak * (step + 1) / warmupSteps;
        }
        double progress = Math.min(1.0, (double) (step - warmupSteps) / (totalSteps - warmupSteps));
        return peak * 0.5 * (1 + Math.cos(Math.PI * progress));
    }

    @Override
    public double valueAt(int iteration, int epoch) {
        return at(peak, warmupSteps, totalSteps, iteration);
    }

    @Override
    public ISchedule clone() {
        return new WarmupCosineSchedule(peak, warmupSteps, totalSteps);
    }

    public double getPeak() {
        return peak;
    }

    public int getWarmupSteps() {
        return warmupSteps;
    }

    public int getTotalSteps() {
        return totalSteps;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof WarmupCosineSchedule s && s.peak == peak && s.warmupSteps == warmupSteps && s.totalSteps == totalSteps;
    }

    @Override
    public int hashCode() {
        return java.util.Objects.hash(peak, warmupSteps, totalSteps);
    }
}
