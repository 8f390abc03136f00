package a2.figures;

import a2.data.Images;
import a2.data.Split;
import a2.figures.Figures.Inputs;
import a2.io.Hashes;
import a2.io.InvalidInputException;
import a2.model.Inference;
import a2.model.ModelFile;
import a2.recipe.Recipe;
import a2.recipe.SemiSupervised;
import a2.recipe.Teacher;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Which final models the figures and the text compare: every run, each method's best at the baseline's budget, the
 * step-matched pairs (a semi-supervised run beside the supervised run of its own steps), the teachers a student
 * learned from, and the assignment's bar a gain has to meet.
 */
final class Runs {
    /** The level at which the writeup calls McNemar's test significant (fixed before seeing the results). */
    static final double SIGNIFICANCE = 0.05;

    /**
     * The assignment's bar for the semi-supervised recipe: at least three percentage points over the supervised run
     * of the same budget on validation (and significant at {@link #SIGNIFICANCE}). A gain is a difference of two
     * accuracies over the same images, so it moves in steps of one image: compared with half an image to spare.
     */
    static final double GOAL_POINTS = 0.03;

    private Runs() {}

    static List<FinalModel> all(Inputs in) {
        List<FinalModel> all = new ArrayList<>(List.of(in.baseline(), in.pinned()));
        all.addAll(in.others());
        return all;
    }

    /**
     * The method's run with the best validation accuracy at the baseline's budget: the runs the writeup compares
     * method by method. Runs with longer budgets are compared with their own step-matched controls instead.
     */
    static Optional<FinalModel> best(Inputs in, java.util.function.Predicate<SemiSupervised> method) {
        long baseSteps = totalSteps(in.baseline().card().recipe());
        return all(in).stream().filter(m -> method.test(m.card().recipe().semi()) && totalSteps(m.card().recipe()) == baseSteps)
                .max(java.util.Comparator.comparingDouble(m -> m.card().validationAccuracy()));
    }

    /**
     * The run whose pseudo-labels the figure shows: the submitted model when it is a FixMatch run (whatever its
     * budget: its pseudo-labels are the ones behind the submission), else the best FixMatch run at the baseline's
     * budget, else the submitted model when it self-trains.
     */
    static Optional<FinalModel> pseudoLabelRun(Inputs in) {
        return Optional.of(in.pinned()).filter(p -> p.card().recipe().semi().fixMatch())
                .or(() -> best(in, SemiSupervised::fixMatch))
                .or(() -> Optional.of(in.pinned()).filter(p -> p.card().recipe().semi().selfTraining()));
    }

    static long totalSteps(Recipe r) {
        return (long) r.budget().epochs() * r.budget().stepsPerEpoch();
    }

    /** The teacher models a student's recipe pins, from the inputs, each checked against its pinned SHA-256. */
    static List<ModelFile.Loaded> teacherModels(Inputs in, FinalModel student) {
        List<ModelFile.Loaded> out = new ArrayList<>();
        for (Teacher.Member member : student.card().recipe().semi().teacher().models()) {
            FinalModel tm = teacher(in, student.recipe(), member);
            if (!Hashes.sha256(tm.modelFile()).equals(member.sha256())) {
                throw new InvalidInputException(tm.modelFile() + " is not the teacher " + student.recipe() + " pins ("
                        + member.sha256() + ")");
            }
            out.add(tm.model());
        }
        return out;
    }

    /** The final model among the inputs that {@code student} names as its teacher {@code member}. */
    private static FinalModel teacher(Inputs in, String student, Teacher.Member member) {
        return all(in).stream().filter(x -> x.recipe().equals(member.recipe())).findFirst()
                .orElseThrow(() -> new InvalidInputException(student + " was taught by " + member.recipe()
                        + ", whose final model is not among the inputs"));
    }

    /** Optimizer steps of {@code r} and of every model it learned from, each recipe counted once. */
    static long chainSteps(Inputs in, Recipe r, java.util.Set<String> counted) {
        if (!counted.add(r.name())) {
            return 0;
        }
        long steps = totalSteps(r);
        if (r.semi().noisyStudent()) {
            for (Teacher.Member member : r.semi().teacher().models()) {
                steps += chainSteps(in, teacher(in, r.name(), member).card().recipe(), counted);
            }
        }
        return steps;
    }

    /** FixMatch's mu: unlabeled images drawn per step for each labeled one. */
    static double mu(Recipe r) {
        return (double) r.semi().unlabeledBatch() / r.optimizer().batchSize();
    }

