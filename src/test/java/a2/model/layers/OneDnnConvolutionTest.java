package a2.model.layers;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.deeplearning4j.nn.conf.CNN2DFormat;
import org.deeplearning4j.nn.conf.ConvolutionMode;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.GlobalPoolingLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.conf.layers.PoolingType;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.weights.WeightInit;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Sgd;
import org.nd4j.linalg.lossfunctions.LossFunctions;

/**
 * The convolutions on oneDNN's own kernels are DL4J's convolutions: the same outputs, the same gradients (oneDNN's
 * primitives in NHWC, DL4J's own passes in NCHW), the same parameters after training; the first layer only does not
 * compute the images' gradient, which nothing uses.
 */
class OneDnnConvolutionTest {
    /**
     * conv 3x3 (first) -> batch norm + ReLU -> conv 3x3 -> GAP -> softmax, at 6x6 with 3 input channels; with
     * {@code onednn}, an InputConvolution and a OneDnnConvolution, else DL4J's convolutions.
     */
    static MultiLayerNetwork net(boolean input, CNN2DFormat format) {
        var first = new ConvolutionLayer.Builder(3, 3).nOut(5).hasBias(false).activation(Activation.IDENTITY)
                .dataFormat(format).name("c1");
        var second = new ConvolutionLayer.Builder(3, 3).nOut(4).hasBias(false).activation(Activation.IDENTITY)
                .dataFormat(format).name("c2");
        MultiLayerConfiguration conf = new NeuralNetConfiguration.Builder().seed(7).dataType(DataType.FLOAT)
                .weightInit(WeightInit.RELU).updater(new Sgd(0.1)).convolutionMode(ConvolutionMode.Same).list()
                .layer(input ? new InputConvolution(first) : first.build())
                .layer(new BatchNormRelu("bn"))
                .layer(input ? new OneDnnConvolution(second) : second.build())
                .layer(new GlobalPoolingLayer.Builder(PoolingType.AVG).name("gap").build())
                .layer(new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).nOut(3).activation(Activation.SOFTMAX)
                        .name("out").build())
                .setInputType(InputType.convolutional(6, 6, 3, format)).build();
        MultiLayerNetwork net = new MultiLayerNetwork(conf);
        net.init();
        return net;
    }

    static INDArray images(CNN2DFormat format) {
        Nd4j.getRandom().setSeed(11);
        return format == CNN2DFormat.NHWC ? Nd4j.randn(DataType.FLOAT, 4, 6, 6, 3) : Nd4j.randn(DataType.FLOAT, 4, 3, 6, 6);
    }

    static INDArray labels() {
        return Nd4j.eye(3).getRows(0, 1, 2, 0).castTo(DataType.FLOAT);
    }

    static INDArray gradient(MultiLayerNetwork net, INDArray x) {
        net.setInput(x);
        net.setLabels(labels());
        net.computeGradientAndScore();
        return net.gradient().gradient().dup();
    }

    @ParameterizedTest
    @EnumSource(value = CNN2DFormat.class)
    void gradientsAndTrainedParametersEqualDl4jsConvolution(CNN2DFormat format) {
        MultiLayerNetwork ref = net(false, format), first = net(true, format);
        first.setParams(ref.params().dup());
        INDArray x = images(format);
        assertTrue(first.getLayer(0) instanceof OneDnnConvolutionLayer && first.getLayer(2) instanceof OneDnnConvolutionLayer);
        assertEquals(ref.output(x), first.output(x));
        INDArray gr = gradient(ref, x), gf = gradient(first, x);
        assertEquals(0, gr.sub(gf).norm2Number().doubleValue() / gr.norm2Number().doubleValue(), 1e-5,
                "every parameter's gradient, the first layer's weights included");
        INDArray w = gf.get(org.nd4j.linalg.indexing.NDArrayIndex.interval(0, 5 * 3 * 9));
        assertTrue(w.norm2Number().doubleValue() > 0, "the first layer's weight gradient was computed");
        for (int i = 0; i < 5; i++) {
            ref.fit(x, labels());
            first.fit(x, labels());
        }
        assertArrayEquals(ref.params().toFloatVector(), first.params().toFloatVector(), 1e-5f);
    }

    @Test
    void itReturnsNoInputGradientAndSurvivesAJsonRoundTrip() {
        MultiLayerNetwork net = net(true, CNN2DFormat.NHWC);
        net.setInput(images(CNN2DFormat.NHWC));
        net.setLabels(labels());
        net.computeGradientAndScore();
        var pair = net.getLayer(0).backpropGradient(Nd4j.ones(DataType.FLOAT, 4, 6, 6, 5),
                org.deeplearning4j.nn.workspace.LayerWorkspaceMgr.noWorkspaces());
        assertEquals(null, pair.getSecond());
        MultiLayerNetwork back = new MultiLayerNetwork(MultiLayerConfiguration.fromJson(
                net.getLayerWiseConfigurations().toJson()));
        back.init(net.params().dup(), false);
        assertTrue(back.getLayer(0) instanceof OneDnnConvolutionLayer);
        assertEquals(net.output(images(CNN2DFormat.NHWC)), back.output(images(CNN2DFormat.NHWC)));
    }

    @Test
    void onlyAsTheFirstLayer() {
        var conv = new ConvolutionLayer.Builder(3, 3).nOut(2).hasBias(false).activation(Activation.IDENTITY);
        var conf = new NeuralNetConfiguration.Builder().convolutionMode(ConvolutionMode.Same).list()
                .layer(new ConvolutionLayer.Builder(3, 3).nOut(2).build())
                .layer(new InputConvolution(conv))
                .layer(new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).nOut(2).activation(Activation.SOFTMAX).build())
                .setInputType(InputType.convolutional(4, 4, 1)).build();
        var e = assertThrows(IllegalStateException.class, () -> new MultiLayerNetwork(conf).init());
        assertTrue(e.getMessage().contains("first layer"), e.getMessage());
    }
}
