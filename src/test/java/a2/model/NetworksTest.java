package a2.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import a2.backend.Backend;
import a2.recipe.Recipe;
import a2.recipe.SemiSupervised;
import java.util.List;
import org.deeplearning4j.nn.conf.CacheMode;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.profiler.OpProfiler;
import org.nd4j.linalg.profiler.ProfilerConfig;

/** The recipe's network keeps each convolution's forward output for its backward pass, and that changes nothing. */
class NetworksTest {
    static final int SIDE = 16, STEPS = 3;

    @BeforeAll
    static void backend() {
        Backend.start(1);
    }

    static Recipe recipe() {
        return new Recipe("tiny", 1, "test", new Recipe.Data("synthetic", SIDE, 2, 1), new Recipe.Augment(false, 0, 0, 0, 0, 0),
                new Recipe.Model(List.of(4, 8), 2, 0.3), new Recipe.Optimizer(0.05, 0.9, 5e-4, 8, 1),
                SemiSupervised.none(), new Recipe.Budget(2, 3), 11);
    }

    static List<DataSet> batches() {
        Nd4j.getRandom().setSeed(5);
        return java.util.stream.IntStream.range(0, STEPS).mapToObj(i -> {
            var y = Nd4j.zeros(DataType.FLOAT, 8, 3);
            for (int r = 0; r < 8; r++) {
                y.putScalar(r, (r + i) % 3, 1f);
            }
            return new DataSet(Nd4j.randn(DataType.FLOAT, 8, 3, SIDE, SIDE), y);
        }).toList();
    }

    static float[] train(MultiLayerNetwork net, List<DataSet> data) {
        for (int i = 0; i < data.size(); i++) {
            Nd4j.getRandom().setSeed(100 + i); // dropout masks as the trainer seeds them: per step
            net.fit(data.get(i));
        }
        return net.params().dup().toFloatVector();
    }

    static long conv2dCalls(MultiLayerNetwork net, List<DataSet> data) {
        OpProfiler profiler = OpProfiler.getInstance();
        Nd4j.getExecutioner().setProfilingConfig(ProfilerConfig.builder().checkElapsedTime(true).build());
        profiler.reset();
        try {
            data.forEach(net::fit);
            return profiler.getOpCounter().getCount("conv2d");
        } finally {
            Nd4j.getExecutioner().setProfilingConfig(ProfilerConfig.builder().build());
        }
    }

    @Test
    void cachingTheForwardConvolutionGivesBitIdenticalTraining() {
        MultiLayerNetwork net = Networks.build(recipe(), 3, 3);
        assertEquals(CacheMode.DEVICE, net.getLayerWiseConfigurations().getCacheMode());
        MultiLayerNetwork twin = Networks.withoutForwardCache(net);
        List<DataSet> data = batches();
        assertArrayEquals(train(twin, data), train(net, data));
    }

    @Test
    void withTheCacheEachConvolutionRunsForwardOncePerStepInsteadOfTwice() {
        MultiLayerNetwork net = Networks.build(recipe(), 3, 3);
        MultiLayerNetwork twin = Networks.withoutForwardCache(net);
        List<DataSet> data = batches();
        int convLayers = 2 * 2; // two stages of two convolutions
        long cached = conv2dCalls(net, data), uncached = conv2dCalls(twin, data);
        assertEquals((long) convLayers * STEPS, cached, "one forward convolution per layer and step");
        assertEquals(2L * convLayers * STEPS, uncached, "DL4J's default recomputes it in backprop");
        assertTrue(cached < uncached);
    }
}
