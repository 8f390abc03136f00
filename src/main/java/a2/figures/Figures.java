package a2.figures;

import static a2.figures.Runs.all;
import static a2.figures.Runs.predict;
import static a2.figures.Runs.pseudoLabelRun;
import static a2.figures.Runs.stepMatchedPairs;
import static a2.figures.Runs.totalSteps;
import static a2.figures.Sampling.onePerClass;
import static a2.figures.Sampling.pixelFeatures;
import static a2.figures.Sampling.subset;

import a2.augment.Augmenter;
import a2.data.Dataset;
import a2.data.Split;
import a2.data.stl10.Stl10Folder;
import a2.io.AtomicFiles;
import a2.io.InvalidInputException;
import a2.model.Inference;
import a2.model.ModelCard;
import a2.model.Preprocessing;
import a2.recipe.Recipe;
import a2.train.RandomStream;
import a2.train.Seeds;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;

/**
 * Regenerates every figure and generated LaTeX file of the writeup from the two final models, their logs, the
 * dataset and the STL-10 sample: {@code <out>/figures/*.png} and {@code <out>/generated/*.tex} plus
 * {@code provenance.json}. The baseline and the pinned (semi-supervised) model are compared on the validation split
 * they both held out; the per-model figures (filters, t-SNE) show the pinned model. Random draws come from the
 * figure streams of {@link RandomStream}, derived from the pinned recipe's seed, never from a training stream.
 */
public final class Figures {
    /** The two models' roles in file names and captions, whatever their recipes are called. */
    static final String SUPERVISED = "supervised", SEMI = "semisupervised";
    /** Small enough that the text stays legible with two maps side by side on a page. */
    static final int TSNE_WIDTH = 640, TSNE_HEIGHT = 520;

    private Figures() {}

    /**
     * @param tsnePoints      held-out images embedded per layer (all of them if the split holds fewer)
     * @param knnK            neighbours of the k-NN cluster score
     * @param augmentRows     images in the CIFAR augmentation figure (at most one per class)
     * @param augmentVersions augmented copies per image
     */
    public record Settings(int tsnePoints, int knnK, TsnePlot.Settings tsne, int augmentRows, int augmentVersions) {
        public Settings {
            if (tsnePoints < 10 || knnK < 1 || augmentRows < 1 || augmentVersions < 1) {
                throw new IllegalArgumentException("tsnePoints >= 10, knnK >= 1, augmentRows >= 1, augmentVersions >= 1");
            }
        }

        /** What the writeup uses: 1,000 points, k = 10, t-SNE at its reference settings. */
        public static Settings standard(long seed) {
            return new Settings(1000, Knn.DEFAULT_K, TsnePlot.Settings.standard(seed), 10, 7);
        }
    }

    /**
     * @param baseline     the supervised run
     * @param pinned       the semi-supervised run (the submission model)
     * @param others       further runs (candidates, earlier recipe versions): listed with their validation accuracy
     *                     and their McNemar test against the baseline, so the writeup reports every run, not only
     *                     the chosen one
     * @param stl10Sample  the real STL-10 sample, for its augmentation figure
     * @param environment  code and machine provenance of this invocation (git commit, versions, backend); only what
     *                     determines the bytes goes into the committed provenance ({@link FigureProvenance})
     * @param inputFiles   further input files to fingerprint (e.g. the dataset archive)
     */
    public record Inputs(Dataset data, FinalModel baseline, FinalModel pinned, List<FinalModel> others,
                         Optional<Stl10Folder.LabeledSample> stl10Sample, Map<String, String> environment,
                         List<Path> inputFiles, List<String> timeRuns) {
        public Inputs {
            others = List.copyOf(others);
            environment = Map.copyOf(environment);
            inputFiles = List.copyOf(inputFiles);
            timeRuns = List.copyOf(timeRuns);
        }

        /** Without the one-core-hours figure. */
        public Inputs(Dataset data, FinalModel baseline, FinalModel pinned, List<FinalModel> others,
                      Optional<Stl10Folder.LabeledSample> stl10Sample, Map<String, String> environment, List<Path> inputFiles) {
            this(data, baseline, pinned, others, stl10Sample, environment, inputFiles, List.of());
        }

        /** Every final model given, by its folder name. */
        Map<String, FinalModel> byName() {
            Map<String, FinalModel> all = new java.util.TreeMap<>();
            for (FinalModel m : others) {
                all.put(m.recipe(), m);
            }
            all.put(baseline.recipe(), baseline);
            all.put(pinned.recipe(), pinned);
            return all;
        }
    }

