package a2.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.weights.WeightInit;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.lossfunctions.LossFunctions;

class FixMatchTest {
    @Test
    void keepsTheRowsWhoseTopProbabilityReachesTheThreshold() {
        float[][] probs = {
            {0.96f, 0.02f, 0.02f}, // kept, class 0
            {0.50f, 0.30f, 0.20f}, // dropped
            {0.01f, 0.04f, 0.95f}, // kept at exactly the threshold, class 2
        };
        FixMatch.Kept kept = FixMatch.select(probs, 0.95f);
        assertArrayEquals(new int[] {0, 2}, kept.rows());
        assertArrayEquals(new int[] {0, 2}, kept.labels());
    }

    @Test
    void theBatchIsTheLabeledRowsThenTheKeptStrongViewsWithTheirPseudoLabels() {
        int side = 2, per = 3 * side * side, k = 3;
        float[] x = new float[2 * per], y = {1, 0, 0, 0, 0, 1};
        java.util.Arrays.fill(x, 7f);
        float[] strong = new float[3 * per];
        for (int i = 0; i < 3; i++) {
            java.util.Arrays.fill(strong, i * per, (i + 1) * per, i + 1);
        }
        FixMatch.Views v = new FixMatch.Views(x, y, 2, new float[3 * per], strong, 3, null);
        DataSet ds = FixMatch.batch(v, new FixMatch.Kept(new int[] {0, 2}, new int[] {1, 2}), k, side, null);
        assertArrayEquals(new long[] {4, 3, side, side}, ds.getFeatures().shape());
        assertArrayEquals(new float[] {7, 7, 1, 3}, new float[] {ds.getFeatures().getFloat(0, 0, 0, 0),
                ds.getFeatures().getFloat(1, 2, 1, 1), ds.getFeatures().getFloat(2, 0, 0, 0), ds.getFeatures().getFloat(3, 1, 0, 1)});
        assertArrayEquals(new float[] {1, 0, 0, 0, 0, 1, 0, 1, 0, 0, 0, 1}, ds.getLabels().ravel().toFloatVector());
        assertNull(ds.getLabelsMaskArray(), "no weights: DL4J's plain mean over the rows");
    }

    @Test
    void withAnUnlabeledWeightTheRowsCarryFixMatchsWeights() {
        int side = 2, per = 3 * side * side, k = 3, n = 2, u = 4;
        float[] y = {1, 0, 0, 0, 0, 1};
        float[][] soft = {{0.5f, 0.25f, 0.25f}};
        FixMatch.Views v = new FixMatch.Views(new float[n * per], y, n, new float[u * per], new float[u * per], u, null);
        // 2 labeled + 2 kept of 4 drawn, lambda 0.5: labeled rows weigh (2 + 2) / 2, kept rows 0.5 (2 + 2) / 4, so the
        // mean over 4 rows is mean_labeled(CE) + 0.5 sum_kept(CE) / 4.
        DataSet ds = FixMatch.batch(v, new FixMatch.Kept(new int[] {1, 3}, new int[] {2, 0}), k, side, 0.5);
        assertArrayEquals(new float[] {2, 0, 0, 0, 0, 2, 0, 0, 0.5f, 0.5f, 0, 0}, ds.getLabels().ravel().toFloatVector());
        // Soft targets keep their shape, scaled by the same weight.
        DataSet softDs = FixMatch.batch(v, new FixMatch.Kept(new int[] {3}, new int[] {0}, soft), k, side, 1.0);
        assertArrayEquals(new float[] {1.5f, 0, 0, 0, 0, 1.5f, 0.375f, 0.1875f, 0.1875f},
                softDs.getLabels().ravel().toFloatVector(), 1e-6f);
        // Nothing kept: the labeled mean alone, unscaled; and the recipe's labels are not written over.
        assertArrayEquals(y, FixMatch.batch(v, FixMatch.Kept.NONE, k, side, 1.0).getLabels().ravel().toFloatVector());
        assertArrayEquals(new float[] {1, 0, 0, 0, 0, 1}, y);
    }

    /**
     * What carries the weights: a label row that sums to {@code c}, with the output layer's cross-entropy given unit
     * class weights (as {@code Networks} builds it for recipes with {@code semi.unlabeledWeight}), contributes exactly
     * {@code c} times that row's gradient. With DL4J's plain MCXENT it would not (its gradient is {@code p - y},
     * right only for rows that sum to 1), which the last assertion checks, so the loss set-up is what makes it work.
     */
    @Test
    void aLabelRowScaledByCWeighsItsRowByCUnderUnitClassWeights() {
        Nd4j.getRandom().setSeed(42);
        INDArray x = Nd4j.rand(DataType.FLOAT, 2, 5);
        INDArray y = Nd4j.zeros(DataType.FLOAT, 2, 4);
        y.putScalar(0, 1, 1f);
        y.putScalar(1, 3, 1f);
        INDArray scaled = y.dup();
        scaled.getRow(0).muli(3);
        var weighted = new org.nd4j.linalg.lossfunctions.impl.LossMCXENT(Nd4j.ones(DataType.FLOAT, 4));
        MultiLayerNetwork net = net(weighted);
        INDArray g0 = gradient(net, x.getRow(0, true), y.getRow(0, true), null);
        INDArray g1 = gradient(net, x.getRow(1, true), y.getRow(1, true), null);
        assertEquals(0, gradient(net, x, scaled, null).sub(g0.mul(3).add(g1)).norm2Number().doubleValue(), 1e-5);
        MultiLayerNetwork plain = net(new org.nd4j.linalg.lossfunctions.impl.LossMCXENT());
        INDArray p0 = gradient(plain, x.getRow(0, true), y.getRow(0, true), null);
        INDArray p1 = gradient(plain, x.getRow(1, true), y.getRow(1, true), null);
        assertTrue(gradient(plain, x, scaled, null).sub(p0.mul(3).add(p1)).norm2Number().doubleValue() > 0.1);
    }

