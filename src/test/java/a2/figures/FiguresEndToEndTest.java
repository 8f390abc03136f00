package a2.figures;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import a2.backend.BackendInfo;
import a2.data.ArrayImages;
import a2.data.Dataset;
import a2.data.stl10.Stl10Folder;
import a2.recipe.Recipe;
import a2.recipe.SemiSupervised;
import a2.recipe.Teacher;
import a2.train.Trainer;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The whole pipeline on a synthetic dataset: two tiny recipes trained by the real {@link Trainer}, laid out as
 * {@code final/<recipe>/}, then every figure and table generated twice, byte for byte the same.
 */
@Tag("slow")
class FiguresEndToEndTest {
    static final List<String> CLASSES = List.of("red", "green", "blue");

    @TempDir
    static Path tmp;

    static Figures.Inputs inputs;
    static Dataset data;
    static Figures.Report report;
    static Path out;

    /** Noise plus a class colour, so a small network learns something and the figures are not degenerate. */
    static ArrayImages images(int n, int side, int[] labels, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        int plane = side * side;
        byte[] px = new byte[n * 3 * plane];
        for (int i = 0; i < n; i++) {
            for (int c = 0; c < 3; c++) {
                int base = labels == null ? r.nextInt(200) : (labels[i] == c ? 170 : 40);
                for (int p = 0; p < plane; p++) {
                    px[i * 3 * plane + c * plane + p] = (byte) Math.min(255, base + r.nextInt(70));
                }
            }
        }
        return new ArrayImages(px, n, side, side);
    }

    @BeforeAll
    static void trainAndGenerate() throws IOException {
        int[] labels = new int[60];
        for (int i = 0; i < labels.length; i++) {
            labels[i] = i % 3;
        }
        Dataset data = new Dataset("synthetic", CLASSES, images(60, 16, labels, 1), labels, images(30, 16, null, 2),
                images(5, 16, null, 3), new int[] {1, 2, 3, 4, 5}, Optional.empty(), new TreeMap<>(Map.of("x", "y")));
        BackendInfo backend = new BackendInfo("test", false, 1, "", "1.0.0-M2.1", "CPU");
        Path fin = tmp.resolve("checkpoints/final"); // where a Noisy Student recipe finds its teacher
        Recipe semi = Fixtures.recipe("semi", List.of(4, 6), 1, true, 2, 3, 8);
        Recipe base = Fixtures.recipe("base", List.of(4, 6), 1, false, 2, 3, 8);
        for (Recipe r : List.of(base, semi, Fixtures.selfTrainingV1(semi), Fixtures.recipe("base-long", List.of(4, 6), 1, false, 4, 3, 8))) {
            trainAndFinalize(r, r.name() + (r == semi || !r.semi().enabled() ? "" : "-v" + r.version()), data, backend, fin);
        }
        // FixMatch at the longer budget (its step-matched control is base-long), the same pair with another seed, and the
        // baseline with another seed.
        Recipe semiLong = Fixtures.recipe("semi-long", List.of(4, 6), 1, true, 4, 3, 8);
        trainAndFinalize(semiLong, "semi-long", data, backend, fin);
        trainAndFinalize(Fixtures.reseeded(semiLong, "semi-long-s2", 7), "semi-long-s2", data, backend, fin);
        trainAndFinalize(Fixtures.reseeded(Fixtures.recipe("base-long", List.of(4, 6), 1, false, 4, 3, 8), "base-long-s2", 7),
                "base-long-s2", data, backend, fin);
        trainAndFinalize(Fixtures.reseeded(base, "base-s2", 7), "base-s2", data, backend, fin);
        // The longer pair again on a wider network: a pair of its own, outside the other network's mean over seeds.
        trainAndFinalize(Fixtures.recipe("semi-long-wide", List.of(6, 8), 1, true, 4, 3, 8), "semi-long-wide", data, backend, fin);
        trainAndFinalize(Fixtures.recipe("base-long-wide", List.of(6, 8), 1, false, 4, 3, 8), "base-long-wide", data, backend, fin);
        // The finished baseline teaches: its file is where the student's recipe looks, pinned by its hash.
        Recipe student = Fixtures.noisyStudent(semi, "student", "base", a2.io.Hashes.sha256(fin.resolve("base/" + FinalModel.MODEL)));
        trainAndFinalize(student, "student", data, backend, fin);
        Recipe distilled = Fixtures.distilled(semi, "distilled", List.of(
                new Teacher.Member("base", a2.io.Hashes.sha256(fin.resolve("base/" + FinalModel.MODEL))),
                new Teacher.Member("base-long", a2.io.Hashes.sha256(fin.resolve("base-long/" + FinalModel.MODEL)))));
        trainAndFinalize(distilled, "distilled", data, backend, fin);
        FiguresEndToEndTest.data = data;
        int[] stlLabels = {0, 1, 2};
        var sample = new Stl10Folder.LabeledSample(CLASSES, images(3, 24, stlLabels, 4), stlLabels, images(4, 24, null, 5));
        inputs = new Figures.Inputs(data, FinalModel.load(fin, "base"), FinalModel.load(fin, "semi"),
                FinalModel.others(fin, List.of("base", "semi")).stream().map(n -> FinalModel.load(fin, n)).toList(),
                Optional.of(sample),
                Map.of("git.commit", "0123456789abcdef0123456789abcdef01234567"), List.of());
        out = tmp.resolve("writeup");
        report = Figures.generate(inputs, out, settings(), new PrintStream(PrintStream.nullOutputStream()));
    }

