package a2.model;

import a2.model.layers.BatchNormRelu;
import a2.model.layers.InputConvolution;
import a2.model.layers.OneDnnConvolution;
import a2.model.layers.NchwToNhwc;
import a2.recipe.Recipe;
import org.deeplearning4j.nn.conf.CacheMode;
import org.deeplearning4j.nn.conf.ConvolutionMode;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.ActivationLayer;
import org.deeplearning4j.nn.conf.layers.BatchNormalization;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.GlobalPoolingLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.conf.layers.PoolingType;
import org.deeplearning4j.nn.conf.layers.SubsamplingLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.weights.WeightInit;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Nesterovs;
import org.nd4j.linalg.lossfunctions.LossFunctions;
import org.nd4j.linalg.lossfunctions.impl.LossMCXENT;

/**
 * Builds the recipe's convnet. Layer names ({@code s1c1}, {@code gap}, …) are what figures refer to; a stage's
 * convolution {@code sXcY} is followed by {@code sXcYbn} and {@code sXcYrelu}, or by one {@code sXcYbnrelu} when the
 * recipe fuses them.
 */
public final class Networks {
    private Networks() {}

    /**
     * @param stepsPerEpoch optimizer steps per epoch; with the budget's epochs and the warm-up, they fix the
     *                      learning-rate schedule
     */
    public static MultiLayerNetwork build(Recipe recipe, int numClasses, int stepsPerEpoch) {
        if (recipe.model().airbench()) {
            throw new IllegalArgumentException("recipe " + recipe.name() + "'s airbench network needs its patch whitening");
        }
        return build(recipe, numClasses, stepsPerEpoch, null);
    }

    /**
     * @param whitening airbench's frozen first layer, fitted on the run's images ({@link PatchWhitening#fit}); null for
     *                  the VGG network
     */
    public static MultiLayerNetwork build(Recipe recipe, int numClasses, int stepsPerEpoch, PatchWhitening whitening) {
        if (recipe.model().airbench()) {
            return AirbenchNetwork.build(recipe, java.util.Objects.requireNonNull(whitening, "whitening"), numClasses,
                    recipe.budget().epochs() * stepsPerEpoch);
        }
        Recipe.Model m = recipe.model();
        Recipe.Optimizer o = recipe.optimizer();
        int totalSteps = recipe.budget().epochs() * stepsPerEpoch;
        var schedule = new WarmupCosineSchedule(o.learningRate(), o.warmupEpochs() * stepsPerEpoch, totalSteps);
        var list = new NeuralNetConfiguration.Builder()
                .seed(recipe.seed())
                .dataType(DataType.FLOAT)
                .weightInit(WeightInit.RELU)
                .updater(new Nesterovs(schedule, o.momentum()))
                .l2(o.weightDecay())
                .convolutionMode(ConvolutionMode.Same)
                // Without a cache mode, DL4J's ConvolutionLayer.backpropGradient recomputes its forward convolution
                // to get the pre-activation it feeds the activation's derivative (identity here): one extra conv per
                // layer per step. With it, the forward pass keeps that output in the activations workspace and the
                // backward pass reuses it. Same numbers, bit for bit (NetworksTest); a quarter fewer convolutions.
                .cacheMode(CacheMode.DEVICE)
                .list();
        stages(list, m);
        list.layer(new GlobalPoolingLayer.Builder(PoolingType.AVG).name("gap").build());
        list.layer(classifier(recipe, numClasses));
        if (m.fusedBatchNormRelu()) {
            // Inside, the network runs in NHWC, where oneDNN's batch norm is fast; callers still hand it NCHW.
            list.inputPreProcessor(0, new NchwToNhwc());
        }
        list.setInputType(InputType.convolutional(recipe.data().inputSize(), recipe.data().inputSize(), 3));
        MultiLayerNetwork net = new MultiLayerNetwork(list.build());
        net.init();
        return net;
    }

