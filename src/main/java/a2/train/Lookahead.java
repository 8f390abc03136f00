package a2.train;

import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * airbench's lookahead: every {@code every} steps the slow weights move toward the fast ones,
 * {@code slow <- decay * slow + (1 - decay) * fast}, and the fast weights restart from the slow ones. The decay grows
 * with the cube of the run's progress, {@code decay = base^every * (step / total)^3}, so early on the slow copy follows
 * the fast one closely and late it averages over many steps; at the end of the budget the slow weights are the final
 * ones. DL4J keeps batch norm's running statistics among the parameters, so they are averaged too, as airbench
 * averages every floating-point buffer of its state dict.
 *
 * <p>The slow copy is state: it is saved beside every checkpoint so a resumed run continues bit for bit.
 */
public final class Lookahead {
    /** airbench's per-step base, raised to the power of the interval. */
    public static final double BASE = 0.95;
    /** airbench's interval between updates. */
    public static final int EVERY = 5;

    private final INDArray slow;
    private final int every;

    /** Starts the slow weights at a copy of {@code params}. */
    public static Lookahead start(INDArray params, int every) {
        return new Lookahead(params.dup(), every);
    }

    /** @param slow the slow weights, owned from here on */
    private Lookahead(INDArray slow, int every) {
        if (every < 1) {
            throw new IllegalArgumentException("the lookahead interval must be at least 1, got " + every);
        }
        this.slow = slow;
        this.every = every;
    }

    /** Restores the slow weights saved in a checkpoint ({@link #slowWeights()}), checked against the network's size. */
    public static Lookahead restore(INDArray saved, INDArray params, int every) {
        if (saved.length() != params.length()) {
            throw new IllegalArgumentException("the checkpoint's lookahead weights have " + saved.length()
                    + " values, the network " + params.length());
        }
        return new Lookahead(saved.dup().reshape(params.shape()), every);
    }

    /** The decay at {@code step} of {@code total}: {@code BASE^every * (step / total)^3}. */
    public static double decay(int every, long step, long total) {
        double progress = Math.min(1.0, (double) step / total);
        return Math.pow(BASE, every) * progress * progress * progress;
    }

    /**
     * Called after optimizer step {@code step} (1-based count of steps done): on every {@code every}-th step, updates
     * the slow weights and resets {@code params} (the network's parameter view, changed in place) to them.
     *
     * @return whether it updated
     */
    public boolean afterStep(INDArray params, long step, long total) {
        if (step % every != 0) {
            return false;
        }
        update(params, decay(every, step, total));
        return true;
    }

    /** The last update of a run: the network takes the slow weights ({@code decay} 1 keeps them as they are). */
    public void finish(INDArray params) {
        update(params, 1.0);
    }

    private void update(INDArray params, double decay) {
        // slow <- slow + (1 - decay) * (fast - slow), i.e. PyTorch's lerp_(fast, 1 - decay); then fast <- slow.
        slow.muli(decay).addi(params.mul(1 - decay));
        params.assign(slow);
    }

    /** The slow weights, for a checkpoint. */
    public INDArray slowWeights() {
        return slow.dup();
    }
}
