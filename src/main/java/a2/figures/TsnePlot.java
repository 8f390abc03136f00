package a2.figures;

import de.javagl.tsne.Tsne;
import java.awt.Font;
import java.awt.geom.Ellipse2D;
import java.awt.image.BufferedImage;
import java.util.List;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.chart.title.LegendTitle;
import org.jfree.chart.title.TextTitle;
import org.jfree.chart.ui.RectangleEdge;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

/**
 * A 2-D map of feature vectors by Barnes-Hut t-SNE (van der Maaten 2014, via {@code de.javagl:bh-tsne}), drawn as a
 * scatter plot coloured by class. t-SNE keeps neighbourhoods, not distances, so the axes carry no units and are
 * left unlabelled; how well classes separate is measured by {@link Knn} and printed on the plot.
 */
public final class TsnePlot {
    private TsnePlot() {}

    /**
     * @param perplexity  effective neighbourhood size (van der Maaten's default 30); lowered for small inputs to
     *                    {@code (n - 1) / 3}, the most bh-tsne's 3-perplexity nearest-neighbour search allows
     * @param iterations  gradient steps (1,000 in the reference implementation; bh-tsne spends the first 250 in its
     *                    early-exaggeration phase, so fewer than about 500 leave the map unconverged)
     * @param theta       Barnes-Hut accuracy (0.5: the reference default; 0 would be exact and quadratic)
     * @param pcaDims     inputs with more dimensions are first projected on this many principal components
     * @param seed        seeds the random initial map; with it the output is a pure function of the input
     */
    public record Settings(double perplexity, int iterations, double theta, int pcaDims, long seed) {
        public Settings {
            if (!(perplexity > 0) || iterations < 1 || theta < 0 || pcaDims < 2) {
                throw new IllegalArgumentException("perplexity > 0, iterations >= 1, theta >= 0, pcaDims >= 2 required");
            }
        }

        public static Settings standard(long seed) {
            return new Settings(30, 1000, 0.5, 50, seed);
        }

        double perplexityFor(int n) {
            return Math.min(perplexity, (n - 1) / 3.0);
        }
    }

    /** The 2-D t-SNE embedding [n][2] of {@code x} [n][d]. */
    public static double[][] embed(double[][] x, Settings s) {
        int n = x.length;
        if (n < 5) {
            throw new IllegalArgumentException("t-SNE needs at least 5 points, got " + n);
        }
        Tsne tsne = new Tsne();
        tsne.setOutputDims(2);
        // PCA finds at most n - 1 components in n points: a small sample of wide vectors (the raw pixels of a few
        // images) is projected on those.
        tsne.setInitialDims(Math.min(Math.min(s.pcaDims(), x[0].length), n - 1));
        tsne.setPerplexity(s.perplexityFor(n));
        tsne.setTheta(s.theta());
        tsne.setMaxIterations(s.iterations());
        tsne.setRandomSeed(s.seed());
        // No consumers: bh-tsne then runs silently and skips its error report, whose parallel evaluation shares a
        // scratch buffer between threads (it would only garble a log line, but the log is noise here anyway).
        tsne.setMessageConsumer(null);
        tsne.setProgressConsumer(null);
        double[][] copy = new double[n][];
        for (int i = 0; i < n; i++) {
            copy[i] = x[i].clone(); // bh-tsne is handed a copy: the caller keeps its features untouched
        }
        return tsne.run(copy);
    }

    /**
     * @param title     first line, e.g. the layer
     * @param subtitle  second line, e.g. the k-NN scores
     */
    public static BufferedImage render(double[][] xy, int[] labels, List<String> classNames, String title, String subtitle,
                                       int width, int height) {
        if (xy.length != labels.length) {
            throw new IllegalArgumentException(xy.length + " points but " + labels.length + " labels");
        }
        XYSeriesCollection data = new XYSeriesCollection();
        for (int k = 0; k < classNames.size(); k++) {
            // autoSort off, duplicates allowed: points stay in input order, so drawing order is fixed.
            XYSeries s = new XYSeries(classNames.get(k), false, true);
            for (int i = 0; i < xy.length; i++) {
                if (labels[i] == k) {
                    s.add(xy[i][0], xy[i][1]);
                }
            }
            data.addSeries(s);
        }
        NumberAxis xAxis = new NumberAxis(), yAxis = new NumberAxis();
        for (NumberAxis a : List.of(xAxis, yAxis)) {
            a.setTickLabelsVisible(false);
            a.setTickMarksVisible(false);
            a.setAutoRangeIncludesZero(false);
        }
        XYLineAndShapeRenderer renderer = new XYLineAndShapeRenderer(false, true);
        XYPlot plot = new XYPlot(data, xAxis, yAxis, renderer);
        JFreeChart chart = new JFreeChart(title, new Font(Charts.FONT, Font.BOLD, 17), plot, true);
        Charts.style(chart);
        plot.setDomainGridlinesVisible(false);
        plot.setRangeGridlinesVisible(false);
        Ellipse2D dot = new Ellipse2D.Double(-2.5, -2.5, 5, 5);
        for (int k = 0; k < classNames.size(); k++) {
            renderer.setSeriesShape(k, dot);
            renderer.setSeriesPaint(k, Charts.classColour(k));
        }
        chart.addSubtitle(new TextTitle(subtitle, new Font(Charts.FONT, Font.PLAIN, 14)));
        LegendTitle legend = chart.getLegend();
        legend.setPosition(RectangleEdge.RIGHT);
        legend.setItemFont(new Font(Charts.FONT, Font.PLAIN, 14));
        return Charts.image(chart, width, height);
    }
}