    static void trainAndFinalize(Recipe r, String folder, Dataset data, BackendInfo backend, Path fin) throws IOException {
        Path run = tmp.resolve("runs").resolve(folder);
        new Trainer(Trainer.Config.of(r, data, run, tmp, backend, List.of("test"))).run();
        Path dir = Files.createDirectories(fin.resolve(folder));
        Files.copy(run.resolve("best.a2model"), dir.resolve(FinalModel.MODEL));
        Files.copy(run.resolve("log.csv"), dir.resolve(FinalModel.LOG));
        Files.copy(run.resolve("provenance.json"), dir.resolve(FinalModel.PROVENANCE));
    }

    static Figures.Settings settings() {
        return new Figures.Settings(1000, 5, new TsnePlot.Settings(30, 400, 0.5, 50, 7), 3, 4);
    }

    @Test
    void writesEveryFigureAndTable() {
        List<String> names = report.written().stream().map(p -> out.relativize(p).toString().replace('\\', '/')).toList();
        for (String expected : List.of("figures/confusion-supervised.png", "figures/confusion-semisupervised.png", "figures/curves.png",
                "figures/pseudo-labels.png", "figures/filters-supervised.png", "figures/filters-semisupervised.png",
                "figures/augment-train.png", "figures/augment-strong.png", "figures/augment-stl10-sample.png", "figures/tsne-s1c1relu.png",
                "figures/tsne-gap.png", "figures/tsne-logits.png", "generated/results.tex", "generated/runs.tex", "generated/step-matched.tex", "generated/tsne.tex", "generated/tsne-figures.tex",
                "generated/architecture.tex", "generated/recipes.tex", "generated/macros.tex", "generated/provenance.json")) {
            assertTrue(names.contains(expected), expected + " in " + names);
            assertTrue(Files.isRegularFile(out.resolve(expected)), expected);
        }
    }

    @Test
    void figuresHaveTheirLayoutSizes() throws IOException {
        BufferedImage tsne = ImageIO.read(out.resolve("figures/tsne-gap.png").toFile());
        assertEquals(Figures.TSNE_WIDTH, tsne.getWidth());
        assertEquals(Figures.TSNE_HEIGHT, tsne.getHeight());
        BufferedImage map = ImageIO.read(out.resolve("figures/" + TsneImageMap.FILE).toFile());
        assertEquals(TsneImageMap.DEFAULT.canvas(), map.getWidth());
        assertEquals(TsneImageMap.DEFAULT.canvas(), map.getHeight());
        int shown = Integer.parseInt(report.macros().get("TsneMapShown"));
        assertTrue(shown >= 1 && shown <= Integer.parseInt(report.macros().get("TsnePoints").replace("{,}", "")),
                "images shown in the map: " + shown);
        BufferedImage aug = ImageIO.read(out.resolve("figures/augment-train.png").toFile());
        // 3 rows (one per class) of 1 + 4 images of 16 px at 3x, gaps of 2, 8 after the original.
        assertEquals(2 * 2 + 8 + 5 * 48 + 3 * 2, aug.getWidth());
        assertEquals(4 * 2 + 3 * 48, aug.getHeight());
        BufferedImage filters = ImageIO.read(out.resolve("figures/filters-semisupervised.png").toFile());
        assertEquals(FilterGrid.columnsFor(4) * 24 + (FilterGrid.columnsFor(4) + 1) * 2, filters.getWidth());
    }

