package a2.bench;

import a2.backend.Backend;
import a2.backend.BackendInfo;
import a2.model.Networks;
import a2.recipe.Recipe;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.deeplearning4j.nn.conf.CNN2DFormat;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * One timed DL4J block for {@code bench/run}: builds the {@code --net}'s network (the VGG-style network of the
 * supervised recipe at the batch file's input size, or the airbench teacher's, {@link AirbenchBlock}), runs untimed
 * warm-up steps, then timed steps until both {@code --min-seconds} and {@code --min-steps} are reached, and prints one
 * {@link Block} JSON line on stdout. {@code bench/torch_block.py} is its PyTorch twin.
 *
 * <p>OpenMP reads {@code OMP_NUM_THREADS} once, when ND4J's natives load, so the caller sets it to {@code --threads}
 * in this JVM's environment (see {@code a2.cli.Launcher}); a mismatch is refused rather than measured.
 */
@Command(name = "throughput", mixinStandardHelpOptions = true,
        description = "Time one block of DL4J training or inference steps on synthetic batches; print one JSON line.")
public final class Throughput implements Callable<Integer> {
    /** The VGG-style network's recipe (the default {@code --net}). */
    public static final String RECIPE = Net.VGG.recipeName();
    /** Networks.build needs steps per epoch only for the learning-rate schedule; the recipe's 62 keeps it identical. */
    static final int STEPS_PER_EPOCH = 62;
    static final ObjectMapper JSON = new ObjectMapper();

    @Option(names = "--batches", required = true, paramLabel = "FILE", description = "Synthetic batch file (SyntheticBatches format).")
    Path batches;
    @Option(names = "--mode", required = true, description = "train or infer.")
    String mode;
    @Option(names = "--threads", required = true, description = "Native threads; OMP_NUM_THREADS must say the same.")
    int threads;
    @Option(names = "--batch", defaultValue = "64") int batch;
    @Option(names = "--warmup", defaultValue = "3", description = "Untimed steps first.") int warmup;
    @Option(names = "--min-seconds", defaultValue = "8") double minSeconds;
    @Option(names = "--min-steps", defaultValue = "5") int minSteps;
    @Option(names = "--max-steps", defaultValue = "100000") int maxSteps;
    @Option(names = "--rep", defaultValue = "0", description = "Repetition index, copied into the output.") int rep;
    @Option(names = "--format", defaultValue = "NCHW",
            description = "Activation layout: NCHW (the project's network) or NHWC (its twin, for comparison; vgg only).")
    CNN2DFormat format;
    @Option(names = "--net", defaultValue = "vgg", description = "vgg (recipe cifar10-a2-supervised), airbench "
            + "(recipe cifar10-a2-airbench-teacher, 32x32 only) or airbench-gelu (the same with the exact GELU).")
    String net;

    public static void main(String[] args) {
        System.exit(new CommandLine(new Throughput()).execute(args));
    }

    @Override
    public Integer call() throws Exception {
        requireOmpThreads(threads);
        SyntheticBatches data = SyntheticBatches.read(batches);
        Block b = run(data, Net.parse(net), Mode.parse(mode), threads, batch,
                new Timing(warmup, minSeconds, minSteps, maxSteps), rep, format);
        System.out.println(JSON.writeValueAsString(b));
        return 0;
    }

    /** Refuses to measure when OpenMP will not use the thread count the block claims. */
    static void requireOmpThreads(int threads) {
        String omp = System.getenv("OMP_NUM_THREADS");
        if (!String.valueOf(threads).equals(omp)) {
            throw new IllegalStateException("OMP_NUM_THREADS is " + omp + " but --threads is " + threads
                    + "; OpenMP reads it once at load, so set it in the environment of this JVM");
        }
    }

    /** How long a block runs: warm-up steps, then until both minimums are met, never beyond {@code maxSteps}. */
    public record Timing(int warmup, double minSeconds, int minSteps, int maxSteps) {
        public Timing {
            if (warmup < 0 || minSteps < 1 || maxSteps < minSteps || minSeconds < 0) {
                throw new IllegalArgumentException("bad timing: warmup=" + warmup + " minSeconds=" + minSeconds
                        + " minSteps=" + minSteps + " maxSteps=" + maxSteps);
            }
        }

