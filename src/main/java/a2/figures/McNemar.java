package a2.figures;

/**
 * McNemar's exact test for two classifiers judged on the same images: only the discordant images count, {@code b}
 * (A right, B wrong) and {@code c} (A wrong, B right). Under the null hypothesis that both are equally accurate,
 * each discordant image is a fair coin, so {@code b ~ Binomial(b + c, 1/2)}; the two-sided p-value is twice the
 * smaller tail, capped at 1 (the binomial form of the test, exact for any sample size: Fagerland, Lydersen and
 * Laake 2013, "The McNemar test for binary matched-pairs data").
 *
 * @param bothRight  images both classify correctly
 * @param onlyA      {@code b}: A right, B wrong
 * @param onlyB      {@code c}: A wrong, B right
 * @param bothWrong  images both get wrong
 * @param pValue     two-sided exact p-value
 */
public record McNemar(int bothRight, int onlyA, int onlyB, int bothWrong, double pValue) {
    public McNemar {
        if (bothRight < 0 || onlyA < 0 || onlyB < 0 || bothWrong < 0) {
            throw new IllegalArgumentException("counts must be >= 0");
        }
    }

    public int total() {
        return bothRight + onlyA + onlyB + bothWrong;
    }

    /** Compares predictions {@code a} and {@code b} of the same images against {@code labels}. */
    public static McNemar compare(int[] labels, int[] a, int[] b) {
        if (a.length != labels.length || b.length != labels.length) {
            throw new IllegalArgumentException(labels.length + " labels but " + a.length + " and " + b.length + " predictions");
        }
        int both = 0, onlyA = 0, onlyB = 0, neither = 0;
        for (int i = 0; i < labels.length; i++) {
            boolean ra = a[i] == labels[i], rb = b[i] == labels[i];
            if (ra && rb) {
                both++;
            } else if (ra) {
                onlyA++;
            } else if (rb) {
                onlyB++;
            } else {
                neither++;
            }
        }
        return new McNemar(both, onlyA, onlyB, neither, exactPValue(onlyA, onlyB));
    }

    /** Two-sided exact p-value for {@code b} and {@code c} discordant pairs: {@code min(1, 2 P(X <= min(b, c)))}. */
    public static double exactPValue(int b, int c) {
        if (b < 0 || c < 0) {
            throw new IllegalArgumentException("counts must be >= 0, got " + b + " and " + c);
        }
        int n = b + c, m = Math.min(b, c);
        if (n == 0) {
            return 1.0;
        }
        // Sum C(n, k) / 2^n for k = 0..m in log space: 2^n overflows a double from n = 1024 on.
        double logHalfPowN = -n * Math.log(2);
        double logC = 0; // log C(n, 0)
        double maxLog = logC + logHalfPowN;
        double[] terms = new double[m + 1];
        for (int k = 0; k <= m; k++) {
            if (k > 0) {
                logC += Math.log((double) (n - k + 1) / k);
            }
            terms[k] = logC + logHalfPowN;
            maxLog = Math.max(maxLog, terms[k]);
        }
        double sum = 0;
        for (double t : terms) {
            sum += Math.exp(t - maxLog);
        }
        double tail = Math.exp(maxLog) * sum;
        return Math.min(1.0, 2 * tail);
    }
}
