package a2.model.layers;

import org.bytedeco.dnnl.IntMemoryMap;
import org.bytedeco.dnnl.eltwise_backward;
import org.bytedeco.dnnl.eltwise_forward;
import org.bytedeco.dnnl.engine;
import org.bytedeco.dnnl.memory;
import org.bytedeco.dnnl.stream;
import org.bytedeco.dnnl.global.dnnl;
import org.bytedeco.javacpp.Pointer;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * oneDNN's exact GELU ({@code eltwise_gelu_erf}: {@code x Phi(x)}), forward and backward, on dense float arrays that
 * ND4J owns. Element-wise, so the arrays are handed over as flat vectors whatever their shape and layout. Nothing is
 * kept between calls: oneDNN's own primitive cache makes rebuilding the primitive for a shape seen before cheap, and
 * a stateless call is safe however DL4J shares an activation function between layers.
 */
final class DnnlGelu {
    private DnnlGelu() {}

    /** {@code y = x Phi(x)}; {@code y} may be {@code x} itself. */
    static void forward(INDArray x, INDArray y) {
        Dnnl.requireShape("the GELU output", y, x.shape());
        try (engine eng = new engine(engine.kind.cpu, 0); stream strm = new stream(eng);
             memory.desc md = flat(x.length());
             var d = new eltwise_forward.desc(dnnl.prop_kind.forward_training, dnnl.algorithm.eltwise_gelu_erf, md, 0f, 0f);
             var pd = new eltwise_forward.primitive_desc(d, eng);
             var prim = new eltwise_forward(pd);
             memory src = new memory(md, eng, (Pointer) null); memory dst = new memory(md, eng, (Pointer) null);
             IntMemoryMap args = new IntMemoryMap()) {
            src.set_data_handle(Dnnl.address(x));
            dst.set_data_handle(Dnnl.address(y));
            args.put(dnnl.DNNL_ARG_SRC, src);
            args.put(dnnl.DNNL_ARG_DST, dst);
            prim.execute(strm, args);
            strm._wait();
        }
    }

    /** {@code dx = dy (Phi(x) + x phi(x))}, the gradient at the forward pass's input {@code x}. */
    static void backward(INDArray x, INDArray dy, INDArray dx) {
        Dnnl.requireShape("the GELU input gradient", dy, x.shape());
        Dnnl.requireShape("the GELU output gradient", dx, x.shape());
        try (engine eng = new engine(engine.kind.cpu, 0); stream strm = new stream(eng);
             memory.desc md = flat(x.length());
             var fd = new eltwise_forward.desc(dnnl.prop_kind.forward_training, dnnl.algorithm.eltwise_gelu_erf, md, 0f, 0f);
             var fpd = new eltwise_forward.primitive_desc(fd, eng);
             var bd = new eltwise_backward.desc(dnnl.algorithm.eltwise_gelu_erf, md, md, 0f, 0f);
             var bpd = new eltwise_backward.primitive_desc(bd, eng, fpd);
             var prim = new eltwise_backward(bpd);
             memory src = new memory(md, eng, (Pointer) null); memory diffDst = new memory(md, eng, (Pointer) null);
             memory diffSrc = new memory(md, eng, (Pointer) null); IntMemoryMap args = new IntMemoryMap()) {
            src.set_data_handle(Dnnl.address(x));
            diffDst.set_data_handle(Dnnl.address(dy));
            diffSrc.set_data_handle(Dnnl.address(dx));
            args.put(dnnl.DNNL_ARG_SRC, src);
            args.put(dnnl.DNNL_ARG_DIFF_DST, diffDst);
            args.put(dnnl.DNNL_ARG_DIFF_SRC, diffSrc);
            prim.execute(strm, args);
            strm._wait();
        }
    }

    private static memory.desc flat(long n) {
        return new memory.desc(new long[] {n}, memory.data_type.f32, memory.format_tag.a);
    }
}
