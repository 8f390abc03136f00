package a2.figures;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import a2.backend.Backend;
import a2.data.ArrayImages;
import a2.model.Networks;
import a2.model.PatchWhitening;
import a2.model.Preprocessing;
import a2.recipe.Recipe;
import a2.train.TinyRecipes;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ForkJoinPool;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.params.BatchNormalizationParamInitializer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The Java forward pass against DL4J's own, layer by layer, on the three layer sets the project builds: the VGG
 * network with DL4J's separate batch norm and ReLU (NCHW), the same with the fused oneDNN layers (NHWC inside), and
 * airbench's (whitening, GELU, fixed-scale batch norm, global max pool, scaled logits without bias). Weights and
 * running statistics are random, variances down to 10^-3, so that a wrong epsilon or a transposed kernel shows.
 */
class ExactForwardTest {
    private static final int SIDE = 8, IMAGES = 6;

    @BeforeAll
    static void backend() {
        Backend.start(1);
    }

    private static ArrayImages images(long seed) {
        byte[] px = new byte[IMAGES * 3 * SIDE * SIDE];
        new Random(seed).nextBytes(px);
        return new ArrayImages(px, IMAGES, SIDE, SIDE);
    }

    private static Preprocessing pre() {
        return new Preprocessing(SIDE, new float[] {0.5f, 0.45f, 0.4f}, new float[] {0.25f, 0.24f, 0.26f});
    }

    /** Every parameter random; every running variance between 10^-3 and 10 (log10 of the std in [-1.5, 0.5]). */
    private static MultiLayerNetwork randomised(MultiLayerNetwork net, long seed) {
        Random r = new Random(seed);
        INDArray p = net.params();
        for (long i = 0; i < p.length(); i++) {
            p.putScalar(i, 0.3 * r.nextGaussian());
        }
        for (int i = 0; i < net.getnLayers(); i++) {
            INDArray logStd = net.getLayer(i).paramTable().get(BatchNormalizationParamInitializer.GLOBAL_LOG_STD);
            if (logStd != null) {
                for (long k = 0; k < logStd.length(); k++) {
                    logStd.putScalar(k, -1.5 + 2 * r.nextDouble());
                }
            }
        }
        return net;
    }

    private static MultiLayerNetwork vgg(boolean fused) {
        Recipe r = TinyRecipes.supervised("tiny", "synthetic", 3, 2, 7);
        return randomised(Networks.build(fused ? TinyRecipes.fused(r) : r, 10, 3), 11);
    }

    private static MultiLayerNetwork airbench() {
        return airbench(TinyRecipes.airbench("tiny-airbench", "synthetic", 3, 1));
    }

    private static MultiLayerNetwork airbench(Recipe r) {
        PatchWhitening white = PatchWhitening.fit(images(5), new int[] {0, 1, 2, 3, 4, 5}, pre(), PatchWhitening.AIRBENCH_PATCH);
        return randomised(Networks.build(r, 10, 3, white), 12);
    }

    /** Each layer's Java output equals DL4J's within float rounding (1e-4 of the layer's largest value). */
    private static void agreesWithDl4j(MultiLayerNetwork net) {
        Preprocessing pre = pre();
        ArrayImages imgs = images(9);
        int[] all = {0, 1, 2, 3, 4, 5};
        INDArray batch = pre.batch(imgs, all, 0, IMAGES);
        // DL4J's activation layers may overwrite their input in place, so the list one forward pass returns holds some
        // layers' outputs already transformed by the next layer: each layer's output is read from a pass ending there.
        List<INDArray> acts = new java.util.ArrayList<>();
        for (int layer = 0; layer < net.getnLayers(); layer++) {
            List<INDArray> upTo = net.feedForwardToLayer(layer, batch, false);
            acts.add(upTo.get(upTo.size() - 1).dup());
        }
        boolean nhwc = Features.channelsLast(net);
        ExactForward exact = ExactForward.of(net);
        for (int img = 0; img < IMAGES; img++) {
            float[] x = new float[3 * SIDE * SIDE];
            pre.standardize(pre.pixels(imgs, img, new byte[3 * SIDE * SIDE]), x, 0);
            List<ExactForward.Act> mine = exact.forward(x, SIDE);
            for (int layer = 0; layer < mine.size(); layer++) {
                ExactForward.Act a = mine.get(layer);
                INDArray ref = acts.get(layer).get(org.nd4j.linalg.indexing.NDArrayIndex.point(img));
                double[] want = hwc(ref, nhwc);
                double[] got = layer == mine.size() - 1 ? softmax(a.v()) : a.v();
                assertEquals(want.length, got.length, "layer " + layer + " size");
                double scale = 1;
                for (double v : want) {
                    scale = Math.max(scale, Math.abs(v));
                }
                for (int k = 0; k < want.length; k++) {
                    assertEquals(want[k], got[k], 1e-4 * scale, "layer " + Features.layerNames(net).get(layer)
                            + ", image " + img + ", element " + k);
                }
            }
        }
    }

