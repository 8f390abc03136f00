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
        DataSet ds = FixMatch.batch(v, new FixMatch.Kept(new int[] {0, 2}, new int[] {1, 2}), k, side);
        assertArrayEquals(new long[] {4, 3, side, side}, ds.getFeatures().shape());
        assertArrayEquals(new float[] {7, 7, 1, 3}, new float[] {ds.getFeatures().getFloat(0, 0, 0, 0),
                ds.getFeatures().getFloat(1, 2, 1, 1), ds.getFeatures().getFloat(2, 0, 0, 0), ds.getFeatures().getFloat(3, 1, 0, 1)});
        assertArrayEquals(new float[] {1, 0, 0, 0, 0, 1, 0, 1, 0, 0, 0, 1}, ds.getLabels().ravel().toFloatVector());
        assertNull(ds.getLabelsMaskArray(), "no weights: DL4J's plain mean over the rows");
    }

    /**
     * Why the batch carries no per-row weights: DL4J's label mask works as a 0/1 mask (a zero row contributes
     * nothing, which the first assertion checks), but a value of 2 does not double a row's gradient. Checked on a
     * network without batch norm, whose statistics would couple the rows. If a DL4J upgrade makes the second
     * assertion fail, weighted rows become possible and {@link FixMatch} can use exact FixMatch weights.
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
        MultiLayerNetwork net = new MultiLayerNetwork(new NeuralNetConfiguration.Builder().seed(1)
                .dataType(DataType.FLOAT).weightInit(WeightInit.XAVIER).list()
                .layer(new DenseLayer.Builder().nIn(5).nOut(6).activation(Activation.TANH).build())
                .layer(new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).nIn(6).nOut(4)
                        .activation(Activation.SOFTMAX).build())
                .build());
        net.init();
        return net;
    }
}
