package a2.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import a2.data.ArrayImages;
import a2.model.TestTimeAugmentation.View;
import java.util.List;
import java.util.SplittableRandom;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.learning.config.Nesterovs;
import org.nd4j.linalg.learning.config.Sgd;

class TestTimeAugmentationTest {
    @Test
    void viewsMirrorAndShiftWithReflectedBorders() {
        // One 3-channel 3x3 image; channel c, pixel (y, x) holds 100c + 10y + x.
        float[] img = new float[27];
        for (int c = 0; c < 3; c++) {
            for (int y = 0; y < 3; y++) {
                for (int x = 0; x < 3; x++) {
                    img[c * 9 + y * 3 + x] = 100 * c + 10 * y + x;
                }
            }
        }
        float[] mirror = TestTimeAugmentation.view(img, 1, 3, View.MIRROR);
        assertArrayEquals(new float[] {2, 1, 0, 12, 11, 10, 22, 21, 20}, java.util.Arrays.copyOf(mirror, 9));
        // Up-left: output (y, x) reads input (y - 1, x - 1), row/column -1 reflected to 1 (PyTorch's 'reflect').
        float[] ul = TestTimeAugmentation.view(img, 1, 3, View.UP_LEFT);
        assertArrayEquals(new float[] {111, 110, 111, 101, 100, 101, 111, 110, 111}, java.util.Arrays.copyOfRange(ul, 9, 18));
        float[] dr = TestTimeAugmentation.view(img, 1, 3, View.DOWN_RIGHT);
        assertArrayEquals(new float[] {211, 212, 211, 221, 222, 221, 211, 212, 211}, java.util.Arrays.copyOfRange(dr, 18, 27));
        // Mirrored after the shift, as airbench flips the translated batch.
        float[] drm = TestTimeAugmentation.view(img, 1, 3, View.DOWN_RIGHT_MIRROR);
        assertArrayEquals(new float[] {11, 12, 11, 21, 22, 21, 11, 12, 11}, java.util.Arrays.copyOf(drm, 9));
    }

    @Test
    void oneViewIsThePlainNetworkAndTwoAreTheSoftmaxOfTheAveragedLogits() {
        var spec = new AirbenchNetwork.Spec(16, List.of(4, 8), 0.6, 1e-5, 1.0 / 9, true);
        double[][] moment = new double[12][12];
        for (int i = 0; i < 12; i++) {
            moment[i][i] = 1 + i;
        }
        MultiLayerNetwork net = AirbenchNetwork.build(spec, PatchWhitening.fromSecondMoment(moment, 2, 1), 10, 1,
                new Nesterovs(0.1, 0.9), new Sgd(0.1), new Sgd(0.1));
        SplittableRandom r = new SplittableRandom(2);
        byte[] px = new byte[5 * 3 * 16 * 16];
        for (int i = 0; i < px.length; i++) {
            px[i] = (byte) r.nextInt(256);
        }
        ArrayImages images = new ArrayImages(px, 5, 16, 16);
        Preprocessing pre = new Preprocessing(16, new float[] {0.5f, 0.5f, 0.5f}, new float[] {0.25f, 0.25f, 0.25f});
        int[] idx = Inference.all(5);
        float[][] plain = Inference.probabilities(net, pre, images, idx, n -> {});
        float[][] one = TestTimeAugmentation.none().probabilities(net, pre, images, idx, n -> {});
        for (int i = 0; i < 5; i++) {
            assertArrayEquals(plain[i], one[i], 1e-6f);
        }
        float[][] two = TestTimeAugmentation.mirror().probabilities(net, pre, images, idx, n -> {});
        // By hand: mirror the raw images, run the plain network, average the logs, softmax.
        byte[] mirrored = px.clone();
        for (int p = 0; p < 5 * 3; p++) {
            for (int y = 0; y < 16; y++) {
                for (int x = 0; x < 16; x++) {
                    mirrored[p * 256 + y * 16 + x] = px[p * 256 + y * 16 + 15 - x];
                }
            }
        }
        float[][] flipped = Inference.probabilities(net, pre, new ArrayImages(mirrored, 5, 16, 16), idx, n -> {});
        for (int i = 0; i < 5; i++) {
            double[] z = new double[10];
            double norm = 0;
            for (int k = 0; k < 10; k++) {
                z[k] = Math.exp(0.5 * Math.log(plain[i][k]) + 0.5 * Math.log(flipped[i][k]));
                norm += z[k];
            }
            for (int k = 0; k < 10; k++) {
                assertEquals(z[k] / norm, two[i][k], 1e-5, "image " + i + " class " + k);
            }
        }
    }

    @Test
    void weightsMustSumToOne() {
        assertThrows(IllegalArgumentException.class, () -> new TestTimeAugmentation(
                List.of(new TestTimeAugmentation.Weighted(View.IDENTITY, 0.5))));
        assertEquals(6, TestTimeAugmentation.mirrorTranslate().views().size());
    }
}