    /** What was written, and the macros the text can quote. */
    public record Report(List<Path> written, Map<String, String> macros, McNemar mcNemar, List<Tables.LayerScore> layers) {}

    public static Report generate(Inputs in, Path outDir, Settings settings, PrintStream log) {
        Path figures = outDir.resolve("figures"), generated = outDir.resolve("generated");
        List<Path> written = new ArrayList<>();
        Split split = checkedSplit(in);
        Validation v = validation(in, split, figures, written, log);
        curvesAndFilters(in, figures, written, log);
        augmentation(in, split, settings, figures, written, log);
        Representations reps = representations(in, split.validation(), settings, figures, written, log);
        Latex.Macros macros = tables(in, split, v, reps, settings, generated, written);
        removeStale(figures, written, log);
        return new Report(List.copyOf(written), macros.values(), v.mc(), List.copyOf(reps.scores()));
    }

    /** The recipe's validation split, which every model must have held out (or they could not be compared on it). */
    private static Split checkedSplit(Inputs in) {
        Dataset data = in.data();
        all(in).forEach(m -> checkCompatible(data, m));
        Recipe recipe = in.pinned().card().recipe();
        Split split = Split.stratified(data.trainLabels(), data.numClasses(), recipe.data().validationPerClass(),
                recipe.data().splitSeed());
        for (FinalModel m : all(in)) {
            if (!m.card().splitFingerprint().equals(split.fingerprint())) {
                throw new InvalidInputException(m.modelFile() + " held out the validation split " + m.card().splitFingerprint()
                        + ", but the recipe's split of this data is " + split.fingerprint() + ": the two models cannot be "
                        + "compared on the same held-out images");
            }
        }
        return split;
    }

    /**
     * Every model's predictions on validation, and what they give: the baseline's and the pinned model's confusion
     * matrices, McNemar's test between them, and one row per run for the table of all runs.
     */
    private record Validation(int[] labels, Map<Path, int[]> predictions, ConfusionMatrix baseCm, ConfusionMatrix pinnedCm,
                              McNemar mc, List<Tables.RunRow> runRows) {}

    /** Validation predictions of every model, once: accuracy, confusion, McNemar (against the baseline). */
    private static Validation validation(Inputs in, Split split, Path figures, List<Path> written, PrintStream log) {
        Dataset data = in.data();
        FinalModel base = in.baseline(), pinned = in.pinned();
        int[] val = split.validation();
        int[] valLabels = Arrays.stream(val).map(i -> data.trainLabels()[i]).toArray();
        log.println("figures: predicting the " + val.length + " validation images with every model");
        Map<Path, int[]> valPred = new java.util.HashMap<>();
        for (FinalModel m : all(in)) {
            valPred.put(m.dir(), predict(m, data.train(), val));
        }
        int[] basePred = valPred.get(base.dir()), pinnedPred = valPred.get(pinned.dir());
        ConfusionMatrix baseCm = ConfusionMatrix.of(valLabels, basePred, data.classNames());
        ConfusionMatrix pinnedCm = ConfusionMatrix.of(valLabels, pinnedPred, data.classNames());
        McNemar mc = McNemar.compare(valLabels, basePred, pinnedPred);
        List<Tables.RunRow> runRows = new ArrayList<>();
        runRows.add(Runs.row(base, baseCm.accuracy(), val.length, null));
        runRows.add(Runs.row(pinned, pinnedCm.accuracy(), val.length, mc));
        for (FinalModel m : in.others()) {
            int[] pred = valPred.get(m.dir());
            runRows.add(Runs.row(m, ConfusionMatrix.of(valLabels, pred, data.classNames()).accuracy(), val.length,
                    McNemar.compare(valLabels, basePred, pred)));
        }
        for (FinalModel m : List.of(base, pinned)) {
            ConfusionMatrix cm = m == base ? baseCm : pinnedCm;
            if (Math.abs(cm.accuracy() - m.card().validationAccuracy()) > 0.5 / val.length) {
                log.printf("figures: note: %s scores %.4f on validation here, its card says %.4f (another native build?)%n",
                        m.recipe(), cm.accuracy(), m.card().validationAccuracy());
            }
            written.add(png(figures.resolve("confusion-" + role(m, base) + ".png"), cm.render(
                    "Validation confusion matrix, " + role(m, base) + " (" + m.recipe() + ", " + pct(cm.accuracy()) + ")")));
        }
        return new Validation(valLabels, valPred, baseCm, pinnedCm, mc, runRows);
    }

