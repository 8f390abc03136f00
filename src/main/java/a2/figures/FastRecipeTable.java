package a2.figures;

import a2.recipe.Recipe;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The airbench recipes' runs: per run its role, seed, optimizer steps and one-core time over all its stages (a
 * student's teacher included), its validation accuracy with the final weights and the test views it predicts with,
 * its best epoch's (per-epoch validation, no views), and for a student the paired test against the supervised control
 * of its seed. Validation accuracy of the final weights is an unbiased estimate: nothing was chosen on it.
 */
final class FastRecipeTable {
    private FastRecipeTable() {}

    /**
     * @param vsControl McNemar against the control of the same seed ({@code b}: only the control right); null but for
     *                  a student
     */
    record Row(String recipe, String role, long seed, long steps, double hours, double finalVal, double bestVal,
               int bestEpoch, int epochs, McNemar vsControl) {}

    static final String STUDENT = "student", TEACHER = "teacher", CONTROL = "supervised control";

    /** Rows for every final model on airbench's network, students first, then controls, then teachers, by seed. */
    static List<Row> rows(Map<String, FinalModel> finals, Map<Path, int[]> predictions, int[] valLabels) {
        // A teacher is named by a student's recipe: a final model's, or a built-in one's whose run is still to come.
        Set<String> teachers = new TreeSet<>();
        java.util.stream.Stream.concat(finals.values().stream().map(m -> m.card().recipe()), Recipe.builtIn().stream().map(Recipe::load))
                .filter(r -> r.semi().teacher() != null)
                .forEach(r -> r.semi().teacher().models().forEach(t -> teachers.add(t.recipe())));
        List<Row> rows = new ArrayList<>();
        for (String role : List.of(STUDENT, CONTROL, TEACHER)) {
            finals.values().stream().filter(m -> m.card().recipe().model().airbench())
                    .filter(m -> role(m, teachers).equals(role))
                    .sorted(java.util.Comparator.comparingLong((FinalModel m) -> m.card().recipe().seed()).thenComparing(FinalModel::recipe))
                    .forEach(m -> rows.add(row(m, role, finals, teachers, predictions, valLabels)));
        }
        return rows;
    }

    private static String role(FinalModel m, Set<String> teachers) {
        return m.card().recipe().semi().enabled() ? STUDENT : teachers.contains(m.recipe()) ? TEACHER : CONTROL;
    }

    private static Row row(FinalModel m, String role, Map<String, FinalModel> finals, Set<String> teachers,
                           Map<Path, int[]> predictions, int[] valLabels) {
        Recipe r = m.card().recipe();
        List<OneCoreHours.Stage> stages = new ArrayList<>();
        OneCoreHours.stages(m.recipe(), finals, stages);
        long steps = stages.stream().mapToLong(s -> s.log().last().steps()).sum();
        McNemar mc = null;
        if (role.equals(STUDENT)) {
            FinalModel control = finals.values().stream().filter(c -> c.card().recipe().model().airbench()
                            && role(c, teachers).equals(CONTROL) && c.card().recipe().seed() == r.seed())
                    .findFirst().orElse(null);
            if (control != null) {
                mc = McNemar.compare(valLabels, predictions.get(control.dir()), predictions.get(m.dir()));
            }
        }
        TrainingLog.Epoch best = m.log().best();
        return new Row(m.recipe(), role, r.seed(), steps, OneCoreHours.append(stages).totalHours(),
                accuracy(predictions.get(m.dir()), valLabels), best.valAcc(), best.epoch(), m.log().last().epoch(), mc);
    }

    static double accuracy(int[] predicted, int[] labels) {
        int right = 0;
        for (int i = 0; i < labels.length; i++) {
            right += predicted[i] == labels[i] ? 1 : 0;
        }
        return (double) right / labels.length;
    }

    static String tex(List<Row> rows) {
        StringBuilder b = new StringBuilder("% " + Tables.GENERATED + "\n");
        b.append("\\begin{tabular}{llrrrrrrrr}\n\\toprule\n");
        b.append("Recipe & Role & Seed & Steps & One-core time & Final val.\\ acc. & Best epoch & $b$ & $c$ & $p$ \\\\\n\\midrule\n");
        for (Row r : rows) {
            McNemar m = r.vsControl();
            b.append(Latex.code(r.recipe())).append(" & ").append(r.role()).append(" & ").append(r.seed()).append(" & ")
                    .append(Latex.integer(r.steps())).append(" & ").append(Latex.duration(r.hours() * 3600)).append(" & ")
                    .append(Latex.percent(r.finalVal())).append(" & ").append(Latex.percent(r.bestVal())).append(" (")
                    .append(r.bestEpoch()).append("/").append(r.epochs()).append(") & ")
                    .append(m == null ? "---" : String.valueOf(m.onlyA())).append(" & ")
                    .append(m == null ? "---" : String.valueOf(m.onlyB())).append(" & ")
                    .append(m == null ? "---" : Latex.pValue(m.pValue())).append(" \\\\\n");
        }
        return b.append("\\bottomrule\n\\end{tabular}\n").toString();
    }

    /** The first seed's student, control and teacher as macros the text quotes (none without a student). */
    static void macros(List<Row> rows, Latex.Macros macros) {
        Row student = rows.stream().filter(r -> r.role().equals(STUDENT)).findFirst().orElse(null);
        if (student == null) {
            return;
        }
        macros.put("FastStudentRecipe", Latex.code(student.recipe()))
                .put("FastStudentValAcc", Latex.percent(student.finalVal()))
                .put("FastStudentBestValAcc", Latex.percent(student.bestVal()))
                .put("FastStudentHours", Latex.duration(student.hours() * 3600))
                .put("FastStudentSteps", Latex.integer(student.steps()));
        rows.stream().filter(r -> r.role().equals(CONTROL) && r.seed() == student.seed()).findFirst().ifPresent(c -> macros
                .put("FastControlRecipe", Latex.code(c.recipe())).put("FastControlValAcc", Latex.percent(c.finalVal()))
                .put("FastControlHours", Latex.duration(c.hours() * 3600)).put("FastControlSteps", Latex.integer(c.steps())));
        rows.stream().filter(r -> r.role().equals(TEACHER) && r.seed() == student.seed()).findFirst().ifPresent(t -> macros
                .put("FastTeacherValAcc", Latex.percent(t.finalVal())).put("FastTeacherHours", Latex.duration(t.hours() * 3600)));
        if (student.vsControl() != null) {
            macros.put("FastMcNemarB", String.valueOf(student.vsControl().onlyA()))
                    .put("FastMcNemarC", String.valueOf(student.vsControl().onlyB()))
                    .put("FastMcNemarP", Latex.pValue(student.vsControl().pValue()));
        }
    }
}
