package a2.figures;

import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.AffineTransform;
import java.awt.image.BufferedImage;
import java.util.List;

/**
 * Counts of (true class, predicted class) and their picture: rows are true classes, columns predictions, each cell
 * shaded by its share of the row (so a class's recall is the darkness of its diagonal cell) and labelled with the
 * count.
 *
 * @param counts {@code counts[true][predicted]}
 */
public record ConfusionMatrix(List<String> classNames, int[][] counts) {
    static final int CELL = 46;
    private static final Color LOW = Color.WHITE;
    private static final Color HIGH = new Color(0x08519C);

    public ConfusionMatrix {
        classNames = List.copyOf(classNames);
        int k = classNames.size();
        if (counts.length != k) {
            throw new IllegalArgumentException(k + " classes but " + counts.length + " rows");
        }
        int[][] copy = new int[k][];
        for (int i = 0; i < k; i++) {
            if (counts[i].length != k) {
                throw new IllegalArgumentException("row " + i + " has " + counts[i].length + " cells, expected " + k);
            }
            copy[i] = counts[i].clone();
        }
        counts = copy;
    }

    public static ConfusionMatrix of(int[] labels, int[] predictions, List<String> classNames) {
        if (labels.length != predictions.length) {
            throw new IllegalArgumentException(labels.length + " labels but " + predictions.length + " predictions");
        }
        int[][] c = new int[classNames.size()][classNames.size()];
        for (int i = 0; i < labels.length; i++) {
            c[labels[i]][predictions[i]]++;
        }
        return new ConfusionMatrix(classNames, c);
    }

    public int total() {
        int n = 0;
        for (int[] row : counts) {
            for (int v : row) {
                n += v;
            }
        }
        return n;
    }

    public double accuracy() {
        int right = 0;
        for (int i = 0; i < counts.length; i++) {
            right += counts[i][i];
        }
        return total() == 0 ? 0 : (double) right / total();
    }

    /** Recall of class {@code k}: its diagonal count over its row total. */
    public double recall(int k) {
        int row = java.util.Arrays.stream(counts[k]).sum();
        return row == 0 ? 0 : (double) counts[k][k] / row;
    }

    public BufferedImage render(String title) {
        int k = classNames.size();
        Font labelFont = new Font(Charts.FONT, Font.PLAIN, 13), cellFont = new Font(Charts.FONT, Font.PLAIN, 12),
                titleFont = new Font(Charts.FONT, Font.BOLD, 15), axisFont = new Font(Charts.FONT, Font.ITALIC, 13);
        BufferedImage probe = new BufferedImage(1, 1, BufferedImage.TYPE_INT_RGB);
        Graphics2D pg = probe.createGraphics();
        FontMetrics lm = pg.getFontMetrics(labelFont), tm = pg.getFontMetrics(titleFont), am = pg.getFontMetrics(axisFont);
        int labelWidth = classNames.stream().mapToInt(lm::stringWidth).max().orElse(0);
        pg.dispose();
        int pad = 10;
        int left = pad + am.getHeight() + pad + labelWidth + pad;
        int top = pad + tm.getHeight() + pad + am.getHeight() + pad + labelWidth + pad;
        int width = Math.max(left + k * CELL + pad, tm.stringWidth(title) + 2 * pad);
        int height = top + k * CELL + pad;
        BufferedImage img = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setRenderingHint(RenderingHints.KEY_FRACTIONALMETRICS, RenderingHints.VALUE_FRACTIONALMETRICS_OFF);
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, width, height);
        g.setColor(Color.BLACK);
        g.setFont(titleFont);
        g.drawString(title, (width - tm.stringWidth(title)) / 2, pad + tm.getAscent());
        g.setFont(axisFont);
        String predicted = "predicted class", truth = "true class";
        g.drawString(predicted, left + (k * CELL - am.stringWidth(predicted)) / 2, pad + tm.getHeight() + pad + am.getAscent());
        drawRotated(g, truth, pad + am.getAscent(), top + (k * CELL + am.stringWidth(truth)) / 2);
        g.setFont(labelFont);
        for (int i = 0; i < k; i++) {
            String name = classNames.get(i);
            int cy = top + i * CELL + (CELL + lm.getAscent() - lm.getDescent()) / 2;
            g.drawString(name, left - pad - lm.stringWidth(name), cy);
            drawRotated(g, name, left + i * CELL + (CELL + lm.getAscent() - lm.getDescent()) / 2, top - pad);
        }
        g.setFont(cellFont);
        FontMetrics cm = g.getFontMetrics();
        for (int i = 0; i < k; i++) {
            int rowTotal = java.util.Arrays.stream(counts[i]).sum();
            for (int j = 0; j < k; j++) {
                double f = rowTotal == 0 ? 0 : (double) counts[i][j] / rowTotal;
                int x = left + j * CELL, y = top + i * CELL;
                g.setColor(blend(f));
                g.fillRect(x, y, CELL, CELL);
                g.setColor(f > 0.5 ? Color.WHITE : Color.BLACK);
                String s = Integer.toString(counts[i][j]);
                g.drawString(s, x + (CELL - cm.stringWidth(s)) / 2, y + (CELL + cm.getAscent() - cm.getDescent()) / 2);
            }
        }
        g.setColor(Color.GRAY);
        g.drawRect(left, top, k * CELL, k * CELL);
        g.dispose();
        return img;
    }

    /** Draws {@code s} reading upwards, its baseline start at (x, y). */
    private static void drawRotated(Graphics2D g, String s, int x, int y) {
        AffineTransform saved = g.getTransform();
        g.translate(x, y);
        g.rotate(-Math.PI / 2);
        g.drawString(s, 0, 0);
        g.setTransform(saved);
    }

    static Color blend(double f) {
        f = Math.max(0, Math.min(1, f));
        return new Color((int) Math.round(LOW.getRed() + (HIGH.getRed() - LOW.getRed()) * f),
                (int) Math.round(LOW.getGreen() + (HIGH.getGreen() - LOW.getGreen()) * f),
                (int) Math.round(LOW.getBlue() + (HIGH.getBlue() - LOW.getBlue()) * f));
    }
}
