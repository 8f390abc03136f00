package a2.bench;

import a2.recipe.Recipe;
import java.util.ArrayList;
import java.util.List;

/**
 * Analytic floating-point operation counts of the recipe network's convolutions, from the layer shapes alone, so
 * that the DL4J and the PyTorch sides are divided by the same number. Only the convolutions are counted: they
 * are all but 1-2% of the arithmetic (batch norm, ReLU or GELU, pooling and the classifier are a few operations per
 * activation, against {@code 2 * 9 * Cin} per output of a 3x3 convolution). Both networks are covered: the
 * VGG-style one of {@code a2.model.Networks} and airbench's ({@code a2.model.AirbenchNetwork}), by the model's
 * {@code architecture}.
 */
public final class ConvFlops {
    /** The side of every convolution's square kernel but airbench's whitening. */
    static final int KERNEL = 3;
    /** One multiply and one add per tap. */
    static final int FLOPS_PER_MAC = 2;
    /**
     * Training costs about three forward passes per convolution: the forward, the gradient with respect to the
     * input (a transposed convolution of the same size) and the gradient with respect to the weights (another one).
     * The convention ignores that the first layer needs no input gradient (and that airbench's frozen whitening needs
     * no weight gradient either, which PyTorch skips and DL4J computes); both frameworks are counted alike.
     */
    public static final int TRAINING_MULTIPLIER = 3;

    private ConvFlops() {}

    /** One convolution: output plane {@code height x width}, {@code in -> out} channels, stride 1, a square kernel. */
    public record Conv(String name, int height, int width, int in, int out, int kernel) {
        /** A 3x3 convolution with "same" padding. */
        public Conv(String name, int height, int width, int in, int out) {
            this(name, height, width, in, out, KERNEL);
        }

        public long forwardFlops() {
            return (long) FLOPS_PER_MAC * height * width * in * out * kernel * kernel;
        }
    }

    /**
     * The convolutions of {@code a2.model.Networks} for this model at input side {@code side}: for the VGG-style
     * network per stage {@code convsPerStage} convolutions, a 2x2 stride-2 max pool between stages (DL4J "Same" mode:
     * ceil(side/2)); for airbench's, {@link #airbench}.
     */
    public static List<Conv> convolutions(Recipe.Model model, int side) {
        if (side < 1) {
            throw new IllegalArgumentException("side must be >= 1, got " + side);
        }
        if (model.airbench()) {
            return airbench(model, side);
        }
        List<Conv> convs = new ArrayList<>();
        int in = 3, h = side;
        for (int s = 0; s < model.widths().size(); s++) {
            if (s > 0) {
                h = (h + 1) / 2;
            }
            int w = model.widths().get(s);
            for (int c = 0; c < model.convsPerStage(); c++) {
                convs.add(new Conv("s" + (s + 1) + "c" + (c + 1), h, h, in, w));
                in = w;
            }
        }
        return List.copyOf(convs);
    }

    /** The whitening's patch side, the one training fits. */
    static final int WHITENING_PATCH = a2.model.PatchWhitening.AIRBENCH_PATCH;
    /** The whitening's output: each of the {@code 3 * 2 * 2} eigenvectors and its negative ({@code PatchWhitening}). */
    static final int WHITENING_CHANNELS = 2 * 3 * WHITENING_PATCH * WHITENING_PATCH;

    /**
     * airbench's convolutions ({@code a2.model.AirbenchNetwork}): the frozen 2x2 whitening, 3 to 24 channels without
     * padding (side - 1); then per block (the model's widths) a 3x3 "same" convolution, a 2x2 stride-2 max pool
     * that rounds down (DL4J "Truncate", PyTorch's {@code MaxPool2d(2)}), and a second 3x3 convolution on the pooled
     * map. The model's {@code convsPerStage} is 2 by construction there.
     */
    static List<Conv> airbench(Recipe.Model model, int side) {
        List<Conv> convs = new ArrayList<>();
        int h = side - WHITENING_PATCH + 1, in = WHITENING_CHANNELS;
        convs.add(new Conv("white", h, h, 3, in, WHITENING_PATCH));
        for (int b = 0; b < model.widths().size(); b++) {
            int w = model.widths().get(b);
            convs.add(new Conv("s" + (b + 1) + "c1", h, h, in, w));
            h /= 2;
            if (h < 1) {
                throw new IllegalArgumentException("input side " + side + " is too small for " + model.widths().size()
                        + " airbench blocks: block " + (b + 1) + "'s pool leaves nothing");
            }
            convs.add(new Conv("s" + (b + 1) + "c2", h, h, w, w));
            in = w;
        }
        return List.copyOf(convs);
    }

    /** Forward convolution FLOPs for one image. */
    public static long forwardPerImage(Recipe.Model model, int side) {
        return convolutions(model, side).stream().mapToLong(Conv::forwardFlops).sum();
    }

    /** Convolution FLOPs of one image in the given mode: the forward alone, or {@link #TRAINING_MULTIPLIER} forwards. */
    public static long perImage(Recipe.Model model, int side, Mode mode) {
        return forwardPerImage(model, side) * (mode == Mode.TRAIN ? TRAINING_MULTIPLIER : 1);
    }

    /** Achieved convolution GFLOP/s at a throughput of {@code imagesPerSecond}. */
    public static double gflopsPerSecond(Recipe.Model model, int side, Mode mode, double imagesPerSecond) {
        return perImage(model, side, mode) * imagesPerSecond / 1e9;
    }
}
