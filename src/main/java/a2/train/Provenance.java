package a2.train;

import a2.backend.BackendInfo;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;

/** Where an artifact came from: code version, data, machine, backend. Recorded beside every model and prediction file. */
public final class Provenance {
    private Provenance() {}

    public static Map<String, String> collect(Path projectDir, BackendInfo backend, Map<String, String> dataChecksums) {
        Map<String, String> p = new TreeMap<>();
        p.put("git.commit", git(projectDir, "rev-parse", "HEAD"));
        String status = git(projectDir, "status", "--porcelain", "--untracked-files=no");
        p.put("git.dirty", status.equals("unknown") ? "unknown" : String.valueOf(!status.isEmpty()));
        p.put("java", System.getProperty("java.vendor") + " " + System.getProperty("java.runtime.version"));
        p.put("os", System.getProperty("os.name") + " " + System.getProperty("os.version") + " " + System.getProperty("os.arch"));
        p.put("cpu", cpuModel() + ", " + Runtime.getRuntime().availableProcessors() + " cores");
        p.put("dl4j", backend.dl4jVersion());
        p.put("backend", backend.summary());
        p.put("native.build", backend.nativeBuild());
        p.put("threads", String.valueOf(backend.threads()));
        dataChecksums.forEach((k, v) -> p.put("data." + k, v));
        p.put("created", Instant.now().toString());
        return p;
    }

    /** {@code git.commit}/{@code git.dirty} of the code only: the last commit touching src/main. */
    public static Map<String, String> codeVersion(Path projectDir) {
        Map<String, String> p = new TreeMap<>();
        p.put("git.commit", git(projectDir, "log", "-1", "--format=%H", "--", "src/main"));
        String status = git(projectDir, "status", "--porcelain", "--untracked-files=no", "--", "src/main");
        p.put("git.dirty", status.equals("unknown") ? "unknown" : String.valueOf(!status.isEmpty()));
        return p;
    }

    /** This machine's host name, or "unknown". */
    public static String hostName() {
        try {
            return java.net.InetAddress.getLocalHost().getHostName();
        } catch (IOException | RuntimeException e) {
            return "unknown";
        }
    }

    static String cpuModel() {
        try {
            for (String line : java.nio.file.Files.readAllLines(Path.of("/proc/cpuinfo"))) {
                if (line.startsWith("model name")) {
                    return line.substring(line.indexOf(':') + 1).trim();
                }
            }
        } catch (IOException | RuntimeException e) {
            // Not Linux: the architecture is the best we can say.
        }
        return System.getProperty("os.arch");
    }

    static String git(Path dir, String... args) {
        try {
            String[] cmd = new String[args.length + 3];
            cmd[0] = "git";
            cmd[1] = "-C";
            cmd[2] = dir.toAbsolutePath().toString();
            System.arraycopy(args, 0, cmd, 3, args.length);
            Process proc = new ProcessBuilder(cmd).redirectErrorStream(false).start();
            String out = new String(proc.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
            if (!proc.waitFor(10, TimeUnit.SECONDS) || proc.exitValue() != 0) {
                return "unknown";
            }
            return out;
        } catch (IOException e) {
            return "unknown";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "unknown";
        }
    }
}
