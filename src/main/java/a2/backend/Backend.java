package a2.backend;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Set;
import org.nd4j.linalg.factory.Nd4j;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Chooses and starts the ND4J native backend. Everything here must happen before the first ND4J class loads
 * its natives, so every command calls {@link #start} first, and the choice is made once per JVM.
 *
 * <p>Measured on a 2-core AVX-512 machine (DL4J 1.0.0-M2.1, small 3-conv net): the generic build trains at
 * 53 img/s at 32x32, the oneDNN/AVX-512 build with DL4J's helpers at 208 img/s. The fast build only runs on
 * CPUs with AVX-512 (F, CD, BW, DQ, VL); elsewhere the generic linux-x86_64 build is the fallback.
 */
public final class Backend {
    private static final Logger log = LoggerFactory.getLogger(Backend.class);

    /** JavaCPP appends this to the platform name when it looks for native libraries in the classpath. */
    static final String PLATFORM_EXTENSION_PROPERTY = "org.bytedeco.javacpp.platform.extension";
    static final String FAST_EXTENSION = "-onednn-avx512";
    static final String GENERIC_BUILD = "linux-x86_64";
    /** DL4J M2.1 disables all layer helpers unless this is "false". */
    static final String HELPERS_DISABLE_PROPERTY = "org.eclipse.deeplearning4j.helpers.disable";
    /** Where JavaCPP unpacks native libraries (~400 MB); default ~/.javacpp/cache. */
    public static final String NATIVE_CACHE_ENV = "A2_NATIVE_CACHE";
    static final Set<String> AVX512_FLAGS = Set.of("avx512f", "avx512cd", "avx512bw", "avx512dq", "avx512vl");

    private Backend() {}

    /** The native build this machine should use and why. */
    public record Choice(String extension, String reason) {
        public String nativeBuild() {
            return GENERIC_BUILD + extension;
        }
    }

    /** Pure decision from the OS, architecture and CPU flags, so it can be tested anywhere. */
    public static Choice choose(String osName, String osArch, Set<String> cpuFlags, boolean fastBuildOnClasspath) {
        String os = osName.toLowerCase(Locale.ROOT);
        if (!os.contains("linux") || !(osArch.equals("amd64") || osArch.equals("x86_64"))) {
            throw new a2.io.InvalidInputException("this jar carries ND4J natives for linux-x86_64 only; this machine is "
                    + osName + "/" + osArch + ". Rebuild with the nd4j-native classifier of your platform "
                    + "(see README, 'Platforms').");
        }
        if (!fastBuildOnClasspath) {
            return new Choice("", "oneDNN/AVX-512 build not on the classpath");
        }
        if (!cpuFlags.containsAll(AVX512_FLAGS)) {
            return new Choice("", "CPU lacks AVX-512 (" + AVX512_FLAGS + "): generic build, about 4x slower");
        }
        return new Choice(FAST_EXTENSION, "");
    }

    static Set<String> cpuFlags() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/cpuinfo"))) {
                if (line.startsWith("flags")) {
                    return Set.of(line.substring(line.indexOf(':') + 1).trim().split("\\s+"));
                }
            }
        } catch (IOException | RuntimeException e) {
            log.debug("cannot read /proc/cpuinfo", e);
        }
        return Set.of();
    }

    static boolean fastBuildOnClasspath() {
        return Backend.class.getClassLoader().getResource(
                "org/nd4j/linalg/cpu/nativecpu/bindings/" + GENERIC_BUILD + FAST_EXTENSION + "/") != null;
    }

    /** The build {@link #start} would choose on this machine, without loading anything. */
    public static Choice expectedChoice() {
        return choose(System.getProperty("os.name"), System.getProperty("os.arch"), cpuFlags(), fastBuildOnClasspath());
    }

    /**
     * Selects the native build, enables the oneDNN helpers, loads ND4J and sets the thread count. Idempotent
     * within a JVM: the natives load once, so a second call with another thread count only changes the
     * thread count.
     */
    public static synchronized BackendInfo start(int threads) {
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be >= 1, got " + threads);
        }
        String nativeCache = System.getenv(NATIVE_CACHE_ENV);
        if (nativeCache != null && !nativeCache.isBlank() && System.getProperty("org.bytedeco.javacpp.cachedir") == null) {
            System.setProperty("org.bytedeco.javacpp.cachedir", nativeCache);
        }
        Choice choice = expectedChoice();
        if (System.getProperty(PLATFORM_EXTENSION_PROPERTY) == null) {
            System.setProperty(PLATFORM_EXTENSION_PROPERTY, choice.extension());
        }
        if (System.getProperty(HELPERS_DISABLE_PROPERTY) == null) {
            System.setProperty(HELPERS_DISABLE_PROPERTY, "false");
        }
        // The same thread count for ND4J's own loops and for BLAS; OMP_NUM_THREADS, if set, was read at load.
        Nd4j.getEnvironment().setMaxThreads(threads);
        Nd4j.getEnvironment().setMaxMasterThreads(threads);
        BackendInfo info = describe(threads, choice.reason());
        log.info("backend: {}", info.summary());
        return info;
    }

    static BackendInfo describe(int threads, String reason) {
        String ext = System.getProperty(PLATFORM_EXTENSION_PROPERTY, "");
        boolean helpers = !Boolean.parseBoolean(System.getProperty(HELPERS_DISABLE_PROPERTY, "true"))
                && org.deeplearning4j.nn.layers.mkldnn.BaseMKLDNNHelper.mklDnnEnabled();
        var env = Nd4j.getExecutioner().getEnvironmentInformation();
        return new BackendInfo(GENERIC_BUILD + ext, helpers, threads, reason, dl4jVersion(),
                String.valueOf(env.getProperty("backend", "?")));
    }

    /** From DL4J's own Maven metadata: in the fat jar, package manifests carry this project's version, not DL4J's. */
    static String dl4jVersion() {
        try (var in = Backend.class.getResourceAsStream("/META-INF/maven/org.deeplearning4j/deeplearning4j-nn/pom.properties")) {
            if (in != null) {
                java.util.Properties p = new java.util.Properties();
                p.load(in);
                return p.getProperty("version", "unknown");
            }
        } catch (IOException e) {
            log.debug("cannot read DL4J's pom.properties", e);
        }
        return "unknown";
    }

    /**
     * What OpenMP will use: {@code OMP_NUM_THREADS} when set (it is read once, at load, so it wins), else all cores
     * (one run at a time is the common case).
     */
    public static int defaultThreads() {
        String omp = System.getenv("OMP_NUM_THREADS");
        if (omp != null) {
            try {
                int n = Integer.parseInt(omp.trim());
                if (n >= 1) {
                    return n;
                }
            } catch (NumberFormatException ignored) {
                // OpenMP ignores a malformed value too and uses all cores.
            }
        }
        return Runtime.getRuntime().availableProcessors();
    }
}
