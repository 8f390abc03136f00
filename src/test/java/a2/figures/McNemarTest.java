package a2.figures;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.MathContext;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class McNemarTest {
    /** Hand-computed exact values: 2 * sum_{k <= min} C(n, k) / 2^n. */
    @ParameterizedTest
    @CsvSource({
        "1, 9, 0.021484375",          // 2 * (1 + 10) / 1024
        "9, 1, 0.021484375",          // symmetric
        "0, 5, 0.0625",               // 2 / 32
        "3, 17, 0.0025768280029296875", // 2 * 1351 / 2^20 (scipy.stats.binomtest(3, 20).pvalue)
        "5, 5, 1.0",                  // capped at 1
        "0, 0, 1.0",                  // no discordant pairs: no evidence either way
        "0, 1, 1.0",                  // 2 * 1/2
        "2, 8, 0.109375",             // 2 * (1 + 10 + 45) / 1024
    })
    void exactPValueMatchesHandComputedValues(int b, int c, double expected) {
        assertEquals(expected, McNemar.exactPValue(b, c), 1e-15);
    }

    /** Large samples (where 2^n overflows a double) against exact big-integer arithmetic. */
    @ParameterizedTest
    @CsvSource({"186, 137", "40, 60", "500, 560", "10, 1200", "700, 700"})
    void exactPValueMatchesBigIntegerArithmetic(int b, int c) {
        int n = b + c, m = Math.min(b, c);
        BigInteger sum = BigInteger.ZERO, binom = BigInteger.ONE;
        for (int k = 0; k <= m; k++) {
            if (k > 0) {
                binom = binom.multiply(BigInteger.valueOf(n - k + 1)).divide(BigInteger.valueOf(k));
            }
            sum = sum.add(binom);
        }
        double exact = Math.min(1.0, new BigDecimal(sum.shiftLeft(1)).divide(new BigDecimal(BigInteger.ONE.shiftLeft(n)),
                MathContext.DECIMAL128).doubleValue());
        assertEquals(exact, McNemar.exactPValue(b, c), Math.max(1e-300, exact * 1e-9));
    }

    @Test
    void compareCountsTheFourCellsFromPredictions() {
        int[] labels = {0, 1, 2, 0, 1, 2, 0};
        int[] a = {0, 1, 2, 1, 1, 0, 2}; // right on 0,1,2,4
        int[] b = {0, 2, 2, 0, 0, 0, 2}; // right on 0,2,3
        McNemar r = McNemar.compare(labels, a, b);
        assertEquals(2, r.bothRight());   // 0, 2
        assertEquals(2, r.onlyA());       // 1, 4
        assertEquals(1, r.onlyB());       // 3
        assertEquals(2, r.bothWrong());   // 5, 6
        assertEquals(7, r.total());
        assertEquals(1.0, r.pValue());
    }

    @Test
    void rejectsMismatchedLengthsAndNegativeCounts() {
        assertThrows(IllegalArgumentException.class, () -> McNemar.compare(new int[3], new int[2], new int[3]));
        assertThrows(IllegalArgumentException.class, () -> McNemar.exactPValue(-1, 3));
    }
}
