package a2.bench;

import a2.io.InvalidInputException;
import a2.recipe.Recipe;
import com.fasterxml.jackson.core.JsonProcessingException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * Pools the {@link Block} lines of one {@code bench/run} into medians per configuration, the ratios DL4J/PyTorch
 * (and helpers/no-helpers), and the convolution GFLOP/s against the machine's peak.
 */
public final class Summary {
    private Summary() {}

    /** The repetitions of one configuration. {@code gflops} and {@code peakFraction} are at the median throughput. */
    public record Line(Block.Key key, int reps, double median, double min, double max, double stepMsMedian,
                       double gcSecondsMedian, double gflops, double peakFraction) {}

    /**
     * {@code numerator / denominator} of the median throughputs, and the median of the per-repetition ratios
     * (blocks of the same {@code rep}, measured back to back), which cancels slow drifts of the machine.
     */
    public record Ratio(Block.Key numerator, Block.Key denominator, double ofMedians, double medianOfPaired, int pairs) {}

    public static List<Block> read(Path file) {
        List<String> lines;
        try {
            lines = Files.readAllLines(file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
        }
        List<Block> blocks = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            String s = lines.get(i).trim();
            if (!s.startsWith("{")) {
                continue; // the driver's own log lines
            }
            try {
                blocks.add(Throughput.JSON.readValue(s, Block.class));
            } catch (JsonProcessingException e) {
                throw new InvalidInputException(file + " line " + (i + 1) + " is not a block: " + e.getOriginalMessage(), e);
            }
        }
        return blocks;
    }

    public static List<Line> lines(List<Block> blocks, Recipe.Model model, Optional<Peak> peak) {
        Map<Block.Key, List<Block>> byKey = group(blocks);
        List<Line> out = new ArrayList<>();
        for (var e : byKey.entrySet()) {
            Block.Key k = e.getKey();
            double[] ips = e.getValue().stream().mapToDouble(Block::imagesPerSecond).toArray();
            double med = Stats.median(ips);
            double gflops = ConvFlops.gflopsPerSecond(model, k.size(), Mode.parse(k.mode()), med);
            out.add(new Line(k, ips.length, med, java.util.Arrays.stream(ips).min().orElseThrow(),
                    java.util.Arrays.stream(ips).max().orElseThrow(),
                    Stats.median(e.getValue().stream().mapToDouble(Block::stepMsMedian).toArray()),
                    Stats.median(e.getValue().stream().mapToDouble(Block::gcSeconds).toArray()),
                    gflops, peak.map(p -> gflops / p.gflops(k.threads())).orElse(Double.NaN)));
        }
        return out;
    }

    /**
     * DL4J variant pairs worth a ratio: helpers on against off, channels-last against the project's NCHW, the
     * project's network (forward outputs cached for backprop) against DL4J's default (recomputed), and batch norm +
     * ReLU fused in oneDNN against DL4J's two layers: after / before.
     */
    static final List<List<String>> DL4J_PAIRS = List.of(List.of("helpers", "no-helpers"), List.of("helpers-nhwc", "helpers"),
            List.of("helpers", "helpers-no-ff-cache"), List.of("helpers-fused", "helpers"));

    /**
     * Every DL4J variant against every PyTorch variant ({@code default}, and {@code channels-last} where measured),
     * and the {@link #DL4J_PAIRS}, where both were measured.
     */
    public static List<Ratio> ratios(List<Block> blocks) {
        Map<Block.Key, List<Block>> byKey = group(blocks);
        List<Ratio> out = new ArrayList<>();
        for (Block.Key k : byKey.keySet()) {
            if (!k.framework().equals(Block.DL4J)) {
                continue;
            }
            for (Block.Key other : byKey.keySet()) {
                boolean sameSetting = other.size() == k.size() && other.mode().equals(k.mode()) && other.batch() == k.batch()
                        && other.threads() == k.threads();
                boolean vsTorch = other.framework().equals(Block.PYTORCH);
                boolean dl4jPair = other.framework().equals(Block.DL4J)
                        && DL4J_PAIRS.contains(List.of(k.variant(), other.variant()));
                if (sameSetting && (vsTorch || dl4jPair)) {
                    out.add(ratio(byKey.get(k), byKey.get(other)));
                }
            }
        }
        return out;
    }

    static Ratio ratio(List<Block> num, List<Block> den) {
        double ofMedians = Stats.ratio(Stats.median(num.stream().mapToDouble(Block::imagesPerSecond).toArray()),
                Stats.median(den.stream().mapToDouble(Block::imagesPerSecond).toArray()));
        Map<Integer, Double> denByRep = den.stream().collect(Collectors.toMap(Block::rep, Block::imagesPerSecond, (a, b) -> a));
        List<Double> paired = new ArrayList<>();
        for (Block b : num) {
            Double d = denByRep.get(b.rep());
            if (d != null) {
                paired.add(Stats.ratio(b.imagesPerSecond(), d));
            }
        }
        return new Ratio(num.get(0).key(), den.get(0).key(), ofMedians, paired.isEmpty() ? Double.NaN : Stats.median(paired),
                paired.size());
    }

