package a2.backend;

import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Whether the custom layers of {@code a2.model.layers} call oneDNN (JavaCPP's {@code dnnl} preset) or run their
 * portable path, pure ND4J/DL4J ops computing the same function. Portable when {@code A2_PORTABLE=1}, or when the
 * {@code dnnl} natives cannot load: a platform for which they are not published (macosx-arm64) or a jar built
 * without them. Decided once per JVM, at the first question, and then fixed: a network must not change paths
 * between its forward and backward pass.
 */
public final class LayerPath {
    private static final Logger log = LoggerFactory.getLogger(LayerPath.class);
    /** {@code 1} forces the portable path (to check it, or to sidestep a broken oneDNN). */
    public static final String PORTABLE_ENV = "A2_PORTABLE";

    private LayerPath() {}

    /**
     * @param oneDnn whether the layers call oneDNN
     * @param reason why the portable path runs; empty for oneDNN
     */
    public record Decision(boolean oneDnn, String reason) {
        /** What the start-up line says. */
        public String label() {
            return oneDnn ? "oneDNN layers" : "portable layers";
        }
    }

    /**
     * The pure decision, testable anywhere.
     *
     * @param portableEnv the value of {@code A2_PORTABLE}, or null
     * @param loadDnnl    loads the {@code dnnl} natives; returns null on success, else what went wrong
     */
    static Decision decide(String portableEnv, Supplier<Throwable> loadDnnl) {
        if (portableEnv != null && !portableEnv.isBlank()) {
            String v = portableEnv.trim();
            if (v.equals("1")) {
                return new Decision(false, PORTABLE_ENV + "=1");
            }
            if (!v.equals("0")) {
                throw new a2.io.InvalidInputException(PORTABLE_ENV + " must be 1 (portable layers) or 0 (oneDNN "
                        + "layers where they load), got '" + portableEnv + "'");
            }
        }
        Throwable failure = loadDnnl.get();
        if (failure != null) {
            // The first clause of the message: "no jnidnnl in java.library.path", not the path list after it.
            String message = String.valueOf(failure.getMessage());
            int colon = message.indexOf(": ");
            return new Decision(false, "oneDNN natives not loadable: " + failure.getClass().getSimpleName() + ": "
                    + (colon > 0 ? message.substring(0, colon) : message));
        }
        return new Decision(true, "");
    }

    /** This JVM's decision; the first call loads the {@code dnnl} natives unless {@code A2_PORTABLE=1}. */
    public static Decision active() {
        if (Holder.INVALID != null) {
            throw new a2.io.InvalidInputException(Holder.INVALID.getMessage());
        }
        return Holder.ACTIVE;
    }

    /**
     * Initialised on first use (class initialisation is lazy and thread-safe), never changed afterwards. A bad
     * {@code A2_PORTABLE} is kept and thrown at every call, rather than failing the class's initialisation.
     */
    private static final class Holder {
        static final a2.io.InvalidInputException INVALID;
        static final Decision ACTIVE;

        static {
            a2.io.InvalidInputException invalid = null;
            Decision decision = null;
            try {
                decision = decide(System.getenv(PORTABLE_ENV), LayerPath::loadDnnl);
            } catch (a2.io.InvalidInputException e) {
                invalid = e;
            }
            INVALID = invalid;
            ACTIVE = decision;
        }
    }

    private static Throwable loadDnnl() {
        try {
            org.bytedeco.javacpp.Loader.load(org.bytedeco.dnnl.global.dnnl.class);
            return null;
        } catch (LinkageError | RuntimeException e) {
            // UnsatisfiedLinkError (no natives for this platform), NoClassDefFoundError (preset absent): portable.
            log.debug("oneDNN natives do not load", e);
            return e;
        }
    }
}