    /** The training curves of both models, the pseudo-label curve, and both models' first-layer filters. */
    private static void curvesAndFilters(Inputs in, Path figures, List<Path> written, PrintStream log) {
        FinalModel base = in.baseline(), pinned = in.pinned();
        Recipe recipe = pinned.card().recipe();
        log.println("figures: training curves");
        OptionalInt start = recipe.semi().enabled() ? OptionalInt.of(recipe.semi().startEpoch()) : OptionalInt.empty();
        written.add(png(figures.resolve("curves.png"), Curves.accuracyAndLoss(List.of(new Curves.Run(SUPERVISED, base.log()),
                new Curves.Run(SEMI, pinned.log())), start, " first pseudo-labels", 900, 620)));
        pseudoLabelRun(in).ifPresent(f -> written.add(png(figures.resolve("pseudo-labels.png"),
                Curves.pseudoLabels(f.log(), f.card().recipe().semi().threshold(), 900, 420))));
        for (FinalModel m : List.of(base, pinned)) {
            written.add(png(figures.resolve("filters-" + role(m, base) + ".png"), FilterGrid.DEFAULT.render(m.model().network())));
        }
        if (!in.timeRuns().isEmpty()) {
            written.add(png(figures.resolve("one-core-hours.png"),
                    OneCoreHours.chart(OneCoreHours.of(in.timeRuns(), in.byName()), 900, 520)));
        }
    }

    /** Augmentation: CIFAR-10-A2 training images (the weak and the strong view), and the real STL-10 sample. */
    private static void augmentation(Inputs in, Split split, Settings settings, Path figures, List<Path> written,
                                     PrintStream log) {
        Dataset data = in.data();
        Recipe recipe = in.pinned().card().recipe();
        long seed = recipe.seed();
        log.println("figures: augmentation grids");
        Preprocessing pre = in.pinned().card().preprocessing();
        AugmentationGrid grid = new AugmentationGrid(settings.augmentVersions(), 3, 2, 8);
        int[] picks = onePerClass(split.train(), data.trainLabels(), settings.augmentRows(), Seeds.derive(seed, RandomStream.FIGURE_PICK));
        List<float[]> originals = new ArrayList<>();
        byte[] scratch = new byte[data.train().bytesPerImage()];
        for (int i : picks) {
            originals.add(pre.pixels(data.train(), i, scratch));
        }
        written.add(png(figures.resolve("augment-train.png"), grid.render(originals, pre.inputSize(),
                new Augmenter(recipe.augment()), pre.mean().clone(), Seeds.derive(seed, RandomStream.FIGURE_AUGMENT))));
        if (recipe.semi().strongAugment() != null) {
            written.add(png(figures.resolve("augment-strong.png"), grid.render(originals, pre.inputSize(),
                    new Augmenter(recipe.semi().strongAugment()), pre.mean().clone(), Seeds.derive(seed, RandomStream.FIGURE_AUGMENT))));
        }
        in.stl10Sample().ifPresent(sample -> {
            int side = sample.labeled().height();
            Preprocessing stlPre = Preprocessing.fit(sample.unlabeled(), Inference.all(sample.unlabeled().count()), side);
            List<float[]> imgs = new ArrayList<>();
            byte[] buf = new byte[sample.labeled().bytesPerImage()];
            for (int i = 0; i < sample.labeled().count(); i++) {
                imgs.add(stlPre.pixels(sample.labeled(), i, buf));
            }
            Recipe.Augment spec = AugmentationGrid.atResolution(recipe.augment(), recipe.data().inputSize(), side);
            written.add(png(figures.resolve("augment-stl10-sample.png"), new AugmentationGrid(settings.augmentVersions(), 1, 2, 8)
                    .render(imgs, side, new Augmenter(spec), stlPre.mean().clone(), Seeds.derive(seed, RandomStream.FIGURE_STL_AUGMENT))));
        });
    }

    /**
     * The t-SNE maps of the pinned model's layers over {@code indices} (validation images), their k-NN scores (with
     * the raw pixels' first), and the image map of the layer whose features score best.
     */
    private record Representations(int[] indices, List<Tables.LayerScore> scores, List<String> files,
                                   TsnePlot.Settings tsne, TsneImageMap.Drawn imageMap) {}

