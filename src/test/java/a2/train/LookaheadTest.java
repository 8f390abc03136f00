package a2.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

class LookaheadTest {
    @Test
    void theDecayGrowsWithTheCubeOfProgress() {
        assertEquals(0, Lookahead.decay(5, 0, 100));
        assertEquals(Math.pow(0.95, 5) / 8, Lookahead.decay(5, 50, 100), 1e-12);
        assertEquals(Math.pow(0.95, 5), Lookahead.decay(5, 100, 100), 1e-12);
        assertEquals(Math.pow(0.95, 5), Lookahead.decay(5, 130, 100), 1e-12, "capped at the budget");
    }

    @Test
    void everyFifthStepTheSlowWeightsLerpTowardTheFastOnesAndTheFastRestartFromThem() {
        INDArray params = Nd4j.createFromArray(new double[] {0, 10});
        Lookahead la = Lookahead.start(params, 5);
        params.assign(Nd4j.createFromArray(new double[] {4, 2}));
        assertFalse(la.afterStep(params, 4, 10));
        assertEquals(Nd4j.createFromArray(new double[] {4, 2}), params, "between updates nothing changes");
        assertTrue(la.afterStep(params, 5, 10));
        double d = Math.pow(0.95, 5) * 0.125; // step 5 of 10
        INDArray expected = Nd4j.createFromArray(new double[] {d * 0 + (1 - d) * 4, d * 10 + (1 - d) * 2});
        assertTrue(expected.equalsWithEps(params, 1e-12), params.toString());
        assertTrue(expected.equalsWithEps(la.slowWeights(), 1e-12));
    }

    @Test
    void finishHandsTheNetworkTheSlowWeightsAndRestoreContinuesExactly() {
        INDArray a = Nd4j.rand(DataType.DOUBLE, 6);
        Lookahead one = Lookahead.start(a, 5);
        a.addi(1);
        one.afterStep(a, 5, 20);
        INDArray saved = one.slowWeights();
        INDArray b = a.dup();
        Lookahead two = Lookahead.restore(saved, b, 5);
        a.addi(0.5);
        b.addi(0.5);
        one.afterStep(a, 10, 20);
        two.afterStep(b, 10, 20);
        assertEquals(a, b, "a restored lookahead continues bit for bit");
        INDArray slow = one.slowWeights();
        a.addi(3);
        one.finish(a);
        assertEquals(slow, a);
        assertThrows(IllegalArgumentException.class, () -> Lookahead.restore(Nd4j.zeros(3), b, 5));
    }
}
