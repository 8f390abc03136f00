package a2.train;

import a2.augment.Augmenter;
import a2.backend.BackendInfo;
import a2.data.Dataset;
import a2.data.Split;
import a2.io.AtomicFiles;
import a2.io.InvalidInputException;
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
import java.util.ArrayList;
import java.util.List;
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
 * Runs one recipe: supervised steps, and from {@code semi.startEpoch} on, self-training with confidence-filtered,
 * class-balanced pseudo-labels. Every step's batch, augmentation and dropout mask are functions of (seed, epoch,
 * step), so a run resumed from any checkpoint ends with the weights of an uninterrupted one.
 */
public final class Trainer {
    private static final Logger log = LoggerFactory.getLogger(Trainer.class);
    /** Training accuracy is measured on this many fixed training images, without augmentation. */
    static final int TRAIN_EVAL_IMAGES = 1000;
    /** The log's columns. */
    static final String[] LOG_HEADER = {"epoch", "steps", "lr", "train_loss", "train_acc", "val_acc", "images_per_s",
            "mask_rate", "pseudo_acc_val", "pseudo_rate_val", "epoch_seconds", "total_seconds"};

    /**
     * @param stopAfterSteps  stop (with a checkpoint, as on Ctrl-C) after this many global steps; 0 = never. For tests.
     */
    public record Config(Recipe recipe, Dataset data, Path runDir, Path projectDir, BackendInfo backend, boolean resume,
                         List<String> commandLine, PrintStream err, boolean showProgress, long stopAfterSteps) {}

    /** What a run produced. */
    public record Result(Path runDir, Path bestModel, double bestValAccuracy, int bestEpoch, int epochsDone,
                         boolean finished, double trainSeconds, double imagesPerSecond) {}

    private final Config cfg;
    private final Recipe recipe;
    private final AtomicBoolean stopRequested = new AtomicBoolean();

    public Trainer(Config cfg) {
        this.cfg = cfg;
        this.recipe = cfg.recipe();
    }

    /** Asks a running {@link #run} to checkpoint at the end of the current step and return (Ctrl-C). */
    public void requestStop() {
        stopRequested.set(true);
    }

