package a2.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import a2.recipe.Recipe;
import a2.recipe.SemiSupervised;
import java.util.List;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.layers.BaseLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Nesterovs;
import org.nd4j.linalg.learning.regularization.L2Regularization;

/** The airbench network as a recipe builds it: its rates, regularisation and the whitening bias's cutoff. */
class AirbenchRecipeNetworkTest {
    static final int STEPS = 20;

    static Recipe recipe() {
        return new Recipe("ab", 1, "test", new Recipe.Data("tiny", 16, 2, 7), new Recipe.Augment(true, 2, 0, 0, 0, 0),
                new Recipe.Model(List.of(8, 16), 2, 0, false, Recipe.Model.AIRBENCH, "mirror"),
                new Recipe.Optimizer(0.4, 0.85, 0.00133, 8, 0, Recipe.Optimizer.TRIANGLE, 0.2, 64, true),
                SemiSupervised.none(), new Recipe.Budget(4, 5, Recipe.Budget.FINAL), 3);
    }

    static PatchWhitening whitening() {
        double[][] moment = new double[12][12];
        for (int i = 0; i < 12; i++) {
            moment[i][i] = 1 + i;
        }
        return PatchWhitening.fromSecondMoment(moment, 2, 1);
    }

    /**
     * With FixMatch's weighted rows (label rows summing to the row's weight), labels scaled by 3 must give exactly 3
     * times the gradient, as they do on the VGG network (FixMatchTest); DL4J's plain MCXENT, whose gradient is p - y,
     * does not, and the run it trained diverged at the first FixMatch step. All rows are scaled, so batch norm's
     * coupling of the rows changes nothing; its running statistics' pseudo-gradients are left out.
     */
    @Test
    void weightedRowsScaleTheGradientExactly() {
        Recipe plain = recipe();
        Recipe weighted = new Recipe("ab-fixmatch", 1, "test", plain.data(), plain.augment(), plain.model(), plain.optimizer(),
                SemiSupervised.fixMatch(1, 0.7, 4, plain.augment()).withUnlabeledWeight(7), plain.budget(), plain.seed());
        Nd4j.getRandom().setSeed(3);
        INDArray x = Nd4j.randn(DataType.FLOAT, 4, 3, 16, 16);
        INDArray y = Nd4j.zeros(DataType.FLOAT, 4, 10);
        for (int r = 0; r < 4; r++) {
            y.putScalar(r, (3 * r) % 10, 1f);
        }
        INDArray g1 = gradient(Networks.build(weighted, 10, 5, whitening()), x, y);
        INDArray g3 = gradient(Networks.build(weighted, 10, 5, whitening()), x, y.mul(3));
        assertEquals(0, g3.sub(g1.mul(3)).norm2Number().doubleValue(), 1e-4 * g1.norm2Number().doubleValue());
        INDArray p1 = gradient(Networks.build(plain, 10, 5, whitening()), x, y);
        INDArray p3 = gradient(Networks.build(plain, 10, 5, whitening()), x, y.mul(3));
        assertTrue(p3.sub(p1.mul(3)).norm2Number().doubleValue() > 0.1 * p1.norm2Number().doubleValue());
    }

    /** The loss's gradient, without batch norm's running statistics (their "gradients" are updates, not the loss's). */
    private static INDArray gradient(MultiLayerNetwork net, INDArray x, INDArray y) {
        net.setInput(x);
        net.setLabels(y);
        net.computeGradientAndScore();
        List<INDArray> parts = new java.util.ArrayList<>();
        net.gradient().gradientForVariable().forEach((k, g) -> {
            if (!k.endsWith("_mean") && !k.endsWith("_log10stdev")) {
                parts.add(g.dup().reshape(g.length()));
            }
        });
        return Nd4j.concat(0, parts.toArray(INDArray[]::new));
    }

    /** The recipe's activation reaches every GELU of the network, the whitening layer's included. */
    @Test
    void theRecipesActivationIsTheNetworksGelu() {
        Recipe nd4j = recipe();
        Recipe exact = nd4j.withModel(nd4j.model().withActivation(Recipe.Model.GELU));
        for (var c : List.of(new Object[] {nd4j, org.nd4j.linalg.activations.impl.ActivationGELU.class},
                new Object[] {exact, a2.model.layers.ErfGelu.class})) {
            MultiLayerNetwork net = Networks.build((Recipe) c[0], 10, 5, whitening());
            for (String layer : List.of("white", "s1c1gelu", "s2c2gelu")) {
                var conf = net.getLayer(layer).conf().getLayer();
                var fn = conf instanceof org.deeplearning4j.nn.conf.layers.ActivationLayer a ? a.getActivationFn()
                        : ((BaseLayer) conf).getActivationFn();
                assertInstanceOf((Class<?>) c[1], fn, layer);
            }
        }
    }

