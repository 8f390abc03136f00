package org.nd4j.nativeblas;

/**
 * A shim under a class name that DL4J 1.0.0-M2.1 still looks up but ND4J M2.1 no longer ships.
 *
 * <p>{@code org.deeplearning4j.nn.layers.mkldnn.BaseMKLDNNHelper.mklDnnEnabled()} loads
 * {@code org.nd4j.nativeblas.Nd4jCpu$Environment} by name and calls {@code getInstance().isUseMKLDNN()} by
 * reflection; the class moved to {@code org.nd4j.linalg.cpu.nativecpu.bindings.Nd4jCpu.Environment} (and the
 * method to {@code isUseONEDNN}), so without this shim DL4J logs an error and silently disables every oneDNN
 * layer helper: about 4x slower training on AVX-512 CPUs. See {@code a2.backend.Backend}.
 */
public final class Nd4jCpu {
    private Nd4jCpu() {}

    /** Delegates to the relocated native environment. */
    public static final class Environment {
        private static final Environment INSTANCE = new Environment();

        private Environment() {}

        public static Environment getInstance() {
            return INSTANCE;
        }

        /** Reflective, so the class also compiles (and answers false) without the CPU backend, e.g. with -Pcuda. */
        public boolean isUseMKLDNN() {
            try {
                Class<?> env = Class.forName("org.nd4j.linalg.cpu.nativecpu.bindings.Nd4jCpu$Environment");
                Object instance = env.getMethod("getInstance").invoke(null);
                return (Boolean) env.getMethod("isUseONEDNN").invoke(instance);
            } catch (ReflectiveOperationException | LinkageError e) {
                return false;
            }
        }
    }
}