    @Test
    void theDistilledStudentIsDescribedThroughItsEnsembleTeacherAndEveryStepBehindIt() throws IOException {
        String macros = Files.readString(out.resolve("generated/macros.tex"));
        int[] val = a2.data.Split.stratified(data.trainLabels(), 3, 6, 2016).validation();
        int[] valLabels = java.util.Arrays.stream(val).map(i -> data.trainLabels()[i]).toArray();
        Path fin = tmp.resolve("checkpoints/final");
        float[][] ensemble = a2.train.TeacherPool.probabilities(List.of(FinalModel.load(fin, "base").model(),
                FinalModel.load(fin, "base-long").model()), data.train(), val);
        assertTrue(macros.contains("\\newcommand{\\DistillTeacherValAcc}{"
                + Latex.percent(a2.model.Inference.accuracy(ensemble, valLabels)) + "}"), macros);
        // Its own 2 x 3 steps, the baseline's 2 x 3 and the longer baseline's 4 x 3.
        assertTrue(macros.contains("\\newcommand{\\DistillChainSteps}{24}"), macros);
        assertTrue(macros.contains("\\newcommand{\\DistillTeacherCount}{2}"), macros);
        assertTrue(macros.contains("\\newcommand{\\DistillPoolSize}{30}"), "all 30 unlabeled images, as the run recorded");
        // The compute control is the supervised run with the longer budget.
        assertTrue(macros.contains("\\newcommand{\\ControlRecipe}{" + Latex.code("base-long") + "}"), macros);
        // The fused student is in the table of all runs, scored on the validation images like the others.
        assertTrue(Files.readString(out.resolve("generated/runs.tex")).contains("distillation, 2-model teacher, soft labels"));
    }

    @Test
    void macrosQuoteTheComparisonOfBothModelsOnTheSameValidationImages() throws IOException {
        McNemar mc = report.mcNemar();
        assertEquals(18, mc.total(), "6 validation images per class, 3 classes");
        String macros = Files.readString(out.resolve("generated/macros.tex"));
        double sup = (mc.bothRight() + mc.onlyA()) / 18.0, semi = (mc.bothRight() + mc.onlyB()) / 18.0;
        assertTrue(macros.contains("\\newcommand{\\SupValAcc}{" + Latex.percent(sup) + "}"), macros);
        assertTrue(macros.contains("\\newcommand{\\SemiValAcc}{" + Latex.percent(semi) + "}"), macros);
        assertTrue(macros.contains("\\newcommand{\\McNemarP}{" + Latex.pValue(mc.pValue()) + "}"), macros);
        assertTrue(macros.contains("\\newcommand{\\ValCount}{18}"), macros);
        assertTrue(macros.contains("\\newcommand{\\FiguresCommit}{\\texttt{0123456789ab}}"), macros);
        assertEquals(4, report.layers().size(), "pixels, s1c1relu, gap, logits");
        String results = Files.readString(out.resolve("generated/results.tex"));
        assertTrue(results.contains(Latex.percent(sup)) && results.contains(Latex.percent(semi)), results);
    }

