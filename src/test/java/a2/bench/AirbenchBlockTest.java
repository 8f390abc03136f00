package a2.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import a2.model.PatchWhitening;
import java.util.ArrayList;
import java.util.List;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.params.ConvolutionParamInitializer;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;

class AirbenchBlockTest {
    static final SyntheticBatches DATA = SyntheticBatches.random(8, 32, 10, 3);

    @Test
    void theNetworksAreNamedByTheirRecipes() {
        assertEquals(Net.AIRBENCH, Net.parse("airbench"));
        assertEquals(Net.VGG, Net.parse("VGG"));
        assertEquals(Throughput.RECIPE, Net.VGG.recipeName());
        assertTrue(Net.AIRBENCH.recipe().model().airbench());
        assertEquals(256, Net.AIRBENCH.recipe().optimizer().batchSize(), "bench/run's default --batch for airbench");
        assertThrows(IllegalArgumentException.class, () -> Net.parse("resnet"));
    }

    @Test
    void theWhiteningIsFittedOnTheFilesImagesAsTrainingFitsIt() {
        PatchWhitening w = AirbenchBlock.whitening(DATA);
        assertEquals(2, w.patch());
        assertEquals(24, w.outChannels());
        assertEquals(DATA.count(), w.images());
        // Standard-normal pixels, standardised again: the patch coordinates are close to uncorrelated, so no
        // eigenvalue is near 0 and the filters are finite.
        assertTrue(w.eigenvalues()[11] > 0.1, "smallest eigenvalue " + w.eigenvalues()[11]);
        for (float f : w.weights()) {
            assertTrue(Float.isFinite(f));
        }
        // The pixels' bytes: 128 + 32 x, clipped.
        byte[] b = AirbenchBlock.asImages(new SyntheticBatches(1, 1, 2, new float[] {0f, 1f, -9f}, new int[] {0})).read(0);
        assertEquals(List.of(128, 160, 0), List.of(b[0] & 0xff, b[1] & 0xff, b[2] & 0xff));
    }

    /** {@code --net airbench-gelu} is the same network, parameters and FLOPs, with the exact GELU in every place. */
    @Test
    void theGeluNetIsTheSameNetworkWithTheExactGelu() {
        a2.backend.Backend.start(1);
        assertEquals(Net.AIRBENCH_GELU, Net.parse("airbench-gelu"));
        MultiLayerNetwork plain = AirbenchBlock.network(Net.AIRBENCH, DATA), exact = AirbenchBlock.network(Net.AIRBENCH_GELU, DATA);
        assertEquals(plain.numParams(), exact.numParams());
        assertEquals(a2.recipe.Recipe.Model.GELU, Net.AIRBENCH_GELU.recipe().model().activation());
        var gelu = (org.deeplearning4j.nn.conf.layers.ActivationLayer) exact.getLayer("s1c1gelu").conf().getLayer();
        assertTrue(gelu.getActivationFn() instanceof a2.model.layers.ErfGelu, gelu.getActivationFn().toString());
    }

    /** The analytic count's shapes are the network's: each convolution's kernel, channels and output plane. */
    @Test
    void theFlopCountsShapesAreTheDl4jNetworks() {
        a2.backend.Backend.start(1);
        MultiLayerNetwork net = AirbenchBlock.network(Net.AIRBENCH, DATA);
        List<INDArray> acts = net.feedForward(Throughput.dataSets(DATA, 1, org.deeplearning4j.nn.conf.CNN2DFormat.NCHW)
                .get(0).getFeatures(), false);
        List<ConvFlops.Conv> seen = new ArrayList<>();
        Layer[] layers = net.getLayers();
        for (int i = 0; i < layers.length; i++) {
            if (layers[i].conf().getLayer() instanceof ConvolutionLayer) {
                long[] w = layers[i].getParam(ConvolutionParamInitializer.WEIGHT_KEY).shape(); // [out, in, k, k]
                long[] y = acts.get(i + 1).shape(); // NHWC inside the network
                seen.add(new ConvFlops.Conv(layers[i].conf().getLayer().getLayerName(), (int) y[1], (int) y[2],
                        (int) w[1], (int) w[0], (int) w[2]));
            }
        }
        assertEquals(ConvFlops.convolutions(Net.AIRBENCH.recipe().model(), 32), seen);
    }

    /**
     * DL4J's parameter vector, by hand: whitening 24 * 3 * 2 * 2 + 24 bias = 312; per block two 3x3 convolutions
     * without bias and two batch norms of 4 numbers per channel (gamma, beta, running mean and variance): block 1
     * 9 * 24 * 32 + 9 * 32 * 32 + 8 * 32 = 16,384, block 2 9 * 32 * 128 + 9 * 128 * 128 + 8 * 128 = 185,344, block 3
     * 2 * 9 * 128 * 128 + 8 * 128 = 295,936; output 128 * 10 without bias = 1,280; 499,256 in all. bench/README.md
     * sets it beside {@code bench/torch_block.py --params --net airbench}.
     */
    @Test
    void theDl4jNetworkHasTheHandCountedParameters() {
        a2.backend.Backend.start(1);
        assertEquals(312 + 16_384 + 185_344 + 295_936 + 1_280, AirbenchBlock.network(Net.AIRBENCH, DATA).numParams());
    }

    @Test
    void anotherInputSizeIsRefused() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> AirbenchBlock.network(Net.AIRBENCH, SyntheticBatches.random(4, 16, 10, 1)));
        assertTrue(e.getMessage().contains("32x32 only"), e.getMessage());
    }
}