        /** Runs {@code step} (argument: the step index); the wall seconds of each timed step and their GC time. */
        public Timed time(java.util.function.IntConsumer step) {
            for (int i = 0; i < warmup; i++) {
                step.accept(i);
            }
            long gc0 = gcMillis();
            List<Double> times = new ArrayList<>();
            double total = 0;
            for (int i = 0; i < maxSteps && (i < minSteps || total < minSeconds); i++) {
                long t0 = System.nanoTime();
                step.accept(warmup + i);
                double s = (System.nanoTime() - t0) / 1e9;
                times.add(s);
                total += s;
            }
            return new Timed(times.stream().mapToDouble(Double::doubleValue).toArray(), (gcMillis() - gc0) / 1e3);
        }
    }

    /** @param stepSeconds wall time of each timed step */
    public record Timed(double[] stepSeconds, double gcSeconds) {
        public double seconds() {
            return java.util.Arrays.stream(stepSeconds).sum();
        }

        public double medianMs() {
            return Stats.median(stepSeconds) * 1e3;
        }
    }

    /** The recipe with another input side (the network is fully convolutional up to global average pooling). */
    public static Recipe atInputSize(Recipe r, int side) {
        Recipe.Data d = r.data();
        return new Recipe(r.name(), r.version(), r.description(),
                new Recipe.Data(d.dataset(), side, d.validationPerClass(), d.splitSeed()),
                r.augment(), r.model(), r.optimizer(), r.semi(), r.budget(), r.seed());
    }

    /** Starts the backend (if not yet), builds the VGG-style network and times one block. */
    public static Block run(SyntheticBatches data, Mode mode, int threads, int batch, Timing timing, int rep,
                            CNN2DFormat format) {
        return run(data, Net.VGG, mode, threads, batch, timing, rep, format);
    }

    /** Starts the backend (if not yet), builds {@code which} network for the batch file and times one block. */
    public static Block run(SyntheticBatches data, Net which, Mode mode, int threads, int batch, Timing timing, int rep,
                            CNN2DFormat format) {
        BackendInfo backend = Backend.start(threads);
        MultiLayerNetwork net = network(which, data, format);
        List<DataSet> sets = dataSets(data, batch, format);
        Timed t = timing.time(step(net, sets, mode));
        int steps = t.stepSeconds().length;
        String variant = (backend.oneDnn() ? "helpers" : "no-helpers") + (format == CNN2DFormat.NHWC ? "-nhwc" : "")
                + (forwardCache() ? "" : "-no-ff-cache") + (fused() ? "-fused" : "");
        return new Block(Block.DL4J, variant, data.side(), mode.id(), batch, threads,
                rep, timing.warmup(), steps, t.seconds(), steps * (double) batch / t.seconds(), t.medianMs(),
                t.gcSeconds(), backend.nativeBuild());
    }

    /**
     * Set to false ({@code -Da2.bench.ffCache=false}, bench/run's {@code no-ff-cache} variant) to measure the network
     * as DL4J builds it by default, recomputing each convolution's forward pass in backprop: the "before" of
     * {@code Networks}' cache mode.
     */
    static final String FF_CACHE_PROPERTY = "a2.bench.ffCache";

    static boolean forwardCache() {
        return !"false".equals(System.getProperty(FF_CACHE_PROPERTY));
    }

    /**
     * Set to true ({@code -Da2.bench.fused=true}, bench/run's {@code fused} variant) to measure the recipe's network
     * with batch norm + ReLU as one oneDNN layer in NHWC ({@code model.fusedBatchNormRelu}).
     */
    static final String FUSED_PROPERTY = "a2.bench.fused";

    static boolean fused() {
        return "true".equals(System.getProperty(FUSED_PROPERTY));
    }