    @Test
    void theTableOfAllRunsListsEveryFinalModelWithItsTestAgainstTheBaseline() throws IOException {
        String runs = Files.readString(out.resolve("generated/runs.tex"));
        List<String> lines = runs.lines().filter(l -> l.startsWith("\\texttt{")).toList();
        assertEquals(12, lines.size(), runs);
        assertTrue(lines.get(0).startsWith("\\texttt{base v1} & supervised only & ") && lines.get(0).contains("--- & --- & ---"),
                lines.get(0));
        McNemar mc = report.mcNemar();
        assertTrue(lines.get(1).startsWith("\\texttt{semi v2} & FixMatch, threshold 0.2, $\\mu = ")
                && lines.get(1).contains(" & " + mc.onlyA() + " & " + mc.onlyB() + " & " + Latex.pValue(mc.pValue()) + " & "),
                lines.get(1));
        // The others by folder name.
        List<String> others = List.of("base-long v1} & supervised only & ", "base-long-s2 v1} & supervised only & ",
                "base-long-wide v1} & supervised only & ", "base-s2 v1} & supervised only & ",
                "distilled v1} & distillation, 2-model teacher, soft labels & ", "semi-long v2} & FixMatch, threshold 0.2, ",
                "semi-long-s2 v2} & FixMatch, threshold 0.2, ", "semi-long-wide v2} & FixMatch, threshold 0.2, ",
                "semi v1} & self-training, threshold 0.2 & ", "student v1} & Noisy Student, 4 per class & ");
        for (int i = 0; i < others.size(); i++) {
            assertTrue(lines.get(2 + i).startsWith("\\texttt{" + others.get(i)), lines.get(2 + i));
        }
        // Every row carries the mean validation accuracy of its last epochs, from its own log.
        Path fin = tmp.resolve("checkpoints/final");
        String tail = Latex.percent(TrainingLog.read(fin.resolve("semi-long/log.csv")).tailValAcc(Tables.TAIL_EPOCHS));
        assertTrue(lines.get(7).contains(" / 4 & " + tail + " & "), lines.get(7));
    }

    @Test
    void thePseudoLabelFigureShowsTheSubmittedFixMatchRunWhateverItsBudget() throws IOException {
        String macros = Files.readString(out.resolve("generated/macros.tex"));
        assertTrue(macros.contains("\\newcommand{\\PseudoFigureRecipe}{\\texttt{semi}}"), macros);
        // Pinning the longer FixMatch run moves the figure to it; the method's description stays at the baseline's budget.
        Figures.Inputs longPinned = pinning("semi-long");
        assertEquals("semi-long", Runs.pseudoLabelRun(longPinned).orElseThrow().recipe());
        assertEquals("semi", Runs.best(longPinned, SemiSupervised::fixMatch).orElseThrow().recipe());
        // A supervised pin leaves the figure to the best FixMatch run at the baseline's budget.
        assertEquals("semi", Runs.pseudoLabelRun(pinning("base-long")).orElseThrow().recipe());
    }

    /** The validation split the figures use for the test's data (3 classes, 6 images each). */
    private static a2.data.Split split() {
        return a2.data.Split.stratified(data.trainLabels(), 3, 6, 2016);
    }

    /** The test's inputs with another final model pinned: the old pin joins the others, the new one leaves them. */
    private static Figures.Inputs pinning(String folder) {
        FinalModel pin = FinalModel.load(tmp.resolve("checkpoints/final"), folder);
        List<FinalModel> others = new java.util.ArrayList<>(inputs.others());
        others.removeIf(m -> m.dir().equals(pin.dir()));
        others.add(inputs.pinned());
        return new Figures.Inputs(inputs.data(), inputs.baseline(), pin, others, inputs.stl10Sample(), inputs.environment(),
                inputs.inputFiles());
    }

    @Test
    void eachMethodIsDescribedByItsBestRunWhicheverIsPinned() throws IOException {
        String macros = Files.readString(out.resolve("generated/macros.tex"));
        // FixMatch: the only FixMatch run here is the pinned one.
        assertTrue(macros.contains("\\newcommand{\\FixMatchRecipe}{\\texttt{semi}}"), macros);
        assertTrue(macros.contains("\\newcommand{\\FixMatchThreshold}{0.2}"), macros);
        // Noisy Student, not pinned: 3 classes of 30 unlabeled images, at most 4 per class in the pool.
        assertTrue(macros.contains("\\newcommand{\\StudentRecipe}{\\texttt{student}}"), macros);
        assertTrue(macros.contains("\\newcommand{\\TeacherRecipe}{\\texttt{base}}"), macros);
        assertTrue(macros.contains("\\newcommand{\\TeacherPerClass}{4}"), macros);
        java.util.regex.Matcher pool = java.util.regex.Pattern.compile("\\\\newcommand\\{\\\\TeacherPoolSize\\}\\{(\\d+)\\}")
                .matcher(macros);
        assertTrue(pool.find(), macros);
        // The compute control is the supervised run of the student's steps: its own 6 and its teacher's 6.
        assertTrue(macros.contains("\\newcommand{\\ControlRecipe}{\\texttt{base-long}}"), macros);
        assertTrue(macros.contains("\\newcommand{\\ControlTotalSteps}{12}"), macros);
        int size = Integer.parseInt(pool.group(1));
        assertTrue(size >= 1 && size <= 12, "pool of at most 3 x 4 images: " + size);
    }

