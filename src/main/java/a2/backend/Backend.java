package a2.backend;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
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
 * 53 img/s at 32x32, the oneDNN/AVX-512 build with DL4J's helpers at 208 img/s. The linux-x86_64 jar carries three
 * builds: oneDNN/AVX-512 for CPUs with AVX-512 (F, CD, BW, DQ, VL), oneDNN/AVX2 for the many without it that have
 * Haswell's vector set (AVX2, FMA, F16C: most laptops, whose Intel cores dropped AVX-512), and the generic build for
 * the rest or with {@code A2_NATIVE=generic}. A jar built for another platform ({@code -Pplatform}) carries that
 * platform's one build.
 */
public final class Backend {
    private static final Logger log = LoggerFactory.getLogger(Backend.class);

    /** JavaCPP appends this to the platform name when it looks for native libraries in the classpath. */
    static final String PLATFORM_EXTENSION_PROPERTY = "org.bytedeco.javacpp.platform.extension";
    static final String FAST_EXTENSION = "-onednn-avx512";
    /** The oneDNN build compiled for AVX2 (libnd4j's {@code avx2} target: AVX2 with FMA and F16C). */
    static final String AVX2_EXTENSION = "-onednn-avx2";
    static final String GENERIC_BUILD = "linux-x86_64";
    /** The CUDA build with cuDNN linked in (the cuda profile's), named in {@link #buildsOnClasspath} with this prefix. */
    static final String CUDNN_EXTENSION = "-cudnn", CUDA_PREFIX = "cuda:";
    /** DL4J M2.1 disables all layer helpers unless this is "false". */
    static final String HELPERS_DISABLE_PROPERTY = "org.eclipse.deeplearning4j.helpers.disable";
    /** Where JavaCPP unpacks native libraries (~400 MB); default ~/.javacpp/cache. */
    public static final String NATIVE_CACHE_ENV = "A2_NATIVE_CACHE";
    static final Set<String> AVX512_FLAGS = Set.of("avx512f", "avx512cd", "avx512bw", "avx512dq", "avx512vl");
    static final Set<String> AVX2_FLAGS = Set.of("avx2", "fma", "f16c");
    /** The CPU builds of one platform, fastest first: each runs where its flags are all present. */
    private static final List<String> CPU_EXTENSIONS = List.of(FAST_EXTENSION, AVX2_EXTENSION);

    private Backend() {}

    /** {@code generic} forces the generic build where the faster one would run; {@code auto} (or unset) chooses. */
    public static final String NATIVE_ENV = "A2_NATIVE";
    /** The platforms whose ND4J natives a jar of this project may carry (JavaCPP's names). */
    static final List<String> PLATFORMS = List.of("linux-x86_64", "linux-arm64", "macosx-arm64", "macosx-x86_64",
            "windows-x86_64");

    /**
     * The native build this machine should use and why.
     *
     * @param platform  JavaCPP's platform name, e.g. {@code macosx-arm64}
     * @param extension appended to it for the native build's classifier ({@code -onednn-avx512}, {@code -onednn-avx2}
     *                  or empty)
     */
    public record Choice(String platform, String extension, String reason) {
        public String nativeBuild() {
            return platform + extension;
        }

        /** For {@code --version}: the backend, the build, and why, without loading anything. */
        public String summary() {
            String backend = CUDNN_EXTENSION.equals(extension) ? "CUDA " : "CPU ";
            return backend + nativeBuild() + (CPU_EXTENSIONS.contains(extension) ? " (oneDNN helpers on)" : "")
                    + (reason.isEmpty() ? "" : " [" + reason + "]");
        }
    }

    /** The linux-x86_64 jar's two builds, for callers that only know whether the fast one is there. */
    public static Choice choose(String osName, String osArch, Set<String> cpuFlags, boolean fastBuildOnClasspath) {
        Set<String> builds = fastBuildOnClasspath ? Set.of(GENERIC_BUILD, GENERIC_BUILD + FAST_EXTENSION)
                : Set.of(GENERIC_BUILD);
        return choose(osName, osArch, cpuFlags, builds, null);
    }

