package a2.model.layers;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import a2.backend.LayerPath;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.conf.CNN2DFormat;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The portable path (pure ND4J/DL4J ops, as under {@code A2_PORTABLE=1} or where the dnnl natives do not load)
 * computes the function the oneDNN path does: the same outputs in inference and training, the same gradients, the
 * same parameters after a few steps, on the network of every custom layer (input convolution, batch norm + ReLU,
 * convolution) in NHWC, where the oneDNN path runs.
 */
class PortableLayersTest {
    static MultiLayerNetwork portable(MultiLayerNetwork net) {
        for (Layer l : net.getLayers()) {
            if (l instanceof OneDnnConvolutionLayer c) {
                c.portable();
            } else if (l instanceof BatchNormReluLayer b) {
                b.portable();
            }
        }
        return net;
    }

    static float relativeDifference(INDArray a, INDArray b) {
        return a.sub(b).norm2Number().floatValue() / Math.max(a.norm2Number().floatValue(), 1e-30f);
    }

    @Test
    void bothPathsComputeTheSameOutputsGradientsAndTrainedParameters() {
        assumeTrue(LayerPath.active().oneDnn(), "the oneDNN path is not available here: " + LayerPath.active().reason());
        MultiLayerNetwork dnn = OneDnnConvolutionTest.net(true, CNN2DFormat.NHWC);
        MultiLayerNetwork port = portable(OneDnnConvolutionTest.net(true, CNN2DFormat.NHWC));
        port.setParams(dnn.params().dup());
        INDArray x = OneDnnConvolutionTest.images(CNN2DFormat.NHWC);

        assertEquals(0, relativeDifference(dnn.output(x), port.output(x)), 1e-5, "inference");
        INDArray trainingDnn = dnn.output(x, true), trainingPort = port.output(x, true);
        assertTrue(((BatchNormReluLayer) dnn.getLayer(1)).lastForwardFused(), "the oneDNN net ran oneDNN's batch norm");
        assertFalse(((BatchNormReluLayer) port.getLayer(1)).lastForwardFused(), "the portable net did not");
        assertEquals(0, relativeDifference(trainingDnn, trainingPort), 1e-5, "training-mode forward pass");

        INDArray gd = OneDnnConvolutionTest.gradient(dnn, x), gp = OneDnnConvolutionTest.gradient(port, x);
        assertTrue(gd.norm2Number().doubleValue() > 0);
        assertEquals(0, relativeDifference(gd, gp), 1e-4, "every parameter's gradient");

        for (int i = 0; i < 5; i++) {
            dnn.fit(x, OneDnnConvolutionTest.labels());
            port.fit(x, OneDnnConvolutionTest.labels());
        }
        assertArrayEquals(dnn.params().toFloatVector(), port.params().toFloatVector(), 1e-4f,
                "parameters (running statistics included) after five steps");
    }
}
