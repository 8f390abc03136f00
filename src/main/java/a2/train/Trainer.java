package a2.train;

import a2.augment.Augmenter;
import a2.backend.BackendInfo;
import a2.data.Dataset;
import a2.io.AtomicFiles;
import a2.io.InvalidInputException;
import a2.io.Progress;
import a2.model.Inference;
import a2.model.ModelFile;
import a2.recipe.Recipe;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.IntFunction;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs one recipe: supervised steps, and from {@code semi.startEpoch} on either self-training with
 * confidence-filtered, class-balanced pseudo-labels, Noisy Student (a fixed teacher's pool, strongly augmented) or
 * FixMatch and FlexMatch (weak view labels, strong view learns; see {@link FixMatch}). The step's images come from
 * {@link StepBatches}, the run folder's files from {@link RunFiles}, the epoch's measurements from
 * {@link EpochReport}. Every step's batch, augmentation and dropout mask are functions of (seed, epoch, step), and
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
    /** Batches prepared ahead on the prefetch thread while the network trains on the current one. */
    static final int PREFETCH = 2;

    /**
     * What to run and where; built with {@link #of} and the {@code with} methods, so every setting is named at the call.
     *
     * @param projectDir      where {@code checkpoints/final} (a teacher's model) is looked up
     * @param commandLine     recorded in the run folder's {@code command.txt}
     * @param resume          continue the run in {@code runDir} (else a run there is an error)
     * @param stopAfterSteps  stop (with a checkpoint, as on Ctrl-C) after this many global steps; 0 = never. For tests.
     */
    public record Config(Recipe recipe, Dataset data, Path runDir, Path projectDir, BackendInfo backend,
                         List<String> commandLine, boolean resume, TrainingListener listener, long stopAfterSteps) {
        public Config {
            commandLine = List.copyOf(commandLine);
            java.util.Objects.requireNonNull(listener, "listener");
        }

        /** A new run that reports nothing and runs to the end of its budget. */
        public static Config of(Recipe recipe, Dataset data, Path runDir, Path projectDir, BackendInfo backend,
                                List<String> commandLine) {
            return new Config(recipe, data, runDir, projectDir, backend, commandLine, false, TrainingListener.silent(), 0);
        }

        public Config withResume(boolean resume) {
            return new Config(recipe, data, runDir, projectDir, backend, commandLine, resume, listener, stopAfterSteps);
        }

        public Config withListener(TrainingListener listener) {
            return new Config(recipe, data, runDir, projectDir, backend, commandLine, resume, listener, stopAfterSteps);
        }

        public Config withStopAfterSteps(long steps) {
            return new Config(recipe, data, runDir, projectDir, backend, commandLine, resume, listener, steps);
        }
    }

    /** What a run produced: {@code model} is its result, the best epoch's or the final weights ({@code budget.keep}). */
    public record Result(Path runDir, Path model, double bestValAccuracy, int bestEpoch, int epochsDone,
                         boolean finished, double trainSeconds, double imagesPerSecond) {}

    private final Config cfg;
    private final Recipe recipe;
    private final Dataset data;
    private final Path dir;
    private final RunFiles files;
    private final AtomicBoolean stopRequested = new AtomicBoolean();

    public Trainer(Config cfg) {
        this(cfg, (point, file) -> {});
    }

    /**
     * For tests: {@code crashPoint} sees every point between writes ({@link RunFiles#POINT_FILE_WRITTEN},
     * {@link RunFiles#POINT_STATE_WRITTEN}), with the file being adopted; a test throws from it to stop the run
     * there as a kill would.
     */
    Trainer(Config cfg, java.util.function.BiConsumer<String, String> crashPoint) {
        this.cfg = cfg;
        this.recipe = cfg.recipe();
        this.data = cfg.data();
        this.dir = cfg.runDir();
        this.files = new RunFiles(recipe, data, dir, crashPoint);
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
        boolean resuming = cfg.resume() && files.holdsRun();
        RunSetup setup = RunSetup.of(cfg, !resuming);
        CountDownLatch saved = new CountDownLatch(1);
        Thread hook = checkpointOnExit(saved);
        ExecutorService prefetch = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "batch-prefetch");
            t.setDaemon(true);
            return t;
        });
        try {
            LiveRun run = open(setup, resuming);
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

    /** Ctrl-C: the training loop sees the flag after its current step, checkpoints, and releases the latch. */
    private Thread checkpointOnExit(CountDownLatch saved) {
        return new Thread(() -> {
            stopRequested.set(true);
            try {
                saved.await(120, TimeUnit.SECONDS);
            } catch (InterruptedException ignored) {
                Thread.currentThread().interrupt();
            }
        }, "checkpoint-on-exit");
    }

    /** A new run, or with {@code --resume} the one in the folder; the command line and provenance are recorded. */
    private LiveRun open(RunSetup setup, boolean resuming) throws IOException {
        Files.createDirectories(dir);
        if (!resuming && files.holdsRun()) {
            throw new InvalidInputException(dir + " already holds a run; pass --resume to continue it, or choose another --run");
        }
        LiveRun run = resuming ? files.resume(setup) : files.start(setup);
        Files.writeString(dir.resolve("command.txt"), String.join(" ", cfg.commandLine()) + "\n",
                StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        AtomicFiles.writeBytes(dir.resolve("provenance.json"), ModelFile.JSON.writeValueAsBytes(setup.provenance()));
        return run;
    }

    /** The current model labels the whole unlabeled pool; the labels are saved before the state names them. */
    private void refreshPseudoLabels(LiveRun run, RunSetup s) throws IOException {
        long t0 = System.nanoTime();
        float[][] probs = Inference.probabilities(run.net, s.pre(), data.unlabeled(), Inference.all(data.unlabeled().count()), n -> {});
        run.pseudo = PseudoLabels.of(probs);
        String file = "pseudo-e" + (run.state.epoch() + 1) + ".bin";
        AtomicFiles.writeBytes(dir.resolve(file), run.pseudo.toBytes());
        RunState st = run.state;
        files.adopt(run, "pseudo-e", file, st.withPseudoLabels(file));
        log.info("epoch {}: pseudo-labeled {} images in {} s, mask rate {}", st.epoch() + 1, probs.length,
                Math.round((System.nanoTime() - t0) / 1e9), EpochReport.fmt(run.pseudo.maskRate(recipe.semi().threshold())));
    }

    private boolean stopRequested(long globalStep) {
        return stopRequested.get() || (cfg.stopAfterSteps() > 0 && globalStep >= cfg.stopAfterSteps());
    }

    /**
     * Submits step {@code at} of the current epoch to the prefetch thread: its plan (self-training: with the current
     * pseudo-labels' confident images), augmentation and the method's unlabeled views, all functions of the step.
     */
    private IntFunction<Future<FixMatch.Views>> preparer(LiveRun run, RunSetup s, SemiMethod method,
                                                        ExecutorService prefetch) {
        int epoch = run.state.epoch();
        int[][] confident = recipe.semi().activeAt(epoch) && run.pseudo != null
                ? run.pseudo.confidentByClass(recipe.semi().threshold(), data.numClasses()) : null;
        BatchPlan.Step[] plan = BatchPlan.plan(recipe.seed(), epoch, s.split().train(), s.steps(), s.batch(),
                confident == null ? 0 : s.pseudoPerBatch(), confident);
        Augmenter augmenter = new Augmenter(recipe.augment());
        StepBatches batches = new StepBatches(recipe, data, s, method);
        PseudoLabels pseudo = run.pseudo;
        int unlabeled = recipe.semi().activeAt(epoch) ? s.unlabeledBatch() : 0;
        long epochStart = run.state.globalStep() - run.state.stepInEpoch();
        return at -> prefetch.submit(() -> batches.views(pseudo, plan[at], unlabeled, augmenter, epoch, at, epochStart + at));
    }

    /**
     * Trains the rest of the current epoch, preparing batches one or two steps ahead on the prefetch thread.
     * Returns false when asked to stop mid-epoch (after writing a checkpoint at the current step), true when the
     * epoch's last step is done (its loss and time then sit in {@code run.state} for {@link #endEpoch}).
     */
    private boolean trainEpoch(LiveRun run, RunSetup s, ExecutorService prefetch) throws IOException, InterruptedException,
            ExecutionException {
        RunState st = run.state;
        int epoch = st.epoch();
        SemiMethod method = SemiMethod.of(recipe, data, s);
        int unlabeled = recipe.semi().activeAt(epoch) ? s.unlabeledBatch() : 0;
        IntFunction<Future<FixMatch.Views>> prepare = preparer(run, s, method, prefetch);
        List<Future<FixMatch.Views>> ahead = new ArrayList<>();
        for (int step = st.stepInEpoch(); step < Math.min(s.steps(), st.stepInEpoch() + PREFETCH); step++) {
            ahead.add(prepare.apply(step));
        }
        double lossSum = st.lossSum(), trainSeconds = st.trainSeconds(), dataWait = st.dataWaitSeconds();
        long globalStep = st.globalStep(), seen = st.unlabeledSeen(), used = st.unlabeledUsed();
        long rowsHere = 0; // rows trained since this call began (a resumed epoch's earlier steps ran in another process)
        long loopStart = System.nanoTime();
        try (Progress progress = cfg.listener().epochProgress()) {
            progress.start("epoch " + (epoch + 1) + "/" + recipe.budget().epochs(), s.steps());
            progress.advance(st.stepInEpoch()); // a resumed epoch starts where the checkpoint left it
            for (int step = st.stepInEpoch(); step < s.steps(); step++) {
                long w0 = System.nanoTime();
                FixMatch.Views views = ahead.remove(0).get();
                dataWait += (System.nanoTime() - w0) / 1e9;
                if (step + PREFETCH < s.steps()) {
                    ahead.add(prepare.apply(step + PREFETCH));
                }
                long t0 = System.nanoTime();
                DataSet ds = FixMatch.batch(views, method.label(run, views, globalStep), data.numClasses(), s.pre().inputSize(),
                        recipe.semi().unlabeledWeight(), recipe.optimizer().labelSmoothing());
                seen += views.u();
                used += ds.getFeatures().size(0) - views.n();
                rowsHere += ds.getFeatures().size(0);
                // Dropout draws from ND4J's global generator: seed it from the step, so a resumed run draws the same masks.
                Nd4j.getRandom().setSeed(Seeds.derive(recipe.seed(), RandomStream.DROPOUT, globalStep));
                run.net.fit(ds);
                trainSeconds += (System.nanoTime() - t0) / 1e9;
                lossSum += run.net.score();
                ds.getFeatures().close();
                ds.getLabels().close();
                globalStep++;
                if (run.lookahead != null) {
                    run.lookahead.afterStep(run.net.params(), globalStep, totalSteps(s));
                }
                progress.advance(1, stepDetail(lossSum / (step + 1), rowsHere / ((System.nanoTime() - loopStart) / 1e9),
                        unlabeled > 0 && method.keepsUnlabeledRows() ? (double) used / Math.max(1, seen) : Double.NaN,
                        st.bestValAccuracy()));
                if (stopRequested(globalStep) && step + 1 < s.steps()) {
                    run.state = st.afterSteps(step + 1, globalStep, lossSum, trainSeconds, run.totalSeconds(), seen,
                            used, dataWait);
                    files.checkpoint(run, s);
                    return false;
                }
            }
        } finally {
            ahead.forEach(f -> f.cancel(true));
        }
        run.state = st.afterSteps(s.steps(), globalStep, lossSum, trainSeconds, st.totalSeconds(), seen, used, dataWait);
        return true;
    }

    private long totalSteps(RunSetup s) {
        return (long) recipe.budget().epochs() * s.steps();
    }

    /**
     * Measures, logs, keeps the best model, and checkpoints at the end of an epoch; with lookahead, the network first
     * takes the slow weights (as airbench's does after every epoch), so they are what is measured and kept. After the
     * last epoch of a recipe that keeps its final weights, those weights are measured with the test-time views and
     * saved as the run's result.
     */
    private void endEpoch(LiveRun run, RunSetup s) throws IOException {
        RunState st = run.state;
        int epoch = st.epoch();
        if (run.lookahead != null) {
            run.lookahead.finish(run.net.params());
        }
        boolean last = epoch + 1 == recipe.budget().epochs();
        if (last && recipe.budget().keepsFinal()) {
            saveFinal(run, s, epoch + 1); // before the epoch's report, so the log's total time includes it
        }
        EpochReport report = EpochReport.measure(run, s, recipe, data, SemiMethod.of(recipe, data, s));
        run.logRows.add(report.row());
        EpochLog.write(dir.resolve("log.csv"), run.logRows);
        cfg.listener().line(report.consoleLine());
        double best = st.bestValAccuracy();
        int bestEpoch = st.bestEpoch();
        if (report.valAcc() > best) {
            best = report.valAcc();
            bestEpoch = epoch + 1;
            ModelFile.save(dir.resolve(RunFiles.BEST_MODEL), files.card(s, epoch + 1, report.valAcc()), run.net, false);
        }
        run.state = st.nextEpoch(best, bestEpoch, report.totalSeconds(), last);
        run.segmentStart = System.nanoTime();
        files.checkpoint(run, s);
    }

    /** The final weights, measured on validation as they will predict (with the recipe's test-time views). */
    private void saveFinal(LiveRun run, RunSetup s, int epochs) {
        String views = recipe.model().testViews();
        float[][] probs = Inference.probabilities(run.net, s.pre(), views, data.train(), s.split().validation(), n -> {});
        double acc = Inference.accuracy(probs, s.valLabels());
        ModelFile.save(dir.resolve(RunFiles.FINAL_MODEL), files.card(s, epochs, acc), run.net, false);
        cfg.listener().line(String.format(Locale.ROOT, "final weights (epoch %d, test views %s): val %.4f", epochs, views, acc));
    }

    private Result result(RunState s, int batch) {
        double secs = s.totalSeconds();
        return new Result(dir, dir.resolve(recipe.budget().keepsFinal() ? RunFiles.FINAL_MODEL : RunFiles.BEST_MODEL),
                s.bestValAccuracy(), s.bestEpoch(), s.epoch(), s.finished(), secs, secs > 0 ? s.globalStep() * (double) batch / secs : 0);
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
}
