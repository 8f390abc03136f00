package a2.figures;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import a2.data.ArrayImages;
import a2.model.Inference;
import a2.model.Networks;
import a2.model.Preprocessing;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class FeaturesTest {
    static MultiLayerNetwork net(boolean fused) {
        a2.recipe.Recipe r = Fixtures.recipe("f", List.of(4, 6, 8), 2, false, 1, 1, 4);
        return Networks.build(fused ? a2.train.TinyRecipes.fused(r) : r, 3, 1);
    }

    @ParameterizedTest(name = "fused batch norm + ReLU: {0}")
    @ValueSource(booleans = {false, true})
    void probesAreTheStageEndsBeforeTheLastThenGapThenLogits(boolean fused) {
        String relu = fused ? "bnrelu" : "relu";
        assertEquals(List.of("s1c2" + relu, "s2c2" + relu, "gap", "logits"),
                Features.defaultProbes(net(fused)).stream().map(Features.Probe::layer).toList());
    }

    @Test
    void theFusedNhwcNetworkHasTheSameFeaturesAndArchitectureRowsAsTheTwoLayerOne() {
        MultiLayerNetwork plain = net(false), fused = net(true);
        fused.setParams(plain.params().dup());
        ArrayImages images = images();
        Preprocessing pre = new Preprocessing(16, new float[] {0.5f, 0.5f, 0.5f}, new float[] {0.25f, 0.25f, 0.25f});
        int[] idx = {1, 4, 5};
        var a = Features.extract(plain, pre, images, idx, Features.defaultProbes(plain));
        var b = Features.extract(fused, pre, images, idx, Features.defaultProbes(fused));
        for (String[] probe : new String[][] {{"s1c2relu", "s1c2bnrelu"}, {"s2c2relu", "s2c2bnrelu"}, {"gap", "gap"}}) {
            for (int i = 0; i < idx.length; i++) {
                assertArrayEquals(a.get(probe[0])[i], b.get(probe[1])[i], 1e-5, probe[1] + " image " + i);
            }
        }
        var rowsPlain = ArchitectureTable.architecture(plain, 16);
        var rowsFused = ArchitectureTable.architecture(fused, 16);
        assertEquals(rowsPlain, rowsFused, "same blocks, shapes (channels first) and parameter counts");
    }

    static ArrayImages images() {
        SplittableRandom r = new SplittableRandom(3);
        byte[] px = new byte[7 * 3 * 16 * 16];
        for (int i = 0; i < px.length; i++) {
            px[i] = (byte) r.nextInt(256);
        }
        return new ArrayImages(px, 7, 16, 16);
    }

    /**
     * Checked against what the network itself computes: softmax of the logits is {@code net.output}, and {@code gap}
     * is the spatial mean of the last stage (which is why that stage is not probed separately).
     */
    @Test
    void featuresAgreeWithTheNetworksOwnOutputs() {
        MultiLayerNetwork net = net(false);
        ArrayImages images = images();
        Preprocessing pre = new Preprocessing(16, new float[] {0.5f, 0.5f, 0.5f}, new float[] {0.25f, 0.25f, 0.25f});
        int[] idx = {6, 0, 3, 2};
        List<Features.Probe> probes = Features.defaultProbes(net);
        probes = new java.util.ArrayList<>(probes);
        probes.add(new Features.Probe("s3c2relu", "last stage"));
        Map<String, double[][]> f = Features.extract(net, pre, images, idx, probes);
        assertEquals(4, f.get("s1c2relu")[0].length);
        assertEquals(6, f.get("s2c2relu")[0].length);
        assertEquals(8, f.get("gap")[0].length);
        assertEquals(3, f.get("logits")[0].length);
        float[][] probs = Inference.probabilities(net, pre, images, idx, n -> {});
        for (int i = 0; i < idx.length; i++) {
            double[] z = f.get("logits")[i];
            double max = java.util.Arrays.stream(z).max().orElseThrow(), sum = 0;
            double[] softmax = new double[z.length];
            for (int k = 0; k < z.length; k++) {
                softmax[k] = Math.exp(z[k] - max);
                sum += softmax[k];
            }
            for (int k = 0; k < z.length; k++) {
                assertEquals(probs[i][k], softmax[k] / sum, 1e-5, "image " + i + " class " + k);
            }
            assertArrayEquals(f.get("s3c2relu")[i], f.get("gap")[i], 1e-5, "gap = spatial mean of the last stage");
        }
    }
}
