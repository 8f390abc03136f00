package a2.model.layers;

import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.activations.BaseActivationFunction;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.shade.jackson.annotation.JsonProperty;

/**
 * Multiplies by a constant: airbench's fixed {@code 1/9} on the logits, placed before the bias-free linear output so
 * that it scales the logits exactly. A constant, not a parameter: it sets the softmax's temperature at the start and
 * the effective learning rate of the last layer.
 */
public class ScaleActivation extends BaseActivationFunction {
    private final double scale;

    public ScaleActivation(@JsonProperty("scale") double scale) {
        if (!(scale > 0) || Double.isInfinite(scale)) {
            throw new IllegalArgumentException("scale must be a positive number, got " + scale);
        }
        this.scale = scale;
    }

    public double getScale() {
        return scale;
    }

    @Override
    public INDArray getActivation(INDArray in, boolean training) {
        return in.muli(scale);
    }

    @Override
    public Pair<INDArray, INDArray> backprop(INDArray in, INDArray epsilon) {
        assertShape(in, epsilon);
        return new Pair<>(epsilon.muli(scale), null);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ScaleActivation s && s.scale == scale;
    }

    @Override
    public int hashCode() {
        return Double.hashCode(scale);
    }

    @Override
    public String toString() {
        return "scale(" + scale + ")";
    }
}
