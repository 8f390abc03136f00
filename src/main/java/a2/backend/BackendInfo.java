package a2.backend;

/**
 * What compute backend is active, for logs and provenance.
 *
 * @param nativeBuild  the ND4J native classifier in use, e.g. {@code linux-x86_64-onednn-avx512}
 * @param oneDnn       whether DL4J's oneDNN layer helpers are enabled and reachable
 * @param layers       which path this project's own layers run: "oneDNN layers" or "portable layers"
 *                     ({@link LayerPath.Decision#label()})
 * @param threads      the native thread count
 * @param reason       why this build and layer path were chosen (e.g. "CPU lacks avx512f")
 * @param dl4jVersion  the DL4J/ND4J version
 * @param backend      ND4J's own backend name (CPU, CUDA)
 */
public record BackendInfo(String nativeBuild, boolean oneDnn, String layers, int threads, String reason,
                          String dl4jVersion, String backend) {
    /** Without the layer path: the oneDNN layers, as before it was chosen. */
    public BackendInfo(String nativeBuild, boolean oneDnn, int threads, String reason, String dl4jVersion, String backend) {
        this(nativeBuild, oneDnn, "oneDNN layers", threads, reason, dl4jVersion, backend);
    }

    public String summary() {
        return backend + " " + nativeBuild + (oneDnn ? " (oneDNN helpers on)" : " (oneDNN helpers off)") + ", " + layers
                + ", " + threads + " thread" + (threads == 1 ? "" : "s") + ", DL4J " + dl4jVersion
                + (reason.isEmpty() ? "" : " [" + reason + "]");
    }
}
