package a2.bench;

import a2.augment.Augmenter;
import a2.backend.Backend;
import a2.backend.BackendInfo;
import a2.data.ArrayImages;
import a2.model.Preprocessing;
import a2.recipe.Recipe;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.nio.file.Path;
import java.util.SplittableRandom;
import java.util.concurrent.Callable;
import java.util.stream.IntStream;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.api.layers.IOutputLayer;
import org.deeplearning4j.nn.conf.CNN2DFormat;
import org.deeplearning4j.nn.conf.InputPreProcessor;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.profiler.OpProfiler;
import org.nd4j.linalg.profiler.ProfilerConfig;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Where a DL4J training step of the {@code --net}'s network spends its time (the VGG-style network of the supervised
 * recipe, or the airbench teacher's, built as {@link AirbenchBlock} builds it for {@code bench/run --net airbench}): each layer's forward and backward, DL4J's
 * own forward+backward ({@code computeGradientAndScore}) and the whole {@code fit} step (the difference is the
 * updater and bookkeeping), and the trainer's batch preparation (augment + standardise, {@code StepBatches.views})
 * against the step. DL4J only; whether the oneDNN helpers are on is this JVM's
 * {@code -Dorg.eclipse.deeplearning4j.helpers.disable}.
 */
@Command(name = "profile", mixinStandardHelpOptions = true, description = "Per-layer DL4J timing of the recipe's network.")
public final class Profile implements Callable<Integer> {
    @Option(names = "--size", defaultValue = "32") int size;
    @Option(names = "--net", defaultValue = "vgg", description = "vgg (recipe cifar10-a2-supervised) or airbench "
            + "(recipe cifar10-a2-airbench-teacher: 32x32, NCHW only).")
    String net;
    @Option(names = "--batch", description = "Batch size (default 64; airbench 256, its recipe's).") Integer batch;
    @Option(names = "--batches", paramLabel = "FILE", description = "airbench: the synthetic batch file whose images "
            + "the whitening is fitted on, as bench/run's compare blocks fit it (default: the same file, generated).")
    Path batches;
    @Option(names = "--threads", required = true) int threads;
    @Option(names = "--warmup", defaultValue = "3") int warmup;
    @Option(names = "--steps", defaultValue = "10", description = "Timed repetitions of each measurement.") int steps;
    @Option(names = "--format", defaultValue = "NCHW", description = "NCHW (the project's network) or NHWC (its twin).")
    CNN2DFormat format;

    public static void main(String[] args) {
        System.exit(new CommandLine(new Profile()).execute(args));
    }

    /**
     * Median milliseconds of one layer's forward and backward; {@code kind} is {@code type}, with the activation
     * function for an {@code ActivationLayer} (GELU and airbench's logit scale are both ActivationLayers).
     */
    public record LayerTime(String name, String type, String kind, double forwardMs, double backwardMs, long convForwardFlops) {}

    /**
     * @param pipelineMs augment + standardise + INDArray creation of one batch, on one Java thread
     * @param opCensus   ND4J's {@code OpProfiler}: native ops invoked during {@code censusSteps} fit steps (counts),
     *                   and the time of the calls slow enough for it to record, per op
     */
    public record Result(BackendInfo backend, CNN2DFormat format, int size, int batch, List<LayerTime> layers, double fitMs,
                         double gradientMs, double outputMs, double pipelineMs, int censusSteps, String opCensus, Net net) {}

    /** bench/run's batch file for the airbench compare blocks: {@code SyntheticBatches FILE 32 256 1008}. */
    static final int AIRBENCH_FILE_IMAGES = 256;
    static final long AIRBENCH_FILE_SEED = 1008;

    @Override
    public Integer call() throws java.io.IOException {
        Throughput.requireOmpThreads(threads);
        Net which = Net.parse(net);
        if (which == Net.VGG) {
            if (batches != null) {
                throw new IllegalArgumentException("--batches is for --net airbench (its whitening's fit)");
            }
            System.out.print(format(run(size, batch == null ? 64 : batch, threads, warmup, steps, format)));
        } else {
            int b = batch == null ? which.recipe().optimizer().batchSize() : batch;
            SyntheticBatches data = batches == null ? airbenchData(size, b) : SyntheticBatches.read(batches);
            System.out.print(format(runAirbench(which, data, b, threads, warmup, steps, format)));
        }
        return 0;
    }

    /** The VGG-style network at input side {@code size}, in {@code format}, on {@code 2 batch} random images. */
    public static Result run(int size, int batch, int threads, int warmup, int steps, CNN2DFormat format) {
        BackendInfo backend = Backend.start(threads);
        Recipe recipe = Throughput.atInputSize(Recipe.load(Throughput.RECIPE), size);
        MultiLayerNetwork net = Throughput.network(size, 10, format);
        SyntheticBatches data = SyntheticBatches.random(2 * batch, size, 10, recipe.seed());
        return run(backend, Net.VGG, recipe, net, data, batch, warmup, steps, format);
    }

