package a2.figures;

/**
 * How well points cluster by class: leave-one-out k-nearest-neighbour accuracy. Each point is classified by the
 * majority label of its {@code k} nearest other points (Euclidean); a tie in the vote goes to the tied class whose
 * nearest member is closest, and equal distances are ordered by index, so the score is a pure function of its input.
 */
public final class Knn {
    /** The {@code k} the writeup quotes. */
    public static final int DEFAULT_K = 10;

    private Knn() {}

    public static double leaveOneOutAccuracy(double[][] points, int[] labels, int k) {
        int n = points.length;
        if (labels.length != n) {
            throw new IllegalArgumentException(n + " points but " + labels.length + " labels");
        }
        if (k < 1 || k >= n) {
            throw new IllegalArgumentException("k must be in 1.." + (n - 1) + " for " + n + " points, got " + k);
        }
        int numClasses = 0;
        for (int l : labels) {
            if (l < 0) {
                throw new IllegalArgumentException("labels must be >= 0, got " + l);
            }
            numClasses = Math.max(numClasses, l + 1);
        }
        int correct = 0;
        double[] dist = new double[n];
        Integer[] order = new Integer[n];
        int[] votes = new int[numClasses];
        double[] nearest = new double[numClasses];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                dist[j] = j == i ? Double.POSITIVE_INFINITY : squaredDistance(points[i], points[j]);
                order[j] = j;
            }
            java.util.Arrays.sort(order, (p, q) -> dist[p] != dist[q] ? Double.compare(dist[p], dist[q]) : Integer.compare(p, q));
            java.util.Arrays.fill(votes, 0);
            java.util.Arrays.fill(nearest, Double.POSITIVE_INFINITY);
            for (int r = 0; r < k; r++) {
                int j = order[r];
                votes[labels[j]]++;
                nearest[labels[j]] = Math.min(nearest[labels[j]], dist[j]);
            }
            int best = 0;
            for (int c = 1; c < numClasses; c++) {
                if (votes[c] > votes[best] || (votes[c] == votes[best] && nearest[c] < nearest[best])) {
                    best = c;
                }
            }
            correct += best == labels[i] ? 1 : 0;
        }
        return (double) correct / n;
    }

    static double squaredDistance(double[] a, double[] b) {
        if (a.length != b.length) {
            throw new IllegalArgumentException("points of dimension " + a.length + " and " + b.length);
        }
        double s = 0;
        for (int d = 0; d < a.length; d++) {
            double t = a[d] - b[d];
            s += t * t;
        }
        return s;
    }
}
