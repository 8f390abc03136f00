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
 * The network's first convolution: DL4J's {@link ConvolutionLayer} (same configuration, parameters and forward
 * pass) whose backward pass computes only the weight gradient. DL4J's backward pass also computes the gradient with
 * respect to the layer's input, which for the first layer is the images': nothing uses it, and on 3 input channels
 * oneDNN computes it slowly. The layer therefore returns no input gradient; it must be the first layer.
 */
public class InputConvolution extends ConvolutionLayer {
    /** For JSON. */
    public InputConvolution() {
        super();
    }

    /** A first layer with the settings of {@code builder}'s convolution. */
    public InputConvolution(ConvolutionLayer.Builder builder) {
        super(builder);
    }

    @Override
    public Layer instantiate(NeuralNetConfiguration conf, Collection<TrainingListener> listeners, int layerIndex,
                             INDArray layerParamsView, boolean initializeParams, DataType networkDataType) {
        if (layerIndex != 0) {
            throw new IllegalStateException("layer " + getLayerName() + ": an InputConvolution returns no input "
                    + "gradient, so it must be the network's first layer, not layer " + layerIndex);
        }
        InputConvolutionLayer ret = new InputConvolutionLayer(conf, networkDataType);
        ret.setListeners(listeners);
        ret.setIndex(layerIndex);
        ret.setParamsViewArray(layerParamsView);
        Map<String, INDArray> params = initializer().init(conf, layerParamsView, initializeParams);
        ret.setParamTable(params);
        ret.setConf(conf);
        return ret;
    }

    @Override
    public InputConvolution clone() {
        return (InputConvolution) super.clone();
    }
}