    /** The file bench/run writes for the airbench blocks (at least one batch of images), at side {@code size}. */
    static SyntheticBatches airbenchData(int size, int batch) {
        return SyntheticBatches.random(Math.max(AIRBENCH_FILE_IMAGES, batch), size, 10, AIRBENCH_FILE_SEED);
    }

    /**
     * The airbench teacher's network as {@code bench/run --net airbench} times it ({@link AirbenchBlock}: the recipe's
     * {@code Networks.build}, its whitening fitted on {@code data}'s images), fed NCHW batches of {@code data}.
     */
    public static Result runAirbench(Net which, SyntheticBatches data, int batch, int threads, int warmup, int steps,
                                     CNN2DFormat format) {
        if (format != CNN2DFormat.NCHW) {
            throw new IllegalArgumentException("--net airbench is profiled as the project builds it, fed NCHW (it turns "
                    + "to NHWC inside, on oneDNN); it has no " + format + " twin: drop --format " + format);
        }
        BackendInfo backend = Backend.start(threads);
        MultiLayerNetwork net = Throughput.network(which, data, format);
        return run(backend, which, which.recipe(), net, data, batch, warmup, steps, format);
    }

    static Result run(BackendInfo backend, Net which, Recipe recipe, MultiLayerNetwork net, SyntheticBatches data,
                      int batch, int warmup, int steps, CNN2DFormat format) {
        int size = data.side();
        List<DataSet> sets = Throughput.dataSets(data, batch, format);
        Throughput.Timing timing = new Throughput.Timing(warmup, 0, steps, steps);

        List<LayerTime> layers = perLayer(net, sets.get(0), recipe, warmup, steps);
        double fit = timing.time(Throughput.step(net, sets, Mode.TRAIN)).medianMs();
        double gradient = timing.time(i -> {
            DataSet ds = sets.get(i % sets.size());
            net.setInput(ds.getFeatures());
            net.setLabels(ds.getLabels());
            net.computeGradientAndScore();
        }).medianMs();
        double output = timing.time(Throughput.step(net, sets, Mode.INFER)).medianMs();
        double pipeline = pipelineMs(recipe, size, batch, warmup, steps);
        int censusSteps = Math.min(steps, 3);
        String census = opCensus(net, sets, censusSteps);
        return new Result(backend, format, size, batch, layers, fit, gradient, output, pipeline, censusSteps, census, which);
    }

    /**
     * Counts the native ops of {@code steps} fit steps with ND4J's profiler (last, because profiling slows every op
     * down). The count shows what a layer really computes: e.g. how many {@code conv2d} calls a step makes for
     * the network's six convolution layers.
     */
    static String opCensus(MultiLayerNetwork net, List<DataSet> sets, int steps) {
        OpProfiler profiler = OpProfiler.getInstance();
        Nd4j.getExecutioner().setProfilingConfig(ProfilerConfig.builder().checkElapsedTime(true).build());
        profiler.reset();
        for (int i = 0; i < steps; i++) {
            net.fit(sets.get(i % sets.size()));
        }
        String counts = profiler.getOpCounter().asString();
        String times = profiler.getLongAggergator().asString();
        Nd4j.getExecutioner().setProfilingConfig(ProfilerConfig.builder().build());
        return "op counts:\n" + counts + "\ntimes of the slowest calls, per op:\n" + times;
    }