    @Test
    void aLongerSemiSupervisedRunIsComparedWithTheSupervisedRunOfItsSteps() throws IOException {
        String macros = Files.readString(out.resolve("generated/macros.tex"));
        Path fin = tmp.resolve("checkpoints/final");
        int[] val = a2.data.Split.stratified(data.trainLabels(), 3, 6, 2016).validation();
        int[] valLabels = java.util.Arrays.stream(val).map(i -> data.trainLabels()[i]).toArray();
        // Three pairs at 12 steps: seeds 1008 and 7 of one network, seed 1008 of a wider one. The macros describe the
        // pair whose semi-supervised run scores best (on a tie the first in the table: seed 7, then the narrow network);
        // the mean gain covers the same pair with other seeds only (here: not the wider network).
        FinalModel[][] pairs = {{FinalModel.load(fin, "semi-long-s2"), FinalModel.load(fin, "base-long-s2")},
                {FinalModel.load(fin, "semi-long"), FinalModel.load(fin, "base-long")},
                {FinalModel.load(fin, "semi-long-wide"), FinalModel.load(fin, "base-long-wide")}};
        FinalModel[] chosen = pairs[0];
        for (FinalModel[] p : pairs) {
            if (p[0].card().validationAccuracy() > chosen[0].card().validationAccuracy()) {
                chosen = p;
            }
        }
        FinalModel semi = chosen[0], sup = chosen[1];
        assertTrue(macros.contains("\\newcommand{\\LongSemiRecipe}{\\texttt{" + semi.recipe() + "}}"), macros);
        assertTrue(macros.contains("\\newcommand{\\LongSupRecipe}{\\texttt{" + sup.recipe() + "}}"), macros);
        assertTrue(macros.contains("\\newcommand{\\LongTotalSteps}{12}"), macros);
        assertTrue(macros.contains("\\newcommand{\\LongBudgetFactor}{2.0}"), "12 steps against the baseline's 6: " + macros);
        // The pinned run has the baseline's budget.
        assertTrue(macros.contains("\\newcommand{\\PinnedBudgetFactor}{1.0}"), macros);
        assertTrue(macros.contains("\\newcommand{\\LongSemiTail}{" + Latex.percent(semi.log().tailValAcc(Tables.TAIL_EPOCHS)) + "}"));
        McNemar mc = McNemar.compare(valLabels, Runs.predict(sup, data.train(), val), Runs.predict(semi, data.train(), val));
        assertTrue(macros.contains("\\newcommand{\\LongMcNemarOnlySup}{" + mc.onlyA() + "}"), macros);
        assertTrue(macros.contains("\\newcommand{\\LongMcNemarOnlySemi}{" + mc.onlyB() + "}"), macros);
        var network = semi.card().recipe().model();
        List<FinalModel[]> sameNetwork = java.util.Arrays.stream(pairs).filter(p -> p[0].card().recipe().model().equals(network)).toList();
        assertEquals(chosen == pairs[2] ? 1 : 2, sameNetwork.size());
        assertTrue(macros.contains("\\newcommand{\\LongPairCount}{" + sameNetwork.size() + "}"), macros);
        double meanGain = sameNetwork.stream()
                .mapToDouble(p -> p[0].card().validationAccuracy() - p[1].card().validationAccuracy()).average().orElseThrow();
        assertTrue(macros.contains("\\newcommand{\\LongMeanGain}{" + Latex.points(meanGain) + "}"), macros);
        // The table: every pair, the lower seed first, each with its own paired counts.
        String table = Files.readString(out.resolve("generated/step-matched.tex"));
        TablesTest.assertWellFormedTabular(table, 11);
        int first = table.indexOf("\\texttt{semi-long-s2} & \\texttt{base-long-s2} & 12 & 7 & ");
        int second = table.indexOf("\\texttt{semi-long} & \\texttt{base-long} & 12 & 1008 & ");
        int third = table.indexOf("\\texttt{semi-long-wide} & \\texttt{base-long-wide} & 12 & 1008 & ");
        assertTrue(first > 0 && second > first && third > 0, table);
        // The method-by-method comparisons stay at the baseline's budget: the FixMatch run there is semi.
        assertTrue(macros.contains("\\newcommand{\\FixMatchRecipe}{\\texttt{semi}}"), macros);
    }

