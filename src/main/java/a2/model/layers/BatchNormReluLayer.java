package a2.model.layers;

import a2.backend.LayerPath;
import org.deeplearning4j.nn.conf.CNN2DFormat;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.gradient.DefaultGradient;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.layers.normalization.BatchNormalization;
import org.deeplearning4j.nn.workspace.ArrayType;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;

import static org.deeplearning4j.nn.params.BatchNormalizationParamInitializer.BETA;
import static org.deeplearning4j.nn.params.BatchNormalizationParamInitializer.GAMMA;
import static org.deeplearning4j.nn.params.BatchNormalizationParamInitializer.GLOBAL_LOG_STD;
import static org.deeplearning4j.nn.params.BatchNormalizationParamInitializer.GLOBAL_MEAN;
import static org.deeplearning4j.nn.params.BatchNormalizationParamInitializer.GLOBAL_VAR;

/**
 * Batch norm + ReLU. Training on float NHWC activations runs oneDNN's fused batch norm + ReLU: one pass forward,
 * one backward, with the gradient through the batch statistics computed inside it. DL4J's own batch-norm layer
 * hands oneDNN the statistics as constants and adds those terms back in about eight extra full-array passes, and
 * its ReLU is a layer of its own: together 58% of a training step of the recipe's network (bench/README.md).
 *
 * <p>Anything else (inference, NCHW, other data types, the portable layers of {@link LayerPath}) runs DL4J's batch
 * norm and then ReLU, the reference the tests hold the fast path to. The running mean and variance are updated exactly as DL4J's layer does (through a
 * "gradient" that the NoOp updater subtracts), so both layers' parameters mean the same.
 */
public class BatchNormReluLayer extends BatchNormalization {
    private DnnlBatchNormRelu dnn;
    /** Layer-owned (outside workspaces): they must live from the forward pass to the backward pass. */
    private INDArray scaleShift, diffScaleShift, batchMean, batchVar;
    /** The reference path's output, whose sign masks the gradient in the backward pass. */
    private INDArray referenceOut;
    private boolean fastForward;
    /** Whether oneDNN is used at all ({@link LayerPath}); false runs the reference path on every input. */
    private boolean oneDnn = LayerPath.active().oneDnn();

    public BatchNormReluLayer(NeuralNetConfiguration conf, DataType dataType) {
        super(conf, dataType);
    }

    private boolean fast(INDArray x) {
        return x.rank() == 4 && layerConf().getCnn2DFormat() == CNN2DFormat.NHWC && x.dataType() == DataType.FLOAT
                && dataType == DataType.FLOAT && oneDnn && Dnnl.cpuBackend();
    }

    @Override
    public INDArray activate(boolean training, LayerWorkspaceMgr workspaceMgr) {
        assertInputSet(false);
        fastForward = training && fast(input);
        if (!fastForward) {
            INDArray out = Transforms.relu(super.activate(training, workspaceMgr), false);
            referenceOut = training ? out : null;
            return out;
        }
        referenceOut = null;
        INDArray x = Dnnl.dense(input, workspaceMgr);
        long c = x.size(3);
        if (dnn == null || scaleShift.size(1) != c) {
            dnn = new DnnlBatchNormRelu(layerConf().getEps());
            scaleShift = Nd4j.createUninitializedDetached(DataType.FLOAT, 2, c);
            diffScaleShift = Nd4j.createUninitializedDetached(DataType.FLOAT, 2, c);
            batchMean = Nd4j.createUninitializedDetached(DataType.FLOAT, c);
            batchVar = Nd4j.createUninitializedDetached(DataType.FLOAT, c);
        }
        scaleShift.getRow(0).assign(getParam(GAMMA).reshape(c));
        scaleShift.getRow(1).assign(getParam(BETA).reshape(c));
        INDArray y = workspaceMgr.createUninitialized(ArrayType.ACTIVATIONS, DataType.FLOAT, x.shape(), 'c');
        dnn.forward(x, y, scaleShift, batchMean, batchVar);
        return y;
    }

    @Override
    public Pair<Gradient, INDArray> backpropGradient(INDArray epsilon, LayerWorkspaceMgr workspaceMgr) {
        assertInputSet(true);
        if (!fastForward) {
            if (referenceOut == null) {
                throw new IllegalStateException("layer " + layerId() + ": backward pass without a training forward pass");
            }
            // ReLU's derivative: pass the gradient where the output is positive.
            INDArray masked = epsilon.mul(referenceOut.gt(0).castTo(epsilon.dataType()));
            return super.backpropGradient(masked, workspaceMgr);
        }
        INDArray x = Dnnl.dense(input, workspaceMgr), dy = Dnnl.dense(epsilon, workspaceMgr);
        INDArray dx = workspaceMgr.createUninitialized(ArrayType.ACTIVATION_GRAD, DataType.FLOAT, x.shape(), 'c');
        dnn.backward(x, dy, dx, scaleShift, batchMean, batchVar, diffScaleShift);

        Gradient g = new DefaultGradient();
        INDArray dGamma = gradientViews.get(GAMMA), dBeta = gradientViews.get(BETA);
        dGamma.assign(diffScaleShift.getRow(0).reshape(dGamma.shape()));
        dBeta.assign(diffScaleShift.getRow(1).reshape(dBeta.shape()));
        g.setGradientFor(GAMMA, dGamma);
        g.setGradientFor(BETA, dBeta);
        runningStatistics(g);
        return new Pair<>(g, dx);
    }

    /**
     * DL4J's rule for the running statistics, as its batch-norm layer implements it: parameters move by
     * {@code -gradient} under a NoOp updater, so the "gradient" of the running mean is
     * {@code (1 - decay) (mean - batchMean)}, and of log10(std) it is {@code log10(var / var') / 2} with
     * {@code var' = decay var + (1 - decay) batchVar}.
     */
    private void runningStatistics(Gradient g) {
        double decay = layerConf().getDecay();
        INDArray globalMean = getParam(GLOBAL_MEAN), dMean = gradientViews.get(GLOBAL_MEAN);
        dMean.assign(globalMean.sub(batchMean.reshape(globalMean.shape())).muli(1 - decay));
        g.setGradientFor(GLOBAL_MEAN, dMean);
        INDArray bv = batchVar.reshape(dMean.shape());
        if (layerConf().isUseLogStd()) {
            INDArray log10Std = getParam(GLOBAL_LOG_STD), dLogStd = gradientViews.get(GLOBAL_LOG_STD);
            INDArray var = Transforms.pow(Nd4j.valueArrayOf(log10Std.shape(), 10.0, log10Std.dataType()), log10Std, false);
            var.muli(var);
            INDArray next = var.mul(decay).addi(bv.mul(1 - decay));
            dLogStd.assign(Transforms.log(var.divi(next), false).muli(1.0 / (2 * Math.log(10.0))));
            g.setGradientFor(GLOBAL_LOG_STD, dLogStd);
        } else {
            INDArray globalVar = getParam(GLOBAL_VAR), dVar = gradientViews.get(GLOBAL_VAR);
            dVar.assign(globalVar.sub(bv).muli(1 - decay));
            g.setGradientFor(GLOBAL_VAR, dVar);
        }
    }

    /** Runs the portable path from now on, as under {@code A2_PORTABLE=1} (for tests that compare both paths). */
    void portable() {
        oneDnn = false;
    }

    /** Whether the last forward pass ran on oneDNN's fused primitive (for tests). */
    boolean lastForwardFused() {
        return fastForward;
    }

    @Override
    public void clear() {
        super.clear();
        referenceOut = null;
    }
}
