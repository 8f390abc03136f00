package a2.bench;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import a2.recipe.Recipe;
import java.util.ArrayList;
import java.util.List;
import org.deeplearning4j.nn.conf.CNN2DFormat;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;

class ThroughputTest {
    @Test
    void warmUpStepsComeFirstAndAreNotTimed() {
        List<Integer> seen = new ArrayList<>();
        Throughput.Timed t = new Throughput.Timing(2, 0, 3, 10).time(seen::add);
        assertEquals(List.of(0, 1, 2, 3, 4), seen);
        assertEquals(3, t.stepSeconds().length);
    }

    @Test
    void runsUntilBothMinimumsAreMetButNeverBeyondTheMaximum() throws Exception {
        Throughput.Timed t = new Throughput.Timing(0, 0.05, 2, 1000).time(i -> sleep(10));
        assertTrue(t.stepSeconds().length >= 4 && t.stepSeconds().length < 1000, "steps " + t.stepSeconds().length);
        assertTrue(t.seconds() >= 0.05);
        assertEquals(3, new Throughput.Timing(0, 60, 1, 3).time(i -> {}).stepSeconds().length);
    }

    @Test
    void refusesNonsenseTimings() {
        assertThrows(IllegalArgumentException.class, () -> new Throughput.Timing(-1, 1, 1, 1));
        assertThrows(IllegalArgumentException.class, () -> new Throughput.Timing(0, 1, 5, 4));
        assertThrows(IllegalArgumentException.class, () -> new Throughput.Timing(0, 1, 0, 4));
    }

    @Test
    void theRecipeCopyChangesOnlyTheInputSize() {
        Recipe r = Recipe.load(Throughput.RECIPE);
        Recipe big = Throughput.atInputSize(r, 96);
        assertEquals(96, big.data().inputSize());
        assertEquals(r.model(), big.model());
        assertEquals(r.optimizer(), big.optimizer());
        assertEquals(r.seed(), big.seed());
        assertEquals(r.toJson().replace("\"inputSize\" : 32", "\"inputSize\" : 96"), big.toJson());
    }

    @Test
    void aTinyDl4jBlockAndProfileRun() {
        SyntheticBatches data = SyntheticBatches.random(16, 16, 10, 1);
        Block train = Throughput.run(data, Mode.TRAIN, 1, 8, new Throughput.Timing(1, 0, 2, 2), 3, CNN2DFormat.NCHW);
        assertEquals("dl4j", train.framework());
        assertEquals(2, train.steps());
        assertEquals(3, train.rep());
        assertTrue(train.imagesPerSecond() > 0);
        Block infer = Throughput.run(data, Mode.INFER, 1, 8, new Throughput.Timing(1, 0, 2, 2), 0, CNN2DFormat.NHWC);
        assertEquals("infer", infer.mode());
        assertEquals("helpers-nhwc", infer.variant());

        Profile.Result p = Profile.run(16, 8, 1, 1, 2, CNN2DFormat.NCHW);
        // 3 stages x 2 x (conv, bn, relu) + 2 pools + gap + out.
        assertEquals(22, p.layers().size());
        assertEquals("s1c1", p.layers().get(0).name());
        assertEquals(2L * 16 * 16 * 3 * 32 * 9, p.layers().get(0).convForwardFlops());
        assertTrue(p.fitMs() > 0 && p.gradientMs() > 0 && p.pipelineMs() > 0);
        assertTrue(p.layers().stream().allMatch(l -> l.forwardMs() > 0 && l.backwardMs() > 0));
        assertTrue(Profile.format(p).contains("batch preparation"));
        // The census sees the six convolution layers' backward ops: 6 conv2d_bp calls per fit step.
        assertTrue(p.opCensus().contains("conv2d_bp  >>> [" + 6 * p.censusSteps() + "]"), p.opCensus());
        // ...and as many forward conv2d calls: the network's cache mode keeps each forward output for backprop, where
        // DL4J M2.1 by default recomputes it (12 calls per step; NetworksTest measures both).
        assertTrue(p.opCensus().contains("conv2d  >>> [" + 6 * p.censusSteps() + "]"), p.opCensus());
    }

    @Test
    void aTinyAirbenchBlockTrainsAndInfers() {
        SyntheticBatches data = SyntheticBatches.random(8, 32, 10, 4);
        Block train = Throughput.run(data, Net.AIRBENCH, Mode.TRAIN, 1, 4, new Throughput.Timing(1, 0, 2, 2), 1,
                CNN2DFormat.NCHW);
        assertEquals("dl4j", train.framework());
        assertEquals("helpers", train.variant());
        assertEquals(32, train.size());
        assertEquals(2, train.steps());
        assertTrue(train.imagesPerSecond() > 0);
        Block infer = Throughput.run(data, Net.AIRBENCH, Mode.INFER, 1, 4, new Throughput.Timing(0, 0, 2, 2), 0,
                CNN2DFormat.NCHW);
        assertEquals("infer", infer.mode());
        assertEquals(2, infer.steps());
    }

    @Test
    void theAirbenchNetworkIsTimedOnlyAsTheProjectBuildsIt() {
        SyntheticBatches data = SyntheticBatches.random(4, 32, 10, 5);
        assertThrows(IllegalArgumentException.class, () -> Throughput.network(Net.AIRBENCH, data, CNN2DFormat.NHWC));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Throughput.network(Net.AIRBENCH, SyntheticBatches.random(4, 96, 10, 5), CNN2DFormat.NCHW));
        assertTrue(e.getMessage().contains("32x32 only"), e.getMessage());
    }

    @Test
    void theNhwcTwinIsTheSameNetwork() {
        a2.backend.Backend.start(1);
        MultiLayerNetwork net = Throughput.network(16, 10, CNN2DFormat.NCHW);
        MultiLayerNetwork twin = Throughput.nhwcTwin(net);
        SyntheticBatches data = SyntheticBatches.random(8, 16, 10, 2);
        DataSet nchw = Throughput.dataSets(data, 8, CNN2DFormat.NCHW).get(0);
        DataSet nhwc = Throughput.dataSets(data, 8, CNN2DFormat.NHWC).get(0);
        assertArrayEquals(new long[] {8, 16, 16, 3}, nhwc.getFeatures().shape());
        INDArray p = net.output(nchw.getFeatures(), false);
        assertEquals(0.0, p.sub(twin.output(nhwc.getFeatures(), false)).amaxNumber().doubleValue(), 1e-6);
        // One training step with the same dropout mask: the same weights, to float rounding.
        Nd4j.getRandom().setSeed(5);
        net.fit(nchw);
        Nd4j.getRandom().setSeed(5);
        twin.fit(nhwc);
        assertEquals(0.0, net.params().sub(twin.params()).amaxNumber().doubleValue(), 1e-6);
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
