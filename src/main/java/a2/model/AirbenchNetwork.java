package a2.model;

import a2.model.layers.FrozenWeightsConvolution;
import a2.model.layers.NchwToNhwc;
import a2.model.layers.OneDnnConvolution;
import a2.model.layers.ScaleActivation;
import a2.model.layers.ShiftBatchNorm;
import java.util.List;
import org.deeplearning4j.nn.conf.ConvolutionMode;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.ActivationLayer;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.GlobalPoolingLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.conf.layers.PoolingType;
import org.deeplearning4j.nn.conf.layers.SubsamplingLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.params.ConvolutionParamInitializer;
import org.deeplearning4j.nn.weights.WeightInit;
import org.nd4j.linalg.activations.impl.ActivationGELU;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.IUpdater;
import org.nd4j.linalg.learning.config.Nesterovs;
import org.nd4j.linalg.schedule.ISchedule;
import org.nd4j.linalg.lossfunctions.LossFunctions;

/**
 * airbench94's network (Keller Jordan, cifar10-airbench) in DL4J: a frozen 2x2 patch-whitening convolution (3 to 24
 * channels, no padding) and GELU; then per block {@code conv3x3 -> maxpool 2 -> BN -> GELU -> conv3x3 -> BN -> GELU}
 * (widths 64, 256, 256 in airbench); a global max pool (airbench's {@code MaxPool2d(3)} over the last 3x3 map); the
 * features times a fixed 1/9; a linear layer without bias to the classes. BN has its scale fixed at 1 and learns its
 * shift with its own updater ({@link ShiftBatchNorm}). Layer names follow the project's scheme ({@code sXcY},
 * {@code gap}, {@code out}) so figures find them.
 */
public final class AirbenchNetwork {
    private AirbenchNetwork() {}

    /**
     * @param inputSize   the images' side
     * @param widths      each block's channels
     * @param bnDecay     DL4J's running-statistics decay (the weight of the old value): airbench's momentum 0.6
     * @param bnEps       BN's epsilon (airbench: 1e-12)
     * @param logitScale  the fixed factor on the features before the output layer (airbench: 1/9)
     * @param oneDnn      run the network in NHWC with the 3x3 convolutions on oneDNN directly ({@link OneDnnConvolution}):
     *                    the same function and parameters as DL4J's own NCHW layers, several times faster to train
     * @param exactGelu   the exact GELU ({@link ErfGelu}, airbench's); false: ND4J's "precise" GELU, which the first
     *                    airbench models were trained with
     */
    public record Spec(int inputSize, List<Integer> widths, double bnDecay, double bnEps, double logitScale,
                       boolean oneDnn, boolean exactGelu) {
        public Spec {
            widths = List.copyOf(widths);
            if (inputSize < 8 || widths.isEmpty() || widths.stream().anyMatch(w -> w < 1)) {
                throw new IllegalArgumentException("bad airbench spec: input " + inputSize + ", widths " + widths);
            }
        }

        /** With ND4J's GELU, as the first airbench recipes. */
        public Spec(int inputSize, List<Integer> widths, double bnDecay, double bnEps, double logitScale, boolean oneDnn) {
            this(inputSize, widths, bnDecay, bnEps, logitScale, oneDnn, false);
        }

        /** airbench94's settings for 32x32 images. */
        public static Spec airbench94() {
            return new Spec(32, List.of(64, 256, 256), 0.6, 1e-12, 1.0 / 9, true);
        }
    }

    /**
     * The network, initialised: whitening filters installed, each 3x3 convolution's first {@code c_in} filters set to
     * the identity (airbench's {@code dirac_} init), the rest DL4J's default initialisation.
     *
     * @param updater       the weights' updater (its learning-rate schedule included)
     * @param shiftUpdater  the BN shifts' updater (airbench: 64 times the weights' rate)
     * @param whiteBias     the whitening layer's bias updater (airbench trains it for its first 3 epochs)
     */
    public static MultiLayerNetwork build(Spec spec, PatchWhitening whitening, int numClasses, long seed,
                                          IUpdater updater, IUpdater shiftUpdater, IUpdater whiteBias) {
        return build(spec, whitening, numClasses, seed, updater, shiftUpdater, whiteBias, 0, 0,
                LossFunctions.LossFunction.MCXENT.getILossFunction());
    }

