package a2.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Nesterovs;
import org.nd4j.linalg.learning.config.Sgd;

class AirbenchNetworkTest {
    private static PatchWhitening whitening() {
        double[][] moment = new double[12][12];
        for (int i = 0; i < 12; i++) {
            moment[i][i] = 1 + i;
            if (i > 0) {
                moment[i][i - 1] = moment[i - 1][i] = 0.3;
            }
        }
        return PatchWhitening.fromSecondMoment(moment, 2, 1);
    }

    private static MultiLayerNetwork small() {
        var spec = new AirbenchNetwork.Spec(16, List.of(8, 16), 0.6, 1e-12, 1.0 / 9, false);
        return AirbenchNetwork.build(spec, whitening(), 10, 5, new Nesterovs(0.05, 0.85), new Sgd(0.5), new Sgd(0.05));
    }

    @Test
    void airbench94HasAboutTwoMillionParameters() {
        var spec = AirbenchNetwork.Spec.airbench94();
        long n = AirbenchNetwork.expectedParams(spec, whitening(), 10);
        // 24*12 + 24 + (9*24*64 + 9*64*64) + (9*64*256 + 9*256*256) + 2 * 9*256*256 + BN statistics + 256*10
        assertEquals(312 + 50_688 + 737_280 + 1_179_648 + 2 * 4 * (64 + 256 + 256) + 2_560, n);
        assertTrue(n > 1_950_000 && n < 2_000_000, "about 2.0 M: " + n);
    }

    @Test
    void buildsTheLayoutWithWhiteningAndIdentityInitInstalled() {
        MultiLayerNetwork net = small();
        var spec = new AirbenchNetwork.Spec(16, List.of(8, 16), 0.6, 1e-12, 1.0 / 9, false);
        assertEquals(AirbenchNetwork.expectedParams(spec, whitening(), 10), net.numParams());
        assertArrayEquals(whitening().weights(), net.getLayer("white").getParam("W").dup().data().asFloat());
        INDArray w = net.getLayer("s1c1").getParam("W"); // [8, 24, 3, 3]: filters 0..7 are identities
        assertEquals(1f, w.getFloat(3, 3, 1, 1));
        assertEquals(0f, w.getFloat(3, 4, 1, 1));
        assertEquals(0f, w.getFloat(3, 3, 0, 1));
        INDArray out = net.output(Nd4j.rand(DataType.FLOAT, 4, 3, 16, 16));
        assertArrayEquals(new long[] {4, 10}, out.shape());
        assertEquals(4.0, out.sumNumber().doubleValue(), 1e-4, "softmax rows");
    }

    @Test
    void aTrainingStepLeavesTheWhiteningAndTheBatchNormScalesAlone() {
        MultiLayerNetwork net = small();
        INDArray white = net.getLayer("white").getParam("W").dup();
        INDArray conv = net.getLayer("s2c2").getParam("W").dup();
        INDArray x = Nd4j.rand(DataType.FLOAT, 8, 3, 16, 16);
        INDArray y = Nd4j.zeros(DataType.FLOAT, 8, 10);
        for (int i = 0; i < 8; i++) {
            y.putScalar(i, i, 1f);
        }
        net.fit(x, y);
        assertEquals(white, net.getLayer("white").getParam("W"), "the whitening is frozen");
        assertTrue(net.getLayer("white").getParam("b").norm2Number().doubleValue() > 0, "its bias learns");
        assertTrue(!conv.equals(net.getLayer("s2c2").getParam("W")), "the convolutions learn");
        INDArray gamma = net.getLayer("s1c1bn").getParam("gamma");
        assertEquals(Nd4j.ones(DataType.FLOAT, gamma.shape()), gamma);
    }

    @Test
    void theOneDnnNetworkInNhwcComputesTheSameFunctionAndStep() {
        var nchw = new AirbenchNetwork.Spec(16, List.of(8, 16), 0.6, 1e-5, 1.0 / 9, false);
        var nhwc = new AirbenchNetwork.Spec(16, List.of(8, 16), 0.6, 1e-5, 1.0 / 9, true);
        MultiLayerNetwork a = AirbenchNetwork.build(nchw, whitening(), 10, 5, new Nesterovs(0.05, 0.85), new Sgd(0.5), new Sgd(0.05));
        MultiLayerNetwork b = AirbenchNetwork.build(nhwc, whitening(), 10, 5, new Nesterovs(0.05, 0.85), new Sgd(0.5), new Sgd(0.05));
        assertEquals(a.numParams(), b.numParams());
        b.setParams(a.params().dup());
        INDArray x = Nd4j.rand(DataType.FLOAT, 8, 3, 16, 16);
        assertTrue(a.output(x, false).equalsWithEps(b.output(x, false), 1e-5), "same outputs");
        INDArray y = Nd4j.zeros(DataType.FLOAT, 8, 10);
        for (int i = 0; i < 8; i++) {
            y.putScalar(i, i, 1f);
        }
        a.fit(x, y);
        b.fit(x, y);
        INDArray diff = a.params().sub(b.params());
        assertTrue(diff.amaxNumber().doubleValue() < 1e-4, "same step: largest parameter difference " + diff.amaxNumber());
        assertTrue(b.getLayer("s1c1").getClass().getSimpleName().contains("OneDnn"), "the fast layers run");
    }
}
