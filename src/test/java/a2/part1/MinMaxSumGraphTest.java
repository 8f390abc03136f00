package a2.part1;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import a2.part1.MinMaxSumGraph.Backward;
import a2.part1.MinMaxSumGraph.Forward;
import a2.part1.MinMaxSumGraph.TieRule;
import java.util.Random;
import java.util.function.DoubleBinaryOperator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Checks section 1.1 of the writeup: analytic gradients against finite differences, ties included. */
class MinMaxSumGraphTest {
    private static final long SEED = 20160301L;
    /** Central-difference step: truncation ~h^2 ~ 1e-12, rounding ~1e-16 * |E| / h ~ 1e-10. */
    private static final double H = 1e-6;
    private static final double TOL = 1e-6;

    /** A loss that uses min and max separately and non-linearly: E = p a + q b + a b^2. */
    private record SeparateLoss(double p, double q) {
        double value(Forward f) {
            return p * f.a() + q * f.b() + f.a() * f.b() * f.b();
        }

        double dEda(Forward f) {
            return p + f.b() * f.b();
        }

        double dEdb(Forward f) {
            return q + 2 * f.a() * f.b();
        }

        DoubleBinaryOperator asFunction() {
            return (x1, x2) -> value(MinMaxSumGraph.forward(x1, x2));
        }
    }

    /** A loss that sees only the sum: E = y^2 / 2 + r y. */
    private record SumLoss(double r) {
        double value(Forward f) {
            return 0.5 * f.y() * f.y() + r * f.y();
        }

        double dEdy(Forward f) {
            return f.y() + r;
        }

        DoubleBinaryOperator asFunction() {
            return (x1, x2) -> value(MinMaxSumGraph.forward(x1, x2));
        }
    }

    private static double centralX1(DoubleBinaryOperator e, double x1, double x2) {
        return (e.applyAsDouble(x1 + H, x2) - e.applyAsDouble(x1 - H, x2)) / (2 * H);
    }

    private static double centralX2(DoubleBinaryOperator e, double x1, double x2) {
        return (e.applyAsDouble(x1, x2 + H) - e.applyAsDouble(x1, x2 - H)) / (2 * H);
    }

    private static void assertClose(double expected, double actual, String what) {
        assertEquals(expected, actual, TOL * Math.max(1.0, Math.abs(expected)), what);
    }

    @Test
    void sigmoidIsStableAndItsDerivativeMatchesFiniteDifferences() {
        assertEquals(0.5, MinMaxSumGraph.sigmoid(0.0));
        assertEquals(1.0, MinMaxSumGraph.sigmoid(800.0));
        assertEquals(0.0, MinMaxSumGraph.sigmoid(-800.0));
        assertEquals(0.25, MinMaxSumGraph.sigmoidDerivative(0.0));
        // 1 - sigmoid(40) is 0 in doubles; sigmoid(40) sigmoid(-40) keeps the true ~4.2e-18.
        assertEquals(Math.exp(-40), MinMaxSumGraph.sigmoidDerivative(40.0), 1e-3 * Math.exp(-40));
        for (double x = -6; x <= 6; x += 0.37) {
            double fd = (MinMaxSumGraph.sigmoid(x + H) - MinMaxSumGraph.sigmoid(x - H)) / (2 * H);
            assertClose(fd, MinMaxSumGraph.sigmoidDerivative(x), "sigmoid'(" + x + ")");
            assertEquals(1.0, MinMaxSumGraph.sigmoid(x) + MinMaxSumGraph.sigmoid(-x), 1e-15);
        }
    }

    @Test
    void minPlusMaxIsExactlyTheSumOfTheSigmoids() {
        Random random = new Random(SEED);
        for (int t = 0; t < 1000; t++) {
            Forward f = MinMaxSumGraph.forward(8 * random.nextGaussian(), 8 * random.nextGaussian());
            // Both sides add the same two doubles, and IEEE addition is commutative: equality is exact.
            assertEquals(f.s1() + f.s2(), f.y());
            assertEquals(Math.min(f.s1(), f.s2()), f.a());
            assertEquals(Math.max(f.s1(), f.s2()), f.b());
        }
    }

