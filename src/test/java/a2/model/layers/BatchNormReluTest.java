package a2.model.layers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import org.deeplearning4j.nn.conf.CNN2DFormat;
import org.deeplearning4j.nn.conf.CacheMode;
import org.deeplearning4j.nn.conf.ConvolutionMode;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.ActivationLayer;
import org.deeplearning4j.nn.conf.layers.BatchNormalization;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.GlobalPoolingLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.conf.layers.PoolingType;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.weights.WeightInit;
import org.deeplearning4j.util.ModelSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.nd4j.linalg.learning.config.Nesterovs;
import org.nd4j.linalg.lossfunctions.LossFunctions;

/**
 * The fused layer is DL4J's batch norm followed by ReLU: the same outputs, gradients (running statistics included)
 * and parameters after training, on the oneDNN path (NHWC) and on the reference path (NCHW).
 */
class BatchNormReluTest {
    static final int N = 6, SIDE = 6, CLASSES = 3;

    /** conv -> bn+relu -> conv -> bn+relu -> GAP -> softmax; fused or as DL4J's two layers. */
    static MultiLayerNetwork net(boolean fused, CNN2DFormat format) {
        var list = new NeuralNetConfiguration.Builder().seed(7).dataType(DataType.FLOAT).weightInit(WeightInit.RELU)
                .updater(new Nesterovs(0.1, 0.9)).l2(5e-4).convolutionMode(ConvolutionMode.Same)
                .cacheMode(CacheMode.DEVICE).list();
        for (int width : new int[] {8, 5}) {
            list.layer(new ConvolutionLayer.Builder(3, 3).nOut(width).hasBias(false).activation(Activation.IDENTITY).build());
            if (fused) {
                list.layer(new BatchNormRelu());
            } else {
                list.layer(new BatchNormalization.Builder().build());
                list.layer(new ActivationLayer.Builder().activation(Activation.RELU).build());
            }
        }
        list.layer(new GlobalPoolingLayer.Builder(PoolingType.AVG).build());
        list.layer(new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).nOut(CLASSES).activation(Activation.SOFTMAX).build());
        if (format == CNN2DFormat.NHWC) {
            list.inputPreProcessor(0, new NchwToNhwc());
        }
        list.setInputType(InputType.convolutional(SIDE, SIDE, 3));
        MultiLayerNetwork net = new MultiLayerNetwork(list.build());
        net.init();
        return net;
    }

    static MultiLayerNetwork twinOf(MultiLayerNetwork ref, boolean fused, CNN2DFormat format) {
        MultiLayerNetwork net = net(fused, format);
        net.setParams(ref.params().dup());
        return net;
    }

    static DataSet batch(long seed) {
        Nd4j.getRandom().setSeed(seed);
        INDArray x = Nd4j.randn(DataType.FLOAT, N, 3, SIDE, SIDE).muli(2).addi(0.5);
        INDArray y = Nd4j.zeros(DataType.FLOAT, N, CLASSES);
        for (int i = 0; i < N; i++) {
            y.putScalar(i, i % CLASSES, 1f);
        }
        return new DataSet(x, y);
    }

    static void assertClose(INDArray expected, INDArray actual, double tol, String what) {
        assertEquals(expected.length(), actual.length(), what);
        double scale = Math.max(1e-3, expected.amaxNumber().doubleValue());
        double diff = expected.castTo(DataType.DOUBLE).sub(actual.castTo(DataType.DOUBLE).reshape(expected.shape()))
                .amaxNumber().doubleValue();
        assertTrue(diff <= tol * scale, what + ": max difference " + diff + " (scale " + scale + ")");
    }

    @ParameterizedTest
    @EnumSource(value = CNN2DFormat.class)
    void trainsExactlyLikeBatchNormThenRelu(CNN2DFormat format) {
        MultiLayerNetwork ref = net(false, format), fused = twinOf(ref, true, format);
        assertEquals(format, ((BatchNormRelu) fused.getLayerWiseConfigurations().getConf(1).getLayer()).getCnn2DFormat());
        DataSet ds = batch(1);
        // Training-mode activations, layer by layer where both have them: the fused layer's output is ReLU's.
        var refActs = ref.feedForward(ds.getFeatures(), true);
        var fusedActs = fused.feedForward(ds.getFeatures(), true);
        assertEquals(format == CNN2DFormat.NHWC && a2.backend.LayerPath.active().oneDnn(),
                ((BatchNormReluLayer) fused.getLayer(1)).lastForwardFused(),
                "oneDNN's fused primitive runs exactly for NHWC, unless the layers are portable");
        assertClose(refActs.get(3), fusedActs.get(2), 1e-5, "first bn+relu, training");
        assertClose(refActs.get(refActs.size() - 1), fusedActs.get(fusedActs.size() - 1), 1e-5, "output, training");

        for (MultiLayerNetwork m : new MultiLayerNetwork[] {ref, fused}) {
            m.setInput(ds.getFeatures());
            m.setLabels(ds.getLabels());
            m.computeGradientAndScore();
        }
        assertEquals(ref.score(), fused.score(), 1e-5 * Math.abs(ref.score()));
        // Every parameter's gradient, gamma and beta and the running statistics' updates included.
        assertClose(ref.gradient().gradient(), fused.gradient().gradient(), 1e-4, "gradient");

        for (int step = 0; step < 5; step++) {
            DataSet b = batch(10 + step);
            ref.fit(b);
            fused.fit(b);
        }
        assertClose(ref.params(), fused.params(), 1e-4, "parameters after 5 steps");
        DataSet test = batch(99);
        assertClose(ref.output(test.getFeatures(), false), fused.output(test.getFeatures(), false), 1e-4,
                "inference output after training");
    }

    @Test
    void theNhwcNetworkTakesNchwImagesAndMatchesTheNchwOne() {
        MultiLayerNetwork nchw = net(false, CNN2DFormat.NCHW), nhwc = twinOf(nchw, true, CNN2DFormat.NHWC);
        DataSet ds = batch(3);
        assertClose(nchw.output(ds.getFeatures(), true), nhwc.output(ds.getFeatures(), true), 1e-5, "training mode");
        assertClose(nchw.output(ds.getFeatures(), false), nhwc.output(ds.getFeatures(), false), 1e-5, "inference");
    }

    @Test
    void survivesJsonAndTheModelFile() throws Exception {
        MultiLayerNetwork net = net(true, CNN2DFormat.NHWC);
        net.fit(batch(4));
        MultiLayerConfiguration conf = MultiLayerConfiguration.fromJson(net.getLayerWiseConfigurations().toJson());
        assertEquals(net.getLayerWiseConfigurations(), conf);
        assertInstanceOf(NchwToNhwc.class, conf.getInputPreProcess(0));
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        ModelSerializer.writeModel(net, bytes, true);
        MultiLayerNetwork back = ModelSerializer.restoreMultiLayerNetwork(new ByteArrayInputStream(bytes.toByteArray()), true);
        assertInstanceOf(BatchNormReluLayer.class, back.getLayer(1));
        INDArray x = batch(5).getFeatures();
        assertEquals(net.output(x, false), back.output(x, false));
    }

    @Test
    void readsAndWritesArraysThatStartInsideALargerBuffer() {
        // oneDNN gets raw addresses: a view that starts at an offset must be read from there, not from its buffer's start.
        long c = 4;
        INDArray big = Nd4j.randn(DataType.FLOAT, 3, 2, 3, 3, c);
        INDArray x = big.get(NDArrayIndex.point(1)); // [2, 3, 3, c], offset 72 in big
        assertTrue(x.offset() > 0);
        INDArray copy = x.dup('c');
        INDArray ss = Nd4j.createFromArray(new float[][] {{1, 2, 0.5f, 1}, {0, 0.1f, -0.2f, 0.3f}});
        INDArray y1 = Nd4j.create(DataType.FLOAT, x.shape()), y2 = Nd4j.create(DataType.FLOAT, x.shape());
        INDArray m = Nd4j.create(DataType.FLOAT, c), v = Nd4j.create(DataType.FLOAT, c);
        try (DnnlBatchNormRelu dnn = new DnnlBatchNormRelu(1e-5)) {
            dnn.forward(x, y1, ss, m, v);
            dnn.forward(copy, y2, ss, m, v);
        }
        assertEquals(y2, y1);
        // And the numbers are batch norm + ReLU: the per-channel mean over n, h, w of the input.
        assertClose(copy.mean(0, 1, 2), m, 1e-5, "batch mean");
        assertTrue(y1.minNumber().doubleValue() >= 0, "ReLU output");
    }
}