    private static Map<Block.Key, List<Block>> group(List<Block> blocks) {
        Comparator<Block.Key> order = Comparator.comparingInt(Block.Key::size).thenComparing(Block.Key::mode, Comparator.reverseOrder())
                .thenComparingInt(Block.Key::batch).thenComparingInt(Block.Key::threads)
                .thenComparing(Block.Key::framework).thenComparing(Block.Key::variant);
        Map<Block.Key, List<Block>> m = new TreeMap<>(order);
        for (Block b : blocks) {
            m.computeIfAbsent(b.key(), k -> new ArrayList<>()).add(b);
        }
        return m;
    }

    /** The printed report. */
    public static String format(List<Block> blocks, Recipe.Model model, Optional<Peak> peak) {
        StringBuilder sb = new StringBuilder();
        sb.append(String.format(Locale.ROOT, "%-4s %-5s %5s %3s  %-7s %-12s %4s %9s %17s %9s %7s %8s %7s%n", "size", "mode",
                "batch", "thr", "fw", "variant", "reps", "img/s", "(min..max)", "step ms", "GC s", "GFLOP/s", "%peak"));
        for (Line l : lines(blocks, model, peak)) {
            Block.Key k = l.key();
            sb.append(String.format(Locale.ROOT, "%-4d %-5s %5d %3d  %-7s %-12s %4d %9.1f %17s %9.1f %7.2f %8.1f %6.1f%%%n",
                    k.size(), k.mode(), k.batch(), k.threads(), k.framework(), k.variant(), l.reps(), l.median(),
                    String.format(Locale.ROOT, "(%.1f..%.1f)", l.min(), l.max()), l.stepMsMedian(), l.gcSecondsMedian(),
                    l.gflops(), 100 * l.peakFraction()));
        }
        sb.append('\n');
        for (Ratio r : ratios(blocks)) {
            Block.Key n = r.numerator(), d = r.denominator();
            sb.append(String.format(Locale.ROOT, "ratio %s(%s)/%s(%s)  size %d %s batch %d, %d thread(s): %.3f (median of %d paired: %.3f)%n",
                    n.framework(), n.variant(), d.framework(), d.variant(), n.size(), n.mode(), n.batch(), n.threads(),
                    r.ofMedians(), r.pairs(), r.medianOfPaired()));
        }
        sb.append('\n');
        Map<Integer, Long> flopsBySize = new LinkedHashMap<>();
        blocks.stream().map(Block::size).distinct().sorted().forEach(s -> flopsBySize.put(s, ConvFlops.forwardPerImage(model, s)));
        flopsBySize.forEach((s, f) -> sb.append(String.format(Locale.ROOT,
                "conv FLOPs per image at %d: %.1f MFLOP forward, x%d = %.1f MFLOP per training image%n", s, f / 1e6,
                ConvFlops.TRAINING_MULTIPLIER, f * (double) ConvFlops.TRAINING_MULTIPLIER / 1e6)));
        peak.ifPresentOrElse(p -> sb.append(String.format(Locale.ROOT,
                "FP32 peak: %.3f GHz (%s) x %d FLOP/cycle/core = %.1f GFLOP/s per core; %%peak uses the block's thread count. CPU: %s%n",
                p.ghz(), p.source(), p.flopsPerCycle(), p.gflops(1), p.cpuModel())),
                () -> sb.append("FP32 peak: unknown (no 'cpu MHz' in /proc/cpuinfo)\n"));
        return sb.toString();
    }

    /** The line that names the network when {@code bench/run --net} chose one. */
    static String header(Net net) {
        return "network: " + net.id() + " (recipe " + net.recipeName() + ")\n";
    }

    /**
     * {@code Summary RESULTS.jsonl [FLOP_PER_CYCLE [NET]]}: prints the report, counting the convolution FLOPs of NET's
     * network ({@code vgg} unless given; a given NET is also named in a first line).
     */
    public static void main(String[] args) {
        if (args.length < 1 || args.length > 3) {
            System.err.println("usage: Summary RESULTS.jsonl [FLOP_PER_CYCLE_PER_CORE [vgg|airbench|airbench-gelu]]");
            System.exit(2);
        }
        int fpc = args.length >= 2 ? Integer.parseInt(args[1]) : Peak.DEFAULT_FLOPS_PER_CYCLE;
        Net net = args.length == 3 ? Net.parse(args[2]) : Net.VGG;
        System.out.print((args.length == 3 ? header(net) : "")
                + format(read(Path.of(args[0])), net.recipe().model(), Peak.ofThisMachine(fpc)));
    }
}
