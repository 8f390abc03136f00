package a2.grade;

import a2.data.DataLocator;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * One team's child JVM, from start to result: the child writes {@code result.json}; when none appears, the
 * grader decides between TIMEOUT (it killed the child at the wall-clock limit), OUT_OF_MEMORY (the JVM said so
 * before it exited: {@code -XX:+ExitOnOutOfMemoryError}, no heap dump) and CRASHED. The exit code is never read.
 */
final class TeamRun {
    static final String LOG = "child.log";
    /** Enough of the child's log to see why it died, short enough for a report. */
    static final int LOG_TAIL_LINES = 30;

    private TeamRun() {}

    /** What the grader hands every child. */
    record Context(ChildLauncher launcher, DataLocator.Found data, Path cache, int rows) {}

    static TeamResult run(Context ctx, Roster.Team team, Path submission, Path teamDir, Limits limits) {
        Path result = teamDir.resolve(TeamResult.FILE);
        Path log = teamDir.resolve(LOG);
        try {
            Files.deleteIfExists(result);
            List<String> args = new ArrayList<>(List.of("grade-team", "--team", team.name(), "--model", team.model(),
                    "--sha256", team.sha256(), "--submission", submission.toString(),
                    "--data", ctx.data().path().toAbsolutePath().toString(),
                    "--cache", ctx.cache().toAbsolutePath().toString(), "--out", teamDir.toAbsolutePath().toString(),
                    "--rows", String.valueOf(ctx.rows()), "--stall-s", String.valueOf(limits.stallSeconds())));
            if (ctx.data().stl10()) {
                args.add("--stl10");
            }
            Process p = ctx.launcher().start(limits.jvmOptions(), args, Map.of(), log);
            boolean ended;
            try {
                ended = p.waitFor(limits.timeoutSeconds(), TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                kill(p);
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while grading " + team.name(), e);
            }
            if (!ended) {
                kill(p);
                return TeamResult.of(team.name(), Status.TIMEOUT, "no result within the limit of "
                        + limits.timeoutSeconds() + " s; the child and its processes were killed");
            }
            if (Files.isRegularFile(result)) {
                return TeamResult.read(result);
            }
            String tail = String.join("\n", logTail(log));
            if (tail.contains("OutOfMemoryError") || tail.contains("Physical memory usage is too high")) {
                return TeamResult.of(team.name(), Status.OUT_OF_MEMORY, "the child ran out of memory (limit "
                        + limits.memoryBytes() / (1 << 20) + " MiB for heap and off-heap); see its log");
            }
            return TeamResult.of(team.name(), Status.CRASHED, "the child ended without a result; see its log");
        } catch (IOException e) {
            throw new UncheckedIOException("could not start the child JVM for team " + team.name() + ": " + e, e);
        }
    }

    /** The child and every process it started: none may outlive its limit. */
    static void kill(Process p) {
        p.descendants().forEach(ProcessHandle::destroyForcibly);
        p.destroyForcibly();
        try {
            p.waitFor(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    static List<String> logTail(Path log) {
        if (!Files.isRegularFile(log)) {
            return List.of();
        }
        try {
            List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
            return List.copyOf(lines.subList(Math.max(0, lines.size() - LOG_TAIL_LINES), lines.size()));
        } catch (IOException e) {
            return List.of("(log unreadable: " + e.getMessage() + ")");
        }
    }
}
