package a2.figures;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.image.BufferedImage;
import java.util.List;
import java.util.OptionalInt;
import java.util.function.ToDoubleFunction;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.CombinedDomainXYPlot;
import org.jfree.chart.plot.ValueMarker;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.chart.ui.Layer;
import org.jfree.chart.ui.RectangleAnchor;
import org.jfree.chart.ui.TextAnchor;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

/** Training curves from {@code log.csv}: runs compared on shared axes, and the pseudo-label statistics of a run. */
public final class Curves {
    private Curves() {}

    /** A run to draw: its legend name and its log. */
    public record Run(String name, TrainingLog log) {}

    /**
     * Validation accuracy (top) and training loss (bottom) against the epoch, every run on the same axes.
     *
     * @param marker an epoch to mark with a vertical line (e.g. where pseudo-labelling starts), if any
     */
    public static BufferedImage accuracyAndLoss(List<Run> runs, OptionalInt marker, String markerLabel, int width, int height) {
        NumberAxis epochAxis = new NumberAxis("epoch");
        epochAxis.setStandardTickUnits(NumberAxis.createIntegerTickUnits());
        CombinedDomainXYPlot combined = new CombinedDomainXYPlot(epochAxis);
        combined.setGap(12);
        XYPlot top = panel(runs, "validation accuracy", TrainingLog.Epoch::valAcc, marker, markerLabel);
        XYPlot bottom = panel(runs, "training loss", TrainingLog.Epoch::trainLoss, marker, "");
        combined.add(top, 3);
        combined.add(bottom, 2);
        JFreeChart chart = new JFreeChart(null, new Font(Charts.FONT, Font.BOLD, 15), combined, true);
        Charts.style(chart);
        colour(top, runs.size(), true);
        colour(bottom, runs.size(), false); // same colours as above, so one legend entry per run
        return Charts.image(chart, width, height);
    }

    /**
     * The semi-supervised run's pseudo-labels per epoch: the share of the unlabeled pool that passes the threshold
     * (mask rate), and on the validation images, the share that would pass and the accuracy of those that do.
     */
    public static BufferedImage pseudoLabels(TrainingLog log, double threshold, int width, int height) {
        List<String> names = List.of("mask rate (unlabeled pool)", "pass rate (validation)",
                "accuracy of passing (validation)", "validation accuracy (all)");
        List<ToDoubleFunction<TrainingLog.Epoch>> values = List.of(TrainingLog.Epoch::maskRate,
                TrainingLog.Epoch::pseudoRateVal, TrainingLog.Epoch::pseudoAccVal, TrainingLog.Epoch::valAcc);
        XYSeriesCollection data = new XYSeriesCollection();
        for (int i = 0; i < names.size(); i++) {
            data.addSeries(series(names.get(i), log, values.get(i)));
        }
        NumberAxis epochAxis = new NumberAxis("epoch");
        epochAxis.setStandardTickUnits(NumberAxis.createIntegerTickUnits());
        NumberAxis fraction = new NumberAxis("fraction");
        fraction.setRange(0, 1.0);
        XYPlot plot = new XYPlot(data, epochAxis, fraction, new XYLineAndShapeRenderer(true, true));
        JFreeChart chart = new JFreeChart(String.format(java.util.Locale.ROOT, "Pseudo-labels at confidence >= %.2f", threshold),
                new Font(Charts.FONT, Font.BOLD, 15), plot, true);
        Charts.style(chart);
        Charts.grid(plot);
        colour(plot, names.size(), true);
        return Charts.image(chart, width, height);
    }

    private static XYPlot panel(List<Run> runs, String label, ToDoubleFunction<TrainingLog.Epoch> value, OptionalInt marker,
                                String markerLabel) {
        XYSeriesCollection data = new XYSeriesCollection();
        for (Run r : runs) {
            data.addSeries(series(r.name(), r.log(), value));
        }
        NumberAxis axis = new NumberAxis(label);
        axis.setAutoRangeIncludesZero(false);
        XYPlot plot = new XYPlot(data, null, axis, new XYLineAndShapeRenderer(true, true));
        marker.ifPresent(epoch -> {
            ValueMarker m = new ValueMarker(epoch, Color.GRAY, new BasicStroke(1f, BasicStroke.CAP_BUTT,
                    BasicStroke.JOIN_MITER, 10f, new float[] {4f, 4f}, 0f));
            if (!markerLabel.isEmpty()) {
                m.setLabel(markerLabel);
                m.setLabelFont(new Font(Charts.FONT, Font.PLAIN, 11));
                m.setLabelAnchor(RectangleAnchor.BOTTOM_RIGHT);
                m.setLabelTextAnchor(TextAnchor.BOTTOM_LEFT);
                m.setLabelBackgroundColor(new Color(255, 255, 255, 0));
            }
            plot.addDomainMarker(m, Layer.BACKGROUND);
        });
        return plot;
    }

    /** Points of one column; empty cells (NaN) are left out rather than drawn as gaps at zero. */
    static XYSeries series(String name, TrainingLog log, ToDoubleFunction<TrainingLog.Epoch> value) {
        XYSeries s = new XYSeries(name, false, false);
        for (TrainingLog.Epoch e : log.epochs()) {
            double v = value.applyAsDouble(e);
            if (Double.isFinite(v)) {
                s.add(e.epoch(), v);
            }
        }
        return s;
    }

    /**
     * Series colours, line widths and small point marks (a series of one epoch would otherwise be invisible);
     * called after {@link Charts#style}, which resets them.
     */
    static void colour(XYPlot plot, int n, boolean inLegend) {
        Charts.grid(plot);
        XYLineAndShapeRenderer r = (XYLineAndShapeRenderer) plot.getRenderer();
        java.awt.Shape dot = new java.awt.geom.Ellipse2D.Double(-1.5, -1.5, 3, 3);
        for (int i = 0; i < n; i++) {
            r.setSeriesPaint(i, Charts.classColour(i));
            r.setSeriesStroke(i, new BasicStroke(1.8f));
            r.setSeriesShape(i, dot);
            r.setSeriesVisibleInLegend(i, inLegend);
        }
    }
}
