package a2.train;

import a2.data.Split;
import java.util.SplittableRandom;

/**
 * Which images make up each step of an epoch: a pure function of (seed, epoch, training indices, confident
 * pseudo-labeled pools). Labeled images are drawn from a fresh permutation each epoch; pseudo-labeled images
 * class-balanced (round-robin over classes, each class's confident pool in its own permutation), so a class the
 * model already favours cannot take over the unlabeled half of the batch.
 */
final class BatchPlan {
    private BatchPlan() {}

    /** One step: labeled indices (into the labeled set) and pseudo-labeled indices (into the unlabeled pool). */
    record Step(int[] labeled, int[] pseudo) {}

    static Step[] plan(long seed, int epoch, int[] trainIdx, int steps, int batch, int pseudoPerBatch,
                       int[][] confidentByClass) {
        SplittableRandom rng = new SplittableRandom(Seeds.derive(seed, RandomStream.SHUFFLE, epoch));
        int[] perm = trainIdx.clone();
        Split.shuffle(perm, rng);
        int[][] pools = new int[confidentByClass == null ? 0 : confidentByClass.length][];
        for (int k = 0; k < pools.length; k++) {
            pools[k] = confidentByClass[k].clone();
            Split.shuffle(pools[k], rng);
        }
        boolean usePseudo = pseudoPerBatch > 0 && java.util.Arrays.stream(pools).anyMatch(p -> p.length > 0);
        int nPseudo = usePseudo ? pseudoPerBatch : 0, nLabeled = batch - nPseudo;
        int[] cursor = new int[pools.length];
        int labeledCursor = 0, classCursor = 0;
        Step[] out = new Step[steps];
        for (int s = 0; s < steps; s++) {
            int[] lab = new int[nLabeled];
            for (int i = 0; i < nLabeled; i++) {
                if (labeledCursor == perm.length) {
                    Split.shuffle(perm, rng);
                    labeledCursor = 0;
                }
                lab[i] = perm[labeledCursor++];
            }
            int[] ps = new int[nPseudo];
            for (int i = 0; i < nPseudo; i++) {
                while (pools[classCursor % pools.length].length == 0) {
                    classCursor++;
                }
                int k = classCursor++ % pools.length;
                ps[i] = pools[k][cursor[k]++ % pools[k].length];
            }
            out[s] = new Step(lab, ps);
        }
        return out;
    }

    /**
     * The unlabeled images FixMatch draws at one step: positions {@code step * count ... + count - 1} of an endless
     * sequence that walks through the pool in a fresh permutation per pass, so every image is seen once per pass
     * and the draw is a pure function of (seed, global step).
     */
    static int[] unlabeled(long seed, long globalStep, int count, int poolSize) {
        int[] out = new int[count];
        long first = globalStep * count;
        long pass = -1;
        int[] perm = null;
        for (int i = 0; i < count; i++) {
            long at = first + i;
            if (at / poolSize != pass) {
                pass = at / poolSize;
                perm = java.util.stream.IntStream.range(0, poolSize).toArray();
                Split.shuffle(perm, new SplittableRandom(Seeds.derive(seed, RandomStream.UNLABELED, pass)));
            }
            out[i] = perm[(int) (at % poolSize)];
        }
        return out;
    }
}
