package a2.cli;

import a2.backend.Backend;
import a2.backend.BackendInfo;
import picocli.CommandLine.Option;

/** {@code --threads}: native threads for ND4J/oneDNN, fixed before the first network is built. */
public final class ThreadOptions {
    @Option(names = "--threads", paramLabel = "N",
            description = "Native compute threads (default: all cores). Two runs side by side: 1 each.")
    Integer threads;

    public BackendInfo start() {
        return Backend.start(threads != null ? threads : Backend.defaultThreads());
    }
}
