package a2.grade;

import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;

/**
 * Everything {@code grade} was asked to do.
 *
 * @param data    {@code --data}, else the usual lookup ({@link a2.data.DataLocator})
 * @param dataset the dataset the class is graded on
 * @param jobs    teams graded at once
 */
public record GradeOptions(Path roster, Path labels, Optional<Path> rubric, Path out, int jobs, Limits limits,
                           Optional<Path> data, String dataset, Optional<Path> cache) {
    public GradeOptions {
        Objects.requireNonNull(roster);
        Objects.requireNonNull(labels);
        Objects.requireNonNull(out);
        if (jobs < 1) {
            throw new IllegalArgumentException("--jobs must be at least 1, got " + jobs);
        }
    }

    /** As many teams at once as there are cores and as the free memory holds children of the memory limit. */
    public static int defaultJobs(long memoryBytes) {
        int cores = Runtime.getRuntime().availableProcessors();
        long free = availableMemory();
        long perChild = memoryBytes + Limits.JVM_OVERHEAD;
        return (int) Math.max(1, Math.min(cores, free / perChild));
    }

    /** Linux's MemAvailable (free memory plus what the page cache would give back), else the JVM's view. */
    static long availableMemory() {
        try {
            for (String line : java.nio.file.Files.readAllLines(Path.of("/proc/meminfo"))) {
                if (line.startsWith("MemAvailable:")) {
                    return Long.parseLong(line.replaceAll("\\D+", "")) * 1024;
                }
            }
        } catch (java.io.IOException | NumberFormatException e) {
            // not Linux: fall through
        }
        var os = java.lang.management.ManagementFactory.getOperatingSystemMXBean();
        return os instanceof com.sun.management.OperatingSystemMXBean sun ? sun.getFreeMemorySize() : Long.MAX_VALUE;
    }
}