    /**
     * Pure decision from the OS, architecture, CPU flags, the native builds the class path carries and
     * {@code A2_NATIVE}, so it can be tested anywhere.
     */
    public static Choice choose(String osName, String osArch, Set<String> cpuFlags, Set<String> buildsOnClasspath,
                                String requested) {
        boolean generic = generic(requested);
        String platform = platform(osName, osArch);
        if (buildsOnClasspath.contains(CUDA_PREFIX + platform + CUDNN_EXTENSION)) {
            return new Choice(platform, CUDNN_EXTENSION, "CUDA build with cuDNN");
        }
        if (buildsOnClasspath.isEmpty()) {
            return new Choice(platform, "", "no ND4J CPU natives on the class path");
        }
        if (!buildsOnClasspath.contains(platform)) {
            List<String> carried = PLATFORMS.stream().filter(buildsOnClasspath::contains).toList();
            throw new a2.io.InvalidInputException("this jar carries ND4J natives for " + String.join(", ", carried)
                    + " only; this machine is " + osName + "/" + osArch + " (" + platform + "). Build the jar for it: "
                    + "mvn -Pplatform -Djavacpp.platform=" + platform + " package (see README, 'Platforms').");
        }
        if (CPU_EXTENSIONS.stream().noneMatch(e -> buildsOnClasspath.contains(platform + e))) {
            return new Choice(platform, "", GENERIC_BUILD.equals(platform) ? "oneDNN builds not on the classpath" : "");
        }
        if (generic) {
            return new Choice(platform, "", NATIVE_ENV + "=generic");
        }
        boolean avx512 = cpuFlags.containsAll(AVX512_FLAGS), avx2 = cpuFlags.containsAll(AVX2_FLAGS);
        if (avx512 && buildsOnClasspath.contains(platform + FAST_EXTENSION)) {
            return new Choice(platform, FAST_EXTENSION, "");
        }
        if (avx2 && buildsOnClasspath.contains(platform + AVX2_EXTENSION)) {
            return new Choice(platform, AVX2_EXTENSION, avx512 ? "oneDNN/AVX-512 build not on the classpath"
                    : "CPU lacks AVX-512 (" + sorted(AVX512_FLAGS) + ")");
        }
        String why = avx512 ? "the oneDNN builds this CPU runs are not on the classpath"
                : avx2 ? "CPU lacks AVX-512 (" + sorted(AVX512_FLAGS) + ") and the oneDNN/AVX2 build is not on the classpath"
                : "CPU lacks AVX-512 (" + sorted(AVX512_FLAGS) + ") and AVX2 (" + sorted(AVX2_FLAGS) + ")";
        return new Choice(platform, "", why + ": generic build, about 4x slower");
    }

    private static List<String> sorted(Set<String> flags) {
        return flags.stream().sorted().toList();
    }

    private static boolean generic(String requested) {
        if (requested == null || requested.isBlank() || requested.trim().equals("auto")) {
            return false;
        }
        if (requested.trim().equals("generic")) {
            return true;
        }
        throw new a2.io.InvalidInputException(NATIVE_ENV + " must be 'generic' (the generic ND4J native build) or "
                + "'auto', got '" + requested + "'");
    }

    /** JavaCPP's name for the platform, e.g. {@code linux-x86_64}, {@code macosx-arm64}. */
    static String platform(String osName, String osArch) {
        String os = osName.toLowerCase(Locale.ROOT);
        String name = os.contains("linux") ? "linux" : os.contains("mac") ? "macosx" : os.startsWith("windows") ? "windows"
                : os.replaceAll("\\W", "");
        String arch = switch (osArch.toLowerCase(Locale.ROOT)) {
            case "amd64", "x86_64", "x86-64" -> "x86_64";
            case "aarch64", "arm64" -> "arm64";
            default -> osArch.toLowerCase(Locale.ROOT);
        };
        return name + "-" + arch;
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

    /** The ND4J native builds on the class path, by the folder each one's bindings sit in. */
    static Set<String> buildsOnClasspath() {
        Set<String> found = new java.util.HashSet<>();
        for (String platform : PLATFORMS) {
            for (String build : List.of(platform, platform + FAST_EXTENSION, platform + AVX2_EXTENSION)) {
                if (Backend.class.getClassLoader().getResource("org/nd4j/linalg/cpu/nativecpu/bindings/" + build + "/") != null) {
                    found.add(build);
                }
            }
            if (Backend.class.getClassLoader().getResource(
                    "org/nd4j/linalg/jcublas/bindings/" + platform + CUDNN_EXTENSION + "/") != null) {
                found.add(CUDA_PREFIX + platform + CUDNN_EXTENSION);
            }
        }
        return found;
    }

    /** The build {@link #start} would choose on this machine, without loading anything. */
    public static Choice expectedChoice() {
        return choose(System.getProperty("os.name"), System.getProperty("os.arch"), cpuFlags(), buildsOnClasspath(),
                System.getenv(NATIVE_ENV));
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
        BackendInfo info = describe(threads, choice, LayerPath.active());
        log.info("backend: {}", info.summary());
        return info;
    }

    static BackendInfo describe(int threads, Choice choice, LayerPath.Decision layers) {
        String ext = System.getProperty(PLATFORM_EXTENSION_PROPERTY, "");
        String reason = java.util.stream.Stream.of(choice.reason(), layers.reason()).filter(r -> !r.isEmpty())
                .collect(java.util.stream.Collectors.joining("; "));
        boolean helpers = !Boolean.parseBoolean(System.getProperty(HELPERS_DISABLE_PROPERTY, "true"))
                && org.deeplearning4j.nn.layers.mkldnn.BaseMKLDNNHelper.mklDnnEnabled();
        var env = Nd4j.getExecutioner().getEnvironmentInformation();
        return new BackendInfo(choice.platform() + ext, helpers, layers.label(), threads, reason, dl4jVersion(),
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