    @Test
    void theSubmittedModelIsComparedWithTheSupervisedRunOfItsOwnStepsWhenItHasOne() throws IOException {
        // Pinned here: semi, at the baseline's budget, so there is no pair and no pair macros.
        String macros = Files.readString(out.resolve("generated/macros.tex"));
        assertTrue(macros.contains("\\newcommand{\\PinnedPaired}{0}"), macros);
        assertFalse(macros.contains("PinnedPairGain"), macros);
        assertTrue(macros.contains("\\newcommand{\\PinnedPairGoalMet}{0}"), macros);
        assertTrue(Runs.pinnedPair(inputs, Runs.stepMatchedPairs(inputs, split(), predictions(inputs))).isEmpty());
        // Pinning the longer FixMatch run pairs it with the supervised run of its steps, network and seed.
        Figures.Inputs longPinned = pinning("semi-long");
        Runs.StepMatched pair = Runs.pinnedPair(longPinned, Runs.stepMatchedPairs(longPinned, split(),
                predictions(longPinned))).orElseThrow();
        assertEquals("semi-long", pair.semi().recipe());
        assertEquals("base-long", pair.sup().recipe());
    }

    /** Every final model's validation predictions, as the figures compute them. */
    private static Map<Path, int[]> predictions(Figures.Inputs in) {
        int[] val = split().validation();
        Map<Path, int[]> out = new java.util.HashMap<>();
        for (FinalModel f : Runs.all(in)) {
            out.put(f.dir(), Runs.predict(f, data.train(), val));
        }
        return out;
    }

    @Test
    void theGoalIsThreePointsToTheImageAndSignificant() {
        assertTrue(Runs.meetsGoal(0.030, 0.049, 1000));
        assertTrue(Runs.meetsGoal(0.811 - 0.781, 0.01, 1000), "30 images, whatever the rounding of the difference");
        assertFalse(Runs.meetsGoal(0.029, 0.001, 1000), "29 images of 1,000 are short of three points");
        assertFalse(Runs.meetsGoal(0.05, 0.05, 1000), "p must be below the level");
    }

    @Test
    void runsOfOneRecipeWithOtherSeedsGiveTheSpreadBetweenRuns() throws IOException {
        String macros = Files.readString(out.resolve("generated/macros.tex"));
        Path fin = tmp.resolve("checkpoints/final");
        double a = FinalModel.load(fin, "base-s2").card().validationAccuracy(), b = FinalModel.load(fin, "base").card().validationAccuracy();
        assertTrue(macros.contains("\\newcommand{\\SeedRecipes}{\\texttt{base-s2}, \\texttt{base}}"), "by seed, 7 before 1008: " + macros);
        assertTrue(macros.contains("\\newcommand{\\SeedValAccs}{" + Latex.percent(a) + ", " + Latex.percent(b) + "}"), macros);
        assertTrue(macros.contains("\\newcommand{\\SeedValSpread}{" + Latex.fixed(100 * Math.abs(a - b), 1) + "}"), macros);
    }

    @Test
    void generatingAgainGivesByteIdenticalFiles() throws IOException {
        Path again = tmp.resolve("again");
        Figures.generate(inputs, again, settings(), new PrintStream(PrintStream.nullOutputStream()));
        try (Stream<Path> files = Files.walk(out)) {
            for (Path f : (Iterable<Path>) files.filter(Files::isRegularFile)::iterator) {
                assertArrayEquals(Files.readAllBytes(f), Files.readAllBytes(again.resolve(out.relativize(f))), f.toString());
            }
        }
    }
}
