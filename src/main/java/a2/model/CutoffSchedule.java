package a2.model;

import org.nd4j.linalg.schedule.ISchedule;
import org.nd4j.shade.jackson.annotation.JsonProperty;

/**
 * Another schedule until step {@code steps}, then 0: a parameter that learns for the first part of a run only and is
 * frozen after (airbench trains its whitening layer's bias for its first 3 of 9.9 epochs). Stored in the network
 * configuration like the schedule it wraps, so a resumed run freezes at the same step.
 */
public final class CutoffSchedule implements ISchedule {
    private final ISchedule inner;
    private final int steps;

    public CutoffSchedule(@JsonProperty("inner") ISchedule inner, @JsonProperty("steps") int steps) {
        if (inner == null || steps < 0) {
            throw new IllegalArgumentException("bad cutoff schedule: " + inner + " until step " + steps);
        }
        this.inner = inner;
        this.steps = steps;
    }

    @Override
    public double valueAt(int iteration, int epoch) {
        return iteration < steps ? inner.valueAt(iteration, epoch) : 0;
    }

    @Override
    public ISchedule clone() {
        return new CutoffSchedule(inner.clone(), steps);
    }

    public ISchedule getInner() {
        return inner;
    }

    public int getSteps() {
        return steps;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof CutoffSchedule c && c.inner.equals(inner) && c.steps == steps;
    }

    @Override
    public int hashCode() {
        return java.util.Objects.hash(inner, steps);
    }
}
