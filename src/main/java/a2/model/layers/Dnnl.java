package a2.model.layers;

import org.bytedeco.javacpp.Pointer;
import org.deeplearning4j.nn.workspace.ArrayType;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.memory.pointers.PagedPointer;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** What the layers that hand ND4J's arrays to oneDNN in place share. */
final class Dnnl {
    private Dnnl() {}

    /** Whether ND4J runs on its CPU backend, whose arrays live in host memory that oneDNN can read in place. */
    static boolean cpuBackend() {
        return Nd4j.getBackend().getClass().getSimpleName().startsWith("CpuBackend");
    }

    /** Whether oneDNN can read {@code a} in place as a plain row-major array of its shape. */
    static boolean isDense(INDArray a) {
        // Each dimension's stride is the product of the later sizes; a dimension of size 1 is never stepped over, so
        // its stride does not matter (ND4J gives such dimensions strides that Shape.hasDefaultStridesForShape refuses,
        // e.g. [8, 8, 8, 1] for shape [8, 1, 1, 8] after pooling to a 1x1 map).
        long expected = 1;
        for (int i = a.rank() - 1; i >= 0; i--) {
            if (a.size(i) != 1 && a.stride(i) != expected) {
                return false;
            }
            expected *= a.size(i);
        }
        return true;
    }

    /** Where {@code a}'s first element sits in memory; it must be a dense, row-major float array. */
    static Pointer address(INDArray a) {
        if (a.dataType() != DataType.FLOAT || !isDense(a)) {
            throw new IllegalArgumentException("oneDNN needs a dense row-major float array, got " + a.shapeInfoToString());
        }
        return new PagedPointer(a.data().address() + a.offset() * Float.BYTES);
    }

    /** Throws, naming {@code what}, unless {@code a} is a dense row-major float array oneDNN can read in place. */
    static void requireDenseFloat(String what, INDArray a) {
        if (a.dataType() != DataType.FLOAT || !isDense(a)) {
            throw new IllegalArgumentException("oneDNN needs " + what + " as a dense row-major (c order) float array, got "
                    + a.dataType() + " order '" + a.ordering() + "' shape " + java.util.Arrays.toString(a.shape())
                    + " strides " + java.util.Arrays.toString(a.stride()));
        }
    }

    /**
     * Throws, naming {@code what} and both shapes, unless {@code a} has exactly the {@code expected} shape and is dense
     * row-major float: oneDNN reads and writes through raw addresses, so a wrong shape would be memory corruption, not
     * an error.
     */
    static void requireShape(String what, INDArray a, long... expected) {
        if (!java.util.Arrays.equals(a.shape(), expected)) {
            throw new IllegalArgumentException("oneDNN: " + what + " must have shape " + java.util.Arrays.toString(expected)
                    + ", got " + java.util.Arrays.toString(a.shape()));
        }
        requireDenseFloat(what, a);
    }

    /** {@code a} itself when oneDNN can read it in place, else a dense copy in the same workspace as the input. */
    static INDArray dense(INDArray a, LayerWorkspaceMgr workspaceMgr) {
        return isDense(a) ? a : workspaceMgr.dup(ArrayType.INPUT, a, 'c');
    }

    /** {@code a} itself when oneDNN can read it in place, else a dense copy outside any workspace. */
    static INDArray dense(INDArray a) {
        return isDense(a) ? a : a.dup('c');
    }

    /** Frees oneDNN's native objects (primitives, memories, argument maps). */
    static void closeAll(Pointer... pointers) {
        for (Pointer p : pointers) {
            p.close();
        }
    }
}
