package a2.model.layers;

import java.util.Collection;
import java.util.Map;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.BatchNormalization;
import org.deeplearning4j.optimize.api.TrainingListener;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Batch normalization followed by ReLU, as one layer: the configuration of {@link BatchNormReluLayer}. Same
 * parameters, defaults, updater and regularization rules as DL4J's {@link BatchNormalization} (it is one), so a
 * network with it has the same parameters as one with a {@code BatchNormalization} and an {@code ActivationLayer}
 * (RELU) in its place; in NHWC it trains through oneDNN's fused primitive.
 */
public class BatchNormRelu extends BatchNormalization {
    /** DL4J's defaults (decay 0.9, eps 1e-5, variance kept as log10 of the standard deviation); also for JSON. */
    public BatchNormRelu() {
        super();
    }

    public BatchNormRelu(String name) {
        this();
        setLayerName(name);
    }

    @Override
    public Layer instantiate(NeuralNetConfiguration conf, Collection<TrainingListener> listeners, int layerIndex,
                             INDArray layerParamsView, boolean initializeParams, DataType networkDataType) {
        if (isLockGammaBeta()) {
            throw new IllegalStateException("layer " + getLayerName() + ": BatchNormRelu learns gamma and beta; "
                    + "lockGammaBeta is not supported");
        }
        BatchNormReluLayer ret = new BatchNormReluLayer(conf, networkDataType);
        ret.setListeners(listeners);
        ret.setIndex(layerIndex);
        ret.setParamsViewArray(layerParamsView);
        Map<String, INDArray> params = initializer().init(conf, layerParamsView, initializeParams);
        ret.setParamTable(params);
        ret.setConf(conf);
        return ret;
    }

    @Override
    public BatchNormRelu clone() {
        return (BatchNormRelu) super.clone();
    }
}
