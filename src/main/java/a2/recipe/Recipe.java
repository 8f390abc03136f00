package a2.recipe;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.util.List;
import java.util.Objects;

/**
 * Everything that decides what a training run computes. Two runs with equal recipes, the same data, native
 * build and thread count produce bit-identical weights.
 *
 * @param name     identifies the recipe (run folders and model files carry it)
 * @param version  bumped whenever a change would change the weights
 * @param seed     the one seed of the run; every random stream (shuffling, augmentation, dropout, init) is
 *                 derived from it
 */
public record Recipe(String name, int version, String description, Data data, Augment augment, Model model,
                     Optimizer optimizer, SemiSupervised semi, Budget budget, long seed) {

    public Recipe {
        require(name != null && name.matches("[a-z0-9][a-z0-9._-]*"), "name must be lower-case [a-z0-9._-], got " + name);
        require(version >= 1, "version must be >= 1");
        Objects.requireNonNull(data, "data");
        Objects.requireNonNull(augment, "augment");
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(optimizer, "optimizer");
        Objects.requireNonNull(semi, "semi");
        Objects.requireNonNull(budget, "budget");
        require(optimizer.warmupEpochs() < budget.epochs(), "optimizer.warmupEpochs (" + optimizer.warmupEpochs()
                + ") must be less than budget.epochs (" + budget.epochs() + ")");
        require(!semi.enabled() || semi.startEpoch() < budget.epochs(), "semi.startEpoch (" + semi.startEpoch()
                + ") must be less than budget.epochs (" + budget.epochs() + "), or the unlabeled images are never used");
        require(optimizer.shiftRateScale() == 1 || model.airbench(), "optimizer.shiftRateScale must be 1 unless"
                + " model.architecture is airbench (only its batch norm has a shift of its own rate)");
        description = description == null ? "" : description;
    }

    /**
     * @param dataset            which dataset the recipe is for ({@code cifar10-a2}, {@code stl10})
     * @param inputSize          side of the square network input; images of another size are resized once
     * @param validationPerClass labeled images per class held out for validation (100: the assignment's 4,000/1,000)
     * @param splitSeed          seed of the stratified split, separate from the run seed so every recipe on a
     *                           dataset validates on the same images
     */
    public record Data(String dataset, int inputSize, int validationPerClass, long splitSeed) {
        public Data {
            require(dataset != null && !dataset.isBlank(), "data.dataset is required");
            require(inputSize >= 8 && inputSize <= 512, "data.inputSize must be in 8..512, got " + inputSize);
            require(validationPerClass >= 1, "data.validationPerClass must be >= 1, got " + validationPerClass);
        }
    }

    /**
     * Training-time augmentation of labeled and pseudo-labeled images (see {@code a2.augment}).
     *
     * @param flip           horizontal flip with probability 1/2
     * @param translate      maximum shift in pixels, each axis, with reflection at the border
     * @param scale          maximum relative zoom in or out (0.1: 0.9x..1.1x)
     * @param rotateDegrees  maximum rotation either way
     * @param colorJitter    maximum relative change of brightness, contrast and saturation
     * @param cutout         side of the square erased at a random place (0: off)
     * @param randAugmentOps RandAugment as FixMatch uses it for its strong view (Sohn et al. 2020, "RA"): this many
     *                       operations drawn with replacement from {@code a2.augment.RandAugmentOp}, each with its
     *                       magnitude drawn uniformly, after the colour jitter and before the cutout (0: off; older
     *                       recipes, written before the field, read as 0)
     */
    public record Augment(boolean flip, int translate, double scale, double rotateDegrees, double colorJitter,
                          int cutout, int randAugmentOps) {
        /**
         * How many operations {@code a2.augment.RandAugmentOp} lists (a recipe is read without the augmentation code;
         * {@code RandAugmentTest} checks the two agree).
         */
        public static final int RAND_AUGMENT_OPS = 8;

        public Augment {
            require(translate >= 0, "augment.translate must be >= 0");
            require(scale >= 0 && scale < 1, "augment.scale must be in [0, 1)");
            require(rotateDegrees >= 0 && rotateDegrees <= 180, "augment.rotateDegrees must be in [0, 180]");
            require(colorJitter >= 0 && colorJitter < 1, "augment.colorJitter must be in [0, 1)");
            require(cutout >= 0, "augment.cutout must be >= 0");
            // RandAugment's papers use 1-3 operations; more than the list holds is a typo, not a stronger view.
            require(randAugmentOps >= 0 && randAugmentOps <= RAND_AUGMENT_OPS,
                    "augment.randAugmentOps must be in 0.." + RAND_AUGMENT_OPS + ", got " + randAugmentOps);
        }

        /** The augmentation without RandAugment's operations. */
        public Augment(boolean flip, int translate, double scale, double rotateDegrees, double colorJitter, int cutout) {
            this(flip, translate, scale, rotateDegrees, colorJitter, cutout, 0);
        }
    }

    /**
     * The network. {@code vgg}: per stage, {@code convsPerStage} 3x3 convolutions with batch norm and ReLU; a 2x2 max
     * pool between stages; global average pooling, dropout and a softmax layer at the end. {@code airbench}: airbench94's
     * network ({@code a2.model.AirbenchNetwork}): a frozen 2x2 patch-whitening convolution computed from the training
     * and unlabeled images, then per width one block {@code conv -> maxpool -> BN -> GELU -> conv -> BN -> GELU} with
     * batch norm of fixed scale, a global max pool and a linear layer without bias, on the 1/9-scaled features.
     *
     * @param widths   channels per stage (airbench: per block)
     * @param convsPerStage 3x3 convolutions per stage ({@code vgg}); airbench's blocks always hold 2
     * @param dropout  probability of DROPPING a unit before the classifier (converted for DL4J, whose
     *                 {@code dropOut(p)} takes the probability of keeping it); airbench has none
     * @param fusedBatchNormRelu  batch norm and ReLU as one layer running oneDNN's fused primitive, the network in
     *                 NHWC ({@code a2.model.layers}); false: DL4J's two layers, NCHW. The same function and
     *                 parameters; about twice as fast to train (bench/README.md); not bit-identical to the other.
     *                 airbench: its 3x3 convolutions on oneDNN, the network in NHWC
     * @param architecture {@link #VGG} or {@link #AIRBENCH} (recipes written before the field: {@code vgg})
     * @param testViews the test-time augmentation every prediction of the model uses ({@code a2.model.TestTimeAugmentation}):
     *                 {@code none}, {@code mirror} or {@code mirror-translate} (airbench's six views); recipes written
     *                 before the field: {@code none}
     * @param activation {@link #RELU} for {@code vgg}; for {@code airbench} {@link #GELU}, the exact GELU
     *                 ({@code a2.model.layers.ErfGelu}, on oneDNN), or {@link #GELU_ND4J}, ND4J's "precise" GELU,
     *                 which is not quite GELU (the tanh form with {@code (0.044715 x)^3}) and is slow; recipes written
     *                 before the field: {@code relu} and {@code gelu-nd4j}
     */
    public record Model(List<Integer> widths, int convsPerStage, double dropout, boolean fusedBatchNormRelu,
                        String architecture, String testViews, String activation) {
        public static final String VGG = "vgg";
        public static final String AIRBENCH = "airbench";
        public static final String RELU = "relu", GELU = "gelu", GELU_ND4J = "gelu-nd4j";
        /** The names {@code a2.model.TestTimeAugmentation.named} knows (RecipeTest checks the two agree). */
        public static final List<String> TEST_VIEWS = List.of("none", "mirror", "mirror-translate");

        public Model {
            require(widths != null && !widths.isEmpty(), "model.widths must list at least one stage");
            widths = List.copyOf(widths);
            require(widths.stream().allMatch(w -> w >= 1 && w <= 2048), "model.widths must be in 1..2048");
            require(convsPerStage >= 1 && convsPerStage <= 8, "model.convsPerStage must be in 1..8");
            require(dropout >= 0 && dropout < 1, "model.dropout must be in [0, 1)");
            require(VGG.equals(architecture) || AIRBENCH.equals(architecture),
                    "model.architecture must be \"" + VGG + "\" or \"" + AIRBENCH + "\", got " + architecture);
            require(TEST_VIEWS.contains(testViews), "model.testViews must be one of " + TEST_VIEWS + ", got " + testViews);
            if (AIRBENCH.equals(architecture)) {
                require(convsPerStage == 2, "model.convsPerStage must be 2 for airbench (two convolutions per block)");
                require(dropout == 0, "model.dropout must be 0 for airbench (it has no dropout)");
                require(GELU.equals(activation) || GELU_ND4J.equals(activation), "model.activation must be \"" + GELU
                        + "\" or \"" + GELU_ND4J + "\" for airbench, got " + activation);
            } else {
                require(RELU.equals(activation), "model.activation must be \"" + RELU + "\" for vgg, got " + activation);
            }
        }

        /** The activation of recipes written before the field: ReLU, or for airbench ND4J's GELU. */
        public Model(List<Integer> widths, int convsPerStage, double dropout, boolean fusedBatchNormRelu,
                     String architecture, String testViews) {
            this(widths, convsPerStage, dropout, fusedBatchNormRelu, architecture, testViews, defaultActivation(architecture));
        }

        public static String defaultActivation(String architecture) {
            return AIRBENCH.equals(architecture) ? GELU_ND4J : RELU;
        }

        /** A VGG-style network, no test-time augmentation. */
        public Model(List<Integer> widths, int convsPerStage, double dropout, boolean fusedBatchNormRelu) {
            this(widths, convsPerStage, dropout, fusedBatchNormRelu, VGG, "none");
        }

        /** DL4J's own batch norm and ReLU layers: every recipe trained before the fused layer existed. */
        public Model(List<Integer> widths, int convsPerStage, double dropout) {
            this(widths, convsPerStage, dropout, false);
        }

        /**
         * The same network on this project's oneDNN layers ({@code fusedBatchNormRelu}: batch norm + ReLU as one layer,
         * convolutions on oneDNN's own kernels): the same function, about twice as fast to train.
         */
        public Model fused() {
            return new Model(widths, convsPerStage, dropout, true, architecture, testViews, activation);
        }

        /** The same network with another activation (for benchmarks and tests of the same recipe with it). */
        public Model withActivation(String other) {
            return new Model(widths, convsPerStage, dropout, fusedBatchNormRelu, architecture, testViews, other);
        }

        public boolean airbench() {
            return AIRBENCH.equals(architecture);
        }
    }

    /**
     * SGD with Nesterov momentum on the batch's mean loss; the learning rate follows {@code schedule}:
     * {@link #WARMUP_COSINE}, a linear warm-up over {@code warmupEpochs} then cosine decay to zero at the end of the
     * budget, or {@link #TRIANGLE}, airbench's line from 0.2 of the peak up to the peak at 23% of the steps, then down
     * to 0.07 of it at the last step ({@code warmupEpochs} unused, 0).
     *
     * @param weightDecay  L2 coefficient (DL4J {@code l2}), applied to weights, not to biases or batch norm; airbench:
     *                     also to batch norm's shift, at {@code weightDecay / shiftRateScale} so that every parameter
     *                     decays by the same amount per step
     * @param labelSmoothing share of each labeled row's target spread evenly over the classes (airbench: 0.2); a
     *                     teacher's soft targets are used as they are
     * @param shiftRateScale batch norm's shift learns at this multiple of the learning rate (airbench: 64; only for
     *                     airbench's network, whose batch norm has a fixed scale; else 1)
     * @param lookahead    airbench's lookahead ({@code a2.train.Lookahead}): every 5 steps the slow weights move toward
     *                     the fast ones and the fast restart from them; validation and the saved models use the slow
     *                     weights
     */
    public record Optimizer(double learningRate, double momentum, double weightDecay, int batchSize, int warmupEpochs,
                            String schedule, double labelSmoothing, double shiftRateScale, boolean lookahead) {
        public static final String WARMUP_COSINE = "warmup-cosine";
        public static final String TRIANGLE = "triangle";

        public Optimizer {
            require(learningRate > 0 && learningRate < 10, "optimizer.learningRate must be in (0, 10)");
            require(momentum >= 0 && momentum < 1, "optimizer.momentum must be in [0, 1)");
            require(weightDecay >= 0 && weightDecay < 1, "optimizer.weightDecay must be in [0, 1)");
            require(batchSize >= 2, "optimizer.batchSize must be >= 2 (batch norm needs two images)");
            require(warmupEpochs >= 0, "optimizer.warmupEpochs must be >= 0");
            require(WARMUP_COSINE.equals(schedule) || TRIANGLE.equals(schedule), "optimizer.schedule must be \""
                    + WARMUP_COSINE + "\" or \"" + TRIANGLE + "\", got " + schedule);
            require(!TRIANGLE.equals(schedule) || warmupEpochs == 0,
                    "optimizer.warmupEpochs must be 0 with the triangle schedule (its rise is part of the triangle)");
            require(labelSmoothing >= 0 && labelSmoothing < 1, "optimizer.labelSmoothing must be in [0, 1)");
            require(shiftRateScale >= 1 && shiftRateScale <= 1024, "optimizer.shiftRateScale must be in [1, 1024]");
        }

        /** Warm-up and cosine, no smoothing, no lookahead: every recipe written before those fields. */
        public Optimizer(double learningRate, double momentum, double weightDecay, int batchSize, int warmupEpochs) {
            this(learningRate, momentum, weightDecay, batchSize, warmupEpochs, WARMUP_COSINE, 0, 1, false);
        }

        public boolean triangle() {
            return TRIANGLE.equals(schedule);
        }
    }

    /**
     * The budget in optimizer steps, never minutes, so "the same budget" means the same computation.
     *
     * @param epochs         number of epochs; validation and checkpoints happen at the end of each
     * @param stepsPerEpoch  optimizer steps per epoch (0: as many full batches as the training split holds)
     * @param keep           which weights are the run's result: {@link #BEST}, the epoch with the best validation
     *                       accuracy, or {@link #FINAL}, the weights at the end of the budget, so that validation
     *                       accuracy stays an unbiased estimate (nothing was chosen on it); recipes written before the
     *                       field: {@code best}
     */
    public record Budget(int epochs, int stepsPerEpoch, String keep) {
        public static final String BEST = "best";
        public static final String FINAL = "final";

        public Budget {
            require(epochs >= 1, "budget.epochs must be >= 1");
            require(stepsPerEpoch >= 0, "budget.stepsPerEpoch must be >= 0");
            require(BEST.equals(keep) || FINAL.equals(keep), "budget.keep must be \"" + BEST + "\" or \"" + FINAL
                    + "\", got " + keep);
        }

        /** The best epoch is kept. */
        public Budget(int epochs, int stepsPerEpoch) {
            this(epochs, stepsPerEpoch, BEST);
        }

        public boolean keepsFinal() {
            return FINAL.equals(keep);
        }
    }

    static void require(boolean ok, String message) {
        if (!ok) {
            throw new IllegalArgumentException(message);
        }
    }

    /** Parses a recipe's JSON, upgrading older forms; errors name {@code origin} and the field. */
    public static Recipe parse(String json, String origin) {
        return RecipeFiles.parse(json, origin);
    }

    /**
     * Fills in, with the values that mean "unused", the fields of recipes written before those fields existed (see
     * {@link RecipeFiles#upgrade}). Model files apply this to the recipe they carry.
     */
    public static JsonNode upgrade(JsonNode tree) {
        return RecipeFiles.upgrade(tree);
    }

    /** A file path, or the name of a recipe shipped in the jar ({@code cifar10-a2-supervised}, …). */
    public static Recipe load(String pathOrName) {
        return RecipeFiles.load(pathOrName);
    }

    /** Every recipe in the jar, the shipped ones first, then the experiments ({@link RecipeCatalog}). */
    public static List<String> builtIn() {
        return RecipeFiles.builtIn();
    }


    /** This recipe with another network (same name and version: for benchmarks and tests, not for training runs). */
    public Recipe withModel(Model other) {
        return new Recipe(name, version, description, data, augment, other, optimizer, semi, budget, seed);
    }

    public String toJson() {
        try {
            return RecipeFiles.JSON.writeValueAsString(this) + "\n";
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
