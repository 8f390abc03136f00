package a2.figures;

import static org.junit.jupiter.api.Assertions.assertEquals;

import a2.model.Inference;
import a2.model.Networks;
import a2.model.Preprocessing;
import java.util.List;
import java.util.Map;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;

/** The figures' reading of airbench's network: its stage ends, logits and architecture rows. */
class AirbenchFiguresTest {
    static MultiLayerNetwork net() {
        return Networks.build(a2.model.AirbenchRecipeNetworkTestAccess.recipe(), 3, 5,
                a2.model.AirbenchRecipeNetworkTestAccess.whitening());
    }

    @Test
    void probesAreTheGeluStageEndsThenTheMaxPooledGapThenLogits() {
        List<Features.Probe> probes = Features.defaultProbes(net());
        assertEquals(List.of("s1c2gelu", "gap", "logits"), probes.stream().map(Features.Probe::layer).toList());
        assertEquals("stage 2, global max pool", probes.get(1).caption());
    }

    /** The logits of the output layer without bias, on its 1/9-scaled input: their softmax is the network's output. */
    @Test
    void theLogitsAreWhatTheSoftmaxOfTheOutputLayerReads() {
        MultiLayerNetwork net = net();
        Preprocessing pre = new Preprocessing(16, new float[] {0.5f, 0.5f, 0.5f}, new float[] {0.25f, 0.25f, 0.25f});
        int[] idx = {0, 3, 6};
        Map<String, double[][]> f = Features.extract(net, pre, FeaturesTest.images(), idx, Features.defaultProbes(net));
        float[][] probs = Inference.probabilities(net, pre, FeaturesTest.images(), idx, n -> {});
        for (int i = 0; i < idx.length; i++) {
            double[] z = f.get("logits")[i];
            double max = java.util.Arrays.stream(z).max().orElseThrow(), sum = 0;
            for (double v : z) {
                sum += Math.exp(v - max);
            }
            for (int k = 0; k < z.length; k++) {
                assertEquals(probs[i][k], Math.exp(z[k] - max) / sum, 1e-5, "image " + i + " class " + k);
            }
        }
    }

    @Test
    void theArchitectureRowsNameWhiteningShiftOnlyBatchNormGeluAndTheScaledMaxPool() {
        var rows = ArchitectureTable.architecture(net(), 16);
        assertEquals(List.of("white", "s1c1", "s1pool", "s1c2", "s2c1", "s2pool", "s2c2", "gap", "out"),
                rows.stream().map(Tables.ArchitectureRow::layers).toList());
        assertEquals("conv $2\\times2$, 24 ch. (frozen patch whitening), GELU", rows.get(0).operation());
        assertEquals(24, rows.get(0).parameters(), "the bias only: the kernel is frozen");
        assertEquals("max pool $2\\times2$, stride 2, batch norm (shift only), GELU", rows.get(2).operation());
        assertEquals(8, rows.get(2).parameters(), "the 8 shifts; the scales are fixed");
        assertEquals("$8 \\times 7 \\times 7$", rows.get(2).outputShape());
        assertEquals("global max pool, times $1/9$", rows.get(7).operation());
        assertEquals("linear (no bias), softmax", rows.get(8).operation());
        assertEquals(16 * 3, rows.get(8).parameters());
    }

    @Test
    void aStudentsCurveStartsWhereItsTeacherEnded() {
        var t = new TrainingLog(List.of(epoch(1, 0.5, 1800), epoch(2, 0.6, 3600)));
        var s = new TrainingLog(List.of(epoch(1, 0.7, 900), epoch(2, 0.8, 1800)));
        var timed = OneCoreHours.append(List.of(new OneCoreHours.Stage("t", t), new OneCoreHours.Stage("s", s)));
        assertEquals(List.of(0.5, 1.0, 1.25, 1.5), timed.points().stream().map(p -> p[0]).toList());
        assertEquals(List.of(0.5, 0.6, 0.7, 0.8), timed.points().stream().map(p -> p[1]).toList());
        assertEquals(1.5, timed.totalHours());
    }

    static TrainingLog.Epoch epoch(int e, double val, double seconds) {
        return new TrainingLog.Epoch(e, e * 10L, 0.1, 1, 0.5, val, 100, Double.NaN, Double.NaN, Double.NaN, seconds / 2, seconds);
    }
}