    /**
     * airbench's share of its run during which the whitening layer's bias learns: its first 3 of 9.9 epochs. Here its
     * rate falls to 0 there ({@link CutoffSchedule}); DL4J's Nesterov momentum still carries it on, each step's change
     * 0.85 times the one before (about 5.7 steps' worth in all), where airbench's bias, excluded from the gradient,
     * stops at once.
     */
    static final double WHITE_BIAS_FRACTION = 3 / 9.9;

    /**
     * The recipe's airbench network: the widths and test views from {@code model}, the learning rate on
     * {@code optimizer.schedule} over the whole budget, batch norm's shift at {@code shiftRateScale} times it, the
     * whitening bias learning for the first {@link #WHITE_BIAS_FRACTION} of the steps, L2 on the convolution and output
     * weights and, divided by {@code shiftRateScale}, on the shifts (airbench decays every parameter by the same
     * amount per step).
     *
     * @param totalSteps the run's optimizer steps (the budget's epochs times its steps per epoch)
     */
    public static MultiLayerNetwork build(a2.recipe.Recipe recipe, PatchWhitening whitening, int numClasses, int totalSteps) {
        var o = recipe.optimizer();
        ISchedule rate = o.triangle() ? airbenchTriangle(o.learningRate(), totalSteps)
                : new WarmupCosineSchedule(o.learningRate(), 0, totalSteps);
        ISchedule shift = o.triangle() ? airbenchTriangle(o.learningRate() * o.shiftRateScale(), totalSteps)
                : new WarmupCosineSchedule(o.learningRate() * o.shiftRateScale(), 0, totalSteps);
        ISchedule white = new CutoffSchedule(rate, (int) Math.round(WHITE_BIAS_FRACTION * totalSteps));
        Spec spec = new Spec(recipe.data().inputSize(), recipe.model().widths(), Spec.airbench94().bnDecay(),
                Spec.airbench94().bnEps(), Spec.airbench94().logitScale(), recipe.model().fusedBatchNormRelu(),
                a2.recipe.Recipe.Model.GELU.equals(recipe.model().activation()));
        return build(spec, whitening, numClasses, recipe.seed(), new Nesterovs(rate, o.momentum()),
                new Nesterovs(shift, o.momentum()), new Nesterovs(white, o.momentum()), o.weightDecay(),
                o.weightDecay() / o.shiftRateScale(), Networks.loss(recipe, numClasses));
    }

    /** airbench94's triangle: from 0.2 of the peak to the peak at 23% of the steps, down to 0.07 of it at the end. */
    static TriangleSchedule airbenchTriangle(double peak, int totalSteps) {
        return new TriangleSchedule(peak, 0.2, 0.23, 0.07, totalSteps);
    }

    /**
     * @param l2      L2 on the convolution and output weights and the whitening bias (DL4J {@code l2}: added to the
     *                gradient before the updater, as PyTorch's SGD weight decay)
     * @param shiftL2 L2 on batch norm's shifts
     * @param loss    the output layer's cross-entropy ({@link Networks#loss}: class-weighted where rows carry weights)
     */
    public static MultiLayerNetwork build(Spec spec, PatchWhitening whitening, int numClasses, long seed,
                                          IUpdater updater, IUpdater shiftUpdater, IUpdater whiteBias, double l2,
                                          double shiftL2, org.nd4j.linalg.lossfunctions.ILossFunction loss) {
        var list = new NeuralNetConfiguration.Builder().seed(seed).dataType(DataType.FLOAT)
                .weightInit(WeightInit.RELU).updater(updater).l2(l2).l2Bias(l2)
                .convolutionMode(ConvolutionMode.Same).list();
        int p = whitening.patch();
        var white = new ConvolutionLayer.Builder(p, p).nOut(whitening.outChannels()).hasBias(true)
                .convolutionMode(ConvolutionMode.Truncate).activation(gelu(spec)).biasUpdater(whiteBias)
                .name("white");
        list.layer(new FrozenWeightsConvolution(white));
        for (int b = 0; b < spec.widths().size(); b++) {
            String s = "s" + (b + 1);
            int w = spec.widths().get(b);
            list.layer(conv(s + "c1", w, spec.oneDnn()));
            list.layer(new SubsamplingLayer.Builder(PoolingType.MAX).kernelSize(2, 2).stride(2, 2)
                    .convolutionMode(ConvolutionMode.Truncate).name(s + "pool").build());
            list.layer(ShiftBatchNorm.of(s + "c1bn", spec.bnDecay(), spec.bnEps(), shiftUpdater, shiftL2));
            list.layer(gelu(s + "c1gelu", spec));
            list.layer(conv(s + "c2", w, spec.oneDnn()));
            list.layer(ShiftBatchNorm.of(s + "c2bn", spec.bnDecay(), spec.bnEps(), shiftUpdater, shiftL2));
            list.layer(gelu(s + "c2gelu", spec));
        }
        list.layer(new GlobalPoolingLayer.Builder(PoolingType.MAX).name("gap").build());
        list.layer(new ActivationLayer.Builder().activation(new ScaleActivation(spec.logitScale())).name("scale").build());
        list.layer(new OutputLayer.Builder(loss).nOut(numClasses).hasBias(false)
                .activation(org.nd4j.linalg.activations.Activation.SOFTMAX).weightInit(WeightInit.XAVIER).name("out").build());
        if (spec.oneDnn()) {
            // Inside, the network runs in NHWC, where oneDNN's kernels are fast; callers still hand it NCHW.
            list.inputPreProcessor(0, new NchwToNhwc());
        }
        list.setInputType(InputType.convolutional(spec.inputSize(), spec.inputSize(), 3));
        MultiLayerNetwork net = new MultiLayerNetwork(list.build());
        net.init();
        installWhitening(net, whitening);
        identityInit(net);
        return net;
    }

