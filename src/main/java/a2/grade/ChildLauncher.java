package a2.grade;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Starts a team's child JVM: the same java and classpath running {@code Result} with the given arguments. The
 * boundary a test replaces to inject a fault into one team's child.
 */
public interface ChildLauncher {
    /**
     * @param env added to the child's environment (it already gets one native thread)
     * @param log the child's stdout and stderr, together
     */
    Process start(List<String> jvmOptions, List<String> args, Map<String, String> env, Path log) throws IOException;

    /**
     * This JVM's java and classpath through {@link a2.launch.ChildJvm}: the child dies with the grader (its exit
     * hook, and the child's own watch of its parent for a {@code kill -9}); one OpenMP thread and timestamp-free
     * logging in the child.
     */
    static ChildLauncher sameJvm() {
        return (jvmOptions, args, env, log) -> {
            List<String> options = new ArrayList<>(jvmOptions);
            options.add("-Dorg.slf4j.simpleLogger.showDateTime=false");
            ProcessBuilder pb = a2.launch.ChildJvm.command(options, args).redirectErrorStream(true)
                    .redirectOutput(log.toFile());
            pb.environment().put("OMP_NUM_THREADS", "1");
            pb.environment().put("A2_RELAUNCHED", "1");
            pb.environment().putAll(env);
            return a2.launch.ChildJvm.start(pb);
        };
    }
}
