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
     * The architecture as the network itself reports it: one row per convolution, pooling layer and the classifier, each
     * completed by the batch norm and activation layers that follow it (conv, batch norm, ReLU); output shapes from a
     * forward pass of one blank image, trainable parameter counts from the layers' parameter tables (batch norm's
     * running mean and variance are state, not parameters; airbench's whitening kernel and fixed scales are frozen).
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
            String follows = follower(conf);
            if (follows != null && !rows.isEmpty()) {
                // Batch norm and activations complete the row before them: the block's output shape, its parameters.
                Tables.ArchitectureRow last = rows.remove(rows.size() - 1);
                rows.add(new Tables.ArchitectureRow(last.layers(), last.operation() + follows, shape, last.parameters() + params));
                continue;
            }
            String what = describe(conf);
            if (what != null) {
                rows.add(new Tables.ArchitectureRow(names.get(i), what, shape, params));
            }
        }
        return rows;
    }

    /** A row's own description, or null for a layer that completes the row before it. */
    private static String describe(org.deeplearning4j.nn.conf.layers.Layer conf) {
        if (conf instanceof ConvolutionLayer c) {
            return "conv $" + c.getKernelSize()[0] + "\\times" + c.getKernelSize()[1] + "$, " + c.getNOut() + " ch."
                    + (c instanceof a2.model.layers.FrozenWeightsConvolution ? " (frozen patch whitening)" : "")
                    + (c.getActivationFn() instanceof org.nd4j.linalg.activations.impl.ActivationGELU ? ", GELU" : "");
        } else if (conf instanceof SubsamplingLayer s) {
            return "max pool $" + s.getKernelSize()[0] + "\\times" + s.getKernelSize()[1] + "$, stride " + s.getStride()[0];
        } else if (conf instanceof GlobalPoolingLayer g) {
            return "global " + (g.getPoolingType() == org.deeplearning4j.nn.conf.layers.PoolingType.MAX ? "max" : "average")
                    + " pool";
        } else if (conf instanceof OutputLayer o) {
            String drop = o.getIDropout() == null ? "" : "dropout, ";
            return drop + (o.hasBias() ? "linear" : "linear (no bias)") + ", softmax";
        }
        return null;
    }

    /** What a batch norm or activation layer adds to the row before it; null for a layer of its own row. */
    private static String follower(org.deeplearning4j.nn.conf.layers.Layer conf) {
        if (conf instanceof a2.model.layers.BatchNormRelu) {
            return ", batch norm, ReLU";
        } else if (conf instanceof a2.model.layers.ShiftBatchNorm) {
            return ", batch norm (shift only)";
        } else if (conf instanceof BatchNormalization) {
            return ", batch norm";
        } else if (conf instanceof ActivationLayer a) {
            var fn = a.getActivationFn();
            return fn instanceof org.nd4j.linalg.activations.impl.ActivationReLU ? ", ReLU"
                    : fn instanceof org.nd4j.linalg.activations.impl.ActivationGELU ? ", GELU"
                    : fn instanceof a2.model.layers.ScaleActivation sc ? ", times $1/" + Latex.plain(1 / sc.getScale()) + "$" : ", " + fn;
        }
        return null;
    }

    private static long trainable(MultiLayerNetwork net, int layer) {
        long n = 0;
        var conf = net.getLayerWiseConfigurations().getConf(layer).getLayer();
        for (var e : net.getLayer(layer).paramTable().entrySet()) {
            boolean state = List.of("mean", "var", "log10stdev").contains(e.getKey());
            // Frozen: airbench's whitening kernel and its batch norm's scale, fixed at 1.
            boolean frozen = conf instanceof a2.model.layers.FrozenWeightsConvolution && e.getKey().equals("W")
                    || conf instanceof a2.model.layers.ShiftBatchNorm && e.getKey().equals("gamma");
            if (!state && !frozen) {
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
