package a2.bench;

import a2.recipe.Recipe;
import java.util.ArrayList;
import java.util.List;

/**
 * Analytic floating-point operation counts of the recipe network's convolutions, from the layer shapes alone, so
 * that the DL4J and the PyTorch sides are divided by the same number. Only the 3x3 convolutions are counted: they
 * are all but 1-2% of the arithmetic (batch norm, ReLU, pooling and the classifier are a few operations per
 * activation, against {@code 2 * 9 * Cin} per output of a convolution).
 */
public final class ConvFlops {
    /** A square 3x3 kernel. */
    static final int KERNEL_TAPS = 3 * 3;
    /** One multiply and one add per tap. */
    static final int FLOPS_PER_MAC = 2;
    /**
     * Training costs about three forward passes per convolution: the forward, the gradient with respect to the
     * input (a transposed convolution of the same size) and the gradient with respect to the weights (another one).
     * The convention ignores that the first layer needs no input gradient; both frameworks are counted alike.
     */
    public static final int TRAINING_MULTIPLIER = 3;

    private ConvFlops() {}

    /** One convolution: output plane {@code height x width}, {@code in -> out} channels, "same" padding, stride 1. */
    public record Conv(String name, int height, int width, int in, int out) {
        public long forwardFlops() {
            return (long) FLOPS_PER_MAC * height * width * in * out * KERNEL_TAPS;
        }
    }

    /**
     * The convolutions of {@code a2.model.Networks} for this model at input side {@code side}: per stage
     * {@code convsPerStage} convolutions, a 2x2 stride-2 max pool between stages (DL4J "Same" mode: ceil(side/2)).
     */
    public static List<Conv> convolutions(Recipe.Model model, int side) {
        if (side < 1) {
            throw new IllegalArgumentException("side must be >= 1, got " + side);
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
