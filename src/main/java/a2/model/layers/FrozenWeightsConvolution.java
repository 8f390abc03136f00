package a2.model.layers;

import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.params.ConvolutionParamInitializer;
import org.nd4j.linalg.learning.config.IUpdater;
import org.nd4j.linalg.learning.config.Sgd;

/**
 * A convolution whose kernel never changes (an updater of rate 0) while its bias learns with {@code biasUpdater}:
 * the frozen patch-whitening layer, whose bias airbench trains for its first few epochs only (a schedule on the bias
 * updater that falls to 0 does that).
 */
public class FrozenWeightsConvolution extends ConvolutionLayer {
    /** For JSON. */
    public FrozenWeightsConvolution() {
        super();
    }

    public FrozenWeightsConvolution(ConvolutionLayer.Builder builder) {
        super(builder);
    }

    @Override
    public IUpdater getUpdaterByParam(String paramName) {
        if (ConvolutionParamInitializer.WEIGHT_KEY.equals(paramName)) {
            return new Sgd(0.0);
        }
        return super.getUpdaterByParam(paramName);
    }

    /** No regularisation of the frozen kernel: it never moves, and its L2 term would only swell the logged loss. */
    @Override
    public java.util.List<org.nd4j.linalg.learning.regularization.Regularization> getRegularizationByParam(String paramName) {
        return ConvolutionParamInitializer.WEIGHT_KEY.equals(paramName) ? null : super.getRegularizationByParam(paramName);
    }

    @Override
    public FrozenWeightsConvolution clone() {
        return (FrozenWeightsConvolution) super.clone();
    }
}
