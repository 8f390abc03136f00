package a2.model.layers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Sgd;
import org.nd4j.linalg.lossfunctions.LossFunctions;

class ShiftBatchNormTest {
    private static final double LR = 0.05;

    private static MultiLayerNetwork net(double shiftRate) {
        MultiLayerConfiguration conf = new NeuralNetConfiguration.Builder().seed(3).dataType(DataType.DOUBLE)
                .updater(new Sgd(LR)).list()
                .layer(new DenseLayer.Builder().nIn(4).nOut(6).activation(Activation.IDENTITY).build())
                .layer(ShiftBatchNorm.of("bn", 0.6, 1e-12, new Sgd(shiftRate)))
                .layer(new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).nOut(3).activation(Activation.SOFTMAX).build())
                .setInputType(InputType.feedForward(4)).build();
        MultiLayerNetwork n = new MultiLayerNetwork(MultiLayerConfiguration.fromJson(conf.toJson()));
        n.init();
        return n;
    }

    @Test
    void theScaleStaysOneAndTheShiftLearnsAtItsOwnRate() {
        INDArray x = Nd4j.rand(DataType.DOUBLE, 16, 4).subi(0.5).muli(3);
        INDArray y = Nd4j.zeros(DataType.DOUBLE, 16, 3);
        for (int i = 0; i < 16; i++) {
            y.putScalar(i, i % 3, 1.0);
        }
        MultiLayerNetwork slow = net(LR), fast = net(64 * LR);
        assertEquals(slow.params(), fast.params(), "same seed, same start");
        INDArray beta0 = slow.getLayer(1).getParam("beta").dup();
        slow.fit(x, y);
        fast.fit(x, y);

        for (MultiLayerNetwork n : new MultiLayerNetwork[] {slow, fast}) {
            INDArray gamma = n.getLayer(1).getParam("gamma");
            assertEquals(Nd4j.ones(DataType.DOUBLE, gamma.shape()), gamma, "gamma is fixed at 1");
        }
        INDArray slowStep = slow.getLayer(1).getParam("beta").sub(beta0);
        INDArray fastStep = fast.getLayer(1).getParam("beta").sub(beta0);
        assertTrue(slowStep.norm2Number().doubleValue() > 1e-6, "beta learned");
        assertTrue(slowStep.mul(64).equalsWithEps(fastStep, 1e-9), "beta's step is 64 times as large: " + slowStep + " vs " + fastStep);
        // The other layers got the same gradient and the same updater: the same step.
        assertEquals(slow.getLayer(0).params(), fast.getLayer(0).params());
        // Running statistics: decay 0.6 keeps 0.6 of the old mean (0) and takes 0.4 of the batch's.
        INDArray mean = slow.getLayer(1).getParam("mean");
        assertTrue(mean.norm2Number().doubleValue() > 0, "running mean moved");
    }

    @Test
    void theConfigurationSurvivesJsonWithItsShiftUpdater() {
        MultiLayerNetwork n = net(64 * LR);
        var layer = (ShiftBatchNorm) n.getLayerWiseConfigurations().getConf(1).getLayer();
        assertEquals(new Sgd(64 * LR), layer.getBiasUpdater());
        assertEquals(0.6, layer.getDecay());
        assertEquals(1e-12, layer.getEps());
    }
}
