package a2.model.layers;

import org.bytedeco.dnnl.convolution_backward_data;
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
 * oneDNN's convolution forward pass, input gradient and weight gradient, each on its own call, for a 3x3, stride-1,
 * "same"-padded convolution without bias on float NHWC arrays that ND4J owns, with the weights' layout left to oneDNN.
 * Measured against libnd4j's conv2d / conv2d_bp on the recipe's layers (64 images, two threads): 62 ms against 75 ms
 * per step for the five convolutions after the first; on the first (3 input channels) the forward pass takes 0.57 ms
 * against 2.6 ms, and its input gradient (the images', which nothing uses) need not be computed at all.
 *
 * <p>Primitives are built for one shape and rebuilt when the batch shape changes, which FixMatch does twice a step
 * (the weak views' batch, then the labeled rows plus a varying number of kept ones). That costs nothing measurable,
 * since oneDNN caches primitives by descriptor: a 64-channel 16x16 layer's forward, forward, weight and input
 * gradient took 103, 103 and 102 ms per step alternating batches of 100 and 101 images, against 111, 112 and 100 ms
 * on 101 throughout (one run, two cores shared with two trainings). Not thread-safe: one per layer.
 */
final class DnnlConv3x3 implements AutoCloseable {
    private static final long[] STRIDES = {1, 1}, PADDING = {1, 1};

    private final engine eng = new engine(engine.kind.cpu, 0);
    private final stream strm = new stream(eng);
    private Shaped current;

    /**
     * For one input shape {@code [n, h, w, cIn]} and {@code cOut}: the three primitives, the reorders between DL4J's
     * oihw weights and oneDNN's layouts, and their argument maps; data handles are set per call. Every native object
     * made here, descriptors included, is closed with it: the batch shape changes twice a FixMatch step.
     */
    private final class Shaped implements AutoCloseable {
        final long[] key;
        /** Every native object made for this shape, in the order made; closed in reverse. */
        private final java.util.ArrayDeque<Pointer> owned = new java.util.ArrayDeque<>();
        final convolution_forward fwd;
        final convolution_backward_weights bwd;
        final convolution_backward_data bwdData;
        final reorder toUser, fromUser, fromUserForData;
        final memory src, dst, diffDst, diffSrc, weights, dataWeights, userWeights, diffWeights, userDiffWeights;
        final IntMemoryMap fwdArgs = own(new IntMemoryMap()), args = own(new IntMemoryMap()),
                reorderArgs = own(new IntMemoryMap()), weightArgs = own(new IntMemoryMap()),
                dataWeightArgs = own(new IntMemoryMap()), dataArgs = own(new IntMemoryMap());

        Shaped(long[] nhwc, long cOut) {
            key = new long[] {nhwc[0], nhwc[1], nhwc[2], nhwc[3], cOut};
            // oneDNN names dimensions N, C, H, W whatever the layout; the tags say how they sit in memory. DL4J keeps
            // a convolution's weights as [cOut, cIn, kH, kW]: oneDNN's oihw.
            var srcMd = own(new memory.desc(new long[] {nhwc[0], nhwc[3], nhwc[1], nhwc[2]}, memory.data_type.f32,
                    memory.format_tag.nhwc));
            var dstMd = own(new memory.desc(new long[] {nhwc[0], cOut, nhwc[1], nhwc[2]}, memory.data_type.f32,
                    memory.format_tag.nhwc));
            long[] wDims = {cOut, nhwc[3], 3, 3};
            var userMd = own(new memory.desc(wDims, memory.data_type.f32, memory.format_tag.oihw));
            // The weights' layout is left to oneDNN: with oihw imposed it falls back to its reference kernel, about
            // 200x slower here (0.5 ms against 120 ms for 64 images of 32x32x3 on two threads); the gradient is then
            // reordered into DL4J's oihw view, 27 numbers per output channel.
            var anyMd = own(new memory.desc(wDims, memory.data_type.f32, memory.format_tag.any));
            // The forward descriptor is the backward ones' hint: all stay alive until the primitives are closed.
            var hint = own(new convolution_forward.primitive_desc(own(new convolution_forward.desc(
                    dnnl.prop_kind.forward_training, dnnl.algorithm.convolution_direct, srcMd, anyMd, dstMd, STRIDES,
                    PADDING, PADDING)), eng));
            var pd = own(new convolution_backward_weights.primitive_desc(own(new convolution_backward_weights.desc(
                    dnnl.algorithm.convolution_direct, srcMd, anyMd, dstMd, STRIDES, PADDING, PADDING)), eng, hint));
            bwd = own(new convolution_backward_weights(pd));
            fwd = own(new convolution_forward(hint));
            var dataPd = own(new convolution_backward_data.primitive_desc(own(new convolution_backward_data.desc(
                    dnnl.algorithm.convolution_direct, srcMd, anyMd, dstMd, STRIDES, PADDING, PADDING)), eng, hint));
            bwdData = own(new convolution_backward_data(dataPd));
            Pointer none = null;
            src = own(new memory(srcMd, eng, none));
            dst = own(new memory(dstMd, eng, none));
            diffDst = own(new memory(dstMd, eng, none));
            // the weights in oneDNN's layout, reordered every call
            weights = own(new memory(own(hint.weights_desc()), eng));
            userWeights = own(new memory(userMd, eng, none));
            fromUser = own(new reorder(userWeights, weights));
            weightArgs.put(dnnl.DNNL_ARG_FROM, userWeights);
            weightArgs.put(dnnl.DNNL_ARG_TO, weights);
            diffSrc = own(new memory(srcMd, eng, none));
            // its layout may differ from the forward pass's
            dataWeights = own(new memory(own(dataPd.weights_desc()), eng));
            fromUserForData = own(new reorder(userWeights, dataWeights));
            dataWeightArgs.put(dnnl.DNNL_ARG_FROM, userWeights);
            dataWeightArgs.put(dnnl.DNNL_ARG_TO, dataWeights);
            dataArgs.put(dnnl.DNNL_ARG_DIFF_DST, diffDst);
            dataArgs.put(dnnl.DNNL_ARG_WEIGHTS, dataWeights);
            dataArgs.put(dnnl.DNNL_ARG_DIFF_SRC, diffSrc);
            fwdArgs.put(dnnl.DNNL_ARG_SRC, src);
            fwdArgs.put(dnnl.DNNL_ARG_WEIGHTS, weights);
            fwdArgs.put(dnnl.DNNL_ARG_DST, dst);
            diffWeights = own(new memory(own(pd.diff_weights_desc()), eng)); // oneDNN's layout, oneDNN's buffer
            userDiffWeights = own(new memory(userMd, eng, none));
            toUser = own(new reorder(diffWeights, userDiffWeights));
            args.put(dnnl.DNNL_ARG_SRC, src);
            args.put(dnnl.DNNL_ARG_DIFF_DST, diffDst);
            args.put(dnnl.DNNL_ARG_DIFF_WEIGHTS, diffWeights);
            reorderArgs.put(dnnl.DNNL_ARG_FROM, diffWeights);
            reorderArgs.put(dnnl.DNNL_ARG_TO, userDiffWeights);
        }

        private <P extends Pointer> P own(P p) {
            owned.push(p);
            return p;
        }

        /** How many native objects this shape holds open (for tests). */
        int open() {
            return (int) owned.stream().filter(p -> !p.isNull()).count();
        }

        @Override
        public void close() {
            while (!owned.isEmpty()) {
                owned.pop().close();
            }
        }
    }

    /**
     * Writes into {@code dW} ({@code [cOut, cIn, 3, 3]}, dense) the gradient of the loss with respect to the weights,
     * given the layer's input {@code x} ({@code [n, h, w, cIn]}) and the gradient {@code dy} of its output
     * ({@code [n, h, w, cOut]}), both dense NHWC.
     */
    void weightGradient(INDArray x, INDArray dy, INDArray dW) {
        long[] in = nhwc("input x", x);
        long cOut = nhwc("output gradient dy", dy)[3];
        Dnnl.requireShape("output gradient dy", dy, in[0], in[1], in[2], cOut);
        Dnnl.requireShape("weight gradient dW", dW, cOut, in[3], 3, 3);
        shaped(x, cOut);
        current.src.set_data_handle(Dnnl.address(x));
        current.diffDst.set_data_handle(Dnnl.address(dy));
        current.userDiffWeights.set_data_handle(Dnnl.address(dW));
        current.bwd.execute(strm, current.args);
        current.toUser.execute(strm, current.reorderArgs);
        strm._wait();
    }

    /**
     * Writes into {@code dx} ({@code [n, h, w, cIn]}, dense NHWC) the gradient with respect to the input, given the
     * gradient {@code dy} of the output and the weights {@code w}.
     */
    void inputGradient(INDArray dy, INDArray w, INDArray dx) {
        long[] in = nhwc("input gradient dx", dx);
        long cOut = weights(w)[0];
        Dnnl.requireShape("weights w", w, cOut, in[3], 3, 3);
        Dnnl.requireShape("output gradient dy", dy, in[0], in[1], in[2], cOut);
        shaped(dx, cOut);
        current.userWeights.set_data_handle(Dnnl.address(w));
        current.diffDst.set_data_handle(Dnnl.address(dy));
        current.diffSrc.set_data_handle(Dnnl.address(dx));
        current.fromUserForData.execute(strm, current.dataWeightArgs);
        current.bwdData.execute(strm, current.dataArgs);
        strm._wait();
    }

    /**
     * Writes into {@code y} ({@code [n, h, w, cOut]}, dense NHWC) the convolution of {@code x} ({@code [n, h, w, cIn]},
     * dense NHWC) with the weights {@code w} ({@code [cOut, cIn, 3, 3]}, dense).
     */
    void forward(INDArray x, INDArray w, INDArray y) {
        long[] in = nhwc("input x", x);
        long cOut = weights(w)[0];
        Dnnl.requireShape("weights w", w, cOut, in[3], 3, 3);
        Dnnl.requireShape("output y", y, in[0], in[1], in[2], cOut);
        shaped(x, cOut);
        current.userWeights.set_data_handle(Dnnl.address(w));
        current.src.set_data_handle(Dnnl.address(x));
        current.dst.set_data_handle(Dnnl.address(y));
        current.fromUser.execute(strm, current.weightArgs);
        current.fwd.execute(strm, current.fwdArgs);
        strm._wait();
    }

    /** {@code a}'s shape, once it is known to be a rank-4 (NHWC) array oneDNN can read in place. */
    private static long[] nhwc(String what, INDArray a) {
        if (a.rank() != 4) {
            throw new IllegalArgumentException("oneDNN convolution: " + what + " must be [n, h, w, c] (NHWC), got shape "
                    + java.util.Arrays.toString(a.shape()));
        }
        Dnnl.requireDenseFloat(what, a);
        return a.shape();
    }

    /** {@code w}'s shape, once it is known to be rank 4 ({@code [cOut, cIn, 3, 3]}). */
    private static long[] weights(INDArray w) {
        if (w.rank() != 4) {
            throw new IllegalArgumentException("oneDNN convolution: weights w must be [cOut, cIn, 3, 3], got shape "
                    + java.util.Arrays.toString(w.shape()));
        }
        return w.shape();
    }

    /** How many native objects the current shape holds open; 0 when closed (for tests). */
    int openNativeObjects() {
        return current == null ? 0 : current.open();
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
