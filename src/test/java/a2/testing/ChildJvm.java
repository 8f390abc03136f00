package a2.testing;

import java.io.File;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * Starts {@code Result} in a separate JVM with the test's classpath and a chosen environment, through the program's
 * own {@link a2.launch.ChildJvm}: a child the test leaves running dies with the test JVM.
 */
public final class ChildJvm {
    private ChildJvm() {}

    public static Process start(Path log, Map<String, String> env, String... args) throws IOException {
        ProcessBuilder pb = a2.launch.ChildJvm.command(List.of("-Xmx1g"), List.of(args))
                .redirectErrorStream(true).redirectOutput(log.toFile());
        pb.environment().putAll(env);
        return a2.launch.ChildJvm.start(pb);
    }

    public static String classPathSeparator() {
        return File.pathSeparator;
    }
}