    /**
     * Why the weights are not a label mask: DL4J's label mask works as a 0/1 mask (a zero row contributes nothing,
     * which the first assertion checks), but a value of 2 does not double a row's gradient. Checked on a network
     * without batch norm, whose statistics would couple the rows.
     */
    @Test
    void dl4jsLabelMaskDropsRowsButDoesNotWeightThem() {
        Nd4j.getRandom().setSeed(42);
        INDArray x = Nd4j.rand(DataType.FLOAT, 3, 5);
        INDArray y = Nd4j.zeros(DataType.FLOAT, 3, 4);
        y.putScalar(0, 1, 1f);
        y.putScalar(1, 3, 1f);
        y.putScalar(2, 0, 1f);
        MultiLayerNetwork net = net();
        INDArray g0 = gradient(net, x.getRow(0, true), y.getRow(0, true), null);
        INDArray g1 = gradient(net, x.getRow(1, true), y.getRow(1, true), null);
        // DL4J's gradient here is the sum over rows (the updater divides by the batch size later).
        INDArray dropped = gradient(net, x, y, Nd4j.create(new float[] {1, 1, 0}, new long[] {3, 1}, 'c'));
        assertEquals(0, dropped.sub(g0.add(g1)).norm2Number().doubleValue(), 1e-5);
        INDArray doubled = gradient(net, x, y, Nd4j.create(new float[] {2, 1, 0}, new long[] {3, 1}, 'c'));
        assertTrue(doubled.sub(g0.mul(2).add(g1)).norm2Number().doubleValue() > 0.1);
    }

    private static INDArray gradient(MultiLayerNetwork net, INDArray x, INDArray y, INDArray mask) {
        net.setInput(x);
        net.setLabels(y);
        net.setLayerMaskArrays(null, mask);
        net.computeGradientAndScore();
        INDArray g = net.gradient().gradient().dup();
        net.clearLayerMaskArrays();
        return g;
    }

    private static MultiLayerNetwork net() {
        return net(LossFunctions.LossFunction.MCXENT.getILossFunction());
    }

    private static MultiLayerNetwork net(org.nd4j.linalg.lossfunctions.ILossFunction loss) {
        MultiLayerNetwork net = new MultiLayerNetwork(new NeuralNetConfiguration.Builder().seed(1)
                .dataType(DataType.FLOAT).weightInit(WeightInit.XAVIER).list()
                .layer(new DenseLayer.Builder().nIn(5).nOut(6).activation(Activation.TANH).build())
                .layer(new OutputLayer.Builder(loss).nIn(6).nOut(4)
                        .activation(Activation.SOFTMAX).build())
                .build());
        net.init();
        return net;
    }

    /**
     * Label smoothing as PyTorch's {@code CrossEntropyLoss(label_smoothing=s)} computes it: the labeled rows' targets
     * are {@code (1 - s) y + s / k}; a teacher's soft targets on the kept rows are left as they are.
     */
    @Test
    void labelSmoothingSpreadsTheLabeledRowsTargetsAndLeavesTheTeachersAlone() {
        int side = 1, per = 3, k = 4;
        float[] x = new float[2 * per], y = {1, 0, 0, 0, 0, 0, 1, 0};
        FixMatch.Views v = new FixMatch.Views(x, y, 2, null, new float[per], 1, null);
        float[][] teacher = {{0.7f, 0.1f, 0.1f, 0.1f}};
        DataSet ds = FixMatch.batch(v, new FixMatch.Kept(new int[] {0}, new int[] {0}, teacher), k, side, null, 0.2);
        assertArrayEquals(new float[] {0.85f, 0.05f, 0.05f, 0.05f, 0.05f, 0.05f, 0.85f, 0.05f, 0.7f, 0.1f, 0.1f, 0.1f},
                ds.getLabels().data().asFloat(), 1e-7f);
        assertArrayEquals(new float[] {1, 0, 0, 0, 0, 0, 1, 0}, y, "the step's own label rows are not changed");
        // The smoothed cross-entropy equals (1 - s) CE(y) + s mean_k(-log p_k): the definition, checked on numbers.
        double[] p = {0.6, 0.2, 0.15, 0.05};
        double smoothed = 0, ce = -Math.log(p[0]), uniform = 0;
        float[] row = java.util.Arrays.copyOf(ds.getLabels().data().asFloat(), k);
        for (int c = 0; c < k; c++) {
            smoothed -= row[c] * Math.log(p[c]);
            uniform -= Math.log(p[c]) / k;
        }
        assertEquals(0.8 * ce + 0.2 * uniform, smoothed, 1e-6);
    }
}
