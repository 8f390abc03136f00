package a2.train;

import a2.augment.Augmenter;
import a2.backend.BackendInfo;
import a2.data.Dataset;
import a2.data.Split;
import a2.io.AtomicFiles;
import a2.io.InvalidInputException;
import a2.io.Progress;
import a2.model.Inference;
import a2.model.ModelCard;
import a2.model.ModelFile;
import a2.model.Networks;
import a2.model.Preprocessing;
import a2.recipe.Recipe;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs one recipe: supervised steps, and from {@code semi.startEpoch} on either self-training with
 * confidence-filtered, class-balanced pseudo-labels or FixMatch (weak view labels, strong view learns; see
 * {@link FixMatch}). Every step's batch, augmentation and dropout mask are functions of (seed, epoch, step), and
 * FixMatch's labels a function of the weights, so a run resumed from any checkpoint ends with the weights of an
 * uninterrupted one.
 *
 * <p>A run folder holds: {@code recipe.json}, {@code split.txt}, {@code command.txt}, {@code provenance.json},
 * {@code log.csv} (one row per epoch), {@code state.json} (where the run stands), the latest
 * {@code checkpoint-s<step>.a2model} (with updater state), the current {@code pseudo-e<epoch>.bin} and
 * {@code best.a2model} (best validation accuracy so far: the run's result).
 */
public final class Trainer {
    private static final Logger log = LoggerFactory.getLogger(Trainer.class);
    /** Training accuracy is measured on this many fixed training images, without augmentation. */
    static final int TRAIN_EVAL_IMAGES = 1000;
    /** Batches prepared ahead on the prefetch thread while the network trains on the current one. */
    static final int PREFETCH = 2;
    /**
     * The log's columns. {@code epoch_seconds}: the training thread's time in the epoch's steps (FixMatch's labeling
     * forward included, validation not); {@code data_wait_seconds}: further time it spent waiting for the prefetch
     * thread's next batch (near zero: the data pipeline keeps up).
     */
    static final String[] LOG_HEADER = {"epoch", "steps", "lr", "train_loss", "train_acc", "val_acc", "images_per_s",
            "mask_rate", "pseudo_acc_val", "pseudo_rate_val", "epoch_seconds", "total_seconds", "data_wait_seconds"};

    /**
     * @param stopAfterSteps  stop (with a checkpoint, as on Ctrl-C) after this many global steps; 0 = never. For tests.
     */
    public record Config(Recipe recipe, Dataset data, Path runDir, Path projectDir, BackendInfo backend, boolean resume,
                         List<String> commandLine, PrintStream err, boolean showProgress, long stopAfterSteps) {}

    /** What a run produced. */
    public record Result(Path runDir, Path bestModel, double bestValAccuracy, int bestEpoch, int epochsDone,
                         boolean finished, double trainSeconds, double imagesPerSecond) {}

    /** Everything fixed for the whole run, derived from the recipe and the data. */
    private record Setup(Split split, Preprocessing pre, int steps, int batch, int pseudoPerBatch, int unlabeledBatch,
                         int[] valLabels, int[] trainEval, int[] trainEvalLabels, TeacherPool teacherPool,
                         Map<String, String> provenance) {}

    private final Config cfg;
    private final Recipe recipe;
    private final Dataset data;
    private final Path dir;
    private final Path statePath;
    private final AtomicBoolean stopRequested = new AtomicBoolean();

    /**
     * Called with the name of each point between two writes of a run's files ({@link #POINT_FILE_WRITTEN},
     * {@link #POINT_STATE_WRITTEN}); a test throws from it to stop the run there as a kill would. Does nothing in use.
     */
    private final java.util.function.BiConsumer<String, String> crashPoint;

    /** The new file is on disk, the state does not name it yet. */
    static final String POINT_FILE_WRITTEN = "file written";
    /** The state names the new file, the files it replaces are still on disk. */
    static final String POINT_STATE_WRITTEN = "state written";

    public Trainer(Config cfg) {
        this(cfg, (point, file) -> {});
    }

    /** For tests: {@code crashPoint} sees every point between writes, with the file being adopted. */
    Trainer(Config cfg, java.util.function.BiConsumer<String, String> crashPoint) {
        this.crashPoint = crashPoint;
        this.cfg = cfg;
        this.recipe = cfg.recipe();
        this.data = cfg.data();
        this.dir = cfg.runDir();
        this.statePath = dir.resolve("state.json");
    }

    /** Asks a running {@link #run} to checkpoint at the end of the current step and return (Ctrl-C). */
    public void requestStop() {
        stopRequested.set(true);
    }

    public Result run() {
        if (!data.name().equals(recipe.data().dataset())) {
            throw new InvalidInputException("recipe " + recipe.name() + " is for dataset '" + recipe.data().dataset()
                    + "' but the data given is '" + data.name() + "'");
        }
        Setup setup = setup();
        CountDownLatch saved = new CountDownLatch(1);
        Thread hook = new Thread(() -> {
            // Ctrl-C: the training loop sees the flag after its current step, checkpoints, and releases the latch.
            stopRequested.set(true);
            try {
                saved.await(120, TimeUnit.SECONDS);
            } catch (InterruptedException ignored) {
                Thread.currentThread().interrupt();
            }
        }, "checkpoint-on-exit");
        ExecutorService prefetch = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "batch-prefetch");
            t.setDaemon(true);
            return t;
        });
        try {
            Files.createDirectories(dir);
            boolean resuming = cfg.resume() && Files.exists(statePath);
            if (!resuming && Files.exists(statePath)) {
                throw new InvalidInputException(dir + " already holds a run; pass --resume to continue it, or choose another --run");
            }
            Run run = resuming ? resume(setup) : start(setup);
            Files.writeString(dir.resolve("command.txt"), String.join(" ", cfg.commandLine()) + "\n",
                    StandardOpenOption.CREATE, StandardOpenOption.APPEND);
            AtomicFiles.writeBytes(dir.resolve("provenance.json"), ModelFile.JSON.writeValueAsBytes(setup.provenance()));
            Runtime.getRuntime().addShutdownHook(hook);
            while (!run.state.finished()) {
                if (recipe.semi().refreshAt(run.state.epoch()) && run.state.stepInEpoch() == 0) {
                    refreshPseudoLabels(run, setup);
                }
                if (!trainEpoch(run, setup, prefetch)) {
                    log.info("stopped at epoch {} step {}; resume with --resume", run.state.epoch() + 1, run.state.stepInEpoch());
                    break;
                }
                endEpoch(run, setup);
                if (stopRequested(run.state.globalStep())) {
                    break;
                }
            }
            return result(run.state, setup.batch());
        } catch (IOException e) {
            throw new UncheckedIOException("run folder " + dir + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("batch preparation failed: " + e.getCause(), e.getCause());
        } finally {
            prefetch.shutdownNow();
            saved.countDown();
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException | IllegalArgumentException notRegisteredOrExiting) {
                // Never registered (failed before training), or the JVM is exiting and the hook waits for the latch.
            }
        }
    }

    /** The mutable part of a run: the network, where it stands, the current pseudo-labels and the epoch log. */
    private static final class Run {
        final MultiLayerNetwork net;
        RunState state;
        PseudoLabels pseudo;
        /** FlexMatch's memory of the unlabeled images' confident classes; null for other methods. */
        final ClassThresholds classes;
        final List<String[]> logRows;
        long segmentStart = System.nanoTime();

        Run(MultiLayerNetwork net, RunState state, PseudoLabels pseudo, ClassThresholds classes, List<String[]> logRows) {
            this.net = net;
            this.state = state;
            this.pseudo = pseudo;
            this.classes = classes;
            this.logRows = logRows;
        }

        /** Seconds since the run (or its resumption) began, carried over checkpoints. */
        double totalSeconds() {
            return state.totalSeconds() + (System.nanoTime() - segmentStart) / 1e9;
        }
    }

    private Setup setup() {
        int k = data.numClasses();
        Split split = Split.stratified(data.trainLabels(), k, recipe.data().validationPerClass(), recipe.data().splitSeed());
        Preprocessing pre = Preprocessing.fit(data.train(), split.train(), recipe.data().inputSize());
        int batch = recipe.optimizer().batchSize();
        int steps = recipe.budget().stepsPerEpoch() > 0 ? recipe.budget().stepsPerEpoch() : split.train().length / batch;
        if (steps < 1) {
            throw new InvalidInputException("the training split holds " + split.train().length + " images, fewer than one batch of " + batch);
        }
        int pseudoPerBatch = recipe.semi().selfTraining() ? (int) Math.round(batch * recipe.semi().unlabeledFraction()) : 0;
        int unlabeledBatch = recipe.semi().fixMatch() || recipe.semi().noisyStudent() ? recipe.semi().unlabeledBatch() : 0;
        int[] trainEval = every(split.train(), TRAIN_EVAL_IMAGES);
        int[] valLabels = pick(data.trainLabels(), split.validation());
        Map<String, String> provenance = new TreeMap<>(Provenance.collect(cfg.projectDir(), cfg.backend(), data.checksums()));
        provenance.put("seed", String.valueOf(recipe.seed()));
        provenance.put("recipe", recipe.name() + " v" + recipe.version());
        provenance.put("split", split.fingerprint());
        TeacherPool pool = recipe.semi().noisyStudent() ? teacherPool(split, valLabels) : null;
        if (pool != null) {
            // The pool the teacher produced, beside the model: the log only has its share to four decimals.
            Recipe.Teacher t = recipe.semi().teacher();
            provenance.put("teacher", t.names());
            provenance.put("teacher.sha256", String.join("+", t.models().stream().map(Recipe.Member::sha256).toList()));
            provenance.put("teacher.pool", String.valueOf(pool.size()));
            provenance.put("teacher.pool.validation.rate", String.valueOf(pool.validationRate()));
            provenance.put("teacher.pool.validation.accuracy", String.valueOf(pool.validationAccuracy()));
        }
        return new Setup(split, pre, steps, batch, pseudoPerBatch, unlabeledBatch, valLabels, trainEval,
                pick(data.trainLabels(), trainEval), pool, provenance);
    }

    /**
     * The teacher named by the recipe labels the unlabeled pool and the validation images. Each of its models must be
     * the exact file the recipe pins, and must have validated on the same split (or validation would measure images
     * it trained on).
     */
    private TeacherPool teacherPool(Split split, int[] valLabels) {
        Recipe.Teacher t = recipe.semi().teacher();
        List<ModelFile.Loaded> models = new ArrayList<>();
        for (Recipe.Member member : t.models()) {
            Path file = cfg.projectDir().resolve(Finalize.FINAL_DIR).resolve(member.recipe()).resolve(Finalize.MODEL);
            if (!Files.isRegularFile(file)) {
                throw new InvalidInputException("recipe " + recipe.name() + " learns from the teacher " + member.recipe()
                        + ", whose model " + file.toAbsolutePath() + " does not exist; train and finalize that recipe first");
            }
            String sha = a2.io.Hashes.sha256(file);
            if (!sha.equals(member.sha256())) {
                throw new InvalidInputException("teacher model " + file + " has SHA-256 " + sha + " but recipe " + recipe.name()
                        + " pins " + member.sha256() + " (semi.teacher.models)");
            }
            ModelFile.Loaded teacher = ModelFile.load(file, false);
            if (!teacher.card().splitFingerprint().equals(split.fingerprint())) {
                throw new InvalidInputException("teacher model " + file + " was validated on split " + teacher.card().splitFingerprint()
                        + ", this recipe on " + split.fingerprint() + ": its labels would leak validation images");
            }
            models.add(teacher);
        }
        long t0 = System.nanoTime();
        int[] poolIndices = t.labelsUnlabeledImages() ? Inference.all(data.unlabeled().count()) : split.train();
        TeacherPool pool = TeacherPool.label(models, data, poolSource(), poolIndices, split.validation(), valLabels,
                t.perClass(), t.soft());
        cfg.err().printf(Locale.ROOT, "teacher %s labeled %d %s images in %.0f s: pool %d (%.1f%%, %s labels); on "
                        + "validation the same cut passes %.1f%%, %.1f%% of them right%n", t.names(), poolIndices.length, t.images(),
                (System.nanoTime() - t0) / 1e9, pool.size(), 100 * pool.poolRate(), t.soft() ? "soft" : "hard",
                100 * pool.validationRate(), 100 * pool.validationAccuracy());
        return pool;
    }

    /** The images a teacher's pool indexes: the unlabeled pool, or for the labeled-images control the training images. */
    private a2.data.Images poolSource() {
        return recipe.semi().teacher().labelsUnlabeledImages() ? data.unlabeled() : data.train();
    }

    private Run start(Setup s) {
        AtomicFiles.writeString(dir.resolve("recipe.json"), recipe.toJson());
        AtomicFiles.writeString(dir.resolve("split.txt"), "seed=" + s.split().seed() + " validationPerClass="
                + s.split().validationPerClass() + " fingerprint=" + s.split().fingerprint() + "\nvalidation="
                + Arrays.toString(s.split().validation()) + "\n");
        return new Run(Networks.build(recipe, data.numClasses(), s.steps()), RunState.initial(), null,
                recipe.semi().classAdaptive() ? new ClassThresholds(data.unlabeled().count(), data.numClasses()) : null,
                new ArrayList<>());
    }

    private Run resume(Setup s) throws IOException {
        RunState state = ModelFile.JSON.readValue(statePath.toFile(), RunState.class);
        MultiLayerNetwork net = ModelFile.load(dir.resolve(state.checkpoint()), true).network();
        PseudoLabels pseudo = state.pseudoLabels().isEmpty() ? null
                : PseudoLabels.fromBytes(Files.readAllBytes(dir.resolve(state.pseudoLabels())));
        List<String[]> rows = new ArrayList<>(EpochLog.read(dir.resolve("log.csv")));
        rows.removeIf(r -> Integer.parseInt(r[0]) > state.epoch()); // epochs logged after the checkpoint are redone
        ClassThresholds classes = null;
        if (recipe.semi().classAdaptive()) {
            Path file = dir.resolve(ClassThresholds.file(state.globalStep()));
            if (!Files.isRegularFile(file)) {
                throw new InvalidInputException(file + " is missing: a FlexMatch run saves it beside every checkpoint");
            }
            classes = ClassThresholds.fromBytes(Files.readAllBytes(file), data.unlabeled().count(), data.numClasses(),
                    file.toString());
        }
        log.info("resuming {} at epoch {} step {} (global step {})", dir, state.epoch() + 1, state.stepInEpoch(), state.globalStep());
        return new Run(net, state, pseudo, classes, rows);
    }

    /** The current model labels the whole unlabeled pool; the labels are saved before the state names them. */
    private void refreshPseudoLabels(Run run, Setup s) throws IOException {
        long t0 = System.nanoTime();
        float[][] probs = Inference.probabilities(run.net, s.pre(), data.unlabeled(), Inference.all(data.unlabeled().count()), n -> {});
        run.pseudo = PseudoLabels.of(probs);
        String file = "pseudo-e" + (run.state.epoch() + 1) + ".bin";
        AtomicFiles.writeBytes(dir.resolve(file), run.pseudo.toBytes());
        RunState st = run.state;
        adopt(run, "pseudo-e", file, st.withPseudoLabels(file));
        log.info("epoch {}: pseudo-labeled {} images in {} s, mask rate {}", st.epoch() + 1, probs.length,
                Math.round((System.nanoTime() - t0) / 1e9), fmt(run.pseudo.maskRate(recipe.semi().threshold())));
    }

    private boolean stopRequested(long globalStep) {
        return stopRequested.get() || (cfg.stopAfterSteps() > 0 && globalStep >= cfg.stopAfterSteps());
    }

    /**
     * Trains the rest of the current epoch, preparing batches one or two steps ahead on the prefetch thread.
     * Returns false when asked to stop mid-epoch (after writing a checkpoint at the current step), true when the
     * epoch's last step is done (its loss and time then sit in {@code run.state} for {@link #endEpoch}).
     */
    private boolean trainEpoch(Run run, Setup s, ExecutorService prefetch) throws IOException, InterruptedException,
            ExecutionException {
        RunState st = run.state;
        int epoch = st.epoch();
        int[][] confident = recipe.semi().activeAt(epoch) && run.pseudo != null
                ? run.pseudo.confidentByClass(recipe.semi().threshold(), data.numClasses()) : null;
        BatchPlan.Step[] plan = BatchPlan.plan(recipe.seed(), epoch, s.split().train(), s.steps(), s.batch(),
                confident == null ? 0 : s.pseudoPerBatch(), confident);
        Augmenter augmenter = new Augmenter(recipe.augment());
        PseudoLabels pseudo = run.pseudo;
        int unlabeled = recipe.semi().activeAt(epoch) ? s.unlabeledBatch() : 0;
        long epochStart = st.globalStep() - st.stepInEpoch();
        List<Future<FixMatch.Views>> ahead = new ArrayList<>();
        for (int step = st.stepInEpoch(); step < Math.min(s.steps(), st.stepInEpoch() + PREFETCH); step++) {
            final int at = step;
            ahead.add(prefetch.submit(() -> makeBatch(pseudo, plan[at], unlabeled, s, augmenter, epoch, at,
                    epochStart + at)));
        }
        double lossSum = st.lossSum(), trainSeconds = st.trainSeconds(), dataWait = st.dataWaitSeconds();
        long globalStep = st.globalStep(), seen = st.unlabeledSeen(), used = st.unlabeledUsed();
        long rowsHere = 0; // rows trained since this call began (a resumed epoch's earlier steps ran in another process)
        long loopStart = System.nanoTime();
        try (Progress progress = cfg.showProgress() ? Progress.forTerminal(cfg.err(), Progress.Unit.STEPS) : Progress.none()) {
            progress.start("epoch " + (epoch + 1) + "/" + recipe.budget().epochs(), s.steps());
            progress.advance(st.stepInEpoch()); // a resumed epoch starts where the checkpoint left it
            for (int step = st.stepInEpoch(); step < s.steps(); step++) {
                long w0 = System.nanoTime();
                FixMatch.Views views = ahead.remove(0).get();
                dataWait += (System.nanoTime() - w0) / 1e9;
                if (step + PREFETCH < s.steps()) {
                    final int at = step + PREFETCH;
                    ahead.add(prefetch.submit(() -> makeBatch(pseudo, plan[at], unlabeled, s, augmenter, epoch, at,
                            epochStart + at)));
                }
                long t0 = System.nanoTime();
                DataSet ds = toDataSet(run, views, s.pre().inputSize(), globalStep);
                seen += views.u();
                used += ds.getFeatures().size(0) - views.n();
                rowsHere += ds.getFeatures().size(0);
                // Dropout draws from ND4J's global generator: seed it from the step, so a resumed run draws the same masks.
                Nd4j.getRandom().setSeed(Seeds.derive(recipe.seed(), Seeds.DROPOUT, globalStep));
                run.net.fit(ds);
                trainSeconds += (System.nanoTime() - t0) / 1e9;
                lossSum += run.net.score();
                ds.getFeatures().close();
                ds.getLabels().close();
                globalStep++;
                progress.advance(1, stepDetail(lossSum / (step + 1), rowsHere / ((System.nanoTime() - loopStart) / 1e9),
                        unlabeled > 0 && recipe.semi().fixMatch() ? (double) used / Math.max(1, seen) : Double.NaN,
                        st.bestValAccuracy()));
                if (stopRequested(globalStep) && step + 1 < s.steps()) {
                    run.state = st.afterSteps(step + 1, globalStep, lossSum, trainSeconds, run.totalSeconds(), seen,
                            used, dataWait);
                    checkpoint(run, s);
                    return false;
                }
            }
        } finally {
            ahead.forEach(f -> f.cancel(true));
        }
        run.state = st.afterSteps(s.steps(), globalStep, lossSum, trainSeconds, st.totalSeconds(), seen, used, dataWait);
        return true;
    }

    /** Measures, logs, keeps the best model, and checkpoints at the end of an epoch. */
    private void endEpoch(Run run, Setup s) throws IOException {
        RunState st = run.state;
        int epoch = st.epoch();
        float[][] valProbs = Inference.probabilities(run.net, s.pre(), data.train(), s.split().validation(), n -> {});
        double valAcc = Inference.accuracy(valProbs, s.valLabels());
        double trainAcc = Inference.accuracy(Inference.probabilities(run.net, s.pre(), data.train(), s.trainEval(), n -> {}),
                s.trainEvalLabels());
        Double lr = run.net.getLearningRate(0);
        String maskRate = "", pseudoAcc = "", pseudoRate = "";
        if (recipe.semi().activeAt(epoch) && s.teacherPool() != null) {
            // The teacher is fixed: its pool and its accuracy on validation are the same every epoch.
            TeacherPool pool = s.teacherPool();
            maskRate = fmt(pool.poolRate());
            pseudoAcc = Double.isNaN(pool.validationAccuracy()) ? "" : fmt(pool.validationAccuracy());
            pseudoRate = fmt(pool.validationRate());
        } else if (recipe.semi().activeAt(epoch) && (run.pseudo != null || recipe.semi().fixMatch())) {
            // The labeling rule applied to the validation images, whose labels are known: how often a pseudo-label
            // passes the threshold there, and how often it is right when it does.
            double th = recipe.semi().threshold();
            maskRate = fmt(recipe.semi().fixMatch() ? (double) st.unlabeledUsed() / Math.max(1, st.unlabeledSeen())
                    : run.pseudo.maskRate(th));
            // The same selection the steps make (FlexMatch: with its per-class thresholds as they stand now).
            FixMatch.Kept onVal = run.classes != null ? FixMatch.select(valProbs, run.classes.thresholds(th))
                    : FixMatch.select(valProbs, th);
            int passed = onVal.rows().length, right = 0;
            for (int j = 0; j < passed; j++) {
                right += onVal.labels()[j] == s.valLabels()[onVal.rows()[j]] ? 1 : 0;
            }
            pseudoAcc = passed == 0 ? "" : fmt((double) right / passed);
            pseudoRate = fmt((double) passed / s.valLabels().length);
        }
        double total = run.totalSeconds();
        // Images through forward and backward: the labeled batches and, for FixMatch, the unlabeled images kept.
        double imagesPerSecond = (s.steps() * (double) s.batch() + st.unlabeledUsed()) / st.trainSeconds();
        run.logRows.add(new String[] {String.valueOf(epoch + 1), String.valueOf(st.globalStep()),
                String.format(Locale.ROOT, "%.6f", lr == null ? Double.NaN : lr), fmt(st.lossSum() / s.steps()), fmt(trainAcc),
                fmt(valAcc), String.format(Locale.ROOT, "%.1f", imagesPerSecond), maskRate, pseudoAcc, pseudoRate,
                String.format(Locale.ROOT, "%.1f", st.trainSeconds()), String.format(Locale.ROOT, "%.1f", total),
                String.format(Locale.ROOT, "%.2f", st.dataWaitSeconds())});
        EpochLog.write(dir.resolve("log.csv"), LOG_HEADER, run.logRows);
        cfg.err().printf(Locale.ROOT, "epoch %d/%d  loss %.4f  train %.4f  val %.4f  %.0f img/s  data wait %.1f%%%s%n", epoch + 1,
                recipe.budget().epochs(), st.lossSum() / s.steps(), trainAcc, valAcc, imagesPerSecond,
                100 * st.dataWaitSeconds() / (st.trainSeconds() + st.dataWaitSeconds()),
                maskRate.isEmpty() ? "" : "  mask " + maskRate + "  pseudo-acc(val) " + pseudoAcc);
        double best = st.bestValAccuracy();
        int bestEpoch = st.bestEpoch();
        if (valAcc > best) {
            best = valAcc;
            bestEpoch = epoch + 1;
            ModelFile.save(dir.resolve("best.a2model"), card(s, epoch + 1, valAcc), run.net, false);
        }
        run.state = st.nextEpoch(best, bestEpoch, total, epoch + 1 == recipe.budget().epochs());
        run.segmentStart = System.nanoTime();
        checkpoint(run, s);
    }

    /** Model and updater first, then the state that names them, then the older checkpoint goes. */
    private void checkpoint(Run run, Setup s) throws IOException {
        RunState st = run.state;
        String classes = ClassThresholds.file(st.globalStep()); // found by the step the state records
        if (run.classes != null) {
            AtomicFiles.writeBytes(dir.resolve(classes), run.classes.toBytes());
        }
        String file = "checkpoint-s" + st.globalStep() + ".a2model";
        ModelFile.save(dir.resolve(file), card(s, st.epoch(), st.bestValAccuracy()), run.net, true);
        adopt(run, "checkpoint-s", file, st.withCheckpoint(file));
        if (run.classes != null) {
            deleteOthers("classes-s", classes);
        }
    }

    /**
     * Makes {@code file}, just written, the run's current {@code prefix} file: the state names it first, and only then
     * do the files it replaces go. A kill at any point leaves a state whose files all exist (deleting first would leave
     * a state naming a deleted file, and the run could not resume).
     */
    private void adopt(Run run, String prefix, String file, RunState next) throws IOException {
        crashPoint.accept(POINT_FILE_WRITTEN, file);
        run.state = next;
        AtomicFiles.writeBytes(statePath, ModelFile.JSON.writeValueAsBytes(next));
        crashPoint.accept(POINT_STATE_WRITTEN, file);
        deleteOthers(prefix, file);
    }

    private ModelCard card(Setup s, int epoch, double valAcc) {
        return new ModelCard(ModelCard.FORMAT, recipe, data.name(), data.classNames(), s.pre(), s.split().fingerprint(),
                epoch, valAcc, s.provenance());
    }

    private void deleteOthers(String prefix, String keep) throws IOException {
        try (var files = Files.list(dir)) {
            for (Path p : (Iterable<Path>) files::iterator) {
                String n = p.getFileName().toString();
                if (n.startsWith(prefix) && !n.equals(keep)) {
                    Files.deleteIfExists(p);
                }
            }
        }
    }

    /**
     * The images of one step, augmented and standardised: labeled (true or self-training pseudo labels, one-hot) and,
     * for FixMatch, a weak and a strong view of each of {@code unlabeled} images drawn from the pool. Unlabeled views
     * draw from their own random stream, so the labeled part of every step is the supervised baseline's.
     */
    private FixMatch.Views makeBatch(PseudoLabels pseudo, BatchPlan.Step step, int unlabeled, Setup s,
                                     Augmenter aug, int epoch, int stepIndex, long globalStep) {
        Preprocessing pre = s.pre();
        int k = data.numClasses(), side = pre.inputSize(), per = 3 * side * side;
        int n = step.labeled().length + step.pseudo().length;
        float[] x = new float[n * per];
        float[] y = new float[n * k];
        float[] scratch = new float[per];
        float[] fill = pre.mean(); // cutout erases to the mean colour: zero after standardisation
        SplittableRandom rng = new SplittableRandom(Seeds.derive(recipe.seed(), Seeds.AUGMENT, epoch, stepIndex));
        byte[] raw = new byte[data.train().bytesPerImage()];
        byte[] rawU = new byte[data.unlabeled().bytesPerImage()];
        for (int i = 0; i < n; i++) {
            boolean labeled = i < step.labeled().length;
            int idx = labeled ? step.labeled()[i] : step.pseudo()[i - step.labeled().length];
            float[] img = labeled ? pre.pixels(data.train(), idx, raw) : pre.pixels(data.unlabeled(), idx, rawU);
            aug.apply(img, scratch, side, rng, fill);
            pre.standardize(img, x, i * per);
            y[i * k + (labeled ? data.trainLabels()[idx] : pseudo.labels()[idx])] = 1f;
        }
        if (unlabeled == 0) {
            return new FixMatch.Views(x, y, n, null, null, 0, null);
        }
        Augmenter strongAug = new Augmenter(recipe.semi().strongAugment());
        SplittableRandom rngU = new SplittableRandom(Seeds.derive(recipe.seed(), Seeds.AUGMENT_UNLABELED, epoch, stepIndex));
        float[] strong = new float[unlabeled * per];
        TeacherPool pool = s.teacherPool();
        if (pool != null) {
            // Noisy Student: the teacher's labels are known before the step; only the strong view is needed.
            int[] at = BatchPlan.unlabeled(recipe.seed(), globalStep, unlabeled, pool.size());
            int[] rows = new int[unlabeled], labels = new int[unlabeled];
            float[][] targets = pool.targets() == null ? null : new float[unlabeled][];
            a2.data.Images source = poolSource();
            byte[] rawPool = new byte[source.bytesPerImage()];
            for (int i = 0; i < unlabeled; i++) {
                float[] img = pre.pixels(source, pool.images()[at[i]], rawPool);
                strongAug.apply(img, scratch, side, rngU, fill);
                pre.standardize(img, strong, i * per);
                rows[i] = i;
                labels[i] = pool.labels()[at[i]];
                if (targets != null) {
                    targets[i] = pool.targets()[at[i]];
                }
            }
            return new FixMatch.Views(x, y, n, null, strong, unlabeled, new FixMatch.Kept(rows, labels, targets));
        }
        Recipe.Augment a = recipe.augment();
        Augmenter weakAug = new Augmenter(new Recipe.Augment(a.flip(), a.translate(), 0, 0, 0, 0));
        float[] weak = new float[unlabeled * per];
        int[] idx = BatchPlan.unlabeled(recipe.seed(), globalStep, unlabeled, data.unlabeled().count());
        for (int i = 0; i < unlabeled; i++) {
            float[] img = pre.pixels(data.unlabeled(), idx[i], rawU);
            float[] copy = img.clone();
            weakAug.apply(img, scratch, side, rngU, fill);
            pre.standardize(img, weak, i * per);
            strongAug.apply(copy, scratch, side, rngU, fill);
            pre.standardize(copy, strong, i * per);
        }
        return new FixMatch.Views(x, y, n, weak, strong, unlabeled, null);
    }

    /**
     * The step's training batch; for FixMatch, after the current model has labeled the weak views (FlexMatch: with
     * the per-class thresholds as they stand, then the drawn images' memory is updated).
     */
    private DataSet toDataSet(Run run, FixMatch.Views v, int side, long globalStep) {
        FixMatch.Kept kept = v.labeled() != null ? v.labeled() : FixMatch.Kept.NONE;
        if (v.u() > 0 && v.labeled() == null) {
            try (INDArray weak = Nd4j.create(v.weak(), new long[] {v.u(), 3, side, side}, 'c');
                 INDArray out = run.net.output(weak, false)) {
                float[][] probs = out.toFloatMatrix();
                double tau = recipe.semi().threshold();
                if (run.classes == null) {
                    kept = FixMatch.select(probs, tau);
                } else {
                    kept = FixMatch.select(probs, run.classes.thresholds(tau));
                    // The images makeBatch drew for this step: a pure function of the step.
                    run.classes.update(BatchPlan.unlabeled(recipe.seed(), globalStep, v.u(), data.unlabeled().count()),
                            probs, tau);
                }
            }
        }
        return FixMatch.batch(v, kept, data.numClasses(), side, recipe.semi().unlabeledWeight());
    }

    private Result result(RunState s, int batch) {
        double secs = s.totalSeconds();
        return new Result(dir, dir.resolve("best.a2model"), s.bestValAccuracy(), s.bestEpoch(), s.epoch(), s.finished(),
                secs, secs > 0 ? s.globalStep() * (double) batch / secs : 0);
    }

    static int[] pick(int[] values, int[] idx) {
        int[] out = new int[idx.length];
        for (int i = 0; i < idx.length; i++) {
            out[i] = values[idx[i]];
        }
        return out;
    }

    /** About {@code n} indices spread evenly over {@code idx}. */
    static int[] every(int[] idx, int n) {
        int stride = Math.max(1, idx.length / n);
        return java.util.stream.IntStream.range(0, Math.min(n, idx.length)).map(i -> idx[i * stride]).toArray();
    }

    /**
     * What the progress line shows beside the step count: the epoch's running loss, images trained per second (labeled
     * plus kept unlabeled rows, data waits included), FixMatch's running mask rate ({@code NaN}: not in a FixMatch
     * phase) and the best validation accuracy so far (negative: none measured yet), e.g.
     * {@code loss 1.497, 410 img/s, kept 62%, best val 71.2%}.
     */
    static String stepDetail(double meanLoss, double imagesPerSecond, double keptRate, double bestValAccuracy) {
        StringBuilder b = new StringBuilder(String.format(Locale.ROOT, "loss %.3f, %.0f img/s", meanLoss, imagesPerSecond));
        if (!Double.isNaN(keptRate)) {
            b.append(String.format(Locale.ROOT, ", kept %.0f%%", 100 * keptRate));
        }
        if (bestValAccuracy >= 0) {
            b.append(String.format(Locale.ROOT, ", best val %.1f%%", 100 * bestValAccuracy));
        }
        return b.toString();
    }

    private static String fmt(double v) {
        return String.format(Locale.ROOT, "%.4f", v);
    }
}