    /**
     * Runs the layers one by one as {@code MultiLayerNetwork} does (input pre-processors included), in training
     * mode, without workspaces, and times each layer's {@code activate} and {@code backpropGradient}.
     */
    static List<LayerTime> perLayer(MultiLayerNetwork net, DataSet ds, Recipe recipe, int warmup, int steps) {
        net.initGradientsView(); // fit does this lazily; the layers' backprop writes into these views
        Layer[] layers = net.getLayers();
        int n = layers.length;
        LayerWorkspaceMgr mgr = LayerWorkspaceMgr.noWorkspaces();
        double[][] fwd = new double[n][steps], bwd = new double[n][steps];
        long batch = ds.getFeatures().size(0);
        for (int it = 0; it < warmup + steps; it++) {
            int t = it - warmup;
            INDArray x = ds.getFeatures();
            for (int i = 0; i < n; i++) {
                InputPreProcessor pp = net.getLayerWiseConfigurations().getInputPreProcess(i);
                if (pp != null) {
                    x = pp.preProcess(x, (int) batch, mgr);
                }
                long t0 = System.nanoTime();
                x = layers[i].activate(x, true, mgr);
                if (t >= 0) {
                    fwd[i][t] = (System.nanoTime() - t0) / 1e6;
                }
            }
            ((IOutputLayer) layers[n - 1]).setLabels(ds.getLabels());
            INDArray eps = null;
            for (int i = n - 1; i >= 0; i--) {
                long t0 = System.nanoTime();
                Pair<Gradient, INDArray> p = layers[i].backpropGradient(eps, mgr);
                if (t >= 0) {
                    bwd[i][t] = (System.nanoTime() - t0) / 1e6;
                }
                eps = p.getSecond();
                InputPreProcessor pp = net.getLayerWiseConfigurations().getInputPreProcess(i);
                if (pp != null && i > 0) {
                    eps = pp.backprop(eps, (int) batch, mgr);
                }
            }
        }
        Map<String, Long> convFlops = new LinkedHashMap<>();
        ConvFlops.convolutions(recipe.model(), recipe.data().inputSize()).forEach(c -> convFlops.put(c.name(), c.forwardFlops()));
        List<LayerTime> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            String name = layers[i].conf().getLayer().getLayerName();
            String type = layers[i].getClass().getSimpleName();
            String kind = layers[i].conf().getLayer() instanceof org.deeplearning4j.nn.conf.layers.ActivationLayer a
                    ? type + " " + a.getActivationFn() : type;
            out.add(new LayerTime(name, type, kind, Stats.median(fwd[i]), Stats.median(bwd[i]),
                    convFlops.getOrDefault(name, 0L)));
        }
        return out;
    }

    /**
     * What the trainer's prefetch thread does for one batch ({@code StepBatches.views}, labeled images only):
     * read and convert each image, augment it with the recipe's augmentation, standardise it, then create the
     * feature and label arrays. Source images are random bytes at the input size (CIFAR at 32, STL-10 at 96: no
     * resize).
     */
    static double pipelineMs(Recipe recipe, int side, int batch, int warmup, int steps) {
        int count = 4 * batch, per = 3 * side * side, k = 10;
        byte[] px = new byte[count * per];
        SplittableRandom bytes = new SplittableRandom(recipe.seed());
        for (int i = 0; i < px.length; i++) {
            px[i] = (byte) bytes.nextInt(256);
        }
        ArrayImages images = new ArrayImages(px, count, side, side);
        int[] labels = IntStream.range(0, count).map(i -> i % k).toArray();
        Preprocessing pre = Preprocessing.fit(images, IntStream.range(0, count).toArray(), side);
        Augmenter aug = new Augmenter(recipe.augment());
        float[] fill = pre.mean().clone();
        return new Throughput.Timing(warmup, 0, steps, steps).time(step -> {
            float[] x = new float[batch * per], y = new float[batch * k], scratch = new float[per];
            SplittableRandom rng = new SplittableRandom(step);
            byte[] raw = new byte[images.bytesPerImage()];
            for (int i = 0; i < batch; i++) {
                int idx = (step * batch + i) % count;
                float[] img = pre.pixels(images, idx, raw);
                aug.apply(img, scratch, side, rng, fill);
                pre.standardize(img, x, i * per);
                y[i * k + labels[idx]] = 1f;
            }
            INDArray f = Nd4j.create(x, new long[] {batch, 3, side, side}, 'c');
            INDArray l = Nd4j.create(y, new long[] {batch, k}, 'c');
            f.close();
            l.close();
        }).medianMs();
    }

    /**
     * The per-layer sum by layer kind (convolution, batch norm, GELU, pooling, ...): milliseconds and shares of the
     * per-layer sum and of the fit step.
     */
    static String byKind(Result r, double sum) {
        Map<String, double[]> kinds = new LinkedHashMap<>();
        for (LayerTime l : r.layers()) {
            double[] k = kinds.computeIfAbsent(l.kind(), x -> new double[3]);
            k[0] += l.forwardMs();
            k[1] += l.backwardMs();
            k[2]++;
        }
        StringBuilder sb = new StringBuilder(String.format(Locale.ROOT, "%nby layer kind%n%-40s %6s %9s %9s %9s %8s %8s%n",
                "kind", "layers", "fwd ms", "bwd ms", "sum ms", "% sum", "% fit"));
        kinds.entrySet().stream().sorted((a, b) -> Double.compare(b.getValue()[0] + b.getValue()[1], a.getValue()[0] + a.getValue()[1]))
                .forEach(e -> {
                    double[] k = e.getValue();
                    sb.append(String.format(Locale.ROOT, "%-40s %6d %9.2f %9.2f %9.2f %7.1f%% %7.1f%%%n", e.getKey(), (int) k[2],
                            k[0], k[1], k[0] + k[1], 100 * (k[0] + k[1]) / sum, 100 * (k[0] + k[1]) / r.fitMs()));
                });
        return sb.append(String.format(Locale.ROOT, "(The OneDnnConvolution layers' bwd recomputes no forward: their "
                + "activation is the identity. The whitening's, DL4J's ConvolutionLayer with GELU, recomputes its "
                + "pre-activation without workspaces.)%n")).toString();
    }

    public static String format(Result r) {
        StringBuilder sb = new StringBuilder();
        sb.append(String.format(Locale.ROOT, "DL4J profile: %s; %s input %dx%d, batch %d%n%n", r.backend().summary(),
                r.format(), r.size(), r.size(), r.batch()));
        if (r.net().airbench()) {
            sb.setLength(sb.length() - System.lineSeparator().length());
            sb.append(String.format(Locale.ROOT, "network %s (recipe %s, %s, as bench/run --net %s builds it; "
                    + "NHWC inside from the first layer's pre-processor)%n%n", r.net().id(), r.net().recipeName(),
                    r.net().recipe().model().activation(), r.net().id()));
        }
        sb.append(String.format(Locale.ROOT, "%-10s %-22s %9s %9s %7s %10s %10s%n", "layer", "type", "fwd ms", "bwd ms",
                "bwd/fwd", "fwd GF/s", "bwd GF/s"));
        double f = 0, b = 0, convF = 0, convB = 0;
        for (LayerTime l : r.layers()) {
            f += l.forwardMs();
            b += l.backwardMs();
            String gf = "", gb = "";
            if (l.convForwardFlops() > 0) {
                convF += l.forwardMs();
                convB += l.backwardMs();
                gf = String.format(Locale.ROOT, "%.1f", l.convForwardFlops() * (double) r.batch() / l.forwardMs() / 1e6);
                gb = String.format(Locale.ROOT, "%.1f", 2.0 * l.convForwardFlops() * r.batch() / l.backwardMs() / 1e6);
            }
            sb.append(String.format(Locale.ROOT, "%-10s %-22s %9.2f %9.2f %7.2f %10s %10s%n", l.name(), l.type(), l.forwardMs(),
                    l.backwardMs(), l.backwardMs() / l.forwardMs(), gf, gb));
        }
        sb.append(String.format(Locale.ROOT, "%-10s %-22s %9.2f %9.2f %7.2f%n", "sum", "", f, b, b / f));
        sb.append(String.format(Locale.ROOT, "%-10s %-22s %9.2f %9.2f %7.2f%n%n", "conv only", "", convF, convB, convB / convF));
        sb.append("(bwd GF/s counts 2 forward-equivalents: input and weight gradients.)\n\n");
        sb.append(String.format(Locale.ROOT, "fit step (forward, backward, update)          %9.2f ms  = %.1f img/s%n", r.fitMs(),
                r.batch() * 1e3 / r.fitMs()));
        sb.append(String.format(Locale.ROOT, "computeGradientAndScore (forward + backward)  %9.2f ms  (per-layer sum %.2f ms)%n",
                r.gradientMs(), f + b));
        sb.append(String.format(Locale.ROOT, "update and bookkeeping (fit - gradient)       %9.2f ms  (%.1f%% of the step)%n",
                r.fitMs() - r.gradientMs(), 100 * (r.fitMs() - r.gradientMs()) / r.fitMs()));
        if (r.net().airbench()) {
            sb.append(byKind(r, f + b));
        } else {
        // The per-layer replay runs without workspaces, so DL4J's forward cache is off there and each convolution's
        // backward above still includes the recomputed forward; fit and the op census below use the network as trained.
        sb.append(String.format(Locale.ROOT, "conv forward, recomputed in backward without the forward cache %9.2f ms  (%.1f%% of the step; %s)%n",
                convF, 100 * convF / r.fitMs(), Throughput.forwardCache() ? "saved in fit by the cache; still in the per-layer bwd column"
                        : "this run: cache off, DL4J's default"));
        }
        sb.append(String.format(Locale.ROOT, "inference output(x, false)                    %9.2f ms  = %.1f img/s%n", r.outputMs(),
                r.batch() * 1e3 / r.outputMs()));
        sb.append(String.format(Locale.ROOT, "batch preparation (augment + standardise)     %9.2f ms  = %.1f%% of a fit step, on the prefetch thread%n",
                r.pipelineMs(), 100 * r.pipelineMs() / r.fitMs()));
        sb.append(String.format(Locale.ROOT, "%nND4J ops of %d fit steps (OpProfiler, timed separately, slower):%n%s",
                r.censusSteps(), r.opCensus()));
        return sb.toString();
    }
}