    @ParameterizedTest
    @EnumSource(TieRule.class)
    void separateGradientsMatchFiniteDifferencesAwayFromTies(TieRule rule) {
        Random random = new Random(SEED);
        int checked = 0;
        while (checked < 200) {
            double x1 = -4 + 8 * random.nextDouble();
            double x2 = -4 + 8 * random.nextDouble();
            if (Math.abs(x1 - x2) < 1e-3) {
                continue; // a difference across the kink would not be a derivative
            }
            SeparateLoss loss = new SeparateLoss(random.nextGaussian(), random.nextGaussian());
            Forward f = MinMaxSumGraph.forward(x1, x2);
            Backward g = MinMaxSumGraph.backward(f, loss.dEda(f), loss.dEdb(f), rule);
            assertClose(centralX1(loss.asFunction(), x1, x2), g.dEdx1(), "dE/dx1 at " + x1 + ", " + x2);
            assertClose(centralX2(loss.asFunction(), x1, x2), g.dEdx2(), "dE/dx2 at " + x1 + ", " + x2);
            // Min's gradient reaches the smaller sigmoid, max's the larger.
            double toFirst = x1 < x2 ? loss.dEda(f) : loss.dEdb(f);
            assertEquals(toFirst, g.dEds1(), 1e-15);
            checked++;
        }
    }

    @ParameterizedTest
    @EnumSource(TieRule.class)
    void sumGradientIsSigmoidPrimeTimesUpstreamAwayFromTies(TieRule rule) {
        Random random = new Random(SEED + 1);
        for (int t = 0; t < 200; t++) {
            double x1 = -4 + 8 * random.nextDouble();
            double x2 = x1 + (random.nextBoolean() ? 1 : -1) * (1e-3 + 3 * random.nextDouble());
            SumLoss loss = new SumLoss(random.nextGaussian());
            Forward f = MinMaxSumGraph.forward(x1, x2);
            double dEdy = loss.dEdy(f);
            Backward g = MinMaxSumGraph.backwardThroughSum(f, dEdy, rule);
            assertEquals(MinMaxSumGraph.sigmoidDerivative(x1) * dEdy, g.dEdx1(), 1e-15);
            assertEquals(MinMaxSumGraph.sigmoidDerivative(x2) * dEdy, g.dEdx2(), 1e-15);
            assertClose(centralX1(loss.asFunction(), x1, x2), g.dEdx1(), "dE/dx1");
            assertClose(centralX2(loss.asFunction(), x1, x2), g.dEdx2(), "dE/dx2");
        }
    }

    @ParameterizedTest
    @ValueSource(doubles = {-2.5, 0.0, 0.3, 1.7})
    void atAnExactTieTheComplementaryRulesGiveTheTrueGradientOfTheSum(double x) {
        SumLoss loss = new SumLoss(0.4);
        Forward f = MinMaxSumGraph.forward(x, x);
        assertTrue(f.tie());
        double dEdy = loss.dEdy(f);
        double fd1 = centralX1(loss.asFunction(), x, x);
        double fd2 = centralX2(loss.asFunction(), x, x);
        assertClose(MinMaxSumGraph.sigmoidDerivative(x) * dEdy, fd1, "the sum is smooth: dy/dx1 = sigmoid'");
        for (TieRule rule : new TieRule[] {TieRule.STABLE_SORT, TieRule.SPLIT}) {
            assertTrue(rule.complementary());
            Backward g = MinMaxSumGraph.backwardThroughSum(f, dEdy, rule);
            assertClose(fd1, g.dEdx1(), rule + " dE/dx1");
            assertClose(fd2, g.dEdx2(), rule + " dE/dx2");
        }
    }

    @ParameterizedTest
    @ValueSource(doubles = {-2.5, 0.0, 0.3, 1.7})
    void atAnExactTieFirstInputRoutingGetsEachPartialWrongButTheirTotalRight(double x) {
        SumLoss loss = new SumLoss(0.4);
        Forward f = MinMaxSumGraph.forward(x, x);
        double dEdy = loss.dEdy(f);
        double slope = MinMaxSumGraph.sigmoidDerivative(x) * dEdy;
        Backward g = MinMaxSumGraph.backwardThroughSum(f, dEdy, TieRule.FIRST_INPUT);
        assertFalse(TieRule.FIRST_INPUT.complementary());
        assertEquals(2 * slope, g.dEdx1(), 1e-15);
        assertEquals(0.0, g.dEdx2());
        double fd1 = centralX1(loss.asFunction(), x, x);
        double fd2 = centralX2(loss.asFunction(), x, x);
        assertTrue(Math.abs(g.dEdx1() - fd1) > 0.5 * Math.abs(slope), "2 sigmoid' g is not the derivative");
        assertTrue(Math.abs(g.dEdx2() - fd2) > 0.5 * Math.abs(slope), "0 is not the derivative");
        // The directional derivative along (1, 1) is still right.
        assertClose(fd1 + fd2, g.dEdx1() + g.dEdx2(), "total");
    }