    /** Per stage: a 2x2 max pool (but before the first), then the stage's 3x3 convolutions, each with batch norm and ReLU. */
    private static void stages(NeuralNetConfiguration.ListBuilder list, Recipe.Model m) {
        for (int s = 0; s < m.widths().size(); s++) {
            if (s > 0) {
                list.layer(new SubsamplingLayer.Builder(PoolingType.MAX).kernelSize(2, 2).stride(2, 2)
                        .name("s" + (s + 1) + "pool").build());
            }
            for (int c = 0; c < m.convsPerStage(); c++) {
                String id = "s" + (s + 1) + "c" + (c + 1);
                // No bias: the batch norm that follows has its own shift.
                var conv = new ConvolutionLayer.Builder(3, 3).nOut(m.widths().get(s)).hasBias(false)
                        .activation(Activation.IDENTITY).name(id);
                // The fused network also calls oneDNN's convolutions directly; its first layer skips the images'
                // gradient, which nothing uses.
                list.layer(!m.fusedBatchNormRelu() ? conv.build()
                        : s == 0 && c == 0 ? new InputConvolution(conv) : new OneDnnConvolution(conv));
                if (m.fusedBatchNormRelu()) {
                    list.layer(new BatchNormRelu(id + "bnrelu"));
                } else {
                    list.layer(new BatchNormalization.Builder().name(id + "bn").build());
                    list.layer(new ActivationLayer.Builder().activation(Activation.RELU).name(id + "relu").build());
                }
            }
        }
    }

    /**
     * The cross-entropy the recipe's rows need. Weighted rows ({@code semi.unlabeledWeight}) travel as label rows that
     * sum to the row's weight. DL4J's plain MCXENT gradient is p - y, right only for rows summing to 1; with class
     * weights it is p * sum(w y) - w y, so unit class weights turn a row scaled by c into exactly c times its loss and
     * gradient (FixMatchTest checks it). Both networks, the VGG one and airbench's, take their loss from here.
     */
    public static org.nd4j.linalg.lossfunctions.ILossFunction loss(Recipe recipe, int numClasses) {
        return recipe.semi().weightsRows() ? new LossMCXENT(Nd4j.ones(DataType.FLOAT, numClasses))
                : LossFunctions.LossFunction.MCXENT.getILossFunction();
    }

    /** Dropout, the linear layer and softmax, with the cross-entropy the recipe's loss needs. */
    private static OutputLayer classifier(Recipe recipe, int numClasses) {
        Recipe.Model m = recipe.model();
        var out = new OutputLayer.Builder(loss(recipe, numClasses)).nOut(numClasses).activation(Activation.SOFTMAX)
                .weightInit(WeightInit.XAVIER).name("out");
        if (m.dropout() > 0) {
            // DL4J's dropOut(p) takes the probability of KEEPING a unit; the recipe states the drop probability.
            out.dropOut(1 - m.dropout());
        }
        return out.build();
    }

    /**
     * The same network and weights with DL4J's default cache mode (none): each convolution's forward pass is
     * recomputed in its backward pass. For the benchmark's before/after and the test that the cache changes nothing.
     */
    public static MultiLayerNetwork withoutForwardCache(MultiLayerNetwork net) {
        return twin(net, conf -> {
            conf.setCacheMode(CacheMode.NONE);
            conf.getConfs().forEach(c -> c.setCacheMode(CacheMode.NONE));
            return conf;
        });
    }

    /**
     * A network built from a copy of {@code net}'s configuration after {@code change}, holding a copy of its
     * parameters: a variant of the one network definition for comparisons, never a second definition.
     */
    public static MultiLayerNetwork twin(MultiLayerNetwork net, java.util.function.UnaryOperator<MultiLayerConfiguration> change) {
        MultiLayerConfiguration copy = MultiLayerConfiguration.fromJson(net.getLayerWiseConfigurations().toJson());
        MultiLayerNetwork twin = new MultiLayerNetwork(change.apply(copy));
        twin.init(net.params().dup(), true);
        return twin;
    }
}
