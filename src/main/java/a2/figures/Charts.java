package a2.figures;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Paint;
import java.awt.image.BufferedImage;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.StandardChartTheme;
import org.jfree.chart.plot.XYPlot;

/**
 * The look shared by every chart: white background, light grid, one font family, and a fixed categorical palette,
 * applied per chart (never through JFreeChart's global theme, which is static state).
 */
final class Charts {
    /** Tableau 10: ten colours that stay distinguishable side by side and for most colour-vision deficiencies. */
    static final Color[] PALETTE = {
        new Color(0x4E79A7), new Color(0xF28E2B), new Color(0xE15759), new Color(0x76B7B2), new Color(0x59A14F),
        new Color(0xEDC948), new Color(0xB07AA1), new Color(0xFF9DA7), new Color(0x9C755F), new Color(0xBAB0AC),
    };
    /** A logical font: the JDK maps it to an installed sans-serif family on every platform. */
    static final String FONT = Font.SANS_SERIF;
    static final Color GRID = new Color(0xDDDDDD);

    private Charts() {}

    static Paint classColour(int k) {
        if (k < PALETTE.length) {
            return PALETTE[k];
        }
        // More classes than the palette: evenly spaced hues, still a pure function of k.
        return Color.getHSBColor((float) ((k * 0.618033988749895) % 1.0), 0.65f, 0.85f);
    }

    /**
     * Applies fonts and colours. A theme resets the renderers' series paints and strokes, so callers style the chart
     * first and then set their own series paints.
     */
    static void style(JFreeChart chart) {
        StandardChartTheme theme = new StandardChartTheme("a2-figures");
        theme.setExtraLargeFont(new Font(FONT, Font.BOLD, 16));
        theme.setLargeFont(new Font(FONT, Font.BOLD, 13));
        theme.setRegularFont(new Font(FONT, Font.PLAIN, 12));
        theme.setSmallFont(new Font(FONT, Font.PLAIN, 10));
        theme.setChartBackgroundPaint(Color.WHITE);
        theme.setPlotBackgroundPaint(Color.WHITE);
        theme.setDomainGridlinePaint(GRID);
        theme.setRangeGridlinePaint(GRID);
        theme.setLegendBackgroundPaint(Color.WHITE);
        theme.setShadowVisible(false);
        theme.apply(chart);
        chart.setAntiAlias(true);
        chart.setTextAntiAlias(true);
    }

    static void grid(XYPlot plot) {
        plot.setDomainGridlinePaint(GRID);
        plot.setRangeGridlinePaint(GRID);
        plot.setDomainGridlineStroke(new BasicStroke(0.8f));
        plot.setRangeGridlineStroke(new BasicStroke(0.8f));
        plot.setOutlinePaint(Color.GRAY);
    }

    /** Opaque RGB (no alpha channel), so the PNG is smaller and its bytes depend only on what is drawn. */
    static BufferedImage image(JFreeChart chart, int width, int height) {
        return chart.createBufferedImage(width, height, BufferedImage.TYPE_INT_RGB, null);
    }
}