    @ParameterizedTest
    @ValueSource(doubles = {-2.5, 0.0, 0.3, 1.7})
    void atAnExactTieTheSeparateGradientsAreWhatEachRuleDocuments(double x) {
        SeparateLoss loss = new SeparateLoss(0.9, -1.3);
        Forward f = MinMaxSumGraph.forward(x, x);
        double dEda = loss.dEda(f);
        double dEdb = loss.dEdb(f);
        double slope = MinMaxSumGraph.sigmoidDerivative(x);
        DoubleBinaryOperator e = loss.asFunction();

        // STABLE_SORT: a <- s1, b <- s2, the gradient of the piece valid on x1 <= x2. One-sided second-order
        // differences that stay inside that piece (x1 moves down, x2 moves up) confirm it.
        Backward stable = MinMaxSumGraph.backward(f, dEda, dEdb, TieRule.STABLE_SORT);
        assertEquals(slope * dEda, stable.dEdx1(), 1e-15);
        assertEquals(slope * dEdb, stable.dEdx2(), 1e-15);
        double leftX1 = (3 * e.applyAsDouble(x, x) - 4 * e.applyAsDouble(x - H, x) + e.applyAsDouble(x - 2 * H, x))
                / (2 * H);
        double rightX2 = (-3 * e.applyAsDouble(x, x) + 4 * e.applyAsDouble(x, x + H) - e.applyAsDouble(x, x + 2 * H))
                / (2 * H);
        assertClose(leftX1, stable.dEdx1(), "left derivative in x1");
        assertClose(rightX2, stable.dEdx2(), "right derivative in x2");

        // SPLIT: the average of the two pieces, which is exactly what a central difference measures at the kink.
        Backward split = MinMaxSumGraph.backward(f, dEda, dEdb, TieRule.SPLIT);
        assertEquals(slope * (dEda + dEdb) / 2, split.dEdx1(), 1e-15);
        assertClose(centralX1(e, x, x), split.dEdx1(), "central difference in x1");
        assertClose(centralX2(e, x, x), split.dEdx2(), "central difference in x2");

        // FIRST_INPUT: everything to x1.
        Backward first = MinMaxSumGraph.backward(f, dEda, dEdb, TieRule.FIRST_INPUT);
        assertEquals(slope * (dEda + dEdb), first.dEdx1(), 1e-15);
        assertEquals(0.0, first.dEdx2());

        // The separate gradients really depend on the convention (dE/da != dE/db here).
        assertTrue(Math.abs(stable.dEdx1() - split.dEdx1()) > 0.1 * slope);
        assertTrue(Math.abs(split.dEdx1() - first.dEdx1()) > 0.1 * slope);
        // ... while every rule conserves the total upstream gradient.
        for (Backward g : new Backward[] {stable, split, first}) {
            assertEquals(dEda + dEdb, g.dEds1() + g.dEds2(), 1e-15);
        }
    }

    @Test
    void stableSortAtATieIsTheLimitFromBelow() {
        SeparateLoss loss = new SeparateLoss(0.9, -1.3);
        double x = 0.3;
        Forward tie = MinMaxSumGraph.forward(x, x);
        Backward atTie = MinMaxSumGraph.backward(tie, loss.dEda(tie), loss.dEdb(tie), TieRule.STABLE_SORT);
        Forward below = MinMaxSumGraph.forward(x - 1e-9, x);
        Backward nearTie = MinMaxSumGraph.backward(below, loss.dEda(below), loss.dEdb(below), TieRule.STABLE_SORT);
        assertFalse(below.tie());
        assertEquals(atTie.dEdx1(), nearTie.dEdx1(), 1e-8);
        assertEquals(atTie.dEdx2(), nearTie.dEdx2(), 1e-8);
    }

    @Test
    void tiesAreDecidedOnTheComputedSigmoidsNotOnTheInputs() {
        Forward f = MinMaxSumGraph.forward(40.0, 41.0);
        assertTrue(f.tie(), "both sigmoids round to 1.0");
        Backward g = MinMaxSumGraph.backward(f, 1.0, 2.0, TieRule.STABLE_SORT);
        assertEquals(1.0, g.dEds1());
        assertEquals(2.0, g.dEds2());
    }

    @Test
    void rejectsNonFiniteInputsAndNulls() {
        assertThrows(IllegalArgumentException.class, () -> MinMaxSumGraph.forward(Double.NaN, 0));
        assertThrows(IllegalArgumentException.class, () -> MinMaxSumGraph.forward(0, Double.POSITIVE_INFINITY));
        Forward f = MinMaxSumGraph.forward(0, 1);
        assertThrows(IllegalArgumentException.class, () -> MinMaxSumGraph.backward(f, Double.NaN, 0, TieRule.SPLIT));
        assertThrows(NullPointerException.class, () -> MinMaxSumGraph.backwardThroughSum(f, 1, null));
    }
}