    /** The classes {@code m} predicts for {@code images} at {@code idx}. */
    static int[] predict(FinalModel m, Images images, int[] idx) {
        float[][] p = Inference.probabilities(m.model(), images, idx, n -> {});
        return Arrays.stream(p).mapToInt(Inference::argmax).toArray();
    }

    /**
     * A semi-supervised run given more steps than the baseline, beside the supervised run of exactly its steps,
     * network and seed: the comparison that separates what the unlabeled images add from what the extra steps add.
     */
    record StepMatched(FinalModel semi, FinalModel sup, McNemar mc) {
        double gain() {
            return semi.card().validationAccuracy() - sup.card().validationAccuracy();
        }

        double tailGain() {
            return semi.log().tailValAcc(Tables.TAIL_EPOCHS) - sup.log().tailValAcc(Tables.TAIL_EPOCHS);
        }
    }

    /** Every step-matched pair among the runs, shortest budget first, then by seed. */
    static List<StepMatched> stepMatchedPairs(Inputs in, Split split, Map<Path, int[]> valPred) {
        long baseSteps = totalSteps(in.baseline().card().recipe());
        List<FinalModel> runs = all(in);
        int[] valLabels = Arrays.stream(split.validation()).map(i -> in.data().trainLabels()[i]).toArray();
        return runs.stream().filter(s -> s.card().recipe().semi().enabled() && totalSteps(s.card().recipe()) > baseSteps)
                .flatMap(s -> runs.stream().filter(c -> !c.card().recipe().semi().enabled()
                                && totalSteps(c.card().recipe()) == totalSteps(s.card().recipe())
                                && c.card().recipe().model().equals(s.card().recipe().model())
                                && c.card().recipe().seed() == s.card().recipe().seed())
                        .map(c -> new StepMatched(s, c, McNemar.compare(valLabels, valPred.get(c.dir()), valPred.get(s.dir())))))
                .sorted(java.util.Comparator.<StepMatched>comparingLong(p -> totalSteps(p.semi().card().recipe()))
                        .thenComparingLong(p -> p.semi().card().recipe().seed()))
                .toList();
    }

    /** The step-matched pair of the submitted model, if it is a semi-supervised run beyond the baseline's budget. */
    static Optional<StepMatched> pinnedPair(Inputs in, List<StepMatched> pairs) {
        return pairs.stream().filter(p -> p.semi().dir().equals(in.pinned().dir())).findFirst();
    }

    /** At least {@link #GOAL_POINTS} better on {@code valCount} images, and significant. */
    static boolean meetsGoal(double gain, double pValue, int valCount) {
        return gain >= GOAL_POINTS - 0.5 / valCount && pValue < SIGNIFICANCE;
    }

    /** A recipe's optimizer steps over the baseline's, to one decimal as the text quotes it (4.2, not 4.1666...). */
    static String budgetFactor(Recipe r, Inputs in) {
        return Latex.fixed((double) totalSteps(r) / totalSteps(in.baseline().card().recipe()), 1);
    }

    /** One line of the table of all runs; {@code vsBaseline} is null for the baseline itself. */
    static Tables.RunRow row(FinalModel m, double valAcc, int n, McNemar vsBaseline) {
        Recipe r = m.card().recipe();
        String method = switch (r.semi().method()) {
            case SemiSupervised.NONE -> "supervised only" + (r.model().airbench() ? ""
                    : r.model().fusedBatchNormRelu() ? ", fused BN+ReLU" : "");
            case SemiSupervised.SELF_TRAINING -> "self-training, threshold " + Latex.plain(r.semi().threshold());
            case SemiSupervised.NOISY_STUDENT -> r.semi().teacher().soft()
                    ? "distillation, " + r.semi().teacher().models().size() + "-model teacher, soft labels"
                    + (r.semi().teacher().labelsUnlabeledImages() ? "" : ", on the labeled images only (control)")
                    : "Noisy Student, " + Latex.integer(r.semi().teacher().perClass()) + " per class";
            default -> (r.semi().classAdaptive() ? "FlexMatch, per-class thresholds up to " : "FixMatch, threshold ")
                    + Latex.plain(r.semi().threshold()) + ", $\\mu = " + Latex.plain(mu(r)) + "$"
                    + (r.semi().weightsRows() ? ", exact loss" : "")
                    + (r.semi().strongAugment().randAugmentOps() > 0 ? ", RandAugment" : "");
        };
        method = r.model().airbench() ? "airbench network, final weights; " + method : method;
        return new Tables.RunRow(r.name() + " v" + r.version(), method, valAcc, n, m.card().epoch(), m.log().last().epoch(),
                m.log().tailValAcc(Tables.TAIL_EPOCHS), m.log().last().totalSeconds(), vsBaseline);
    }
}
