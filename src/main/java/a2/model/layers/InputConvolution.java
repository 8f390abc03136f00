package a2.model.layers;

import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;

/**
 * The network's first convolution: a {@link OneDnnConvolution} that computes no gradient with respect to its input.
 * For the first layer that is the images' gradient: nothing uses it, and DL4J's backward pass computes it (slowly, on
 * 3 input channels) and throws it away. It must be the network's first layer.
 */
public class InputConvolution extends OneDnnConvolution {
    /** For JSON. */
    public InputConvolution() {
        super();
    }

    /** A first layer with the settings of {@code builder}'s convolution. */
    public InputConvolution(ConvolutionLayer.Builder builder) {
        super(builder);
    }

    @Override
    protected boolean inputGradient(int layerIndex) {
        if (layerIndex != 0) {
            throw new IllegalStateException("layer " + getLayerName() + ": an InputConvolution returns no input "
                    + "gradient, so it must be the network's first layer, not layer " + layerIndex);
        }
        return false;
    }

    @Override
    public InputConvolution clone() {
        return (InputConvolution) super.clone();
    }
}
