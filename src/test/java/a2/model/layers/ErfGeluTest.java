package a2.model.layers;

import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import a2.backend.Backend;
import a2.backend.LayerPath;
import org.apache.commons.math3.special.Erf;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.ActivationLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The exact GELU against a double-precision reference (Commons Math's erf) and its derivative against central
 * differences of that reference, on both paths: oneDNN's {@code eltwise_gelu_erf} and the portable one.
 */
class ErfGeluTest {
    @BeforeAll
    static void backend() {
        Backend.start(1);
    }

    private static double gelu(double x) {
        return 0.5 * x * (1 + Erf.erf(x / Math.sqrt(2)));
    }

    /** Points from -6 to 6, where GELU bends (around 0) and where it flattens to 0 and to x. */
    private static INDArray points() {
        float[] v = new float[241];
        for (int i = 0; i < v.length; i++) {
            v[i] = -6f + 0.05f * i;
        }
        return Nd4j.createFromArray(v).reshape(1, 241);
    }

    private static void forwardMatchesTheReference(INDArray y, INDArray x) {
        for (int i = 0; i < x.length(); i++) {
            double xi = x.getDouble(i);
            assertEquals(gelu(xi), y.getDouble(i), 2e-6 * Math.max(1, Math.abs(xi)), "GELU(" + xi + ")");
        }
        assertEquals(0.8413447, gelu(1), 1e-7, "the reference itself: 1 x Phi(1)");
    }

    private static void backwardMatchesCentralDifferences(INDArray dx, INDArray x, INDArray dy) {
        double h = 1e-5;
        for (int i = 0; i < x.length(); i++) {
            double xi = x.getDouble(i), slope = (gelu(xi + h) - gelu(xi - h)) / (2 * h);
            assertEquals(slope * dy.getDouble(i), dx.getDouble(i), 2e-5, "GELU'(" + xi + ")");
        }
    }

    private static INDArray upstream(long n) {
        Nd4j.getRandom().setSeed(7);
        return Nd4j.randn(DataType.FLOAT, 1, n);
    }

    @Test
    void portablePathIsTheExactGeluAndItsDerivative() {
        INDArray x = points();
        forwardMatchesTheReference(ErfGelu.portableForward(x.dup()), x);
        INDArray dy = upstream(x.length());
        backwardMatchesCentralDifferences(ErfGelu.portableBackward(x.dup(), dy), x, dy);
    }

    @Test
    void oneDnnPathIsTheExactGeluAndItsDerivative() {
        assumeTrue(LayerPath.active().oneDnn(), "the oneDNN path is not available here: " + LayerPath.active().reason());
        INDArray x = points();
        INDArray y = x.dup();
        DnnlGelu.forward(y, y);
        forwardMatchesTheReference(y, x);
        INDArray dy = upstream(x.length()), dx = Nd4j.zeros(DataType.FLOAT, x.shape());
        DnnlGelu.backward(x, dy, dx);
        backwardMatchesCentralDifferences(dx, x, dy);
    }

    @Test
    void theActivationRunsOnAnyShapeAndLeavesTheGradientInputAlone() {
        Nd4j.getRandom().setSeed(3);
        INDArray x = Nd4j.randn(DataType.FLOAT, 4, 5, 6, 7).muli(2);
        INDArray dy = Nd4j.randn(DataType.FLOAT, 4, 5, 6, 7), dyCopy = dy.dup();
        ErfGelu f = new ErfGelu();
        INDArray y = f.getActivation(x.dup(), true);
        INDArray dx = f.backprop(x.dup(), dy).getFirst();
        INDArray yRef = ErfGelu.portableForward(x.dup()), dxRef = ErfGelu.portableBackward(x.dup(), dyCopy.dup());
        assertEquals(0, y.sub(yRef).amaxNumber().doubleValue(), 1e-5);
        assertEquals(0, dx.sub(dxRef).amaxNumber().doubleValue(), 1e-5);
        assertEquals(dyCopy, dy, "backprop must not write over the incoming gradient");
    }

    /** DL4J's convolution layer in NHWC hands its pre-activation and gradient over as views permuted to NCHW. */
    @Test
    void backpropOfPermutedViewsIsTheGradientOfTheirElements() {
        Nd4j.getRandom().setSeed(5);
        INDArray xNhwc = Nd4j.randn(DataType.FLOAT, 4, 6, 7, 5).muli(2), dyNhwc = Nd4j.randn(DataType.FLOAT, 4, 6, 7, 5);
        INDArray x = xNhwc.permute(0, 3, 1, 2), dy = dyNhwc.permute(0, 3, 1, 2);
        INDArray xRef = x.dup('c'), dyRef = dy.dup('c');
        INDArray dx = new ErfGelu().backprop(x, dy).getFirst();
        assertSame(x, dx, "the gradient is written over the view, in its layout");
        INDArray dxRef = ErfGelu.portableBackward(xRef.dup(), dyRef);
        assertEquals(0, dx.sub(dxRef).amaxNumber().doubleValue(), 1e-5);
        assertEquals(dyRef, dy, "backprop must not write over the incoming gradient");
    }

    @Test
    void survivesJson() {
        MultiLayerConfiguration conf = new NeuralNetConfiguration.Builder().list()
                .layer(new ActivationLayer.Builder().activation(new ErfGelu()).name("gelu").build())
                .layer(new OutputLayer.Builder().nOut(2).name("out").build())
                .setInputType(InputType.feedForward(3)).build();
        MultiLayerConfiguration back = MultiLayerConfiguration.fromJson(conf.toJson());
        assertEquals(new ErfGelu(), ((ActivationLayer) back.getConf(0).getLayer()).getActivationFn());
    }
}
