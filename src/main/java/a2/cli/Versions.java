package a2.cli;

import picocli.CommandLine.IVersionProvider;

/** {@code --version}: this tool, DL4J, Java, and the native backend this machine would use (without loading it). */
final class Versions implements IVersionProvider {
    @Override
    public String[] getVersion() {
        Package p = Versions.class.getPackage();
        String self = p != null && p.getImplementationVersion() != null ? p.getImplementationVersion() : "dev";
        var choice = a2.backend.Backend.expectedChoice();
        return new String[] {
            "result.jar " + self + " (NYU DS-GA 1008 A2 harness)",
            "DL4J/ND4J 1.0.0-M2.1, Java " + System.getProperty("java.runtime.version") + ", "
                    + System.getProperty("os.name") + " " + System.getProperty("os.arch"),
            "native backend: " + choice.summary()
        };
    }
}
