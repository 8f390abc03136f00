package a2.backend;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.Set;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.layers.mkldnn.MKLDNNConvHelper;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.lossfunctions.LossFunctions;

class BackendTest {
    private static final Set<String> AVX512 = Set.of("avx512f", "avx512cd", "avx512bw", "avx512dq", "avx512vl", "sse2");

    private static final Set<String> AVX2 = Set.of("sse2", "avx", "avx2", "fma", "f16c");
    private static final Set<String> ALL_THREE = Set.of("linux-x86_64", "linux-x86_64-onednn-avx512",
            "linux-x86_64-onednn-avx2");

    @Test
    void choosesTheFastBuildOnlyWhenTheCpuHasAvx512() {
        assertEquals("linux-x86_64-onednn-avx512", Backend.choose("Linux", "amd64", AVX512, true).nativeBuild());
        Backend.Choice old = Backend.choose("Linux", "amd64", Set.of("sse2", "avx2"), true);
        assertEquals("linux-x86_64", old.nativeBuild());
        assertTrue(old.reason().contains("AVX-512"), old.reason());
        assertEquals("linux-x86_64", Backend.choose("Linux", "x86_64", AVX512, false).nativeBuild());
    }

    @Test
    void anAvx2CpuWithoutAvx512RunsTheOneDnnAvx2Build() {
        Backend.Choice c = Backend.choose("Linux", "amd64", AVX2, ALL_THREE, null);
        assertEquals("linux-x86_64-onednn-avx2", c.nativeBuild());
        assertTrue(c.reason().contains("lacks AVX-512"), c.reason());
        assertEquals("CPU linux-x86_64-onednn-avx2 (oneDNN helpers on) [" + c.reason() + "]", c.summary());
        Set<String> both = new java.util.HashSet<>(AVX512);
        both.addAll(AVX2);
        assertEquals("linux-x86_64-onednn-avx512", Backend.choose("Linux", "amd64", both, ALL_THREE, null).nativeBuild());
        assertEquals("linux-x86_64-onednn-avx2", Backend.choose("Linux", "amd64", both,
                Set.of("linux-x86_64", "linux-x86_64-onednn-avx2"), null).nativeBuild());
        assertEquals("linux-x86_64", Backend.choose("Linux", "amd64", AVX2, ALL_THREE, "generic").nativeBuild());
    }

    @Test
    void aCpuWithoutTheWholeAvx2SetRunsTheGenericBuildAndNamesTheMissingFlags() {
        Backend.Choice c = Backend.choose("Linux", "amd64", Set.of("sse2", "avx", "avx2"), ALL_THREE, null);
        assertEquals("linux-x86_64", c.nativeBuild());
        assertTrue(c.reason().contains("AVX2 ([avx2, f16c, fma])") && c.reason().contains("generic build"), c.reason());
    }

    @Test
    void refusesOtherPlatformsAndSaysWhy() {
        var e = assertThrows(a2.io.InvalidInputException.class, () -> Backend.choose("Mac OS X", "aarch64", Set.of(), true));
        assertTrue(e.getMessage().contains("Mac OS X/aarch64"), e.getMessage());
    }

    @Test
    void a2NativeGenericForcesTheGenericBuildOnAnAvx512Cpu() {
        Set<String> both = Set.of("linux-x86_64", "linux-x86_64-onednn-avx512");
        Backend.Choice c = Backend.choose("Linux", "amd64", AVX512, both, "generic");
        assertEquals("linux-x86_64", c.nativeBuild());
        assertEquals("A2_NATIVE=generic", c.reason());
        assertEquals("linux-x86_64-onednn-avx512", Backend.choose("Linux", "amd64", AVX512, both, "auto").nativeBuild());
        assertEquals("linux-x86_64-onednn-avx512", Backend.choose("Linux", "amd64", AVX512, both, null).nativeBuild());
        var e = assertThrows(a2.io.InvalidInputException.class, () -> Backend.choose("Linux", "amd64", AVX512, both, "avx2"));
        assertTrue(e.getMessage().contains("A2_NATIVE") && e.getMessage().contains("'avx2'"), e.getMessage());
    }

    @Test
    void aForeignPlatformsJarRunsItsOwnBuildAndNamesTheBuildCommandElsewhere() {
        assertEquals("macosx-arm64", Backend.choose("Mac OS X", "aarch64", AVX512, Set.of("macosx-arm64"), null).nativeBuild());
        assertEquals("linux-arm64", Backend.choose("Linux", "aarch64", Set.of(), Set.of("linux-arm64"), null).nativeBuild());
        assertEquals("windows-x86_64", Backend.choose("Windows 11", "amd64", AVX512, Set.of("windows-x86_64"), null).nativeBuild());
        var e = assertThrows(a2.io.InvalidInputException.class,
                () -> Backend.choose("Linux", "amd64", AVX512, Set.of("macosx-arm64"), null));
        assertTrue(e.getMessage().contains("macosx-arm64 only") && e.getMessage().contains("-Djavacpp.platform=linux-x86_64"),
                e.getMessage());
    }

    @Test
    void theCudaJarLoadsItsCudnnBuild() {
        Backend.Choice c = Backend.choose("Linux", "amd64", AVX512, Set.of("cuda:linux-x86_64-cudnn"), null);
        assertEquals("-cudnn", c.extension());
        assertEquals("linux-x86_64-cudnn", c.nativeBuild());
        assertEquals("CUDA linux-x86_64-cudnn [CUDA build with cuDNN]", c.summary());
        assertEquals("CPU linux-x86_64-onednn-avx512 (oneDNN helpers on)",
                Backend.choose("Linux", "amd64", AVX512, true).summary());
    }

    @Test
    void theStartUpLineSaysWhichLayerPathRuns() {
        BackendInfo info = Backend.start(1);
        assertEquals(LayerPath.active().label(), info.layers());
        assertTrue(info.summary().contains(", " + LayerPath.active().label() + ", "), info.summary());
    }

    @Test
    void convolutionRunsOnTheOneDnnHelperOnAvx2AndAvx512Cpus() {
        BackendInfo info = Backend.start(1);
        Set<String> flags = Backend.cpuFlags();
        boolean avx512 = flags.containsAll(Backend.AVX512_FLAGS);
        assumeTrue(avx512 || flags.containsAll(Backend.AVX2_FLAGS),
                "this CPU lacks AVX2 and AVX-512: the generic build runs and has no oneDNN helpers to check");
        assumeTrue(!"generic".equals(System.getenv(Backend.NATIVE_ENV)), "A2_NATIVE=generic: no oneDNN helpers to check");
        assertEquals(avx512 ? "linux-x86_64-onednn-avx512" : "linux-x86_64-onednn-avx2", info.nativeBuild());
        assertTrue(info.oneDnn(), info.summary());
        var conf = new NeuralNetConfiguration.Builder().seed(1).list()
                .layer(new ConvolutionLayer.Builder(3, 3).nOut(4).activation(Activation.RELU).build())
                .layer(new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).nOut(2).activation(Activation.SOFTMAX).build())
                .setInputType(InputType.convolutional(8, 8, 3)).build();
        MultiLayerNetwork net = new MultiLayerNetwork(conf);
        net.init();
        net.output(Nd4j.rand(2, 3, 8, 8));
        var conv = (org.deeplearning4j.nn.layers.convolution.ConvolutionLayer) net.getLayer(0);
        assertTrue(conv.getHelper() instanceof MKLDNNConvHelper, "conv helper: " + conv.getHelper());
    }
}
