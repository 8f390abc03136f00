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

    /** This JVM's java and classpath, one OpenMP thread, and quiet, timestamp-free logging in the child. */
    static ChildLauncher sameJvm() {
        return (jvmOptions, args, env, log) -> {
            List<String> cmd = new ArrayList<>();
            cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
            cmd.addAll(jvmOptions);
            cmd.add("-Dorg.slf4j.simpleLogger.showDateTime=false");
            cmd.add("-cp");
            cmd.add(System.getProperty("java.class.path"));
            cmd.add("Result");
            cmd.addAll(args);
            ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile());
            pb.environment().put("OMP_NUM_THREADS", "1");
            pb.environment().put("A2_RELAUNCHED", "1");
            pb.environment().putAll(env);
            return pb.start();
        };
    }
}
