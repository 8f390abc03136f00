package a2.model.layers;

import java.util.Collection;
import java.util.Map;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.optimize.api.TrainingListener;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * DL4J's {@link ConvolutionLayer} (same configuration, parameters, JSON but for the class name, and function) computed
 * by oneDNN's own convolution kernels called directly, in NHWC, with the weights' layout left to oneDNN, rather than
 * through libnd4j's conv2d and conv2d_bp ops: about 18% less time in the convolutions of the recipe's network (see
 * {@code DnnlConv3x3}). Configurations the fast path does not cover run DL4J's own passes.
 */
public class OneDnnConvolution extends ConvolutionLayer {
    /** For JSON. */
    public OneDnnConvolution() {
        super();
    }

    /** A convolution with the settings of {@code builder}'s. */
    public OneDnnConvolution(ConvolutionLayer.Builder builder) {
        super(builder);
    }

    @Override
    public Layer instantiate(NeuralNetConfiguration conf, Collection<TrainingListener> listeners, int layerIndex,
                             INDArray layerParamsView, boolean initializeParams, DataType networkDataType) {
        OneDnnConvolutionLayer ret = new OneDnnConvolutionLayer(conf, networkDataType, inputGradient(layerIndex));
        ret.setListeners(listeners);
        ret.setIndex(layerIndex);
        ret.setParamsViewArray(layerParamsView);
        Map<String, INDArray> params = initializer().init(conf, layerParamsView, initializeParams);
        ret.setParamTable(params);
        ret.setConf(conf);
        return ret;
    }

    /** Whether the layer computes the gradient with respect to its input: always, but for {@link InputConvolution}. */
    protected boolean inputGradient(int layerIndex) {
        return true;
    }

    @Override
    public OneDnnConvolution clone() {
        return (OneDnnConvolution) super.clone();
    }
}