    /**
     * t-SNE per layer of the pinned model, with k-NN scores in the map and on the raw features; then the images
     * themselves at their places in the map of the layer {@code \TsneBestLayerFeatures} names.
     */
    private static Representations representations(Inputs in, int[] val, Settings settings, Path figures,
                                                   List<Path> written, PrintStream log) {
        Dataset data = in.data();
        long seed = in.pinned().card().recipe().seed();
        Preprocessing pre = in.pinned().card().preprocessing();
        int[] tsneIdx = subset(val, settings.tsnePoints(), Seeds.derive(seed, RandomStream.FIGURE_SUBSET));
        int[] tsneLabels = Arrays.stream(tsneIdx).map(i -> data.trainLabels()[i]).toArray();
        MultiLayerNetwork net = in.pinned().model().network();
        List<Features.Probe> probes = Features.defaultProbes(net);
        Map<String, double[][]> feats = Features.extract(net, pre, data.train(), tsneIdx, probes);
        List<Tables.LayerScore> scores = new ArrayList<>();
        List<String> tsneFiles = new ArrayList<>();
        Map<String, double[][]> maps = new java.util.HashMap<>();
        double[][] pixels = pixelFeatures(pre, data.train(), tsneIdx);
        scores.add(new Tables.LayerScore("pixels", "standardised input pixels", pixels[0].length, Double.NaN,
                Knn.leaveOneOutAccuracy(pixels, tsneLabels, settings.knnK())));
        TsnePlot.Settings ts = new TsnePlot.Settings(settings.tsne().perplexity(), settings.tsne().iterations(),
                settings.tsne().theta(), settings.tsne().pcaDims(), Seeds.derive(seed, RandomStream.FIGURE_TSNE));
        for (Features.Probe p : probes) {
            double[][] x = feats.get(p.layer());
            log.println("figures: t-SNE of " + p.layer() + " (" + x.length + " x " + x[0].length + ")");
            double knnFeatures = Knn.leaveOneOutAccuracy(x, tsneLabels, settings.knnK());
            double[][] xy = TsnePlot.embed(x, ts);
            maps.put(p.layer(), xy);
            double knnMap = Knn.leaveOneOutAccuracy(xy, tsneLabels, settings.knnK());
            scores.add(new Tables.LayerScore(p.layer(), p.caption(), x[0].length, knnMap, knnFeatures));
            String subtitle = String.format(java.util.Locale.ROOT, "%d-NN accuracy: %s in the map, %s on the %d-d features",
                    settings.knnK(), pct(knnMap), pct(knnFeatures), x[0].length);
            tsneFiles.add("tsne-" + p.layer() + ".png");
            written.add(png(figures.resolve("tsne-" + p.layer() + ".png"), TsnePlot.render(xy, tsneLabels, data.classNames(),
                    p.layer() + ": " + p.caption(), subtitle, TSNE_WIDTH, TSNE_HEIGHT)));
        }
        // The raw pixels have no map of their own: they get one should they cluster best.
        String best = WriteupMacros.bestFeatures(scores).layer();
        double[][] bestMap = maps.containsKey(best) ? maps.get(best) : TsnePlot.embed(pixels, ts);
        log.println("figures: t-SNE image map of " + best);
        TsneImageMap.Drawn map = TsneImageMap.DEFAULT.render(bestMap, data.train(), tsneIdx, tsneLabels, data.classNames());
        written.add(png(figures.resolve(TsneImageMap.FILE), map.image()));
        return new Representations(tsneIdx, scores, tsneFiles, ts, map);
    }

