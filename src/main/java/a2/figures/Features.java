package a2.figures;

import a2.data.Images;
import a2.model.Preprocessing;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;

/**
 * What a trained network computes for an image at a few depths, as one vector per image: the activations of named
 * layers (see {@link a2.model.Networks} for the names) in inference mode. Convolutional maps are averaged over
 * their spatial positions, so every probe has as many dimensions as channels (32, 64, ... instead of 32x32x32);
 * {@link #LOGITS} is the softmax input, the output layer's pre-activation.
 */
public final class Features {
    /** The probe name of the softmax input (the {@code out} layer's pre-activation). */
    public static final String LOGITS = "logits";
    static final String GAP = "gap";
    static final String OUT = "out";
    /**
     * A stage's activation: its ReLU, its own layer or fused with batch norm ({@code a2.model.Networks}), or its GELU
     * ({@code a2.model.AirbenchNetwork}).
     */
    private static final Pattern STAGE_END = Pattern.compile("s(\\d+)c(\\d+)((bn)?relu|gelu)");

    private Features() {}

    /** One depth at which features are read: the layer's name and a caption for figures. */
    public record Probe(String layer, String caption) {}

    /**
     * The last ReLU of every stage but the final one (whose spatial average is exactly {@code gap}), then {@code
     * gap}, then the logits: from low-level colour and texture statistics to the classifier's own scores.
     */
    public static List<Probe> defaultProbes(MultiLayerNetwork net) {
        java.util.TreeMap<Integer, String> lastOfStage = new java.util.TreeMap<>();
        Map<Integer, Integer> lastConv = new java.util.HashMap<>();
        for (String name : layerNames(net)) {
            Matcher m = STAGE_END.matcher(name);
            if (m.matches()) {
                int s = Integer.parseInt(m.group(1)), c = Integer.parseInt(m.group(2));
                if (c >= lastConv.getOrDefault(s, 0)) {
                    lastConv.put(s, c);
                    lastOfStage.put(s, name);
                }
            }
        }
        List<String> names = layerNames(net);
        if (lastOfStage.isEmpty() || !names.contains(GAP) || !names.contains(OUT)) {
            throw new IllegalArgumentException("the network lacks the named stages, 'gap' or 'out' of a2.model.Networks: " + names);
        }
        List<Probe> probes = new ArrayList<>();
        int lastStage = lastOfStage.lastKey();
        lastOfStage.forEach((s, name) -> {
            if (s != lastStage) {
                probes.add(new Probe(name, "end of stage " + s + ", spatial mean"));
            }
        });
        probes.add(new Probe(GAP, "stage " + lastStage + ", global " + globalPooling(net) + " pool"));
        probes.add(new Probe(LOGITS, "logits, the softmax input"));
        return probes;
    }

    /** "average" or "max": how the {@code gap} layer pools (airbench's network takes the maximum). */
    private static String globalPooling(MultiLayerNetwork net) {
        var gap = (org.deeplearning4j.nn.conf.layers.GlobalPoolingLayer) net.getLayer(GAP).conf().getLayer();
        return gap.getPoolingType() == org.deeplearning4j.nn.conf.layers.PoolingType.MAX ? "max" : "average";
    }

    /** Whether the network's activations are NHWC inside (it permutes its NCHW input first). */
    public static boolean channelsLast(MultiLayerNetwork net) {
        return net.getLayerWiseConfigurations().getInputPreProcess(0) instanceof a2.model.layers.NchwToNhwc;
    }

    public static List<String> layerNames(MultiLayerNetwork net) {
        List<String> names = new ArrayList<>();
        for (int i = 0; i < net.getnLayers(); i++) {
            names.add(net.getLayerWiseConfigurations().getConf(i).getLayer().getLayerName());
        }
        return names;
    }

    /**
     * Features [probe][image][dimension] of {@code images} at {@code indices}, in probe order. They come from
     * {@link ExactForward}, not from ND4J: the t-SNE maps drawn from them must be the same on every CPU. Images are
     * independent, so they are spread over the common fork-join pool; each lands at its own index, the same bits
     * whatever the number of threads.
     */
    public static Map<String, double[][]> extract(MultiLayerNetwork net, Preprocessing pre, Images images, int[] indices,
                                                  List<Probe> probes) {
        List<String> names = layerNames(net);
        Map<String, double[][]> out = new LinkedHashMap<>();
        int[] layerOf = new int[probes.size()];
        for (int p = 0; p < probes.size(); p++) {
            String layer = probes.get(p).layer().equals(LOGITS) ? OUT : probes.get(p).layer();
            if (!names.contains(layer)) {
                throw new IllegalArgumentException("no layer '" + layer + "' in " + names);
            }
            layerOf[p] = names.indexOf(layer);
            out.put(probes.get(p).layer(), new double[indices.length][]);
        }
        ExactForward forward = ExactForward.of(net);
        int side = pre.inputSize(), per = 3 * side * side;
        java.util.stream.IntStream.range(0, indices.length).parallel().forEach(i -> {
            float[] x = new float[per];
            pre.standardize(pre.pixels(images, indices[i], new byte[images.bytesPerImage()]), x, 0);
            List<ExactForward.Act> acts = forward.forward(x, side);
            for (int p = 0; p < probes.size(); p++) {
                // A convolutional map is averaged over height and width; gap and the logits are vectors already.
                out.get(probes.get(p).layer())[i] = acts.get(layerOf[p]).spatialMean();
            }
        });
        return out;
    }
}