    @Test
    void batchNormShiftsLearnAtTheScaledRateOnTheSameTriangleAndDecayByTheSameAmountPerStep() {
        MultiLayerNetwork net = Networks.build(recipe(), 10, 5, whitening());
        var weights = (Nesterovs) net.getLayer("s1c1").conf().getLayer().getUpdaterByParam("W");
        var shift = (Nesterovs) net.getLayer("s1c1bn").conf().getLayer().getUpdaterByParam("beta");
        for (int step : new int[] {0, 4, 11, 19}) {
            double lr = weights.getLearningRate(step, 0);
            assertEquals(TriangleSchedule.at(0.4, 0.2, 0.23, 0.07, STEPS, step), lr, 1e-12);
            assertEquals(64 * lr, shift.getLearningRate(step, 0), 1e-9);
        }
        var conv = (BaseLayer) net.getLayer("s1c1").conf().getLayer();
        var bn = net.getLayer("s1c1bn").conf().getLayer();
        double l2 = ((L2Regularization) conv.getRegularizationByParam("W").get(0)).getL2().valueAt(0, 0);
        double shiftL2 = ((L2Regularization) bn.getRegularizationByParam("beta").get(0)).getL2().valueAt(0, 0);
        assertEquals(0.00133, l2, 1e-12);
        // Decay per step = rate x coefficient: the same for the weights and the shifts, as airbench's weight_decay / lr.
        assertEquals(l2 * weights.getLearningRate(7, 0), shiftL2 * shift.getLearningRate(7, 0), 1e-12);
        assertNull(bn.getRegularizationByParam("gamma"));
        assertNull(net.getLayer("white").conf().getLayer().getRegularizationByParam("W"), "the frozen kernel is not decayed");
    }

    /**
     * The whitening bias's rate falls to 0 after 30% of the steps; from there only its Nesterov momentum moves it, each
     * step's change {@code momentum} times the one before (DL4J's update with rate 0: {@code v <- mu v}, a step of
     * {@code -mu^2 v}), a tail worth {@code mu / (1 - mu)}, about 5.7, of its last steps. airbench's frozen bias stops
     * at once; the difference is documented in {@link AirbenchNetwork#WHITE_BIAS_FRACTION}.
     */
    @Test
    void theWhiteningBiasLearnsForTheFirstThirtyPercentOfTheStepsThenOnlyItsMomentumDecays() {
        MultiLayerNetwork net = Networks.build(recipe(), 10, 5, whitening());
        int cutoff = (int) Math.round(AirbenchNetwork.WHITE_BIAS_FRACTION * STEPS);
        assertEquals(6, cutoff);
        var rng = new java.util.Random(1);
        INDArray[] bias = new INDArray[STEPS + 1];
        for (int step = 0; step < STEPS; step++) {
            bias[step] = net.getLayer("white").getParam("b").dup();
            net.fit(batch(rng));
        }
        bias[STEPS] = net.getLayer("white").getParam("b").dup();
        assertFalse(bias[0].equals(bias[cutoff]), "the bias learned before the cutoff");
        for (int step = cutoff + 1; step < STEPS; step++) {
            INDArray change = bias[step + 1].sub(bias[step]), before = bias[step].sub(bias[step - 1]);
            assertTrue(change.sub(before.mul(0.85)).amaxNumber().doubleValue() < 1e-6 + 1e-3 * before.amaxNumber().doubleValue(),
                    "step " + step + ": " + change + " vs 0.85 x " + before);
        }
    }

    @Test
    void theScheduleTravelsInTheConfigurationJson() {
        MultiLayerNetwork net = Networks.build(recipe(), 10, 5, whitening());
        MultiLayerConfiguration back = MultiLayerConfiguration.fromJson(net.getLayerWiseConfigurations().toJson());
        var bias = back.getConf(0).getLayer().getUpdaterByParam("b");
        var schedule = assertInstanceOf(CutoffSchedule.class, ((Nesterovs) bias).getLearningRateSchedule());
        assertEquals(new CutoffSchedule(AirbenchNetwork.airbenchTriangle(0.4, STEPS), 6), schedule);
        assertEquals(0, schedule.valueAt(6, 0));
        assertTrue(schedule.valueAt(5, 0) > 0);
    }

    @Test
    void theVggBuilderRefusesAnAirbenchRecipeWithoutItsWhitening() {
        assertThrows(IllegalArgumentException.class, () -> Networks.build(recipe(), 10, 5));
    }

    private static DataSet batch(java.util.Random rng) {
        float[] x = new float[8 * 3 * 16 * 16];
        float[] y = new float[8 * 10];
        for (int i = 0; i < x.length; i++) {
            x[i] = (float) rng.nextGaussian();
        }
        for (int i = 0; i < 8; i++) {
            y[i * 10 + rng.nextInt(10)] = 1;
        }
        return new DataSet(Nd4j.create(x, new long[] {8, 3, 16, 16}, 'c'), Nd4j.create(y, new long[] {8, 10}, 'c'));
    }

    @Test
    void aCardsTestViewsDecideHowItsModelPredicts() {
        MultiLayerNetwork net = Networks.build(recipe(), 3, 5, whitening());
        var pre = new Preprocessing(16, new float[] {0.5f, 0.5f, 0.5f}, new float[] {0.25f, 0.25f, 0.25f});
        var rng = new java.util.SplittableRandom(2);
        byte[] px = new byte[5 * 3 * 16 * 16];
        for (int i = 0; i < px.length; i++) {
            px[i] = (byte) rng.nextInt(256);
        }
        var images = new a2.data.ArrayImages(px, 5, 16, 16);
        int[] idx = {0, 2, 4};
        float[][] plain = Inference.probabilities(net, pre, "none", images, idx, n -> {});
        assertArrayEquals(Inference.probabilities(net, pre, images, idx, n -> {}), plain, "no views: the plain path, bit for bit");
        float[][] mirror = Inference.probabilities(net, pre, "mirror", images, idx, n -> {});
        assertArrayEquals(TestTimeAugmentation.mirror().probabilities(net, pre, images, idx, n -> {}), mirror);
        assertFalse(java.util.Arrays.deepEquals(plain, mirror));
        var r = recipe();
        var card = new ModelCard(ModelCard.FORMAT, r, "tiny", List.of("a", "b", "c"), pre, "f", 1, 0.5, java.util.Map.of());
        assertArrayEquals(mirror, Inference.probabilities(new ModelFile.Loaded(card, net), images, idx, n -> {}));
    }
}
