package a2.part1;

import java.util.Objects;

/**
 * Part 1.1: the graph {@code s_i = sigmoid(x_i)}, {@code a = min(s1, s2)}, {@code b = max(s1, s2)},
 * {@code y = a + b}, with the forward pass and the backward pass written out exactly as in
 * {@code writeup/part1.tex} (section 1.1).
 *
 * <p>Away from a tie the local derivatives of min and max are indicators: min passes its upstream gradient
 * to the smaller input, max to the larger. At a tie ({@code s1 == s2}, compared on the computed doubles)
 * min and max are not differentiable and a {@link TieRule} says how each routes its gradient. Because
 * {@code min(s1, s2) + max(s1, s2) = s1 + s2} identically, the gradient of {@code y} alone is
 * {@code sigmoid'(x_i) dE/dy} for every input, but the backward pass only reproduces that at a tie when the
 * rule sends min's and max's gradients to complementary inputs ({@code minShareToFirst + maxShareToFirst == 1});
 * {@link TieRule#FIRST_INPUT} does not, and the tests show the resulting wrong partial derivatives.
 */
public final class MinMaxSumGraph {
    private MinMaxSumGraph() {}

    /**
     * How min and max split their upstream gradients between {@code s1} and {@code s2} when {@code s1 == s2}.
     * Min sends the fraction {@link #minShareToFirst()} of {@code dE/da} to {@code s1} and the rest to
     * {@code s2}; max does the same with {@link #maxShareToFirst()} of {@code dE/db}. (In the writeup these
     * are lambda and mu.)
     */
    public enum TieRule {
        /**
         * {@code (a, b)} is a stable sort of {@code (s1, s2)}: at a tie {@code a} is {@code s1} and {@code b}
         * is {@code s2}. This is the gradient of the smooth piece of the graph that holds on {@code s1 <= s2},
         * i.e. the limit of the gradient as {@code x1} approaches {@code x2} from below. The writeup's default.
         */
        STABLE_SORT(1.0, 0.0),
        /**
         * Half of each upstream gradient to each input, as PyTorch's {@code torch.minimum}/{@code torch.maximum}
         * backward does ({@code where(self == other, grad / 2, grad)} in its derivatives.yaml). Equals the
         * average of the two pieces' gradients, which is what a central difference sees at the tie.
         */
        SPLIT(0.5, 0.5),
        /**
         * Both min and max credit the first input, as Torch7's {@code nn.CMinTable}/{@code nn.CMaxTable}
         * (strict {@code lt}/{@code gt} comparisons keep index 1) and TensorFlow's Minimum/Maximum gradients
         * (masks {@code x <= y} and {@code x >= y}) do. At a tie this gives {@code dE/dx1 = 2 sigmoid'(x1) dE/dy}
         * and {@code dE/dx2 = 0} for the sum: their total is right, each partial is wrong.
         */
        FIRST_INPUT(1.0, 1.0);

        private final double minShareToFirst;
        private final double maxShareToFirst;

        TieRule(double minShareToFirst, double maxShareToFirst) {
            this.minShareToFirst = minShareToFirst;
            this.maxShareToFirst = maxShareToFirst;
        }

        /** lambda: the fraction of {@code dE/da} that min sends to {@code s1} at a tie. */
        public double minShareToFirst() {
            return minShareToFirst;
        }

        /** mu: the fraction of {@code dE/db} that max sends to {@code s1} at a tie. */
        public double maxShareToFirst() {
            return maxShareToFirst;
        }

        /** Whether the backward pass through {@code y = a + b} equals the true gradient at a tie. */
        public boolean complementary() {
            return minShareToFirst + maxShareToFirst == 1.0;
        }
    }

    /** Every intermediate of the forward pass. */
    public record Forward(double x1, double x2, double s1, double s2, double a, double b, double y) {
        /** Whether min and max see a tie, so the {@link TieRule} decides the routing. */
        public boolean tie() {
            return s1 == s2;
        }
    }

    /** Gradients of E with respect to the sigmoid outputs and to the inputs. */
    public record Backward(double dEds1, double dEds2, double dEdx1, double dEdx2) {}

    public static double sigmoid(double x) {
        // Two branches so that exp never overflows: exp(-|x|) is at most 1.
        if (x >= 0) {
            return 1.0 / (1.0 + Math.exp(-x));
        }
        double e = Math.exp(x);
        return e / (1.0 + e);
    }

    /**
     * {@code sigmoid'(x) = sigmoid(x) (1 - sigmoid(x)) = sigmoid(x) sigmoid(-x)}; the second form avoids the
     * cancellation in {@code 1 - sigmoid(x)} for large positive x.
     */
    public static double sigmoidDerivative(double x) {
        return sigmoid(x) * sigmoid(-x);
    }

    public static Forward forward(double x1, double x2) {
        requireFinite("x1", x1);
        requireFinite("x2", x2);
        double s1 = sigmoid(x1);
        double s2 = sigmoid(x2);
        double a = Math.min(s1, s2);
        double b = Math.max(s1, s2);
        return new Forward(x1, x2, s1, s2, a, b, a + b);
    }

    /**
     * Backward pass for an E that depends on min and max separately.
     *
     * @param dEda upstream gradient at the min output
     * @param dEdb upstream gradient at the max output
     * @param rule routing at a tie; ignored when {@code s1 != s2}
     */
    public static Backward backward(Forward f, double dEda, double dEdb, TieRule rule) {
        Objects.requireNonNull(f, "forward record");
        Objects.requireNonNull(rule, "tie rule");
        requireFinite("dE/da", dEda);
        requireFinite("dE/db", dEdb);
        // da/ds1 (lambda) and db/ds1 (mu); da/ds2 = 1 - lambda and db/ds2 = 1 - mu in every case.
        double dads1;
        double dbds1;
        if (f.s1() < f.s2()) {
            dads1 = 1.0;
            dbds1 = 0.0;
        } else if (f.s1() > f.s2()) {
            dads1 = 0.0;
            dbds1 = 1.0;
        } else {
            dads1 = rule.minShareToFirst();
            dbds1 = rule.maxShareToFirst();
        }
        double dEds1 = dads1 * dEda + dbds1 * dEdb;
        double dEds2 = (1.0 - dads1) * dEda + (1.0 - dbds1) * dEdb;
        return new Backward(dEds1, dEds2, sigmoidDerivative(f.x1()) * dEds1, sigmoidDerivative(f.x2()) * dEds2);
    }

    /** Backward pass for an E that depends on the sum only: {@code y = a + b} copies dE/dy to both. */
    public static Backward backwardThroughSum(Forward f, double dEdy, TieRule rule) {
        return backward(f, dEdy, dEdy, rule);
    }

    private static void requireFinite(String what, double value) {
        if (!Double.isFinite(value)) {
            throw new IllegalArgumentException(what + " must be finite, was " + value);
        }
    }
}
