package a2.model.layers;

import a2.backend.LayerPath;
import org.deeplearning4j.nn.conf.CNN2DFormat;
import org.deeplearning4j.nn.conf.ConvolutionMode;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.gradient.DefaultGradient;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.layers.convolution.ConvolutionLayer;
import org.deeplearning4j.nn.params.ConvolutionParamInitializer;
import org.deeplearning4j.nn.workspace.ArrayType;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.activations.impl.ActivationIdentity;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The implementation of {@link OneDnnConvolution} and {@link InputConvolution}: DL4J's convolution layer with the forward
 * pass and both gradients computed by oneDNN's own kernels (see {@code DnnlConv3x3}), and, for the first layer,
 * no input gradient. Only the configuration the fast path covers takes it (3x3,
 * stride 1, "same" padding, no dilation, no bias, identity activation, NHWC float on the CPU backend); any other
 * runs DL4J's passes (the first layer dropping its input gradient), as every configuration does under the portable
 * layers of {@link LayerPath}, so the layer means the same either way.
 */
public class OneDnnConvolutionLayer extends ConvolutionLayer {
    private DnnlConv3x3 dnn;
    /** False for the network's first layer: the images' gradient is not computed (nor returned). */
    private final boolean inputGradient;
    /** Whether oneDNN is used at all ({@link LayerPath}); false runs DL4J's passes on every input. */
    private boolean oneDnn = LayerPath.active().oneDnn();

    public OneDnnConvolutionLayer(NeuralNetConfiguration conf, DataType dataType, boolean inputGradient) {
        super(conf, dataType);
        this.inputGradient = inputGradient;
    }

    /** Whether this layer's configuration and {@code arrays} (its input, and the output's gradient) take oneDNN's path. */
    private boolean fast(INDArray... arrays) {
        var c = layerConf();
        for (INDArray a : arrays) {
            if (a.rank() != 4 || a.dataType() != DataType.FLOAT) {
                return false;
            }
        }
        return c.getCnn2dDataFormat() == CNN2DFormat.NHWC
                && java.util.Arrays.equals(c.getKernelSize(), new int[] {3, 3})
                && java.util.Arrays.equals(c.getStride(), new int[] {1, 1})
                && java.util.Arrays.equals(c.getDilation(), new int[] {1, 1})
                && c.getConvolutionMode() == ConvolutionMode.Same && !c.hasBias()
                && c.getActivationFn() instanceof ActivationIdentity
                && oneDnn && Dnnl.cpuBackend();
    }

    @Override
    public INDArray activate(boolean training, LayerWorkspaceMgr workspaceMgr) {
        assertInputSet(false);
        var c = layerConf();
        if (c.getIDropout() != null || c.getWeightNoise() != null || !fast(input)) {
            return super.activate(training, workspaceMgr);
        }
        INDArray x = Dnnl.dense(input, workspaceMgr);
        INDArray w = weights();
        INDArray y = workspaceMgr.createUninitialized(ArrayType.ACTIVATIONS, DataType.FLOAT,
                new long[] {x.size(0), x.size(1), x.size(2), w.size(0)}, 'c');
        dnn().forward(x, w, y);
        return y;
    }

    @Override
    public Pair<Gradient, INDArray> backpropGradient(INDArray epsilon, LayerWorkspaceMgr workspaceMgr) {
        assertInputSet(true);
        if (!fast(input, epsilon)) {
            Pair<Gradient, INDArray> dl4j = super.backpropGradient(epsilon, workspaceMgr);
            return inputGradient ? dl4j : new Pair<>(dl4j.getFirst(), null);
        }
        INDArray dW = gradientViews.get(ConvolutionParamInitializer.WEIGHT_KEY);
        INDArray x = Dnnl.dense(input, workspaceMgr), dy = Dnnl.dense(epsilon, workspaceMgr);
        dnn().weightGradient(x, dy, dW);
        INDArray dx = null;
        if (inputGradient) {
            dx = workspaceMgr.createUninitialized(ArrayType.ACTIVATION_GRAD, DataType.FLOAT, x.shape(), 'c');
            dnn().inputGradient(dy, weights(), dx);
        }
        Gradient g = new DefaultGradient();
        g.setGradientFor(ConvolutionParamInitializer.WEIGHT_KEY, dW, 'c');
        weightNoiseParams.clear();
        return new Pair<>(g, dx);
    }

    /** The weights, {@code [cOut, cIn, 3, 3]}: DL4J's view of the parameters, or a dense copy if it is not dense. */
    private INDArray weights() {
        INDArray w = getParam(ConvolutionParamInitializer.WEIGHT_KEY);
        return Dnnl.dense(w);
    }

    /** Runs the portable path from now on, as under {@code A2_PORTABLE=1} (for tests that compare both paths). */
    void portable() {
        oneDnn = false;
    }

    /** oneDNN's side, made at the first pass that takes it. */
    private DnnlConv3x3 dnn() {
        if (dnn == null) {
            dnn = new DnnlConv3x3();
        }
        return dnn;
    }
}