    private static ConvolutionLayer conv(String name, int width, boolean oneDnn) {
        // No bias: the batch norm that follows has its own shift.
        var conv = new ConvolutionLayer.Builder(3, 3).nOut(width).hasBias(false)
                .activation(org.nd4j.linalg.activations.Activation.IDENTITY).name(name);
        return oneDnn ? new OneDnnConvolution(conv) : conv.build();
    }

    private static ActivationLayer gelu(String name, Spec spec) {
        return new ActivationLayer.Builder().activation(gelu(spec)).name(name).build();
    }

    private static org.nd4j.linalg.activations.IActivation gelu(Spec spec) {
        // ND4J's "precise" GELU. Measured: it is neither PyTorch's exact (erf) GELU nor its tanh form but the tanh form
        // with 0.044715 x cubed instead of 0.044715 x^3 (0.8314 at x = 1 against 0.8413; ND4J's default, x sigmoid(1.702 x),
        // gives 0.8458). The first airbench models were trained with it and their files name it.
        return spec.exactGelu() ? new a2.model.layers.ErfGelu() : new ActivationGELU(true);
    }

    private static void installWhitening(MultiLayerNetwork net, PatchWhitening whitening) {
        INDArray w = net.getLayer("white").getParam(ConvolutionParamInitializer.WEIGHT_KEY);
        int p = whitening.patch();
        w.assign(Nd4j.create(whitening.weights(), new long[] {whitening.outChannels(), 3, p, p}, 'c'));
        net.getLayer("white").getParam(ConvolutionParamInitializer.BIAS_KEY).assign(0);
    }

    /** Filter {@code i < c_in} of every 3x3 convolution passes input channel {@code i} through unchanged. */
    private static void identityInit(MultiLayerNetwork net) {
        for (var layer : net.getLayers()) {
            if (layer.conf().getLayer() instanceof ConvolutionLayer c && !(c instanceof FrozenWeightsConvolution)) {
                INDArray w = layer.getParam(ConvolutionParamInitializer.WEIGHT_KEY); // [out, in, 3, 3]
                long in = w.size(1), out = w.size(0);
                for (int i = 0; i < Math.min(in, out); i++) {
                    for (int j = 0; j < in; j++) {
                        for (int k = 0; k < 9; k++) {
                            w.putScalar(new long[] {i, j, k / 3, k % 3}, i == j && k == 4 ? 1f : 0f);
                        }
                    }
                }
            }
        }
    }

    /** Parameters the spec's network learns or holds, for the record: convolutions, shifts, output weights. */
    public static long expectedParams(Spec spec, PatchWhitening whitening, int numClasses) {
        int p = whitening.patch(), c = whitening.outChannels();
        long n = (long) c * 3 * p * p + c;
        int in = c;
        for (int w : spec.widths()) {
            n += 9L * in * w + 9L * w * w;
            n += 2 * 4L * w; // two BNs: gamma, beta, running mean, running variance
            in = w;
        }
        return n + (long) in * numClasses;
    }
}
