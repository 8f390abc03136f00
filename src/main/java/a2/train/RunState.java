package a2.train;

/**
 * Where a run stands, written atomically after every checkpoint ({@code state.json}); the files it names were
 * written before it, so whatever moment a run is killed, the state on disk points at complete files.
 *
 * @param epoch           0-based epoch in progress
 * @param stepInEpoch     steps of that epoch already done
 * @param globalStep      optimizer steps done in the whole run
 * @param checkpoint      file name of the model + updater checkpoint in the run folder
 * @param pseudoLabels    file name of the current pseudo-labels, or "" before the semi-supervised phase
 * @param lossSum         sum of minibatch losses in the epoch so far (for the epoch's log line)
 * @param trainSeconds    wall-clock seconds of optimizer steps so far in the epoch
 * @param unlabeledSeen   FixMatch: unlabeled images drawn so far in the epoch
 * @param unlabeledUsed   FixMatch: of those, how many passed the threshold and were trained on
 * @param dataWaitSeconds seconds the training thread waited for the prefetch thread's batches in the epoch so far
 */
public record RunState(int epoch, int stepInEpoch, long globalStep, String checkpoint, String pseudoLabels,
                       double bestValAccuracy, int bestEpoch, double lossSum, double trainSeconds, double totalSeconds,
                       boolean finished, long unlabeledSeen, long unlabeledUsed,
                       double dataWaitSeconds) {

    /** Before the first step. */
    static RunState initial() {
        return new RunState(0, 0, 0, "", "", -1, 0, 0, 0, 0, false, 0, 0, 0);
    }

    /** Where the current epoch stands after {@code stepInEpoch} of its steps, with its running sums. */
    RunState afterSteps(int stepInEpoch, long globalStep, double lossSum, double trainSeconds, double totalSeconds,
                        long unlabeledSeen, long unlabeledUsed, double dataWaitSeconds) {
        return new RunState(epoch, stepInEpoch, globalStep, checkpoint, pseudoLabels, bestValAccuracy, bestEpoch, lossSum,
                trainSeconds, totalSeconds, finished, unlabeledSeen, unlabeledUsed, dataWaitSeconds);
    }

    /** The epoch is measured: the next one starts with empty sums. */
    RunState nextEpoch(double bestValAccuracy, int bestEpoch, double totalSeconds, boolean finished) {
        return new RunState(epoch + 1, 0, globalStep, checkpoint, pseudoLabels, bestValAccuracy, bestEpoch, 0, 0,
                totalSeconds, finished, 0, 0, 0);
    }

    RunState withCheckpoint(String file) {
        return new RunState(epoch, stepInEpoch, globalStep, file, pseudoLabels, bestValAccuracy, bestEpoch, lossSum,
                trainSeconds, totalSeconds, finished, unlabeledSeen, unlabeledUsed, dataWaitSeconds);
    }

    RunState withTotalSeconds(double seconds) {
        return new RunState(epoch, stepInEpoch, globalStep, checkpoint, pseudoLabels, bestValAccuracy, bestEpoch, lossSum,
                trainSeconds, seconds, finished, unlabeledSeen, unlabeledUsed, dataWaitSeconds);
    }

    RunState withPseudoLabels(String file) {
        return new RunState(epoch, stepInEpoch, globalStep, checkpoint, file, bestValAccuracy, bestEpoch, lossSum,
                trainSeconds, totalSeconds, finished, unlabeledSeen, unlabeledUsed, dataWaitSeconds);
    }
}
