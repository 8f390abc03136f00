package a2.part1;

import static org.junit.jupiter.api.Assertions.assertEquals;

import a2.part1.ShiftedBatchNorm.Backward;
import a2.part1.ShiftedBatchNorm.Forward;
import java.util.Random;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.BatchNormalization;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.params.BatchNormalizationParamInitializer;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Checks section 1.2 against an independent implementation: DL4J's own {@code BatchNormalization} layer in
 * training mode, in double precision, with gamma held at 1 so that it computes exactly z = y + beta.
 */
class ShiftedBatchNormDl4jTest {
    private static final long SEED = 20160303L;
    /** Both sides are double precision with different summation orders; 1e-8 leaves room for that only. */
    private static final double TOL = 1e-8;

    @Test
    void defaultEpsIsDl4jsDefault() {
        assertEquals(ShiftedBatchNorm.DEFAULT_EPS, new BatchNormalization.Builder().nOut(1).build().getEps());
    }

    @ParameterizedTest
    @CsvSource({"2, 3, 1e-5", "5, 4, 1e-5", "16, 7, 1e-2", "64, 3, 0.5"})
    void forwardAndBackwardMatchDl4jWithGammaFixedAtOne(int m, int d, double eps) {
        Random random = new Random(SEED + 131L * m + d);
        double[][] x = ShiftedBatchNormTest.gaussian(m, d, 1.5, 3.0, random);
        double[] beta = ShiftedBatchNormTest.gaussian(d, random);
        double[][] g = ShiftedBatchNormTest.gaussian(m, d, 1.0, 0.0, random);

        // Not lockGammaBeta(true): that makes gamma and beta constants, so DL4J would report no dE/dbeta.
        // Instead gamma and beta stay parameters and gamma is set to 1 by hand.
        MultiLayerConfiguration conf = new NeuralNetConfiguration.Builder()
                .dataType(DataType.DOUBLE)
                .seed(SEED)
                .list()
                .layer(new BatchNormalization.Builder().nIn(d).nOut(d).eps(eps).build())
                .build();
        MultiLayerNetwork net = new MultiLayerNetwork(conf);
        net.init();
        // backpropGradient writes into gradient views that a network only allocates lazily, before its first fit.
        net.initGradientsView();
        Layer layer = net.getLayer(0);
        INDArray gammaParam = layer.getParam(BatchNormalizationParamInitializer.GAMMA);
        INDArray betaParam = layer.getParam(BatchNormalizationParamInitializer.BETA);
        gammaParam.assign(1.0);
        betaParam.assign(Nd4j.create(beta).reshape(betaParam.shape()));

        LayerWorkspaceMgr noWorkspaces = LayerWorkspaceMgr.noWorkspaces();
        INDArray z = layer.activate(Nd4j.create(x), true, noWorkspaces);
        Pair<Gradient, INDArray> back = layer.backpropGradient(Nd4j.create(g), noWorkspaces);
        INDArray dEdx = back.getSecond();
        INDArray dEdBeta = back.getFirst().getGradientFor(BatchNormalizationParamInitializer.BETA);
        INDArray dEdGamma = back.getFirst().getGradientFor(BatchNormalizationParamInitializer.GAMMA);
        assertEquals(DataType.DOUBLE, dEdx.dataType());

        Forward f = ShiftedBatchNorm.forward(x, beta, eps);
        Backward ours = ShiftedBatchNorm.backward(f, g);
        for (int j = 0; j < d; j++) {
            double sumGy = 0;
            for (int i = 0; i < m; i++) {
                assertClose(z.getDouble(i, j), f.z()[i][j], "z[" + i + "][" + j + "]");
                assertClose(dEdx.getDouble(i, j), ours.dEdx()[i][j], "dE/dx[" + i + "][" + j + "]");
                sumGy += g[i][j] * f.y()[i][j];
            }
            assertClose(dEdBeta.getDouble(j), ours.dEdBeta()[j], "dE/dbeta[" + j + "]");
            // DL4J's dE/dgamma is sum_i g_i y_i: agreeing on it confirms both sides normalised alike.
            assertClose(dEdGamma.getDouble(j), sumGy, "dE/dgamma[" + j + "]");
        }
    }

    private static void assertClose(double expected, double actual, String what) {
        assertEquals(expected, actual, TOL * Math.max(1.0, Math.abs(expected)), what);
    }
}
