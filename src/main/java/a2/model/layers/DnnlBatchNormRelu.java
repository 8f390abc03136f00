package a2.model.layers;

import org.bytedeco.dnnl.batch_normalization_backward;
import org.bytedeco.dnnl.batch_normalization_forward;
import org.bytedeco.dnnl.engine;
import org.bytedeco.dnnl.IntMemoryMap;
import org.bytedeco.dnnl.memory;
import org.bytedeco.dnnl.stream;
import org.bytedeco.dnnl.global.dnnl;
import org.bytedeco.javacpp.Pointer;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * oneDNN's batch normalization with the ReLU fused in ({@code fuse_norm_relu}), training forward and backward, on
 * float NHWC arrays that ND4J owns: oneDNN reads and writes them in place. The forward pass computes the batch mean
 * and (biased) variance and a ReLU mask in its workspace; the backward pass uses all three, so it must follow the
 * forward pass of the same input, as it does in {@code fit}.
 *
 * <p>Primitives are built for one shape and rebuilt when the batch shape changes. Not thread-safe: one per layer.
 */
final class DnnlBatchNormRelu implements AutoCloseable {
    private static final int FLAGS = dnnl.normalization_flags.use_scale_shift.value
            | dnnl.normalization_flags.fuse_norm_relu.value;

    private final float eps;
    private final engine eng = new engine(engine.kind.cpu, 0);
    private final stream strm = new stream(eng);
    private Shaped current;

    DnnlBatchNormRelu(double eps) {
        this.eps = (float) eps;
    }

    /** The primitives and argument maps for one {@code [n, h, w, c]} shape; data handles are set per call. */
    private final class Shaped implements AutoCloseable {
        final long[] shape;
        final batch_normalization_forward fwd;
        final batch_normalization_backward bwd;
        final memory src, dst, diffDst, diffSrc, scaleShift, diffScaleShift, mean, variance, workspace;
        final IntMemoryMap fwdArgs = new IntMemoryMap(), bwdArgs = new IntMemoryMap();

        Shaped(long[] nhwc) {
            shape = nhwc.clone();
            // oneDNN names dimensions N, C, H, W whatever the layout; the nhwc tag says how they sit in memory.
            memory.desc md = new memory.desc(new long[] {nhwc[0], nhwc[3], nhwc[1], nhwc[2]}, memory.data_type.f32,
                    memory.format_tag.nhwc);
            var fpd = new batch_normalization_forward.primitive_desc(new batch_normalization_forward.desc(
                    dnnl.prop_kind.forward_training.value, md, eps, FLAGS), eng);
            var bpd = new batch_normalization_backward.primitive_desc(new batch_normalization_backward.desc(
                    dnnl.prop_kind.backward.value, md, md, eps, FLAGS), eng, fpd);
            fwd = new batch_normalization_forward(fpd);
            bwd = new batch_normalization_backward(bpd);
            Pointer none = null;
            src = new memory(md, eng, none);
            dst = new memory(md, eng, none);
            diffDst = new memory(md, eng, none);
            diffSrc = new memory(md, eng, none);
            scaleShift = new memory(fpd.weights_desc(), eng, none);
            diffScaleShift = new memory(bpd.diff_weights_desc(), eng, none);
            mean = new memory(fpd.mean_desc(), eng, none);
            variance = new memory(fpd.variance_desc(), eng, none);
            workspace = new memory(fpd.workspace_desc(), eng); // the ReLU mask: oneDNN allocates and keeps it
            fwdArgs.put(dnnl.DNNL_ARG_SRC, src);
            fwdArgs.put(dnnl.DNNL_ARG_DST, dst);
            fwdArgs.put(dnnl.DNNL_ARG_SCALE_SHIFT, scaleShift);
            fwdArgs.put(dnnl.DNNL_ARG_MEAN, mean);
            fwdArgs.put(dnnl.DNNL_ARG_VARIANCE, variance);
            fwdArgs.put(dnnl.DNNL_ARG_WORKSPACE, workspace);
            bwdArgs.put(dnnl.DNNL_ARG_SRC, src);
            bwdArgs.put(dnnl.DNNL_ARG_MEAN, mean);
            bwdArgs.put(dnnl.DNNL_ARG_VARIANCE, variance);
            bwdArgs.put(dnnl.DNNL_ARG_DIFF_DST, diffDst);
            bwdArgs.put(dnnl.DNNL_ARG_SCALE_SHIFT, scaleShift);
            bwdArgs.put(dnnl.DNNL_ARG_WORKSPACE, workspace);
            bwdArgs.put(dnnl.DNNL_ARG_DIFF_SRC, diffSrc);
            bwdArgs.put(dnnl.DNNL_ARG_DIFF_SCALE_SHIFT, diffScaleShift);
        }

        @Override
        public void close() {
            Dnnl.closeAll(fwdArgs, bwdArgs, fwd, bwd, src, dst, diffDst, diffSrc, scaleShift, diffScaleShift, mean, variance,
                    workspace);
        }
    }

    /**
     * {@code y = max(0, gamma * (x - mean) / sqrt(var + eps) + beta)} with the batch's mean and variance, which are
     * written to {@code mean} and {@code variance} ({@code [c]}).
     *
     * @param scaleShift {@code [2, c]}: gamma, then beta
     */
    void forward(INDArray x, INDArray y, INDArray scaleShift, INDArray mean, INDArray variance) {
        Shaped s = shaped(x.shape());
        s.src.set_data_handle(Dnnl.address(x));
        s.dst.set_data_handle(Dnnl.address(y));
        s.scaleShift.set_data_handle(Dnnl.address(scaleShift));
        s.mean.set_data_handle(Dnnl.address(mean));
        s.variance.set_data_handle(Dnnl.address(variance));
        s.fwd.execute(strm, s.fwdArgs);
        strm._wait();
    }

    /**
     * The gradients with respect to {@code x} and to gamma and beta ({@code diffScaleShift}, {@code [2, c]}) of the
     * last forward pass, given the gradient {@code dy} of its output; {@code mean} and {@code variance} are the ones it
     * wrote.
     */
    void backward(INDArray x, INDArray dy, INDArray dx, INDArray scaleShift, INDArray mean, INDArray variance,
                  INDArray diffScaleShift) {
        Shaped s = current;
        if (s == null || !java.util.Arrays.equals(s.shape, x.shape())) {
            throw new IllegalStateException("backward pass of shape " + java.util.Arrays.toString(x.shape())
                    + " without a forward pass of that shape before it");
        }
        s.src.set_data_handle(Dnnl.address(x));
        s.diffDst.set_data_handle(Dnnl.address(dy));
        s.diffSrc.set_data_handle(Dnnl.address(dx));
        s.scaleShift.set_data_handle(Dnnl.address(scaleShift));
        s.mean.set_data_handle(Dnnl.address(mean));
        s.variance.set_data_handle(Dnnl.address(variance));
        s.diffScaleShift.set_data_handle(Dnnl.address(diffScaleShift));
        s.bwd.execute(strm, s.bwdArgs);
        strm._wait();
    }

    private Shaped shaped(long[] nhwc) {
        if (nhwc.length != 4) {
            throw new IllegalArgumentException("expected a rank-4 NHWC array, got shape " + java.util.Arrays.toString(nhwc));
        }
        if (current == null || !java.util.Arrays.equals(current.shape, nhwc)) {
            if (current != null) {
                current.close();
            }
            current = new Shaped(nhwc);
        }
        return current;
    }

    @Override
    public void close() {
        if (current != null) {
            current.close();
            current = null;
        }
        strm.close();
        eng.close();
    }
}
