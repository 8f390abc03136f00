package a2.model.layers;

import org.bytedeco.javacpp.Pointer;
import org.deeplearning4j.nn.workspace.ArrayType;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.memory.pointers.PagedPointer;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.shape.Shape;

/** What the layers that hand ND4J's arrays to oneDNN in place share. */
final class Dnnl {
    private Dnnl() {}

    /** Whether oneDNN can read {@code a} in place as a plain row-major array of its shape. */
    static boolean isDense(INDArray a) {
        return a.ordering() == 'c' && Shape.hasDefaultStridesForShape(a);
    }

    /** Where {@code a}'s first element sits in memory; it must be a dense, row-major float array. */
    static Pointer address(INDArray a) {
        if (a.dataType() != DataType.FLOAT || !isDense(a)) {
            throw new IllegalArgumentException("oneDNN needs a dense row-major float array, got " + a.shapeInfoToString());
        }
        return new PagedPointer(a.data().address() + a.offset() * Float.BYTES);
    }

    /** {@code a} itself when oneDNN can read it in place, else a dense copy in the same workspace as the input. */
    static INDArray dense(INDArray a, LayerWorkspaceMgr workspaceMgr) {
        return isDense(a) ? a : workspaceMgr.dup(ArrayType.INPUT, a, 'c');
    }

    /** Frees oneDNN's native objects (primitives, memories, argument maps). */
    static void closeAll(Pointer... pointers) {
        for (Pointer p : pointers) {
            p.close();
        }
    }
}