    /**
     * {@code which} network for the batch file's images. The airbench network has no variants: it already runs in
     * NHWC on oneDNN inside (its recipe sets {@code fusedBatchNormRelu}), and it has no cache mode to switch off (its
     * convolutions keep nothing to recompute: see {@code OneDnnConvolutionLayer}).
     */
    static MultiLayerNetwork network(Net which, SyntheticBatches data, CNN2DFormat format) {
        if (which == Net.VGG) {
            return network(data.side(), data.classes(), format);
        }
        if (format != CNN2DFormat.NCHW || fused() || !forwardCache()) {
            throw new IllegalArgumentException("the airbench network is timed as the project builds it: no NHWC twin, "
                    + "no -D" + FUSED_PROPERTY + ", no -D" + FF_CACHE_PROPERTY + " (it runs in NHWC on oneDNN already)");
        }
        return AirbenchBlock.network(which, data);
    }

    /** The VGG-style recipe's network at input side {@code side}, in the given activation layout. */
    public static MultiLayerNetwork network(int side, int classes, CNN2DFormat format) {
        Recipe recipe = atInputSize(Recipe.load(RECIPE), side);
        recipe = fused() ? recipe.withModel(recipe.model().fused()) : recipe;
        MultiLayerNetwork net = Networks.build(recipe, classes, STEPS_PER_EPOCH);
        net = forwardCache() ? net : Networks.withoutForwardCache(net);
        return format == CNN2DFormat.NHWC ? nhwcTwin(net) : net;
    }

    /**
     * The same network with channels-last activations, the layout oneDNN computes in natively, built from the
     * original's configuration so that {@code a2.model.Networks} stays the one definition: every layer's
     * {@code cnn2dDataFormat} becomes NHWC and global average pooling averages over dimensions 1, 2 (H, W in
     * NHWC) instead of 2, 3. Weights keep their shape; given the original's parameters, the twin computes the same
     * outputs (ThroughputTest checks it).
     */
    public static MultiLayerNetwork nhwcTwin(MultiLayerNetwork net) {
        String json = net.getLayerWiseConfigurations().toJson();
        String nhwc = json.replace("\"NCHW\"", "\"NHWC\"")
                .replace("\"poolingDimensions\" : [ 2, 3 ]", "\"poolingDimensions\" : [ 1, 2 ]");
        if (nhwc.equals(json) || !json.contains("\"poolingDimensions\" : [ 2, 3 ]")) {
            throw new IllegalStateException("the network's configuration no longer has the expected NCHW fields");
        }
        return Networks.twin(net, conf -> MultiLayerConfiguration.fromJson(nhwc));
    }

    /**
     * One step: an optimizer step as the trainer takes it ({@code fit}), or an inference forward as prediction does.
     * The block's labels are one-hot; the airbench recipe trains on labels smoothed by 0.2 (the trainer writes
     * {@code (1 - s) y + s / k} into the label array, {@code a2.train.FixMatch.batch}), and PyTorch's twin passes
     * {@code label_smoothing=0.2} to its loss: the same softmax cross-entropy and gradient {@code p - y} either way, so
     * the numbers in the label array change, not the work. Prediction of the airbench recipe averages two forward
     * passes (the image and its mirror, {@code testViews: mirror}); a block times one, as PyTorch's twin does.
     */
    static java.util.function.IntConsumer step(MultiLayerNetwork net, List<DataSet> sets, Mode mode) {
        return mode == Mode.TRAIN
                ? i -> net.fit(sets.get(i % sets.size()))
                : i -> net.output(sets.get(i % sets.size()).getFeatures(), false).close();
    }

    /** The file's whole batches as DataSets, created once so that building them is never timed. */
    static List<DataSet> dataSets(SyntheticBatches data, int batch, CNN2DFormat format) {
        int n = data.batches(batch), side = data.side();
        List<DataSet> sets = new ArrayList<>(n);
        for (int b = 0; b < n; b++) {
            INDArray x = Nd4j.create(data.batchPixels(b, batch), new long[] {batch, 3, side, side}, 'c');
            if (format == CNN2DFormat.NHWC) {
                x = x.permute(0, 2, 3, 1).dup('c');
            }
            INDArray y = Nd4j.create(data.batchOneHot(b, batch), new long[] {batch, data.classes()}, 'c');
            sets.add(new DataSet(x, y));
        }
        return sets;
    }

    /** Cumulative JVM collection time so far; callers take differences. */
    static long gcMillis() {
        long ms = 0;
        for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
            ms += Math.max(0, gc.getCollectionTime());
        }
        return ms;
    }
}
