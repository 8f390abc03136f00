package a2.figures;

import a2.recipe.Recipe;
import a2.recipe.RecipeCatalog;
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
     * @param vsControl McNemar against the student's control ({@link #controls}; {@code b}: only the control right);
     *                  null but for a student with a control
     * @param control   that control's recipe, and {@code teacher} the student's (first) teacher's; null but for a student
     */
    record Row(String recipe, String role, long seed, long steps, double hours, double finalVal, double bestVal,
               int bestEpoch, int epochs, McNemar vsControl, String control, String teacher) {}

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
        FinalModel control = !role.equals(STUDENT) ? null : finals.values().stream()
                .filter(c -> role(c, teachers).equals(CONTROL) && controls(c.card().recipe(), r)).findFirst().orElse(null);
        if (control != null) {
            mc = McNemar.compare(valLabels, predictions.get(control.dir()), predictions.get(m.dir()));
        }
        TrainingLog.Epoch best = m.log().best();
        return new Row(m.recipe(), role, r.seed(), steps, OneCoreHours.append(stages).totalHours(),
                accuracy(predictions.get(m.dir()), valLabels), best.valAcc(), best.epoch(), m.log().last().epoch(), mc,
                control == null ? null : control.recipe(),
                role.equals(STUDENT) && r.semi().teacher() != null ? r.semi().teacher().models().get(0).recipe() : null);
    }

    /**
     * Whether {@code control} is {@code student}'s supervised control: no unlabeled images; the same seed, network and
     * augmentation; the same optimizer steps as the student's stages together (its teachers' included); the same
     * optimizer but for the batch and its learning rate, which a student's unlabeled rows change. Several airbench
     * pairs share a seed and a network, so neither alone pairs them.
     */
    static boolean controls(Recipe control, Recipe student) {
        Recipe.Optimizer c = control.optimizer(), s = student.optimizer();
        boolean sameOptimizer = c.momentum() == s.momentum() && c.weightDecay() == s.weightDecay()
                && c.warmupEpochs() == s.warmupEpochs() && c.schedule().equals(s.schedule())
                && c.labelSmoothing() == s.labelSmoothing() && c.shiftRateScale() == s.shiftRateScale()
                && c.lookahead() == s.lookahead();
        return !control.semi().enabled() && control.seed() == student.seed() && control.model().equals(student.model())
                && control.augment().equals(student.augment()) && sameOptimizer
                && plannedSteps(control) == plannedSteps(student);
    }

    /** The optimizer steps a recipe's budget plans, over all its stages: its teachers' (built-in recipes) and its own. */
    static long plannedSteps(Recipe r) {
        long own = (long) r.budget().epochs() * r.budget().stepsPerEpoch();
        if (r.semi().teacher() == null) {
            return own;
        }
        return own + r.semi().teacher().models().stream().mapToLong(t -> plannedSteps(Recipe.load(t.recipe()))).sum();
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
            // A semi-supervised run without a teacher (FixMatch) is in the students' group, named for what it is.
            String role = r.role().equals(STUDENT) && r.teacher() == null ? "semi-supervised" : r.role();
            b.append(Latex.code(r.recipe())).append(" & ").append(role).append(" & ").append(r.seed()).append(" & ")
                    .append(Latex.integer(r.steps())).append(" & ").append(Latex.duration(r.hours() * 3600)).append(" & ")
                    .append(Latex.percent(r.finalVal())).append(" & ").append(Latex.percent(r.bestVal())).append(" (")
                    .append(r.bestEpoch()).append("/").append(r.epochs()).append(") & ")
                    .append(m == null ? "---" : String.valueOf(m.onlyA())).append(" & ")
                    .append(m == null ? "---" : String.valueOf(m.onlyB())).append(" & ")
                    .append(m == null ? "---" : Latex.pValue(m.pValue())).append(" \\\\\n");
        }
        return b.append("\\bottomrule\n\\end{tabular}\n").toString();
    }

    /**
     * The student the text describes, with its control and teacher, as macros the text quotes (none without a student):
     * the first shipped student by seed, else the first student.
     */
    static void macros(List<Row> rows, Latex.Macros macros) {
        List<Row> students = rows.stream().filter(r -> r.role().equals(STUDENT)).toList();
        Row student = students.stream().filter(r -> RecipeCatalog.SHIPPED.contains(r.recipe())).findFirst()
                .orElse(students.isEmpty() ? null : students.get(0));
        if (student == null) {
            return;
        }
        macros.put("FastStudentRecipe", Latex.code(student.recipe()))
                .put("FastStudentValAcc", Latex.percent(student.finalVal()))
                .put("FastStudentBestValAcc", Latex.percent(student.bestVal()))
                .put("FastStudentHours", Latex.duration(student.hours() * 3600))
                .put("FastStudentSteps", Latex.integer(student.steps()));
        rows.stream().filter(r -> r.recipe().equals(student.control())).findFirst().ifPresent(c -> macros
                .put("FastControlRecipe", Latex.code(c.recipe())).put("FastControlValAcc", Latex.percent(c.finalVal()))
                .put("FastControlHours", Latex.duration(c.hours() * 3600)).put("FastControlSteps", Latex.integer(c.steps())));
        rows.stream().filter(r -> r.recipe().equals(student.teacher())).findFirst().ifPresent(t -> macros
                .put("FastTeacherValAcc", Latex.percent(t.finalVal())).put("FastTeacherHours", Latex.duration(t.hours() * 3600)));
        if (student.vsControl() != null) {
            macros.put("FastMcNemarB", String.valueOf(student.vsControl().onlyA()))
                    .put("FastMcNemarC", String.valueOf(student.vsControl().onlyB()))
                    .put("FastMcNemarP", Latex.pValue(student.vsControl().pValue()));
        }
    }
}
