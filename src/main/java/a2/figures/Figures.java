package a2.figures;

import a2.augment.Augmenter;
import a2.data.Dataset;
import a2.data.Images;
import a2.data.Split;
import a2.data.stl10.Stl10Folder;
import a2.io.AtomicFiles;
import a2.io.Hashes;
import a2.io.InvalidInputException;
import a2.model.Inference;
import a2.model.ModelCard;
import a2.model.ModelFile;
import a2.model.Preprocessing;
import a2.recipe.Recipe;
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
import java.util.SplittableRandom;
import java.util.TreeMap;
import org.deeplearning4j.nn.conf.layers.ActivationLayer;
import org.deeplearning4j.nn.conf.layers.BatchNormalization;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.GlobalPoolingLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.conf.layers.SubsamplingLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Regenerates every figure and generated LaTeX file of the writeup from the two final models, their logs, the
 * dataset and the STL-10 sample: {@code <out>/figures/*.png} and {@code <out>/generated/*.tex} plus
 * {@code provenance.json}. The baseline and the pinned (semi-supervised) model are compared on the validation split
 * they both held out; the per-model figures (filters, t-SNE) show the pinned model.
 */
public final class Figures {
    /**
     * Random streams of the figures, derived from the pinned recipe's seed with {@link Seeds#derive}; the numbers are
     * distinct from the training streams (1..5), so no figure replays a draw made during training.
     */
    static final String SUPERVISED = "supervised", SEMI = "semisupervised";
    /** Small enough that the text stays legible with two maps side by side on a page. */
    static final int TSNE_WIDTH = 640, TSNE_HEIGHT = 520;
    static final long AUGMENT_STREAM = 101, STL_AUGMENT_STREAM = 102, TSNE_STREAM = 103, SUBSET_STREAM = 104, PICK_STREAM = 105;

    /** The level at which the writeup calls McNemar's test significant (fixed before seeing the results). */
    static final double SIGNIFICANCE = 0.05;

    /**
     * The assignment's bar for the semi-supervised recipe: at least three percentage points over the supervised run
     * of the same budget on validation (and significant at {@link #SIGNIFICANCE}). A gain is a difference of two
     * accuracies over the same images, so it moves in steps of one image: compared with half an image to spare.
     */
    static final double GOAL_POINTS = 0.03;

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
                         List<Path> inputFiles) {
        public Inputs {
            others = List.copyOf(others);
            environment = Map.copyOf(environment);
            inputFiles = List.copyOf(inputFiles);
        }
    }

    /** What was written, and the macros the text can quote. */
    public record Report(List<Path> written, Map<String, String> macros, McNemar mcNemar, List<Tables.LayerScore> layers) {}

    public static Report generate(Inputs in, Path outDir, Settings settings, PrintStream log) {
        Path figures = outDir.resolve("figures"), generated = outDir.resolve("generated");
        List<Path> written = new ArrayList<>();
        Dataset data = in.data();
        FinalModel base = in.baseline(), pinned = in.pinned();
        Recipe recipe = pinned.card().recipe();
        checkCompatible(data, base);
        checkCompatible(data, pinned);
        in.others().forEach(m -> checkCompatible(data, m));

        Split split = Split.stratified(data.trainLabels(), data.numClasses(), recipe.data().validationPerClass(),
                recipe.data().splitSeed());
        for (FinalModel m : all(in)) {
            if (!m.card().splitFingerprint().equals(split.fingerprint())) {
                throw new InvalidInputException(m.modelFile() + " held out the validation split " + m.card().splitFingerprint()
                        + ", but the recipe's split of this data is " + split.fingerprint() + ": the two models cannot be "
                        + "compared on the same held-out images");
            }
        }
        int[] val = split.validation();
        int[] valLabels = Arrays.stream(val).map(i -> data.trainLabels()[i]).toArray();
        long seed = recipe.seed();

        // Validation predictions of every model, once: accuracy, confusion, McNemar (against the baseline, and the
        // step-matched pair's in the macros).
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
        runRows.add(runRow(base, baseCm.accuracy(), val.length, null));
        runRows.add(runRow(pinned, pinnedCm.accuracy(), val.length, mc));
        for (FinalModel m : in.others()) {
            int[] pred = valPred.get(m.dir());
            runRows.add(runRow(m, ConfusionMatrix.of(valLabels, pred, data.classNames()).accuracy(), val.length,
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

        // Curves.
        log.println("figures: training curves");
        OptionalInt start = recipe.semi().enabled() ? OptionalInt.of(recipe.semi().startEpoch()) : OptionalInt.empty();
        written.add(png(figures.resolve("curves.png"), Curves.accuracyAndLoss(List.of(new Curves.Run(SUPERVISED, base.log()),
                new Curves.Run(SEMI, pinned.log())), start, " first pseudo-labels", 900, 620)));
        pseudoLabelRun(in).ifPresent(f -> written.add(png(figures.resolve("pseudo-labels.png"),
                Curves.pseudoLabels(f.log(), f.card().recipe().semi().threshold(), 900, 420))));

        // First-layer filters of both models.
        for (FinalModel m : List.of(base, pinned)) {
            written.add(png(figures.resolve("filters-" + role(m, base) + ".png"), FilterGrid.DEFAULT.render(m.model().network())));
        }

        // Augmentation: CIFAR-10-A2 training images, and the real STL-10 sample.
        log.println("figures: augmentation grids");
        Preprocessing pre = pinned.card().preprocessing();
        AugmentationGrid grid = new AugmentationGrid(settings.augmentVersions(), 3, 2, 8);
        int[] picks = onePerClass(split.train(), data.trainLabels(), settings.augmentRows(), Seeds.derive(seed, PICK_STREAM));
        List<float[]> originals = new ArrayList<>();
        byte[] scratch = new byte[data.train().bytesPerImage()];
        for (int i : picks) {
            originals.add(pre.pixels(data.train(), i, scratch));
        }
        written.add(png(figures.resolve("augment-train.png"), grid.render(originals, pre.inputSize(),
                new Augmenter(recipe.augment()), pre.mean().clone(), Seeds.derive(seed, AUGMENT_STREAM))));
        if (recipe.semi().strongAugment() != null) {
            written.add(png(figures.resolve("augment-strong.png"), grid.render(originals, pre.inputSize(),
                    new Augmenter(recipe.semi().strongAugment()), pre.mean().clone(), Seeds.derive(seed, AUGMENT_STREAM))));
        }
        Optional<Integer> stlSide = in.stl10Sample().map(s -> s.labeled().height());
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
                    .render(imgs, side, new Augmenter(spec), stlPre.mean().clone(), Seeds.derive(seed, STL_AUGMENT_STREAM))));
        });

        // t-SNE per layer of the pinned model, with k-NN scores in the map and on the raw features.
        int[] tsneIdx = subset(val, settings.tsnePoints(), Seeds.derive(seed, SUBSET_STREAM));
        int[] tsneLabels = Arrays.stream(tsneIdx).map(i -> data.trainLabels()[i]).toArray();
        MultiLayerNetwork net = pinned.model().network();
        List<Features.Probe> probes = Features.defaultProbes(net);
        Map<String, double[][]> feats = Features.extract(net, pre, data.train(), tsneIdx, probes);
        List<Tables.LayerScore> scores = new ArrayList<>();
        List<String> tsneFiles = new ArrayList<>();
        double[][] pixels = pixelFeatures(pre, data.train(), tsneIdx);
        scores.add(new Tables.LayerScore("pixels", "standardised input pixels", pixels[0].length, Double.NaN,
                Knn.leaveOneOutAccuracy(pixels, tsneLabels, settings.knnK())));
        TsnePlot.Settings ts = new TsnePlot.Settings(settings.tsne().perplexity(), settings.tsne().iterations(),
                settings.tsne().theta(), settings.tsne().pcaDims(), Seeds.derive(seed, TSNE_STREAM));
        for (Features.Probe p : probes) {
            double[][] x = feats.get(p.layer());
            log.println("figures: t-SNE of " + p.layer() + " (" + x.length + " x " + x[0].length + ")");
            double knnFeatures = Knn.leaveOneOutAccuracy(x, tsneLabels, settings.knnK());
            double[][] xy = TsnePlot.embed(x, ts);
            double knnMap = Knn.leaveOneOutAccuracy(xy, tsneLabels, settings.knnK());
            scores.add(new Tables.LayerScore(p.layer(), p.caption(), x[0].length, knnMap, knnFeatures));
            String subtitle = String.format(java.util.Locale.ROOT, "%d-NN accuracy: %s in the map, %s on the %d-d features",
                    settings.knnK(), pct(knnMap), pct(knnFeatures), x[0].length);
            tsneFiles.add("tsne-" + p.layer() + ".png");
            written.add(png(figures.resolve("tsne-" + p.layer() + ".png"), TsnePlot.render(xy, tsneLabels, data.classNames(),
                    p.layer() + ": " + p.caption(), subtitle, TSNE_WIDTH, TSNE_HEIGHT)));
        }

        // Tables and macros.
        Tables.RunSummary baseRun = summary(base, "supervised", baseCm.accuracy(), baseCm.total());
        Tables.RunSummary pinnedRun = summary(pinned, "semi-supervised", pinnedCm.accuracy(), pinnedCm.total());
        List<StepMatched> pairs = stepMatchedPairs(in, split, valPred);
        Latex.Macros macros = macros(in, split, pairs, baseRun, pinnedRun, mc, scores, settings,
                ts.perplexityFor(tsneIdx.length), tsneIdx.length, net, stlSide);
        written.add(tex(generated.resolve("results.tex"), Tables.results(List.of(baseRun, pinnedRun))));
        written.add(tex(generated.resolve("runs.tex"), Tables.runs(runRows)));
        written.add(tex(generated.resolve("step-matched.tex"), Tables.stepMatched(pairs.stream().map(p -> new Tables.PairRow(
                p.semi().card().recipe().name(), p.sup().card().recipe().name(), totalSteps(p.semi().card().recipe()),
                p.semi().card().recipe().seed(), p.semi().card().validationAccuracy(), p.sup().card().validationAccuracy(),
                p.semi().log().tailValAcc(Tables.TAIL_EPOCHS), p.sup().log().tailValAcc(Tables.TAIL_EPOCHS), p.mc())).toList())));
        written.add(tex(generated.resolve("tsne.tex"), Tables.tsne(scores, settings.knnK())));
        written.add(tex(generated.resolve("tsne-figures.tex"), Tables.figureGrid(tsneFiles, 2)));
        written.add(tex(generated.resolve("architecture.tex"), Tables.architecture(architecture(net, pre.inputSize()))));
        written.add(tex(generated.resolve("recipes.tex"), Tables.recipes(base.card().recipe(), "supervised", recipe, "semi-supervised")));
        written.add(tex(generated.resolve("macros.tex"), macros.render(Tables.GENERATED)));
        written.add(FigureProvenance.write(generated, all(in), in.inputFiles(), in.data().checksums(), in.environment(),
                settingsRecord(settings)));
        removeStale(figures, written, log);
        return new Report(List.copyOf(written), macros.values(), mc, List.copyOf(scores));
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

    static List<FinalModel> all(Inputs in) {
        List<FinalModel> all = new ArrayList<>(List.of(in.baseline(), in.pinned()));
        all.addAll(in.others());
        return all;
    }

    /**
     * Among all final models, pinned or not, the one of a method with the best validation accuracy: the writeup
     * describes each method through its best run, whichever method the pinned model uses.
     */
    /**
     * The method's run with the best validation accuracy at the baseline's budget: the runs the writeup compares
     * method by method. Runs with longer budgets are compared with their own step-matched controls instead.
     */
    static Optional<FinalModel> best(Inputs in, java.util.function.Predicate<Recipe.SemiSupervised> method) {
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
                .or(() -> best(in, Recipe.SemiSupervised::fixMatch))
                .or(() -> Optional.of(in.pinned()).filter(p -> p.card().recipe().semi().selfTraining()));
    }

    static long totalSteps(Recipe r) {
        return (long) r.budget().epochs() * r.budget().stepsPerEpoch();
    }

    /** The teacher models a student's recipe pins, from the inputs, each checked against its pinned SHA-256. */
    static List<ModelFile.Loaded> teacherModels(Inputs in, FinalModel student) {
        List<ModelFile.Loaded> out = new ArrayList<>();
        for (Recipe.Member member : student.card().recipe().semi().teacher().models()) {
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
    private static FinalModel teacher(Inputs in, String student, Recipe.Member member) {
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
            for (Recipe.Member member : r.semi().teacher().models()) {
                steps += chainSteps(in, teacher(in, r.name(), member).card().recipe(), counted);
            }
        }
        return steps;
    }

    /** One line of the table of all runs; {@code vsBaseline} is null for the baseline itself. */
    private static Tables.RunRow runRow(FinalModel m, double valAcc, int n, McNemar vsBaseline) {
        Recipe r = m.card().recipe();
        String method = switch (r.semi().method()) {
            case Recipe.SemiSupervised.NONE -> "supervised only" + (r.model().fusedBatchNormRelu() ? ", fused BN+ReLU" : "");
            case Recipe.SemiSupervised.SELF_TRAINING -> "self-training, threshold " + Latex.plain(r.semi().threshold());
            case Recipe.SemiSupervised.NOISY_STUDENT -> r.semi().teacher().soft()
                    ? "distillation, " + r.semi().teacher().models().size() + "-model teacher, soft labels"
                    + (r.semi().teacher().labelsUnlabeledImages() ? "" : ", on the labeled images only (control)")
                    : "Noisy Student, " + Latex.integer(r.semi().teacher().perClass()) + " per class";
            default -> (r.semi().classAdaptive() ? "FlexMatch, per-class thresholds up to " : "FixMatch, threshold ")
                    + Latex.plain(r.semi().threshold()) + ", $\\mu = " + Latex.plain(mu(r)) + "$"
                    + (r.semi().weightsRows() ? ", exact loss" : "")
                    + (r.semi().strongAugment().randAugmentOps() > 0 ? ", RandAugment" : "");
        };
        return new Tables.RunRow(r.name() + " v" + r.version(), method, valAcc, n, m.card().epoch(), m.log().last().epoch(),
                m.log().tailValAcc(Tables.TAIL_EPOCHS), m.log().last().totalSeconds(), vsBaseline);
    }

    /** FixMatch's mu: unlabeled images drawn per step for each labeled one. */
    private static double mu(Recipe r) {
        return (double) r.semi().unlabeledBatch() / r.optimizer().batchSize();
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

    /** The classes {@code m} predicts for {@code images} at {@code idx}. */
    static int[] predict(FinalModel m, Images images, int[] idx) {
        float[][] p = Inference.probabilities(m.model().network(), m.card().preprocessing(), images, idx, n -> {});
        return Arrays.stream(p).mapToInt(Inference::argmax).toArray();
    }

    /** Up to {@code rows} images of distinct classes, in a seeded random order. */
    static int[] onePerClass(int[] pool, int[] labels, int rows, long seed) {
        int[] order = pool.clone();
        shuffle(order, new SplittableRandom(seed));
        List<Integer> picked = new ArrayList<>();
        java.util.Set<Integer> classes = new java.util.HashSet<>();
        for (int i : order) {
            if (picked.size() < rows && classes.add(labels[i])) {
                picked.add(i);
            }
        }
        return picked.stream().mapToInt(Integer::intValue).toArray();
    }

    /** {@code n} of {@code idx} chosen at random (ascending), or all of them if there are no more than {@code n}. */
    static int[] subset(int[] idx, int n, long seed) {
        if (idx.length <= n) {
            return idx.clone();
        }
        int[] order = idx.clone();
        shuffle(order, new SplittableRandom(seed));
        int[] out = Arrays.copyOf(order, n);
        Arrays.sort(out);
        return out;
    }

    private static void shuffle(int[] a, SplittableRandom rng) {
        for (int i = a.length - 1; i > 0; i--) {
            int j = rng.nextInt(i + 1);
            int t = a[i];
            a[i] = a[j];
            a[j] = t;
        }
    }

    private static double[][] pixelFeatures(Preprocessing pre, Images images, int[] idx) {
        int per = 3 * pre.inputSize() * pre.inputSize();
        byte[] scratch = new byte[images.bytesPerImage()];
        float[] buf = new float[per];
        double[][] out = new double[idx.length][per];
        for (int i = 0; i < idx.length; i++) {
            pre.standardize(pre.pixels(images, idx[i], scratch), buf, 0);
            for (int d = 0; d < per; d++) {
                out[i][d] = buf[d];
            }
        }
        return out;
    }

    static Tables.RunSummary summary(FinalModel m, String label, double modelValAcc, int validationImages) {
        TrainingLog log = m.log();
        return new Tables.RunSummary(m.recipe(), label, modelValAcc, m.card().epoch(), log.last().valAcc(), log.last().epoch(),
                log.last().totalSeconds(), log.imagesPerSecond(), validationImages);
    }

    /**
     * The architecture as the network itself reports it: one row per convolution block (conv, batch norm, ReLU),
     * pooling layer and the classifier; output shapes from a forward pass of one blank image, trainable parameter
     * counts from the layers' parameter tables (batch norm's running mean and variance are state, not parameters).
     */
    static List<Tables.ArchitectureRow> architecture(MultiLayerNetwork net, int side) {
        List<String> names = Features.layerNames(net);
        INDArray x = Nd4j.zeros(org.nd4j.linalg.api.buffer.DataType.FLOAT, 1, 3, side, side);
        List<INDArray> acts = net.feedForward(x, false);
        if (Features.channelsLast(net)) {
            // Shapes read channels x height x width whatever the layout inside.
            acts = acts.stream().map(a -> a.rank() == 4 ? a.permute(0, 3, 1, 2) : a).toList();
        }
        List<Tables.ArchitectureRow> rows = new ArrayList<>();
        for (int i = 0; i < names.size(); i++) {
            var conf = net.getLayerWiseConfigurations().getConf(i).getLayer();
            long params = trainable(net, i);
            String shape = shape(acts.get(i + 1));
            if (conf instanceof ConvolutionLayer c) {
                // The block's row is completed by the batch norm and ReLU that follow it (a2.model.Networks).
                var lc = net.getLayerWiseConfigurations();
                boolean bn = i + 1 < names.size() && lc.getConf(i + 1).getLayer() instanceof BatchNormalization;
                boolean fused = i + 1 < names.size() && lc.getConf(i + 1).getLayer() instanceof a2.model.layers.BatchNormRelu;
                boolean relu = fused || i + 2 < names.size() && lc.getConf(i + 2).getLayer() instanceof ActivationLayer;
                String end = fused ? names.get(i + 1) : relu ? names.get(i + 2) : bn ? names.get(i + 1) : names.get(i);
                rows.add(new Tables.ArchitectureRow(names.get(i), "conv $" + c.getKernelSize()[0] + "\\times"
                        + c.getKernelSize()[1] + "$, " + c.getNOut() + " ch." + (bn ? ", batch norm" : "") + (relu ? ", ReLU" : ""),
                        shape(acts.get(names.indexOf(end) + 1)), params + (bn ? trainable(net, i + 1) : 0)));
            } else if (conf instanceof SubsamplingLayer s) {
                rows.add(new Tables.ArchitectureRow(names.get(i), "max pool $" + s.getKernelSize()[0] + "\\times"
                        + s.getKernelSize()[1] + "$, stride " + s.getStride()[0], shape, params));
            } else if (conf instanceof GlobalPoolingLayer) {
                rows.add(new Tables.ArchitectureRow(names.get(i), "global average pool", shape, params));
            } else if (conf instanceof OutputLayer o) {
                String drop = o.getIDropout() == null ? "" : "dropout, ";
                rows.add(new Tables.ArchitectureRow(names.get(i), drop + "linear, softmax", shape, params));
            }
        }
        return rows;
    }

    private static long trainable(MultiLayerNetwork net, int layer) {
        long n = 0;
        for (var e : net.getLayer(layer).paramTable().entrySet()) {
            if (!List.of("mean", "var", "log10stdev").contains(e.getKey())) {
                n += e.getValue().length();
            }
        }
        return n;
    }

    private static String shape(INDArray a) {
        long[] s = a.shape();
        StringBuilder b = new StringBuilder("$");
        for (int d = 1; d < s.length; d++) {
            b.append(d > 1 ? " \\times " : "").append(s[d]);
        }
        return b.append("$").toString();
    }

    /**
     * The numbers the writeup quotes, by topic: the data and the pinned recipe, the supervised compute control, the
     * semi-supervised run with a longer budget against a supervised one of the same steps, the spread between seeds of one
     * recipe, the students of teachers, the headline comparison, FixMatch, the representations (t-SNE, k-NN), the STL-10 sample
     * and the provenance. A topic whose run is absent leaves its macros out (the writeup's build then fails loudly
     * on the first one it needs).
     */
    private static Latex.Macros macros(Inputs in, Split split, List<StepMatched> pairs, Tables.RunSummary base,
                                       Tables.RunSummary pinned, McNemar mc,
                                       List<Tables.LayerScore> scores, Settings settings, double perplexity, int tsnePoints,
                                       MultiLayerNetwork net, Optional<Integer> stlSide) {
        Latex.Macros m = new Latex.Macros();
        dataAndRecipe(m, in, split, settings, net);
        supervisedControl(m, in);
        stepMatched(m, in, pairs);
        pinnedPair(m, in, pairs, split.validation().length);
        seedSpread(m, in);
        students(m, in, split);
        comparison(m, base, pinned, mc);
        fixMatch(m, in);
        representations(m, scores, settings, perplexity, tsnePoints);
        stl10Sample(m, in, stlSide);
        provenance(m, in);
        return m;
    }

    private static void dataAndRecipe(Latex.Macros m, Inputs in, Split split, Settings settings, MultiLayerNetwork net) {
        Dataset data = in.data();
        Recipe r = in.pinned().card().recipe();
        Preprocessing pre = in.pinned().card().preprocessing();
        Recipe.Budget budget = in.baseline().card().recipe().budget();
        m.put("DatasetName", Latex.code(data.name()))
                .put("ClassCount", String.valueOf(data.numClasses()))
                .put("LabeledCount", Latex.integer(data.train().count()))
                .put("TrainCount", Latex.integer(split.train().length))
                .put("ValCount", Latex.integer(split.validation().length))
                .put("ValPerClass", Latex.integer(split.validationPerClass()))
                .put("UnlabeledCount", Latex.integer(data.unlabeled().count()))
                .put("TestCount", Latex.integer(data.test().count()))
                .put("ImageSide", String.valueOf(data.height()))
                .put("SplitSeed", String.valueOf(split.seed()))
                .put("SplitFingerprint", Latex.code(split.fingerprint()))
                .put("InputSize", String.valueOf(r.data().inputSize()))
                .put("PreMean", triple(pre.mean()))
                .put("PreStd", triple(pre.std()))
                .put("AugTranslate", String.valueOf(r.augment().translate()))
                .put("AugScale", Latex.plain(r.augment().scale() * 100) + "\\%")
                .put("AugRotate", Latex.plain(r.augment().rotateDegrees()))
                .put("AugJitter", Latex.plain(r.augment().colorJitter() * 100) + "\\%")
                .put("AugCutout", String.valueOf(r.augment().cutout()))
                .put("AugVersions", String.valueOf(settings.augmentVersions()))
                .put("Widths", r.model().widths().toString().replaceAll("[\\[\\]]", ""))
                .put("StageCount", String.valueOf(r.model().widths().size()))
                .put("ConvsPerStage", String.valueOf(r.model().convsPerStage()))
                .put("Dropout", Latex.plain(r.model().dropout()))
                .put("ParamCount", Latex.integer(architecture(net, r.data().inputSize()).stream()
                        .mapToLong(Tables.ArchitectureRow::parameters).sum()))
                .put("LearningRate", Latex.plain(r.optimizer().learningRate()))
                .put("Momentum", Latex.plain(r.optimizer().momentum()))
                .put("WeightDecay", Latex.plain(r.optimizer().weightDecay()))
                .put("BatchSize", String.valueOf(r.optimizer().batchSize()))
                .put("WarmupEpochs", String.valueOf(r.optimizer().warmupEpochs()))
                // The budget is the baseline's, the one every method is compared at (the pinned run may have a longer one).
                .put("Epochs", String.valueOf(budget.epochs()))
                .put("StepsPerEpoch", String.valueOf(budget.stepsPerEpoch()))
                .put("TotalSteps", Latex.integer((long) budget.epochs() * budget.stepsPerEpoch()))
                .put("TotalImages", Latex.integer((long) budget.epochs() * budget.stepsPerEpoch() * r.optimizer().batchSize()))
                .put("Seed", String.valueOf(r.seed()));
        Recipe.Augment strong = r.semi().strongAugment() != null ? r.semi().strongAugment()
                : new Recipe.Augment(false, 0, 0, 0, 0, 0);
        m.put("StrongTranslate", String.valueOf(strong.translate()))
                .put("StrongScale", Latex.plain(strong.scale() * 100) + "\\%")
                .put("StrongRotate", Latex.plain(strong.rotateDegrees()))
                .put("StrongJitter", Latex.plain(strong.colorJitter() * 100) + "\\%")
                .put("StrongCutout", String.valueOf(strong.cutout()));
    }

    /**
     * The compute control of Noisy Student: the supervised run (the best if several) given exactly the optimizer steps
     * behind the student, its teacher's run and its own.
     */
    private static void supervisedControl(Latex.Macros m, Inputs in) {
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

    /**
     * The submitted model beside the supervised run of its own steps, network and seed, and whether that comparison
     * meets the assignment's bar ({@code PinnedPairGoalMet}: 1 or 0, always defined). {@code PinnedPaired} is 0 when
     * the submitted model has no such pair, and the pair's own macros are then absent.
     */
    private static void pinnedPair(Latex.Macros m, Inputs in, List<StepMatched> pairs, int valCount) {
        Optional<StepMatched> pair = pinnedPair(in, pairs);
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

    /** At least {@link #GOAL_POINTS} better on {@code valCount} images, and significant. */
    static boolean meetsGoal(double gain, double pValue, int valCount) {
        return gain >= GOAL_POINTS - 0.5 / valCount && pValue < SIGNIFICANCE;
    }

    /**
     * The step-matched pairs at the longest budget: the macros describe the one whose semi-supervised run scores best
     * (the pinned model when it is one of them), and, beside it, the mean gain over every seed of that pair, which is
     * not chosen for being best.
     */
    private static void stepMatched(Latex.Macros m, Inputs in, List<StepMatched> pairs) {
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
    private static void seedSpread(Latex.Macros m, Inputs in) {
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
    private static void students(Latex.Macros m, Inputs in, Split split) {
        Dataset data = in.data();
        long baseSteps = totalSteps(in.baseline().card().recipe());
        int[] valLabels = Arrays.stream(split.validation()).map(i -> data.trainLabels()[i]).toArray();
        // The control of distillation: the same teacher's soft labels on the labeled training images only.
        best(in, s -> s.noisyStudent() && !s.teacher().labelsUnlabeledImages()).ifPresent(f -> m
                .put("DistillControlRecipe", Latex.code(f.card().recipe().name()))
                .put("DistillControlValAcc", Latex.percent(f.card().validationAccuracy()))
                .put("DistillControlBestEpoch", String.valueOf(f.card().epoch())));
        // Noisy Student proper: one teacher, hard labels on its confident images.
        best(in, s -> s.noisyStudent() && !s.teacher().soft()).ifPresent(f -> {
            Recipe nr = f.card().recipe();
            Recipe.Teacher t = nr.semi().teacher();
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
        // Distillation: a student of soft labels, from one model or an ensemble.
        best(in, s -> s.noisyStudent() && s.teacher().soft() && s.teacher().labelsUnlabeledImages()).ifPresent(f -> {
            Recipe dr = f.card().recipe();
            Recipe.Teacher t = dr.semi().teacher();
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

    /** The headline: the pinned semi-supervised model against the supervised baseline, paired on validation. */
    private static void comparison(Latex.Macros m, Tables.RunSummary base, Tables.RunSummary pinned, McNemar mc) {
        m.put("SupValAcc", Latex.percent(base.modelValAcc()))
                .put("SemiValAcc", Latex.percent(pinned.modelValAcc()))
                .put("Gain", Latex.points(pinned.modelValAcc() - base.modelValAcc()))
                .put("GainAbs", Latex.fixed(100 * Math.abs(pinned.modelValAcc() - base.modelValAcc()), 1))
                .put("SupBestEpoch", String.valueOf(base.bestEpoch()))
                .put("SemiBestEpoch", String.valueOf(pinned.bestEpoch()))
                .put("SupFinalValAcc", Latex.percent(base.finalValAcc()))
                .put("SemiFinalValAcc", Latex.percent(pinned.finalValAcc()))
                .put("SupTrainTime", Latex.duration(base.trainSeconds()))
                .put("SemiTrainTime", Latex.duration(pinned.trainSeconds()))
                .put("SupImagesPerSecond", Latex.fixed(base.imagesPerSecond(), 0))
                .put("SemiImagesPerSecond", Latex.fixed(pinned.imagesPerSecond(), 0))
                .put("McNemarBothRight", String.valueOf(mc.bothRight()))
                .put("McNemarOnlySup", String.valueOf(mc.onlyA()))
                .put("McNemarOnlySemi", String.valueOf(mc.onlyB()))
                .put("McNemarBothWrong", String.valueOf(mc.bothWrong()))
                .put("McNemarP", Latex.pValue(mc.pValue()))
                .put("McNemarVerdict", mc.pValue() < SIGNIFICANCE ? "significant" : "not significant")
                .put("SemiVersusSup", pinned.modelValAcc() > base.modelValAcc() ? "higher than"
                        : pinned.modelValAcc() < base.modelValAcc() ? "lower than" : "equal to")
                .put("Significance", Latex.plain(SIGNIFICANCE * 100) + "\\%");
    }

    private static void fixMatch(Latex.Macros m, Inputs in) {
        Dataset data = in.data();
        best(in, Recipe.SemiSupervised::fixMatch).ifPresent(f -> {
            Recipe fr = f.card().recipe();
            m.put("FixMatchRecipe", Latex.code(fr.name()))
                    .put("FixMatchThreshold", Latex.plain(fr.semi().threshold()))
                    .put("FixMatchStartEpoch", String.valueOf(fr.semi().startEpoch()))
                    .put("FixMatchUnlabeledBatch", String.valueOf(fr.semi().unlabeledBatch()))
                    // mu: unlabeled images drawn per labeled one; lambda_u: the kept views' weight, when the recipe
                    // uses FixMatch's loss exactly (else "---": one mean over the batch's rows).
                    .put("FixMatchMu", Latex.plain(mu(fr)))
                    .put("FixMatchLambda", fr.semi().weightsRows() ? Latex.plain(fr.semi().unlabeledWeight()) : "---")
                    // How many times FixMatch draws each unlabeled image over the run (kept or not).
                    .put("FixMatchPasses", Latex.fixed((double) (fr.budget().epochs() - fr.semi().startEpoch())
                            * fr.budget().stepsPerEpoch() * fr.semi().unlabeledBatch() / data.unlabeled().count(), 1))
                    .put("FixMatchValAcc", Latex.percent(f.card().validationAccuracy()));
        });
        pseudoLabelRun(in).ifPresent(f -> {
            TrainingLog.Epoch last = f.log().last();
            m.put("PseudoFigureRecipe", Latex.code(f.card().recipe().name()))
                    .put("PseudoFigureFinalMaskRate", finitePercent(last.maskRate()))
                    .put("PseudoFigureFinalPseudoAcc", finitePercent(last.pseudoAccVal()))
                    .put("PseudoFigureFinalPseudoRate", finitePercent(last.pseudoRateVal()));
        });
    }

    private static void representations(Latex.Macros m, List<Tables.LayerScore> scores, Settings settings,
                                        double perplexity, int tsnePoints) {
        Tables.LayerScore first = scores.stream().filter(Tables.LayerScore::hasMap).findFirst().orElseThrow();
        Tables.LayerScore bestMap = scores.stream().filter(Tables.LayerScore::hasMap)
                .reduce((a, b) -> b.knnMap() > a.knnMap() ? b : a).orElseThrow();
        Tables.LayerScore bestFeatures = scores.stream().reduce((a, b) -> b.knnFeatures() > a.knnFeatures() ? b : a).orElseThrow();
        Tables.LayerScore pixels = scores.get(0);
        m.put("TsnePoints", Latex.integer(tsnePoints))
                .put("TsnePerplexity", Latex.plain(perplexity))
                .put("TsneIterations", Latex.integer(settings.tsne().iterations()))
                .put("TsneTheta", Latex.plain(settings.tsne().theta()))
                .put("TsnePcaDims", String.valueOf(settings.tsne().pcaDims()))
                .put("KnnK", String.valueOf(settings.knnK()))
                .put("TsneLayerCount", String.valueOf(scores.size() - 1))
                .put("KnnPixels", Latex.percent(pixels.knnFeatures()))
                .put("KnnFirstLayer", Latex.code(first.layer()))
                .put("KnnFirstMap", Latex.percent(first.knnMap()))
                .put("KnnFirstFeatures", Latex.percent(first.knnFeatures()))
                .put("TsneBestLayerMap", Latex.code(bestMap.layer()))
                .put("TsneBestKnnMap", Latex.percent(bestMap.knnMap()))
                .put("TsneBestLayerFeatures", Latex.code(bestFeatures.layer()))
                .put("TsneBestKnnFeatures", Latex.percent(bestFeatures.knnFeatures()));
    }

    private static void stl10Sample(Latex.Macros m, Inputs in, Optional<Integer> stlSide) {
        Recipe r = in.pinned().card().recipe();
        in.stl10Sample().ifPresent(s -> m.put("StlSampleLabeled", String.valueOf(s.labeled().count()))
                .put("StlSampleUnlabeled", String.valueOf(s.unlabeled().count()))
                .put("StlSide", String.valueOf(stlSide.orElseThrow()))
                .put("StlAugTranslate", String.valueOf(AugmentationGrid.atResolution(r.augment(), r.data().inputSize(),
                        stlSide.orElseThrow()).translate()))
                .put("StlAugCutout", String.valueOf(AugmentationGrid.atResolution(r.augment(), r.data().inputSize(),
                        stlSide.orElseThrow()).cutout())));
    }

    /** A recipe's optimizer steps over the baseline's, to one decimal as the text quotes it (4.2, not 4.1666...). */
    private static String budgetFactor(Recipe r, Inputs in) {
        return Latex.fixed((double) totalSteps(r) / totalSteps(in.baseline().card().recipe()), 1);
    }

    private static void provenance(Latex.Macros m, Inputs in) {
        Map<String, String> prov = in.pinned().card().provenance();
        m.put("PinnedRecipe", Latex.code(in.pinned().recipe()))
                .put("PinnedBudgetFactor", budgetFactor(in.pinned().card().recipe(), in))
                .put("BaselineRecipe", Latex.code(in.baseline().recipe()))
                .put("TrainCpu", Latex.escape(prov.getOrDefault("cpu", "unknown")))
                .put("TrainThreads", Latex.escape(prov.getOrDefault("threads", "unknown")))
                .put("TrainNativeBuild", Latex.code(prov.getOrDefault("native.build", "unknown")))
                .put("TrainDlVersion", Latex.escape(prov.getOrDefault("dl4j", "unknown")))
                .put("TrainCommit", Latex.code(abbreviate(prov.getOrDefault("git.commit", "unknown"))))
                .put("FiguresCommit", Latex.code(abbreviate(in.environment().getOrDefault("git.commit", "unknown"))));
    }

    private static String finitePercent(double v) {
        return Double.isFinite(v) ? Latex.percent(v) : "---";
    }

    private static String triple(float[] v) {
        return String.format(java.util.Locale.ROOT, "(%.3f, %.3f, %.3f)", v[0], v[1], v[2]);
    }

    private static String abbreviate(String commit) {
        return commit.matches("[0-9a-f]{40}") ? commit.substring(0, 12) : commit;
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
