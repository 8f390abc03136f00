package a2.model.layers;

import a2.backend.LayerPath;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.activations.BaseActivationFunction;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.transforms.strict.Erf;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * The exact GELU, {@code x Phi(x) = x (1 + erf(x / sqrt 2)) / 2} (Hendrycks and Gimpel 2016; PyTorch's
 * {@code nn.GELU()}, airbench's activation). Why not ND4J's {@code ActivationGELU}: neither of its forms is this
 * function (its "precise" form computes the tanh approximation with {@code (0.044715 x)^3} in place of
 * {@code 0.044715 x^3}: 0.8314 at x = 1 against 0.8413), and on the airbench network its forward and backward took
 * about 900 ms of a 1,960 ms training step on one thread, where PyTorch's GELU took about 90 ms
 * ({@code bench/README.md}). On the CPU backend it runs oneDNN's {@code eltwise_gelu_erf}; elsewhere, or under
 * {@code A2_PORTABLE=1}, the same function from ND4J's erf.
 */
public class ErfGelu extends BaseActivationFunction {
    private static final double SQRT_HALF = Math.sqrt(0.5), INV_SQRT_2PI = 1 / Math.sqrt(2 * Math.PI);

    private static boolean oneDnn(INDArray... arrays) {
        if (!LayerPath.active().oneDnn() || !Dnnl.cpuBackend()) {
            return false;
        }
        for (INDArray a : arrays) {
            if (a.dataType() != DataType.FLOAT) {
                return false;
            }
        }
        return true;
    }

    /** In place, as ND4J's activations are. */
    @Override
    public INDArray getActivation(INDArray in, boolean training) {
        if (oneDnn(in) && Dnnl.isDense(in)) {
            DnnlGelu.forward(in, in);
            return in;
        }
        return portableForward(in);
    }

    /** The portable path of {@link #getActivation}: ND4J's erf, in place. */
    static INDArray portableForward(INDArray in) {
        return in.muli(phi(in));
    }

    /** {@code dL/dx = dL/dy (Phi(x) + x phi(x))}. */
    @Override
    public Pair<INDArray, INDArray> backprop(INDArray in, INDArray epsilon) {
        assertShape(in, epsilon);
        if (oneDnn(in, epsilon)) {
            // oneDNN reads the arrays as flat vectors, so they must be row-major: DL4J's convolution layer in NHWC (the
            // whitening) hands both over as views permuted to NCHW, which on the portable path cost about a third of
            // the airbench network's training step. Row-major copies go through oneDNN, and the gradient of such a view
            // is written over it, as the portable path does: that layer's oneDNN helper goes on from the view's layout.
            INDArray dx = Nd4j.createUninitialized(DataType.FLOAT, in.shape(), 'c');
            DnnlGelu.backward(Dnnl.dense(in), Dnnl.dense(epsilon), dx);
            return new Pair<>(Dnnl.isDense(in) ? dx : in.assign(dx), null);
        }
        return new Pair<>(portableBackward(in, epsilon), null);
    }

    /** The portable path of {@link #backprop}, written over {@code in}. */
    static INDArray portableBackward(INDArray in, INDArray epsilon) {
        INDArray density = Transforms.exp(in.mul(in).muli(-0.5), false).muli(INV_SQRT_2PI);
        INDArray slope = phi(in).addi(density.muli(in));
        return in.assign(slope.muli(epsilon));
    }

    /** The standard normal CDF, {@code (1 + erf(x / sqrt 2)) / 2}, as a new array. */
    private static INDArray phi(INDArray x) {
        INDArray e = x.mul(SQRT_HALF);
        Nd4j.getExecutioner().exec(new Erf(e, e));
        return e.addi(1).muli(0.5);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ErfGelu;
    }

    @Override
    public int hashCode() {
        return ErfGelu.class.hashCode();
    }

    @Override
    public String toString() {
        return "gelu-erf";
    }
}
