package a2.figures;

import a2.io.InvalidInputException;
import a2.recipe.Recipe;
import a2.recipe.Teacher;
import java.awt.Font;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

/**
 * Validation accuracy against the hours of one core a run has used ({@code total_seconds} of its log: one thread,
 * two runs side by side). A run whose recipe learns from a teacher starts where its teacher ended, the teacher's own
 * curve drawn before it, so a two-stage recipe is charged for both stages.
 */
final class OneCoreHours {
    private OneCoreHours() {}

    /** A run's points, (hours, validation accuracy), the stages before it included. */
    record Timed(String name, List<double[]> points, double totalHours) {}

    /** One stage of a run: a final model's recipe name and its log. */
    record Stage(String name, TrainingLog log) {}

    /** The runs named, each with its teachers' stages before it; every name must be a final model. */
    static List<Timed> of(List<String> names, Map<String, FinalModel> finals) {
        List<Timed> out = new ArrayList<>();
        for (String name : names) {
            List<Stage> stages = new ArrayList<>();
            stages(name, finals, stages);
            Timed t = append(stages);
            out.add(new Timed(name, t.points(), t.totalHours()));
        }
        return out;
    }

    /** {@code name}'s stages in the order they ran: its teachers' (recursively), then its own. */
    static void stages(String name, Map<String, FinalModel> finals, List<Stage> out) {
        FinalModel m = finals.get(name);
        if (m == null) {
            throw new InvalidInputException("the one-core-hours figure needs the final model " + name + ", not in "
                    + finals.keySet());
        }
        Teacher teacher = m.card().recipe().semi().teacher();
        if (teacher != null) {
            teacher.models().forEach(t -> stages(t.recipe(), finals, out));
        }
        out.add(new Stage(name, m.log()));
    }

    /** The stages one after the other: each stage's times from where the one before it ended. */
    static Timed append(List<Stage> stages) {
        List<double[]> points = new ArrayList<>();
        double offset = 0;
        for (Stage s : stages) {
            for (TrainingLog.Epoch e : s.log().epochs()) {
                points.add(new double[] {(offset + e.totalSeconds()) / 3600, e.valAcc()});
            }
            offset += s.log().last().totalSeconds();
        }
        return new Timed(stages.get(stages.size() - 1).name(), List.copyOf(points), offset / 3600);
    }

    static BufferedImage chart(List<Timed> runs, int width, int height) {
        XYSeriesCollection data = new XYSeriesCollection();
        for (Timed r : runs) {
            XYSeries s = new XYSeries(r.name(), false, true);
            r.points().forEach(p -> s.add(p[0], p[1]));
            data.addSeries(s);
        }
        NumberAxis hours = new NumberAxis("hours of one core (one thread, two runs side by side)");
        NumberAxis acc = new NumberAxis("validation accuracy (per epoch, no test-time views)");
        acc.setAutoRangeIncludesZero(false);
        XYPlot plot = new XYPlot(data, hours, acc, new XYLineAndShapeRenderer(true, true));
        JFreeChart chart = new JFreeChart(null, new Font(Charts.FONT, Font.BOLD, 15), plot, true);
        Charts.style(chart);
        Curves.colour(plot, runs.size(), true);
        return Charts.image(chart, width, height);
    }
}
