package a2.figures;

import java.util.ArrayList;
import java.util.List;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.conf.ConvolutionMode;
import org.deeplearning4j.nn.conf.layers.ActivationLayer;
import org.deeplearning4j.nn.conf.layers.BatchNormalization;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.GlobalPoolingLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.conf.layers.PoolingType;
import org.deeplearning4j.nn.conf.layers.SubsamplingLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.params.BatchNormalizationParamInitializer;
import org.deeplearning4j.nn.params.ConvolutionParamInitializer;
import org.deeplearning4j.nn.params.DefaultParamInitializer;
import org.nd4j.linalg.activations.IActivation;
import org.nd4j.linalg.activations.impl.ActivationGELU;
import org.nd4j.linalg.activations.impl.ActivationIdentity;
import org.nd4j.linalg.activations.impl.ActivationReLU;
import org.nd4j.linalg.activations.impl.ActivationSoftmax;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * A trained network's inference (test mode: running batch statistics, no dropout) in plain Java double arithmetic,
 * one image at a time, every sum in a fixed order. Why: ND4J's float kernels sum in an order that depends on the
 * native build and the CPU (oneDNN's AVX-512 and AVX2 convolutions differ in the last bits), and t-SNE turns such
 * differences into visibly different maps. The Java language fixes the result of every operation here (no fused
 * multiply-add, {@link StrictMath} for tanh and exp, Commons Math's pure-Java erf), so the same weights give the
 * same features, bit for bit, on every machine. Agreement with DL4J's own forward pass is tested layer by layer ({@code ExactForwardTest}).
 *
 * <p>Layers: 2-D convolutions with stride 1 ("same" or "truncate" padding), batch norm (with DL4J's ReLU fused or
 * not), ReLU / GELU (exact or ND4J's) / identity / scaling activations, 2x2 max pooling, global average or max pooling, and the
 * output layer (its logits: the softmax is left out). Anything else is refused by name.
 */
final class ExactForward {
    /** One layer's output for one image: {@code c} channels of {@code h x w}, stored HWC (channels innermost). */
    record Act(int c, int h, int w, double[] v) {
        /** Per channel, the mean over positions (summed in position order). A vector is returned as is. */
        double[] spatialMean() {
            if (h == 1 && w == 1) {
                return v.clone();
            }
            double[] m = new double[c];
            for (int p = 0; p < h * w; p++) {
                for (int k = 0; k < c; k++) {
                    m[k] += v[p * c + k];
                }
            }
            for (int k = 0; k < c; k++) {
                m[k] /= h * w;
            }
            return m;
        }
    }

    private interface Step {
        Act apply(Act in);
    }

    private final List<Step> steps;

    private ExactForward(List<Step> steps) {
        this.steps = steps;
    }

    /** The inference of {@code net}, read from its configuration and parameters (copied: later training does not show). */
    static ExactForward of(MultiLayerNetwork net) {
        List<Step> steps = new ArrayList<>();
        for (int i = 0; i < net.getnLayers(); i++) {
            steps.add(step(net.getLayer(i)));
        }
        return new ExactForward(steps);
    }

    /**
     * Every layer's output for one standardised CHW image (the network's NCHW input, one image): element {@code i} is
     * layer {@code i}'s output; the last is the output layer's logits.
     */
    List<Act> forward(float[] chw, int side) {
        int plane = side * side;
        double[] hwc = new double[3 * plane];
        for (int c = 0; c < 3; c++) {
            for (int p = 0; p < plane; p++) {
                hwc[p * 3 + c] = chw[c * plane + p];
            }
        }
        Act a = new Act(3, side, side, hwc);
        List<Act> out = new ArrayList<>(steps.size());
        for (Step s : steps) {
            a = s.apply(a);
            out.add(a);
        }
        return out;
    }

    private static Step step(Layer layer) {
        var conf = layer.conf().getLayer();
        String name = conf.getLayerName();
        // Subclasses first: batch norm (and this project's fused and fixed-scale kinds) before the base layer types.
        if (conf instanceof BatchNormalization bn) {
            boolean relu = conf instanceof a2.model.layers.BatchNormRelu;
            return batchNorm(layer, bn, relu);
        }
        if (conf instanceof ConvolutionLayer conv && !(conf instanceof SubsamplingLayer)) {
            return convolution(layer, conv, name);
        }
        if (conf instanceof SubsamplingLayer pool) {
            return maxPool(pool, name);
        }
        if (conf instanceof GlobalPoolingLayer gp) {
            return globalPool(gp.getPoolingType(), name);
        }
        if (conf instanceof ActivationLayer act) {
            Elementwise f = activation(act.getActivationFn(), name);
            return in -> map(in, f);
        }
        if (conf instanceof OutputLayer) {
            return logits(layer);
        }
        throw new IllegalArgumentException("layer '" + name + "' (" + conf.getClass().getSimpleName()
                + ") has no exact Java forward pass");
    }

    private interface Elementwise {
        double apply(double x);
    }

    /** √(2/π), the tanh form's constant; √(1/2), erf's scale in the exact form. */
    private static final double SQRT_2_OVER_PI = StrictMath.sqrt(2 / Math.PI), SQRT_HALF = StrictMath.sqrt(0.5);

    private static Elementwise activation(IActivation fn, String layer) {
        if (fn instanceof ActivationIdentity) {
            return x -> x;
        }
        if (fn instanceof ActivationReLU) {
            return x -> x > 0 ? x : 0;
        }
        if (fn instanceof a2.model.layers.ScaleActivation s) {
            double k = s.getScale();
            return x -> x * k;
        }
        if (fn instanceof a2.model.layers.ErfGelu) {
            // Commons Math's erf is pure Java (FastMath), so the same bits everywhere.
            return x -> 0.5 * x * (1 + org.apache.commons.math3.special.Erf.erf(x * SQRT_HALF));
        }
        if (fn instanceof ActivationGELU g) {
            // ND4J's two forms, as its kernels compute them (measured: 0.8314 and 0.8458 at x = 1): "precise" is the
            // tanh form with (0.044715 x)^3 in place of 0.044715 x^3; the default is x sigmoid(1.702 x).
            return g.isPrecise()
                    ? x -> {
                        double u = 0.044715 * x;
                        return 0.5 * x * (1 + StrictMath.tanh(SQRT_2_OVER_PI * (x + u * u * u)));
                    }
                    : x -> x / (1 + StrictMath.exp(-1.702 * x));
        }
        throw new IllegalArgumentException("layer '" + layer + "': activation " + fn + " has no exact Java form");
    }

    private static Act map(Act in, Elementwise f) {
        double[] v = new double[in.v().length];
        for (int i = 0; i < v.length; i++) {
            v[i] = f.apply(in.v()[i]);
        }
        return new Act(in.c(), in.h(), in.w(), v);
    }

    private static double[] values(INDArray a) {
        return a.castTo(DataType.DOUBLE).dup('c').data().asDouble();
    }

    /**
     * DL4J's kernel [out][in][kh][kw] rearranged to [ky][kx][in][out], so that the innermost loop runs over output
     * channels in memory order.
     */
    private static Step convolution(Layer layer, ConvolutionLayer conv, String name) {
        int[] k = conv.getKernelSize(), stride = conv.getStride(), dil = conv.getDilation();
        if (stride[0] != 1 || stride[1] != 1 || dil[0] != 1 || dil[1] != 1 || k[0] != k[1]) {
            throw new IllegalArgumentException("layer '" + name + "': only square kernels at stride 1 without dilation "
                    + "have an exact Java forward pass");
        }
        int kk = k[0];
        boolean same = conv.getConvolutionMode() == ConvolutionMode.Same;
        if (same && kk % 2 == 0) {
            throw new IllegalArgumentException("layer '" + name + "': 'same' padding of an even kernel is not supported");
        }
        if (!same && (conv.getPadding()[0] != 0 || conv.getPadding()[1] != 0)) {
            throw new IllegalArgumentException("layer '" + name + "': explicit padding is not supported");
        }
        int pad = same ? kk / 2 : 0;
        int cout = (int) conv.getNOut(), cin = (int) conv.getNIn();
        double[] w = values(layer.getParam(ConvolutionParamInitializer.WEIGHT_KEY));
        double[] wt = new double[w.length];
        for (int o = 0; o < cout; o++) {
            for (int i = 0; i < cin; i++) {
                for (int y = 0; y < kk; y++) {
                    for (int x = 0; x < kk; x++) {
                        wt[((y * kk + x) * cin + i) * cout + o] = w[((o * cin + i) * kk + y) * kk + x];
                    }
                }
            }
        }
        double[] bias = conv.hasBias() ? values(layer.getParam(ConvolutionParamInitializer.BIAS_KEY)) : null;
        Elementwise f = activation(conv.getActivationFn(), name);
        return in -> {
            if (in.c() != cin) {
                throw new IllegalArgumentException("layer '" + name + "' takes " + cin + " channels, got " + in.c());
            }
            int h = in.h() + 2 * pad - kk + 1, wd = in.w() + 2 * pad - kk + 1;
            double[] out = new double[h * wd * cout], src = in.v();
            double[] acc = new double[cout];
            for (int y = 0; y < h; y++) {
                for (int x = 0; x < wd; x++) {
                    java.util.Arrays.fill(acc, 0);
                    for (int ky = 0; ky < kk; ky++) {
                        int sy = y + ky - pad;
                        if (sy < 0 || sy >= in.h()) {
                            continue;
                        }
                        for (int kx = 0; kx < kk; kx++) {
                            int sx = x + kx - pad;
                            if (sx < 0 || sx >= in.w()) {
                                continue;
                            }
                            int s0 = (sy * in.w() + sx) * cin, w0 = (ky * kk + kx) * cin * cout;
                            for (int i = 0; i < cin; i++) {
                                double v = src[s0 + i];
                                int wi = w0 + i * cout;
                                for (int o = 0; o < cout; o++) {
                                    acc[o] += v * wt[wi + o];
                                }
                            }
                        }
                    }
                    int d = (y * wd + x) * cout;
                    for (int o = 0; o < cout; o++) {
                        out[d + o] = f.apply(bias == null ? acc[o] : acc[o] + bias[o]);
                    }
                }
            }
            return new Act(cout, h, wd, out);
        };
    }

    /**
     * Test-mode batch norm as DL4J computes it: {@code gamma (x - mean) / sqrt(var + eps) + beta}, the running
     * variance kept either as itself or as log10 of the standard deviation.
     */
    private static Step batchNorm(Layer layer, BatchNormalization bn, boolean relu) {
        double[] mean = values(layer.getParam(BatchNormalizationParamInitializer.GLOBAL_MEAN));
        double[] var;
        if (bn.isUseLogStd()) {
            double[] log10Std = values(layer.getParam(BatchNormalizationParamInitializer.GLOBAL_LOG_STD));
            var = new double[log10Std.length];
            for (int i = 0; i < var.length; i++) {
                double std = StrictMath.pow(10, log10Std[i]);
                var[i] = std * std;
            }
        } else {
            var = values(layer.getParam(BatchNormalizationParamInitializer.GLOBAL_VAR));
        }
        int c = mean.length;
        double[] gamma = bn.isLockGammaBeta() ? filled(c, bn.getGamma()) : values(layer.getParam(BatchNormalizationParamInitializer.GAMMA));
        double[] beta = bn.isLockGammaBeta() ? filled(c, bn.getBeta()) : values(layer.getParam(BatchNormalizationParamInitializer.BETA));
        double[] scale = new double[c], shift = new double[c];
        double eps = bn.getEps();
        for (int k = 0; k < c; k++) {
            scale[k] = gamma[k] / StrictMath.sqrt(var[k] + eps);
            shift[k] = beta[k] - mean[k] * scale[k];
        }
        return in -> {
            double[] v = new double[in.v().length];
            for (int p = 0; p < v.length; p += c) {
                for (int k = 0; k < c; k++) {
                    double y = in.v()[p + k] * scale[k] + shift[k];
                    v[p + k] = relu && y < 0 ? 0 : y;
                }
            }
            return new Act(in.c(), in.h(), in.w(), v);
        };
    }

    private static double[] filled(int n, double value) {
        double[] a = new double[n];
        java.util.Arrays.fill(a, value);
        return a;
    }

    private static Step maxPool(SubsamplingLayer pool, String name) {
        int[] k = pool.getKernelSize(), s = pool.getStride();
        if (pool.getPoolingType() != org.deeplearning4j.nn.conf.layers.PoolingType.MAX
                || k[0] != 2 || k[1] != 2 || s[0] != 2 || s[1] != 2) {
            throw new IllegalArgumentException("layer '" + name + "': only 2x2 max pooling at stride 2 is supported");
        }
        return in -> {
            int c = in.c(), h = in.h() / 2, w = in.w() / 2;
            double[] v = new double[h * w * c];
            for (int y = 0; y < h; y++) {
                for (int x = 0; x < w; x++) {
                    for (int ch = 0; ch < c; ch++) {
                        double m = Double.NEGATIVE_INFINITY;
                        for (int dy = 0; dy < 2; dy++) {
                            for (int dx = 0; dx < 2; dx++) {
                                m = Math.max(m, in.v()[((2 * y + dy) * in.w() + 2 * x + dx) * c + ch]);
                            }
                        }
                        v[(y * w + x) * c + ch] = m;
                    }
                }
            }
            return new Act(c, h, w, v);
        };
    }

    private static Step globalPool(PoolingType type, String name) {
        if (type == PoolingType.AVG) {
            return in -> new Act(in.c(), 1, 1, in.spatialMean());
        }
        if (type != PoolingType.MAX) {
            throw new IllegalArgumentException("layer '" + name + "': global " + type + " pooling is not supported");
        }
        return in -> {
            double[] m = filled(in.c(), Double.NEGATIVE_INFINITY);
            for (int p = 0; p < in.h() * in.w(); p++) {
                for (int k = 0; k < in.c(); k++) {
                    m[k] = Math.max(m[k], in.v()[p * in.c() + k]);
                }
            }
            return new Act(in.c(), 1, 1, m);
        };
    }

    /** The output layer's pre-activation, its input times W [in][out] plus the bias if it has one. */
    private static Step logits(Layer layer) {
        var conf = (OutputLayer) layer.conf().getLayer();
        if (!(conf.getActivationFn() instanceof ActivationSoftmax)) {
            throw new IllegalArgumentException("layer '" + conf.getLayerName() + "': only a softmax output layer is supported");
        }
        int nIn = (int) conf.getNIn(), nOut = (int) conf.getNOut();
        double[] w = values(layer.getParam(DefaultParamInitializer.WEIGHT_KEY));
        double[] b = conf.hasBias() ? values(layer.getParam(DefaultParamInitializer.BIAS_KEY)) : new double[nOut];
        return in -> {
            if (in.v().length != nIn) {
                throw new IllegalArgumentException("layer '" + conf.getLayerName() + "' takes " + nIn + " inputs, got " + in.v().length);
            }
            double[] z = new double[nOut];
            for (int o = 0; o < nOut; o++) {
                double s = 0;
                for (int i = 0; i < nIn; i++) {
                    s += in.v()[i] * w[i * nOut + o];
                }
                z[o] = s + b[o];
            }
            return new Act(nOut, 1, 1, z);
        };
    }
}
