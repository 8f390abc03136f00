package a2.figures;

import java.util.ArrayList;
import java.util.List;
import org.deeplearning4j.nn.conf.layers.ActivationLayer;
import org.deeplearning4j.nn.conf.layers.BatchNormalization;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.GlobalPoolingLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.conf.layers.SubsamplingLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** The architecture table's rows, read from the network itself. */
final class ArchitectureTable {
    private ArchitectureTable() {}

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
}
