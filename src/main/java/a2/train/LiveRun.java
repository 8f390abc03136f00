package a2.train;

import java.util.List;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;

/** The mutable part of a run: the network, where it stands, the current pseudo-labels and the epoch log. */
final class LiveRun {
    final MultiLayerNetwork net;
    RunState state;
    PseudoLabels pseudo;
    /** FlexMatch's memory of the unlabeled images' confident classes; null for other methods. */
    final ClassThresholds classes;
    /** The lookahead's slow weights ({@code optimizer.lookahead}); null without. */
    final Lookahead lookahead;
    final List<EpochLog.Row> logRows;
    long segmentStart = System.nanoTime();

    LiveRun(MultiLayerNetwork net, RunState state, PseudoLabels pseudo, ClassThresholds classes, Lookahead lookahead,
            List<EpochLog.Row> logRows) {
        this.net = net;
        this.state = state;
        this.pseudo = pseudo;
        this.classes = classes;
        this.lookahead = lookahead;
        this.logRows = logRows;
    }

    /** Seconds since the run (or its resumption) began, carried over checkpoints. */
    double totalSeconds() {
        return state.totalSeconds() + (System.nanoTime() - segmentStart) / 1e9;
    }
}
