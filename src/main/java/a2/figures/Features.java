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
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * What a trained network computes for an image at a few depths, as one vector per image: the activations of named
 * layers (see {@link a2.model.Networks} for the names) in inference mode. Convolutional maps are averaged over
 * their spatial positions, so every probe has as many dimensions as channels (32, 64, ... instead of 32x32x32);
 * {@link #LOGITS} is the softmax input, computed from {@code gap} and the output layer's weights.
 */
public final class Features {
    /** The probe name of the softmax input (the {@code out} layer's pre-activation). */
    public static final String LOGITS = "logits";
    static final String GAP = "gap";
    static final String OUT = "out";
    /** Images per forward pass: the stored activations of all layers stay around 100 MB at 32x32. */
    static final int BATCH = 100;
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

    /** Features [probe][image][dimension] of {@code images} at {@code indices}, in probe order. */
    public static Map<String, double[][]> extract(MultiLayerNetwork net, Preprocessing pre, Images images, int[] indices,
                                                  List<Probe> probes) {
        List<String> names = layerNames(net);
        Map<String, double[][]> out = new LinkedHashMap<>();
        for (Probe p : probes) {
            String layer = p.layer().equals(LOGITS) ? GAP : p.layer();
            if (!names.contains(layer)) {
                throw new IllegalArgumentException("no layer '" + layer + "' in " + names);
            }
            out.put(p.layer(), new double[indices.length][]);
        }
        int outIndex = names.indexOf(OUT);
        INDArray w = net.getLayer(outIndex).getParam("W"), b = net.getLayer(outIndex).getParam("b");
        for (int start = 0; start < indices.length; start += BATCH) {
            int n = Math.min(BATCH, indices.length - start);
            INDArray x = pre.batch(images, indices, start, n);
            // feedForward's list starts with the input: the output of layer i is element i + 1.
            List<INDArray> acts = net.feedForward(x, false);
            for (Probe p : probes) {
                INDArray a;
                if (p.layer().equals(LOGITS)) {
                    // The output layer's input (gap, or airbench's scaled gap) times its weights, plus its bias if any.
                    a = acts.get(outIndex).mmul(w);
                    if (b != null) {
                        a.addiRowVector(b);
                    }
                } else {
                    a = acts.get(names.indexOf(p.layer()) + 1);
                    if (a.rank() == 4) {
                        a = channelsLast(net) ? a.mean(1, 2) : a.mean(2, 3); // average over height and width
                    }
                }
                double[][] rows = a.castTo(org.nd4j.linalg.api.buffer.DataType.DOUBLE).toDoubleMatrix();
                System.arraycopy(rows, 0, out.get(p.layer()), start, n);
            }
        }
        return out;
    }
}