    /** One image's activation as HWC doubles (a vector as is). */
    private static double[] hwc(INDArray a, boolean nhwc) {
        INDArray t = a.rank() == 3 && !nhwc ? a.permute(1, 2, 0) : a;
        return t.castTo(DataType.DOUBLE).dup('c').data().asDouble();
    }

    private static double[] softmax(double[] z) {
        double max = Double.NEGATIVE_INFINITY, sum = 0;
        for (double v : z) {
            max = Math.max(max, v);
        }
        double[] p = new double[z.length];
        for (int i = 0; i < z.length; i++) {
            p[i] = Math.exp(z[i] - max);
            sum += p[i];
        }
        for (int i = 0; i < z.length; i++) {
            p[i] /= sum;
        }
        return p;
    }

    @Test
    void vggWithSeparateBatchNormMatchesDl4j() {
        MultiLayerNetwork net = vgg(false);
        assertTrue(Features.layerNames(net).contains("s1c1bn"), "the unfused network has its own batch norm layers");
        agreesWithDl4j(net);
    }

    @Test
    void vggWithFusedBatchNormReluMatchesDl4j() {
        MultiLayerNetwork net = vgg(true);
        assertTrue(Features.channelsLast(net), "the fused network runs NHWC inside");
        agreesWithDl4j(net);
    }

    @Test
    void airbenchMatchesDl4j() {
        agreesWithDl4j(airbench());
    }

    @Test
    void airbenchWithTheExactGeluMatchesDl4j() {
        Recipe r = TinyRecipes.airbench("tiny-airbench", "synthetic", 3, 1);
        agreesWithDl4j(airbench(r.withModel(r.model().withActivation(Recipe.Model.GELU))));
    }

    @Test
    void featuresAreTheSameBitsOnOneThreadAndOnFour() throws Exception {
        MultiLayerNetwork net = airbench();
        List<Features.Probe> probes = Features.defaultProbes(net);
        int[] idx = {5, 3, 1, 0, 2, 4};
        Map<String, double[][]> one = new ForkJoinPool(1).submit(() -> Features.extract(net, pre(), images(9), idx, probes)).get();
        Map<String, double[][]> four = new ForkJoinPool(4).submit(() -> Features.extract(net, pre(), images(9), idx, probes)).get();
        assertEquals(one.keySet(), four.keySet());
        for (String k : one.keySet()) {
            for (int i = 0; i < idx.length; i++) {
                assertArrayEquals(one.get(k)[i], four.get(k)[i], 0.0, k + " image " + i);
            }
        }
    }

    @Test
    void logitsAreTheOutputLayersPreActivation() {
        MultiLayerNetwork net = vgg(true);
        List<Features.Probe> probes = Features.defaultProbes(net);
        double[][] logits = Features.extract(net, pre(), images(9), new int[] {2}, probes).get(Features.LOGITS);
        INDArray p = net.output(pre().batch(images(9), new int[] {2}, 0, 1), false);
        double[] soft = softmax(logits[0]);
        for (int k = 0; k < soft.length; k++) {
            assertEquals(p.getDouble(0, k), soft[k], 1e-5);
        }
    }

    @Test
    void aLayerWithoutAnExactFormIsRefusedByName() {
        var conf = new NeuralNetConfiguration.Builder().list()
                .layer(new DenseLayer.Builder().nOut(4).name("dense1").build())
                .layer(new org.deeplearning4j.nn.conf.layers.OutputLayer.Builder().nOut(2).name("out").build())
                .setInputType(InputType.feedForward(3)).build();
        MultiLayerNetwork net = new MultiLayerNetwork(conf);
        net.init();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ExactForward.of(net));
        assertTrue(e.getMessage().contains("dense1") && e.getMessage().contains("DenseLayer"), e.getMessage());
    }
}