    public Result run() {
        Dataset data = cfg.data();
        if (!data.name().equals(recipe.data().dataset())) {
            throw new InvalidInputException("recipe " + recipe.name() + " is for dataset '" + recipe.data().dataset()
                    + "' but the data given is '" + data.name() + "'");
        }
        int k = data.numClasses();
        Split split = Split.stratified(data.trainLabels(), k, recipe.data().validationPerClass(), recipe.data().splitSeed());
        int side = recipe.data().inputSize();
        Preprocessing pre = Preprocessing.fit(data.train(), split.train(), side);
        int batch = recipe.optimizer().batchSize();
        int steps = recipe.budget().stepsPerEpoch() > 0 ? recipe.budget().stepsPerEpoch() : split.train().length / batch;
        if (steps < 1) {
            throw new InvalidInputException("the training split holds " + split.train().length + " images, fewer than one batch of " + batch);
        }
        int pseudoPerBatch = recipe.semi().enabled() ? (int) Math.round(batch * recipe.semi().unlabeledFraction()) : 0;
        int[] valLabels = pick(data.trainLabels(), split.validation());
        int[] trainEval = every(split.train(), TRAIN_EVAL_IMAGES);
        int[] trainEvalLabels = pick(data.trainLabels(), trainEval);

        Path dir = cfg.runDir();
        Path statePath = dir.resolve("state.json");
        MultiLayerNetwork net;
        RunState state;
        PseudoLabels pseudo = null;
        List<String[]> logRows = new ArrayList<>();
        Map<String, String> provenance;
        try {
            Files.createDirectories(dir);
            if (cfg.resume() && Files.exists(statePath)) {
                state = ModelFile.JSON.readValue(statePath.toFile(), RunState.class);
                net = ModelFile.load(dir.resolve(state.checkpoint()), true).network();
                if (!state.pseudoLabels().isEmpty()) {
                    pseudo = PseudoLabels.fromBytes(Files.readAllBytes(dir.resolve(state.pseudoLabels())));
                }
                logRows.addAll(EpochLog.read(dir.resolve("log.csv")));
                int doneEpochs = state.epoch();
                logRows.removeIf(r -> Integer.parseInt(r[0]) > doneEpochs);
                log.info("resuming {} at epoch {} step {} (global step {})", dir, state.epoch() + 1, state.stepInEpoch(), state.globalStep());
                if (state.finished()) {
                    return result(state, dir, steps, batch);
                }
            } else {
                if (Files.exists(statePath)) {
                    throw new InvalidInputException(dir + " already holds a run; pass --resume to continue it, or choose another --run");
                }
                net = Networks.build(recipe, k, steps);
                state = new RunState(0, 0, 0, "", "", -1, 0, 0, 0, 0, false);
                AtomicFiles.writeString(dir.resolve("recipe.json"), recipe.toJson());
                AtomicFiles.writeString(dir.resolve("split.txt"), "seed=" + split.seed() + " validationPerClass="
                        + split.validationPerClass() + " fingerprint=" + split.fingerprint() + "\nvalidation="
                        + java.util.Arrays.toString(split.validation()) + "\n");
            }
            Files.writeString(dir.resolve("command.txt"), String.join(" ", cfg.commandLine()) + "\n",
                    java.nio.file.StandardOpenOption.CREATE, java.nio.file.StandardOpenOption.APPEND);
            provenance = new TreeMap<>(Provenance.collect(cfg.projectDir(), cfg.backend(), data.checksums()));
            provenance.put("seed", String.valueOf(recipe.seed()));
            provenance.put("recipe", recipe.name() + " v" + recipe.version());
            provenance.put("split", split.fingerprint());
            AtomicFiles.writeBytes(dir.resolve("provenance.json"), ModelFile.JSON.writeValueAsBytes(provenance));
        } catch (IOException e) {
            throw new UncheckedIOException("run folder " + dir + ": " + e.getMessage(), e);
        }

        Augmenter augmenter = new Augmenter(recipe.augment());
        float[] fill = pre.mean().clone(); // cutout erases to the mean colour: zero after standardisation
        CountDownLatch saved = new CountDownLatch(1);
        Thread hook = new Thread(() -> {
            stopRequested.set(true);
            try {
                saved.await(120, TimeUnit.SECONDS);
            } catch (InterruptedException ignored) {
                Thread.currentThread().interrupt();
            }
        }, "checkpoint-on-exit");
        Runtime.getRuntime().addShutdownHook(hook);
        ExecutorService prefetch = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "batch-prefetch");
            t.setDaemon(true);
            return t;
        });
        long runStart = System.nanoTime();
        try {
            for (int epoch = state.epoch(); epoch < recipe.budget().epochs(); epoch++) {
                double[] val = null;
                if (recipe.semi().refreshAt(epoch) && state.stepInEpoch() == 0) {
                    long t0 = System.nanoTime();
                    float[][] probs = Inference.probabilities(net, pre, data.unlabeled(), Inference.all(data.unlabeled().count()), n -> {});
                    pseudo = PseudoLabels.of(probs);
                    String file = "pseudo-e" + (epoch + 1) + ".bin";
                    AtomicFiles.writeBytes(dir.resolve(file), pseudo.toBytes());
                    deleteOthers(dir, "pseudo-e", file);
                    state = withPseudo(state, file);
                    AtomicFiles.writeBytes(statePath, ModelFile.JSON.writeValueAsBytes(state));
                    log.info("epoch {}: pseudo-labeled {} images in {} s, mask rate {}", epoch + 1, probs.length,
                            Math.round((System.nanoTime() - t0) / 1e9), String.format("%.3f", pseudo.maskRate(recipe.semi().threshold())));
                }
                int[][] confident = recipe.semi().activeAt(epoch) && pseudo != null
                        ? pseudo.confidentByClass(recipe.semi().threshold(), k) : null;
                BatchPlan.Step[] plan = BatchPlan.plan(recipe.seed(), epoch, split.train(), steps, batch,
                        confident == null ? 0 : pseudoPerBatch, confident);
                final int ep = epoch;
                final PseudoLabels pl = pseudo;
                Progress progress = cfg.showProgress()
                        ? Progress.of("epoch " + (epoch + 1) + "/" + recipe.budget().epochs(), steps, "step", cfg.err())
                        : Progress.silent();
                double lossSum = state.lossSum(), trainSeconds = state.trainSeconds();
                List<Future<DataSet>> ahead = new ArrayList<>();
                for (int s = state.stepInEpoch(); s < Math.min(steps, state.stepInEpoch() + 2); s++) {
                    final int step = s;
                    ahead.add(prefetch.submit(() -> makeBatch(data, pl, plan[step], pre, augmenter, fill, ep, step, k)));
                }
                int s = state.stepInEpoch();
                long globalStep = state.globalStep();
                for (; s < steps; s++) {
                    DataSet ds = ahead.remove(0).get();
                    if (s + 2 < steps) {
                        final int step = s + 2;
                        ahead.add(prefetch.submit(() -> makeBatch(data, pl, plan[step], pre, augmenter, fill, ep, step, k)));
                    }
                    long t0 = System.nanoTime();
                    Nd4j.getRandom().setSeed(Seeds.derive(recipe.seed(), Seeds.DROPOUT, globalStep));
                    net.fit(ds);
                    trainSeconds += (System.nanoTime() - t0) / 1e9;
                    lossSum += net.score();
                    ds.getFeatures().close();
                    ds.getLabels().close();
                    globalStep++;
                    progress.update(s + 1, String.format("loss %.3f", lossSum / (s + 1)));
                    boolean stopNow = stopRequested.get() || (cfg.stopAfterSteps() > 0 && globalStep >= cfg.stopAfterSteps());
                    if (stopNow && s + 1 < steps) {
                        state = new RunState(epoch, s + 1, globalStep, state.checkpoint(), state.pseudoLabels(),
                                state.bestValAccuracy(), state.bestEpoch(), lossSum, trainSeconds,
                                state.totalSeconds() + (System.nanoTime() - runStart) / 1e9, false);
                        state = checkpoint(net, pre, split, provenance, state, dir, statePath);
                        log.info("stopped at epoch {} step {}; resume with --resume", epoch + 1, s + 1);
                        return result(state, dir, steps, batch);
                    }
                }
                progress.close();
                for (Future<DataSet> f : ahead) {
                    f.cancel(true);
                }
                // End of epoch: measure, log, checkpoint, keep the best.
                float[][] valProbs = Inference.probabilities(net, pre, data.train(), split.validation(), n -> {});
                double valAcc = Inference.accuracy(valProbs, valLabels);
                double trainAcc = Inference.accuracy(Inference.probabilities(net, pre, data.train(), trainEval, n -> {}), trainEvalLabels);
                double lr = net.getLearningRate(0) == null ? Double.NaN : net.getLearningRate(0);
                String maskRate = "", pseudoAcc = "", pseudoRate = "";
                if (recipe.semi().activeAt(epoch) && pseudo != null) {
                    double th = recipe.semi().threshold();
                    maskRate = fmt(pseudo.maskRate(th));
                    PseudoLabels onVal = PseudoLabels.of(valProbs);
                    int passed = 0, right = 0;
                    for (int i = 0; i < valLabels.length; i++) {
                        if (onVal.confidence()[i] >= th) {
                            passed++;
                            right += onVal.labels()[i] == valLabels[i] ? 1 : 0;
                        }
                    }
                    pseudoAcc = passed == 0 ? "" : fmt((double) right / passed);
                    pseudoRate = fmt((double) passed / valLabels.length);
                }
                double total = state.totalSeconds() + (System.nanoTime() - runStart) / 1e9;
                logRows.add(new String[] {String.valueOf(epoch + 1), String.valueOf(globalStep), String.format("%.6f", lr),
                        fmt(lossSum / steps), fmt(trainAcc), fmt(valAcc), String.format("%.1f", steps * (double) batch / trainSeconds),
                        maskRate, pseudoAcc, pseudoRate, String.format("%.1f", trainSeconds), String.format("%.1f", total)});
                EpochLog.write(dir.resolve("log.csv"), LOG_HEADER, logRows);
                cfg.err().printf("epoch %d/%d  loss %.4f  train %.4f  val %.4f  %.0f img/s%s%n", epoch + 1,
                        recipe.budget().epochs(), lossSum / steps, trainAcc, valAcc, steps * (double) batch / trainSeconds,
                        maskRate.isEmpty() ? "" : "  mask " + maskRate + "  pseudo-acc(val) " + pseudoAcc);
                double best = state.bestValAccuracy();
                int bestEpoch = state.bestEpoch();
                if (valAcc > best) {
                    best = valAcc;
                    bestEpoch = epoch + 1;
                    ModelFile.save(dir.resolve("best.a2model"), card(pre, split, provenance, epoch + 1, valAcc), net, false);
                }
                boolean finished = epoch + 1 == recipe.budget().epochs();
                state = new RunState(epoch + 1, 0, globalStep, state.checkpoint(), state.pseudoLabels(), best, bestEpoch,
                        0, 0, total, finished);
                runStart = System.nanoTime();
                state = checkpoint(net, pre, split, provenance, state, dir, statePath);
                if (stopRequested.get() || (cfg.stopAfterSteps() > 0 && globalStep >= cfg.stopAfterSteps())) {
                    return result(state, dir, steps, batch);
                }
            }
            return result(state, dir, steps, batch);
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
            } catch (IllegalStateException shuttingDown) {
                // The JVM is already exiting (Ctrl-C); the hook is waiting for the latch just released.
            }
        }
    }

    private Result result(RunState s, Path dir, int steps, int batch) {
        double secs = s.totalSeconds();
        return new Result(dir, dir.resolve("best.a2model"), s.bestValAccuracy(), s.bestEpoch(), s.epoch(), s.finished(),
                secs, secs > 0 ? s.globalStep() * (double) batch / secs : 0);
    }

    private static RunState withPseudo(RunState s, String file) {
        return new RunState(s.epoch(), s.stepInEpoch(), s.globalStep(), s.checkpoint(), file, s.bestValAccuracy(),
                s.bestEpoch(), s.lossSum(), s.trainSeconds(), s.totalSeconds(), s.finished());
    }

    private RunState checkpoint(MultiLayerNetwork net, Preprocessing pre, Split split, Map<String, String> provenance,
                                RunState s, Path dir, Path statePath) throws IOException {
        String file = "checkpoint-s" + s.globalStep() + ".a2model";
        ModelFile.save(dir.resolve(file), card(pre, split, provenance, s.epoch(), s.bestValAccuracy()), net, true);
        RunState next = new RunState(s.epoch(), s.stepInEpoch(), s.globalStep(), file, s.pseudoLabels(), s.bestValAccuracy(),
                s.bestEpoch(), s.lossSum(), s.trainSeconds(), s.totalSeconds(), s.finished());
        AtomicFiles.writeBytes(statePath, ModelFile.JSON.writeValueAsBytes(next));
        deleteOthers(dir, "checkpoint-s", file);
        return next;
    }

    private ModelCard card(Preprocessing pre, Split split, Map<String, String> provenance, int epoch, double valAcc) {
        return new ModelCard(ModelCard.FORMAT, recipe, cfg.data().name(), cfg.data().classNames(), pre, split.fingerprint(),
                epoch, valAcc, provenance);
    }

    private static void deleteOthers(Path dir, String prefix, String keep) throws IOException {
        try (var files = Files.list(dir)) {
            for (Path p : (Iterable<Path>) files::iterator) {
                String n = p.getFileName().toString();
                if (n.startsWith(prefix) && !n.equals(keep)) {
                    Files.deleteIfExists(p);
                }
            }
        }
    }

    /** The batch of one step: augmented, standardised images and one-hot labels (true or pseudo). */
    private DataSet makeBatch(Dataset data, PseudoLabels pseudo, BatchPlan.Step step, Preprocessing pre, Augmenter aug,
                              float[] fill, int epoch, int stepIndex, int k) {
        int side = pre.inputSize(), per = 3 * side * side;
        int n = step.labeled().length + step.pseudo().length;
        float[] x = new float[n * per];
        float[] y = new float[n * k];
        float[] scratch = new float[per];
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
        INDArray features = Nd4j.create(x, new long[] {n, 3, side, side}, 'c');
        INDArray labels = Nd4j.create(y, new long[] {n, k}, 'c');
        return new DataSet(features, labels);
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

    private static String fmt(double v) {
        return String.format(java.util.Locale.ROOT, "%.4f", v);
    }
}
