import org.bytedeco.dnnl.*;
import org.bytedeco.dnnl.global.dnnl;
import org.bytedeco.javacpp.*;

/**
 * Times oneDNN's fused batch norm + ReLU (forward training, backward with the batch statistics) at the recipe's
 * three stage shapes, batch 64, in the layout {@code -Dfmt} names (nchw, nhwc, nChw16c), in a JVM that has ND4J
 * loaded too: does JavaCPP's separate libdnnl coexist with libnd4j's own oneDNN, and what would a batch-norm layer
 * of our own cost? Run by bench/dnnl-bnorm-probe.
 */
public class DnnlBatchNormProbe {
    public static void main(String[] a) throws Exception {
        org.nd4j.linalg.factory.Nd4j.create(2, 2).addi(1); // load libnd4j first
        engine eng = new engine(engine.kind.cpu, 0);
        stream s = new stream(eng);
        int flags = dnnl.normalization_flags.use_scale_shift.value | dnnl.normalization_flags.fuse_norm_relu.value;
        long[][] shapes = {{64, 32, 32, 32}, {64, 64, 16, 16}, {64, 128, 8, 8}};
        for (long[] d : shapes) {
            long n = d[0] * d[1] * d[2] * d[3];
            memory.desc md = new memory.desc(d, memory.data_type.f32, memory.format_tag.valueOf(System.getProperty("fmt", "nchw")));
            batch_normalization_forward.desc fd = new batch_normalization_forward.desc(dnnl.prop_kind.forward_training.value, md, 1e-5f, flags);
            batch_normalization_forward.primitive_desc fpd = new batch_normalization_forward.primitive_desc(fd, eng);
            batch_normalization_backward.desc bd = new batch_normalization_backward.desc(dnnl.prop_kind.backward.value, md, md, 1e-5f, flags);
            batch_normalization_backward.primitive_desc bpd = new batch_normalization_backward.primitive_desc(bd, eng, fpd);
            FloatPointer x = new FloatPointer(n), y = new FloatPointer(n), dy = new FloatPointer(n), dx = new FloatPointer(n);
            java.util.Random r = new java.util.Random(1);
            for (long i = 0; i < n; i++) { x.put(i, (float) r.nextGaussian()); dy.put(i, (float) r.nextGaussian()); }
            FloatPointer ss = new FloatPointer(2 * d[1]), dss = new FloatPointer(2 * d[1]);
            for (long c = 0; c < d[1]; c++) { ss.put(c, 1f); ss.put(d[1] + c, 0f); }
            memory mx = new memory(md, eng, x), my = new memory(md, eng, y), mdy = new memory(md, eng, dy), mdx = new memory(md, eng, dx);
            memory mss = new memory(fpd.weights_desc(), eng, ss), mdss = new memory(bpd.diff_weights_desc(), eng, dss);
            memory mean = new memory(fpd.mean_desc(), eng), var = new memory(fpd.variance_desc(), eng), ws = new memory(fpd.workspace_desc(), eng);
            IntMemoryMap fa = new IntMemoryMap();
            fa.put(dnnl.DNNL_ARG_SRC, mx); fa.put(dnnl.DNNL_ARG_DST, my); fa.put(dnnl.DNNL_ARG_SCALE_SHIFT, mss);
            fa.put(dnnl.DNNL_ARG_MEAN, mean); fa.put(dnnl.DNNL_ARG_VARIANCE, var); fa.put(dnnl.DNNL_ARG_WORKSPACE, ws);
            IntMemoryMap ba = new IntMemoryMap();
            ba.put(dnnl.DNNL_ARG_SRC, mx); ba.put(dnnl.DNNL_ARG_MEAN, mean); ba.put(dnnl.DNNL_ARG_VARIANCE, var);
            ba.put(dnnl.DNNL_ARG_DIFF_DST, mdy); ba.put(dnnl.DNNL_ARG_SCALE_SHIFT, mss); ba.put(dnnl.DNNL_ARG_WORKSPACE, ws);
            ba.put(dnnl.DNNL_ARG_DIFF_SRC, mdx); ba.put(dnnl.DNNL_ARG_DIFF_SCALE_SHIFT, mdss);
            batch_normalization_forward fwd = new batch_normalization_forward(fpd);
            batch_normalization_backward bwd = new batch_normalization_backward(bpd);
            for (int w = 0; w < 20; w++) { fwd.execute(s, fa); bwd.execute(s, ba); }
            s._wait();
            int reps = 200;
            long t0 = System.nanoTime();
            for (int i = 0; i < reps; i++) { fwd.execute(s, fa); }
            s._wait();
            long t1 = System.nanoTime();
            for (int i = 0; i < reps; i++) { bwd.execute(s, ba); }
            s._wait();
            long t2 = System.nanoTime();
            System.out.printf("%s: bn+relu forward %.3f ms, backward %.3f ms%n", java.util.Arrays.toString(d),
                    (t1 - t0) / 1e6 / reps, (t2 - t1) / 1e6 / reps);
        }
    }
}
