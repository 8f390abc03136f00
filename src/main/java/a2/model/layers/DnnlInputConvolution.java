package a2.model.layers;

import org.bytedeco.dnnl.convolution_backward_weights;
import org.bytedeco.dnnl.convolution_forward;
import org.bytedeco.dnnl.engine;
import org.bytedeco.dnnl.IntMemoryMap;
import org.bytedeco.dnnl.memory;
import org.bytedeco.dnnl.reorder;
import org.bytedeco.dnnl.stream;
import org.bytedeco.dnnl.global.dnnl;
import org.bytedeco.javacpp.Pointer;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * oneDNN's convolution forward pass and weight gradient (no input gradient), for a 3x3, stride-1, "same"-padded
 * convolution without bias on float NHWC arrays that ND4J owns. DL4J's convolution backward pass always computes the
 * input gradient too, which the network's first layer does not need (nothing learns from the images' gradient); and
 * on 3 input channels libnd4j's forward call takes 4-5x oneDNN's own kernel (2.6 ms against 0.57 ms for 64 images of
 * 32x32 on two threads), whose weights layout it leaves to oneDNN.
 *
 * <p>Primitives are built for one shape and rebuilt when the batch shape changes. Not thread-safe: one per layer.
 */
final class DnnlInputConvolution implements AutoCloseable {
    private static final long[] STRIDES = {1, 1}, PADDING = {1, 1};

    private final engine eng = new engine(engine.kind.cpu, 0);
    private final stream strm = new stream(eng);
    private Shaped current;

    /** The primitive and its argument map for one input shape {@code [n, h, w, cIn]} and {@code cOut}. */
    private final class Shaped implements AutoCloseable {
        final long[] key;
        final convolution_forward fwd;
        final convolution_backward_weights bwd;
        final reorder toUser, fromUser;
        final memory src, dst, diffDst, weights, userWeights, diffWeights, userDiffWeights;
        final IntMemoryMap fwdArgs = new IntMemoryMap(), args = new IntMemoryMap(), reorderArgs = new IntMemoryMap(),
                weightArgs = new IntMemoryMap();

        Shaped(long[] nhwc, long cOut) {
            key = new long[] {nhwc[0], nhwc[1], nhwc[2], nhwc[3], cOut};
            // oneDNN names dimensions N, C, H, W whatever the layout; the tags say how they sit in memory. DL4J keeps
            // a convolution's weights as [cOut, cIn, kH, kW]: oneDNN's oihw.
            var srcMd = new memory.desc(new long[] {nhwc[0], nhwc[3], nhwc[1], nhwc[2]}, memory.data_type.f32,
                    memory.format_tag.nhwc);
            var dstMd = new memory.desc(new long[] {nhwc[0], cOut, nhwc[1], nhwc[2]}, memory.data_type.f32,
                    memory.format_tag.nhwc);
            long[] wDims = {cOut, nhwc[3], 3, 3};
            var userMd = new memory.desc(wDims, memory.data_type.f32, memory.format_tag.oihw);
            // The weights' layout is left to oneDNN: with oihw imposed it falls back to its reference kernel, about
            // 200x slower here (0.5 ms against 120 ms for 64 images of 32x32x3 on two threads); the gradient is then
            // reordered into DL4J's oihw view, 27 numbers per output channel.
            var anyMd = new memory.desc(wDims, memory.data_type.f32, memory.format_tag.any);
            var hint = new convolution_forward.primitive_desc(new convolution_forward.desc(dnnl.prop_kind.forward_training,
                    dnnl.algorithm.convolution_direct, srcMd, anyMd, dstMd, STRIDES, PADDING, PADDING), eng);
            var pd = new convolution_backward_weights.primitive_desc(new convolution_backward_weights.desc(
                    dnnl.algorithm.convolution_direct, srcMd, anyMd, dstMd, STRIDES, PADDING, PADDING), eng, hint);
            bwd = new convolution_backward_weights(pd);
            fwd = new convolution_forward(hint);
            Pointer none = null;
            src = new memory(srcMd, eng, none);
            dst = new memory(dstMd, eng, none);
            diffDst = new memory(dstMd, eng, none);
            weights = new memory(hint.weights_desc(), eng); // the weights in oneDNN's layout, reordered every call
            userWeights = new memory(userMd, eng, none);
            fromUser = new reorder(userWeights, weights);
            weightArgs.put(dnnl.DNNL_ARG_FROM, userWeights);
            weightArgs.put(dnnl.DNNL_ARG_TO, weights);
            fwdArgs.put(dnnl.DNNL_ARG_SRC, src);
            fwdArgs.put(dnnl.DNNL_ARG_WEIGHTS, weights);
            fwdArgs.put(dnnl.DNNL_ARG_DST, dst);
            diffWeights = new memory(pd.diff_weights_desc(), eng); // oneDNN's layout, oneDNN's buffer
            userDiffWeights = new memory(userMd, eng, none);
            toUser = new reorder(diffWeights, userDiffWeights);
            args.put(dnnl.DNNL_ARG_SRC, src);
            args.put(dnnl.DNNL_ARG_DIFF_DST, diffDst);
            args.put(dnnl.DNNL_ARG_DIFF_WEIGHTS, diffWeights);
            reorderArgs.put(dnnl.DNNL_ARG_FROM, diffWeights);
            reorderArgs.put(dnnl.DNNL_ARG_TO, userDiffWeights);
        }

        @Override
        public void close() {
            for (Pointer p : new Pointer[] {fwdArgs, args, reorderArgs, weightArgs, fwd, bwd, toUser, fromUser, src, dst,
                    diffDst, weights, userWeights, diffWeights, userDiffWeights}) {
                p.close();
            }
        }
    }

    /**
     * Writes into {@code dW} ({@code [cOut, cIn, 3, 3]}, dense) the gradient of the loss with respect to the weights,
     * given the layer's input {@code x} ({@code [n, h, w, cIn]}) and the gradient {@code dy} of its output
     * ({@code [n, h, w, cOut]}), both dense NHWC.
     */
    void weightGradient(INDArray x, INDArray dy, INDArray dW) {
        shaped(x, dy.size(3));
        current.src.set_data_handle(DnnlBatchNormRelu.address(x));
        current.diffDst.set_data_handle(DnnlBatchNormRelu.address(dy));
        current.userDiffWeights.set_data_handle(DnnlBatchNormRelu.address(dW));
        current.bwd.execute(strm, current.args);
        current.toUser.execute(strm, current.reorderArgs);
        strm._wait();
    }

    /**
     * Writes into {@code y} ({@code [n, h, w, cOut]}, dense NHWC) the convolution of {@code x} ({@code [n, h, w, cIn]},
     * dense NHWC) with the weights {@code w} ({@code [cOut, cIn, 3, 3]}, dense).
     */
    void forward(INDArray x, INDArray w, INDArray y) {
        shaped(x, w.size(0));
        current.userWeights.set_data_handle(DnnlBatchNormRelu.address(w));
        current.src.set_data_handle(DnnlBatchNormRelu.address(x));
        current.dst.set_data_handle(DnnlBatchNormRelu.address(y));
        current.fromUser.execute(strm, current.weightArgs);
        current.fwd.execute(strm, current.fwdArgs);
        strm._wait();
    }

    private void shaped(INDArray x, long cOut) {
        long[] key = {x.size(0), x.size(1), x.size(2), x.size(3), cOut};
        if (current == null || !java.util.Arrays.equals(current.key, key)) {
            if (current != null) {
                current.close();
            }
            current = new Shaped(x.shape(), cOut);
        }
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
