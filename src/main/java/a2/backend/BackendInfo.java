package a2.backend;

/**
 * What compute backend is active, for logs and provenance.
 *
 * @param nativeBuild  the ND4J native classifier in use, e.g. {@code linux-x86_64-onednn-avx512}
 * @param oneDnn       whether DL4J's oneDNN layer helpers are enabled and reachable
 * @param threads      the native thread count
 * @param reason       why this build was chosen (e.g. "CPU lacks avx512f")
 * @param dl4jVersion  the DL4J/ND4J version
 * @param backend      ND4J's own backend name (CPU, CUDA)
 */
public record BackendInfo(String nativeBuild, boolean oneDnn, int threads, String reason, String dl4jVersion,
                          String backend) {
    public String summary() {
        return backend + " " + nativeBuild + (oneDnn ? " (oneDNN helpers on)" : " (oneDNN helpers off)") + ", "
                + threads + " thread" + (threads == 1 ? "" : "s") + ", DL4J " + dl4jVersion
                + (reason.isEmpty() ? "" : " [" + reason + "]");
    }
}
