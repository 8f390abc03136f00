package a2.model.layers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import a2.backend.LayerPath;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** oneDNN gets only addresses: every array's shape, type and layout is checked before, and its objects are closed. */
class DnnlConv3x3Test {
    private static final INDArray X = Nd4j.rand(DataType.FLOAT, 2, 5, 5, 3), W = Nd4j.rand(DataType.FLOAT, 4, 3, 3, 3);

    @BeforeEach
    void oneDnnLoads() {
        assumeTrue(LayerPath.active().oneDnn(), "oneDNN is not available here: " + LayerPath.active().reason());
    }

    static void rejects(Executable call, String... mentioned) {
        var e = assertThrows(IllegalArgumentException.class, call);
        for (String m : mentioned) {
            assertTrue(e.getMessage().contains(m), "'" + m + "' in: " + e.getMessage());
        }
    }

    @Test
    void forwardChecksTheWeightsAndTheOutputAgainstTheInput() {
        try (var conv = new DnnlConv3x3()) {
            INDArray y = Nd4j.createUninitialized(DataType.FLOAT, 2, 5, 5, 4);
            rejects(() -> conv.forward(X, Nd4j.rand(DataType.FLOAT, 4, 2, 3, 3), y), "weights w", "[4, 3, 3, 3]", "[4, 2, 3, 3]");
            rejects(() -> conv.forward(X, W, Nd4j.create(DataType.FLOAT, 2, 5, 5, 5)), "output y", "[2, 5, 5, 4]", "[2, 5, 5, 5]");
            rejects(() -> conv.forward(Nd4j.rand(DataType.FLOAT, 5, 5, 3), W, y), "input x", "[5, 5, 3]");
            rejects(() -> conv.forward(X.castTo(DataType.DOUBLE), W, y), "input x", "DOUBLE");
            INDArray notDense = Nd4j.rand(DataType.FLOAT, 2, 3, 5, 5).permute(0, 2, 3, 1); // NHWC view of NCHW memory
            rejects(() -> conv.forward(notDense, W, y), "input x", "dense row-major");
            conv.forward(X, W, y);
            assertTrue(y.norm2Number().doubleValue() > 0);
        }
    }

    @Test
    void gradientsCheckEveryArray() {
        try (var conv = new DnnlConv3x3()) {
            INDArray dy = Nd4j.rand(DataType.FLOAT, 2, 5, 5, 4);
            rejects(() -> conv.weightGradient(X, dy, Nd4j.create(DataType.FLOAT, 4, 3, 1, 1)), "weight gradient dW",
                    "[4, 3, 3, 3]", "[4, 3, 1, 1]");
            rejects(() -> conv.weightGradient(X, Nd4j.rand(DataType.FLOAT, 2, 4, 5, 4), Nd4j.create(DataType.FLOAT, 4, 3, 3, 3)),
                    "output gradient dy", "[2, 5, 5, 4]", "[2, 4, 5, 4]");
            rejects(() -> conv.inputGradient(dy, W, Nd4j.create(DataType.FLOAT, 3, 5, 5, 3)), "output gradient dy",
                    "[3, 5, 5, 4]", "[2, 5, 5, 4]");
            rejects(() -> conv.inputGradient(dy, W, Nd4j.create(DataType.FLOAT, 2, 5, 5, 2)), "weights w", "[4, 2, 3, 3]");
            INDArray dx = Nd4j.create(DataType.FLOAT, 2, 5, 5, 3);
            conv.inputGradient(dy, W, dx);
            assertTrue(dx.norm2Number().doubleValue() > 0);
        }
    }

    @Test
    void closingFreesEveryNativeObjectOfTheShape() {
        var conv = new DnnlConv3x3();
        conv.forward(X, W, Nd4j.createUninitialized(DataType.FLOAT, 2, 5, 5, 4));
        int open = conv.openNativeObjects();
        assertTrue(open >= 20, "descriptors, primitives, memories and argument maps: " + open);
        conv.forward(Nd4j.rand(DataType.FLOAT, 3, 5, 5, 3), W, Nd4j.createUninitialized(DataType.FLOAT, 3, 5, 5, 4));
        assertEquals(open, conv.openNativeObjects(), "a new shape replaces the old one's objects, it does not add to them");
        conv.close();
        assertEquals(0, conv.openNativeObjects());
    }
}
