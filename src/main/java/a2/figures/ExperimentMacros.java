package a2.figures;

import static a2.figures.Runs.all;
import static a2.figures.Runs.best;
import static a2.figures.Runs.budgetFactor;
import static a2.figures.Runs.chainSteps;
import static a2.figures.Runs.meetsGoal;
import static a2.figures.Runs.teacherModels;
import static a2.figures.Runs.totalSteps;
import static a2.figures.WriteupMacros.finitePercent;

import a2.data.Dataset;
import a2.data.Split;
import a2.figures.Figures.Inputs;
import a2.figures.Runs.StepMatched;
import a2.model.Inference;
import a2.model.ModelFile;
import a2.recipe.Recipe;
import a2.recipe.Teacher;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * The macros of the experiments beside the headline comparison: the supervised compute control, the step-matched
 * pairs (the submitted model's among them), the spread between seeds of one recipe, and the students of teachers.
 */
final class ExperimentMacros {
    private ExperimentMacros() {}

    /**
     * The compute control of Noisy Student: the supervised run (the best if several) given exactly the optimizer steps
     * behind the student, its teacher's run and its own.
     */
    static void supervisedControl(Latex.Macros m, Inputs in) {
        best(in, s -> s.noisyStudent() && !s.teacher().soft()).ifPresent(student -> {
            long chain = chainSteps(in, student.card().recipe(), new java.util.HashSet<>());
            in.others().stream().filter(o -> !o.card().recipe().semi().enabled() && totalSteps(o.card().recipe()) == chain)
                    .max(java.util.Comparator.comparingDouble(o -> o.card().validationAccuracy())).ifPresent(c -> {
                        Recipe cr = c.card().recipe();
                        m.put("ControlRecipe", Latex.code(cr.name()))
                                .put("ControlValAcc", Latex.percent(c.card().validationAccuracy()))
                                .put("ControlEpochs", String.valueOf(cr.budget().epochs()))
                                .put("ControlTotalSteps", Latex.integer(totalSteps(cr)))
                                .put("ControlBestEpoch", String.valueOf(c.card().epoch()))
                                .put("ControlTrainTime", Latex.duration(c.log().last().totalSeconds()));
                    });
        });
    }

    /**
     * The submitted model beside the supervised run of its own steps, network and seed, and whether that comparison
     * meets the assignment's bar ({@code PinnedPairGoalMet}: 1 or 0, always defined). {@code PinnedPaired} is 0 when
     * the submitted model has no such pair, and the pair's own macros are then absent.
     */
    static void pinnedPair(Latex.Macros m, Inputs in, List<StepMatched> pairs, int valCount) {
        Optional<StepMatched> pair = Runs.pinnedPair(in, pairs);
        m.put("PinnedPaired", pair.isPresent() ? "1" : "0");
        pair.ifPresent(p -> m.put("PinnedPairSupRecipe", Latex.code(p.sup().card().recipe().name()))
                .put("PinnedPairSemiValAcc", Latex.percent(p.semi().card().validationAccuracy()))
                .put("PinnedPairSupValAcc", Latex.percent(p.sup().card().validationAccuracy()))
                .put("PinnedPairSemiTail", Latex.percent(p.semi().log().tailValAcc(Tables.TAIL_EPOCHS)))
                .put("PinnedPairSupTail", Latex.percent(p.sup().log().tailValAcc(Tables.TAIL_EPOCHS)))
                .put("PinnedPairGain", Latex.points(p.gain()))
                .put("PinnedPairTailGain", Latex.points(p.tailGain()))
                .put("PinnedPairOnlySup", String.valueOf(p.mc().onlyA()))
                .put("PinnedPairOnlySemi", String.valueOf(p.mc().onlyB()))
                .put("PinnedPairP", Latex.pValue(p.mc().pValue())));
        m.put("PinnedPairGoalMet", pair.filter(p -> meetsGoal(p.gain(), p.mc().pValue(), valCount)).isPresent() ? "1" : "0");
    }

    /**
     * The step-matched pairs at the longest budget: the macros describe the one whose semi-supervised run scores best
     * (the pinned model when it is one of them), and, beside it, the mean gain over every seed of that pair, which is
     * not chosen for being best.
     */
    static void stepMatched(Latex.Macros m, Inputs in, List<StepMatched> pairs) {
        pairs.stream().max(java.util.Comparator.<StepMatched>comparingLong(p -> totalSteps(p.semi().card().recipe()))
                        .thenComparingDouble(p -> p.semi().card().validationAccuracy()))
                .ifPresent(p -> {
                    McNemar mc = p.mc();
                    Recipe sr = p.semi().card().recipe();
                    // The same pair with other seeds only: a wider network or another augmentation at this budget
                    // is another experiment, not another draw of this one.
                    List<StepMatched> atBudget = pairs.stream()
                            .filter(q -> allButSeed(q.semi().card().recipe()).equals(allButSeed(sr))
                                    && allButSeed(q.sup().card().recipe()).equals(allButSeed(p.sup().card().recipe())))
                            .toList();
                    TrainingLog.Epoch last = p.semi().log().last();
                    m.put("LongSemiRecipe", Latex.code(sr.name()))
                            .put("LongSupRecipe", Latex.code(p.sup().card().recipe().name()))
                            .put("LongSeed", String.valueOf(sr.seed()))
                            .put("LongEpochs", String.valueOf(sr.budget().epochs()))
                            .put("LongTotalSteps", Latex.integer(totalSteps(sr)))
                            .put("LongBudgetFactor", budgetFactor(sr, in))
                            .put("LongSemiValAcc", Latex.percent(p.semi().card().validationAccuracy()))
                            .put("LongSupValAcc", Latex.percent(p.sup().card().validationAccuracy()))
                            .put("LongGain", Latex.points(p.gain()))
                            .put("LongTailGain", Latex.points(p.tailGain()))
                            .put("LongSemiBestEpoch", String.valueOf(p.semi().card().epoch()))
                            .put("LongSupBestEpoch", String.valueOf(p.sup().card().epoch()))
                            .put("LongSemiTail", Latex.percent(p.semi().log().tailValAcc(Tables.TAIL_EPOCHS)))
                            .put("LongSupTail", Latex.percent(p.sup().log().tailValAcc(Tables.TAIL_EPOCHS)))
                            .put("LongSemiTrainTime", Latex.duration(p.semi().log().last().totalSeconds()))
                            .put("LongSupTrainTime", Latex.duration(p.sup().log().last().totalSeconds()))
                            .put("LongMcNemarOnlySup", String.valueOf(mc.onlyA()))
                            .put("LongMcNemarOnlySemi", String.valueOf(mc.onlyB()))
                            .put("LongMcNemarP", Latex.pValue(mc.pValue()))
                            // The semi-supervised run's pseudo-labels at its last epoch (as in the FixMatch figure).
                            .put("LongSemiFinalMaskRate", finitePercent(last.maskRate()))
                            .put("LongSemiFinalPseudoAcc", finitePercent(last.pseudoAccVal()))
                            .put("LongSemiFinalPseudoRate", finitePercent(last.pseudoRateVal()))
                            .put("LongPairCount", String.valueOf(atBudget.size()))
                            .put("LongMeanGain", Latex.points(atBudget.stream().mapToDouble(StepMatched::gain).average().orElseThrow()))
                            .put("LongMeanTailGain", Latex.points(atBudget.stream().mapToDouble(StepMatched::tailGain).average().orElseThrow()));
                });
        m.put("TailEpochs", String.valueOf(Tables.TAIL_EPOCHS));
    }

    /** What a recipe fixes besides its seed (and its name, version and description, which say nothing of the run). */
    private static List<Object> allButSeed(Recipe r) {
        return List.of(r.data(), r.augment(), r.model(), r.optimizer(), r.semi(), r.budget());
    }

    /**
     * Runs of one recipe that differ only in the seed (name, version and description aside): how far apart they land
     * on validation, the yardstick for differences between recipes. The largest such group, if any.
     */
    static void seedSpread(Latex.Macros m, Inputs in) {
        java.util.Map<List<Object>, List<FinalModel>> groups = new java.util.LinkedHashMap<>();
        for (FinalModel f : all(in)) {
            groups.computeIfAbsent(allButSeed(f.card().recipe()), k -> new ArrayList<>()).add(f);
        }
        groups.values().stream()
                .filter(g -> g.stream().map(f -> f.card().recipe().seed()).distinct().count() == g.size() && g.size() > 1)
                .max(java.util.Comparator.comparingInt(List::size))
                .ifPresent(g -> {
                    List<FinalModel> bySeed = g.stream()
                            .sorted(java.util.Comparator.comparingLong(f -> f.card().recipe().seed())).toList();
                    double[] acc = bySeed.stream().mapToDouble(f -> f.card().validationAccuracy()).toArray();
                    double[] tail = bySeed.stream().mapToDouble(f -> f.log().tailValAcc(Tables.TAIL_EPOCHS)).toArray();
                    m.put("SeedRecipes", String.join(", ", bySeed.stream().map(f -> Latex.code(f.card().recipe().name())).toList()))
                            .put("SeedCount", String.valueOf(bySeed.size()))
                            .put("SeedList", String.join(", ", bySeed.stream().map(f -> String.valueOf(f.card().recipe().seed())).toList()))
                            .put("SeedValAccs", String.join(", ", Arrays.stream(acc).mapToObj(Latex::percent).toList()))
                            .put("SeedValSpread", spread(acc))
                            .put("SeedValMean", Latex.percent(Arrays.stream(acc).average().orElseThrow()))
                            .put("SeedTails", String.join(", ", Arrays.stream(tail).mapToObj(Latex::percent).toList()))
                            .put("SeedTailSpread", spread(tail));
                });
    }

    /** Highest minus lowest, in percentage points (unsigned). */
    private static String spread(double[] fractions) {
        return Latex.fixed(100 * (Arrays.stream(fractions).max().orElseThrow() - Arrays.stream(fractions).min().orElseThrow()), 1);
    }

    /** Students of teachers: Noisy Student (hard labels), distillation (soft labels) and distillation's control. */
    static void students(Latex.Macros m, Inputs in, Split split) {
        Dataset data = in.data();
        long baseSteps = totalSteps(in.baseline().card().recipe());
        int[] valLabels = Arrays.stream(split.validation()).map(i -> data.trainLabels()[i]).toArray();
        // The control of distillation: the same teacher's soft labels on the labeled training images only.
        best(in, s -> s.noisyStudent() && !s.teacher().labelsUnlabeledImages()).ifPresent(f -> m
                .put("DistillControlRecipe", Latex.code(f.card().recipe().name()))
                .put("DistillControlValAcc", Latex.percent(f.card().validationAccuracy()))
                .put("DistillControlBestEpoch", String.valueOf(f.card().epoch())));
        noisyStudent(m, in, split, valLabels);
        distillation(m, in, split, valLabels, baseSteps);
    }

    /** Noisy Student proper: one teacher, hard labels on its confident images. */
    private static void noisyStudent(Latex.Macros m, Inputs in, Split split, int[] valLabels) {
        Dataset data = in.data();
        best(in, s -> s.noisyStudent() && !s.teacher().soft()).ifPresent(f -> {
            Recipe nr = f.card().recipe();
            Teacher t = nr.semi().teacher();
            // The pool, recomputed from the teacher's final model (the one the recipe pins): its exact size and
            // its estimated accuracy, which the training log gives only to four decimals.
            a2.train.TeacherPool pool = a2.train.TeacherPool.label(teacherModels(in, f), data, split.validation(),
                    valLabels, t.perClass(), false);
            long poolSize = pool.size();
            m.put("StudentRecipe", Latex.code(nr.name()))
                    .put("StudentValAcc", Latex.percent(f.card().validationAccuracy()))
                    .put("StudentUnlabeledBatch", String.valueOf(nr.semi().unlabeledBatch()))
                    .put("TeacherRecipe", Latex.code(t.names()))
                    .put("TeacherSha", Latex.code(t.models().get(0).sha256().substring(0, 12)))
                    .put("TeacherPerClass", Latex.integer(t.perClass()))
                    .put("TeacherPoolSize", Latex.integer(poolSize))
                    .put("TeacherPoolShare", finitePercent(pool.poolRate()))
                    .put("TeacherValRate", finitePercent(pool.validationRate()))
                    .put("TeacherValAcc", finitePercent(pool.validationAccuracy()))
                    .put("TeacherErrorsBelowCut", finitePercent(pool.errorsBelowCut()))
                    // How many times the student sees each pool image over the run, each time freshly augmented.
                    .put("PoolPasses", Latex.fixed((double) (nr.budget().epochs() - nr.semi().startEpoch())
                            * nr.budget().stepsPerEpoch() * nr.semi().unlabeledBatch() / poolSize, 1));
        });
    }

    /** Distillation: a student of soft labels, from one model or an ensemble. */
    private static void distillation(Latex.Macros m, Inputs in, Split split, int[] valLabels, long baseSteps) {
        Dataset data = in.data();
        best(in, s -> s.noisyStudent() && s.teacher().soft() && s.teacher().labelsUnlabeledImages()).ifPresent(f -> {
            Recipe dr = f.card().recipe();
            Teacher t = dr.semi().teacher();
            List<ModelFile.Loaded> teachers = teacherModels(in, f);
            float[][] ensemble = a2.train.TeacherPool.probabilities(teachers, data.train(), split.validation());
            // Every optimizer step behind the student: its own and its teachers', theirs' teachers included.
            long chain = chainSteps(in, dr, new java.util.HashSet<>());
            // The pool's size as the run recorded it; relabeling all unlabeled images with every teacher again would
            // cost minutes (recomputed only for a run that predates the record).
            long poolSize = f.provenance("teacher.pool").map(Long::parseLong).orElseGet(() -> (long) a2.train.TeacherPool
                    .label(teachers, data, split.validation(), valLabels, t.perClass(), true).size());
            m.put("DistillRecipe", Latex.code(dr.name()))
                    .put("DistillValAcc", Latex.percent(f.card().validationAccuracy()))
                    .put("DistillBestEpoch", String.valueOf(f.card().epoch()))
                    .put("DistillEpochs", String.valueOf(dr.budget().epochs()))
                    .put("DistillTrainTime", Latex.duration(f.log().last().totalSeconds()))
                    .put("DistillUnlabeledBatch", String.valueOf(dr.semi().unlabeledBatch()))
                    .put("DistillTeachers", String.join(", ", t.models().stream().map(x -> Latex.code(x.recipe())).toList()))
                    .put("DistillTeacherCount", String.valueOf(t.models().size()))
                    .put("DistillTeacherValAcc", Latex.percent(Inference.accuracy(ensemble, valLabels)))
                    .put("DistillPoolSize", Latex.integer(poolSize))
                    .put("DistillPasses", Latex.fixed((double) (dr.budget().epochs() - dr.semi().startEpoch())
                            * dr.budget().stepsPerEpoch() * dr.semi().unlabeledBatch() / poolSize, 1))
                    .put("DistillChainSteps", Latex.integer(chain))
                    .put("DistillChainRuns", Latex.fixed((double) chain / baseSteps, 1));
        });
    }
}