    /** The generated tables, the macros and the provenance; returns the macros. */
    private static Latex.Macros tables(Inputs in, Split split, Validation v, Representations reps, Settings settings,
                               Path generated, List<Path> written) {
        FinalModel base = in.baseline(), pinned = in.pinned();
        Recipe recipe = pinned.card().recipe();
        MultiLayerNetwork net = pinned.model().network();
        Tables.RunSummary baseRun = summary(base, "supervised", v.baseCm().accuracy(), v.baseCm().total());
        Tables.RunSummary pinnedRun = summary(pinned, "semi-supervised", v.pinnedCm().accuracy(), v.pinnedCm().total());
        List<Runs.StepMatched> pairs = stepMatchedPairs(in, split, v.predictions());
        Optional<Integer> stlSide = in.stl10Sample().map(s -> s.labeled().height());
        Latex.Macros macros = WriteupMacros.macros(in, split, pairs, baseRun, pinnedRun, v.mc(), reps.scores(), settings,
                reps.tsne().perplexityFor(reps.indices().length), reps.indices().length, reps.imageMap(), net, stlSide);
        written.add(tex(generated.resolve("results.tex"), Tables.results(List.of(baseRun, pinnedRun))));
        written.add(tex(generated.resolve("runs.tex"), Tables.runs(v.runRows())));
        written.add(tex(generated.resolve("step-matched.tex"), Tables.stepMatched(pairs.stream().map(p -> new Tables.PairRow(
                p.semi().card().recipe().name(), p.sup().card().recipe().name(), totalSteps(p.semi().card().recipe()),
                p.semi().card().recipe().seed(), p.semi().card().validationAccuracy(), p.sup().card().validationAccuracy(),
                p.semi().log().tailValAcc(Tables.TAIL_EPOCHS), p.sup().log().tailValAcc(Tables.TAIL_EPOCHS), p.mc())).toList())));
        List<FastRecipeTable.Row> fast = FastRecipeTable.rows(in.byName(), v.predictions(), v.labels());
        FastRecipeTable.macros(fast, macros);
        written.add(tex(generated.resolve("fast-recipe.tex"), FastRecipeTable.tex(fast)));
        written.add(tex(generated.resolve("tsne.tex"), Tables.tsne(reps.scores(), settings.knnK())));
        written.add(tex(generated.resolve("tsne-figures.tex"), Tables.figureGrid(reps.files(), 2)));
        written.add(tex(generated.resolve("architecture.tex"), Tables.architecture(ArchitectureTable.architecture(net,
                pinned.card().preprocessing().inputSize()))));
        written.add(tex(generated.resolve("recipes.tex"), Tables.recipes(base.card().recipe(), "supervised", recipe, "semi-supervised")));
        written.add(tex(generated.resolve("macros.tex"), macros.render(Tables.GENERATED)));
        written.add(FigureProvenance.write(generated, all(in), in.inputFiles(), in.data().checksums(), in.environment(),
                settingsRecord(settings)));
        return macros;
    }

    /**
     * Deletes the figures an earlier run wrote that this one did not (a t-SNE of a layer the pinned model no longer
     * has, the STL-10 grid without the sample): the folder then holds this run's figures only, and a stale one cannot
     * slip into the writeup or a commit.
     */
    static void removeStale(Path figures, List<Path> written, PrintStream log) {
        java.util.Set<Path> keep = new java.util.HashSet<>();
        written.forEach(p -> keep.add(p.toAbsolutePath().normalize()));
        try (var files = Files.list(figures)) {
            for (Path p : files.filter(f -> f.getFileName().toString().endsWith(".png")).sorted().toList()) {
                if (!keep.contains(p.toAbsolutePath().normalize())) {
                    Files.delete(p);
                    log.println("removed stale figure " + p);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("could not clear stale figures from " + figures + ": " + e.getMessage(), e);
        }
    }

    private static void checkCompatible(Dataset data, FinalModel m) {
        ModelCard c = m.card();
        if (!c.dataset().equals(data.name())) {
            throw new InvalidInputException(m.modelFile() + " is a model for dataset '" + c.dataset() + "', the data given is '"
                    + data.name() + "'");
        }
        if (!c.classNames().equals(data.classNames())) {
            throw new InvalidInputException(m.modelFile() + " has classes " + c.classNames() + ", the data " + data.classNames());
        }
    }

    /** The role of a model in file names and captions, whatever its recipe is called, so the writeup's paths hold. */
    static String role(FinalModel m, FinalModel baseline) {
        return m == baseline ? SUPERVISED : SEMI;
    }

    static Tables.RunSummary summary(FinalModel m, String label, double modelValAcc, int validationImages) {
        TrainingLog log = m.log();
        return new Tables.RunSummary(m.recipe(), label, modelValAcc, m.card().epoch(), log.last().valAcc(), log.last().epoch(),
                log.last().totalSeconds(), log.imagesPerSecond(), validationImages);
    }

    private static String pct(double v) {
        return String.format(java.util.Locale.ROOT, "%.1f%%", 100 * v);
    }

    private static Path png(Path target, BufferedImage img) {
        Png.write(target, img);
        return target;
    }

    private static Path tex(Path target, String text) {
        AtomicFiles.writeString(target, text);
        return target;
    }

    /** The figure settings, as the provenance records them. */
    private static Map<String, Object> settingsRecord(Settings s) {
        Map<String, Object> settings = new LinkedHashMap<>();
        settings.put("tsnePoints", s.tsnePoints());
        settings.put("knnK", s.knnK());
        settings.put("tsne", s.tsne());
        settings.put("augmentRows", s.augmentRows());
        settings.put("augmentVersions", s.augmentVersions());
        return settings;
    }
}
