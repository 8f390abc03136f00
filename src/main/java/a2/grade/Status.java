package a2.grade;

/**
 * The one status of a graded team. Only the last three are ever decided from the outside of a child JVM (no
 * result file appeared); every other status is what the child wrote.
 */
public enum Status {
    /** The regenerated predictions have the submitted label on every row. */
    MATCH,
    /** Some rows differ and at least one of them is not a near-tie: another model made the submission. */
    DIFFER,
    /** Rows differ, but every one is a near-tie by {@code verify}'s rule (float noise, not another model). */
    NEAR_TIES_ONLY,
    /** The submission breaks the submission format. */
    INVALID_SUBMISSION,
    /** No submission file where the roster says. */
    MISSING_SUBMISSION,
    /** The model cannot be fetched (not found, refused, stalled). */
    MODEL_UNAVAILABLE,
    /** The model's bytes do not have the roster's SHA-256. */
    CHECKSUM_MISMATCH,
    /** The model was trained for another dataset or other classes than the one graded. */
    WRONG_DATASET,
    /** The child exceeded the team's wall-clock limit. */
    TIMEOUT,
    /** The child exhausted its heap or off-heap limit. */
    OUT_OF_MEMORY,
    /** The child ended without writing a result. */
    CRASHED;

    /** Statuses whose submission was regenerated: the submission was reproduced or it was not. */
    public boolean compared() {
        return this == MATCH || this == DIFFER || this == NEAR_TIES_ONLY;
    }

    /** A rerun grades these teams again even when no input changed: the cause may have been transient. */
    public boolean retried() {
        return this == MODEL_UNAVAILABLE || this == TIMEOUT;
    }
}
