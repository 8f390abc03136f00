package a2.grade;

import a2.data.DataLocator;
import a2.data.Dataset;
import a2.io.Hashes;
import a2.io.InvalidInputException;
import a2.io.Progress;
import a2.verify.LabelsFile;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * {@code grade}: reads and checks the roster, labels and rubric (all problems at once), decodes the dataset once,
 * grades the teams {@code jobs} at a time (each model in its own child JVM), then writes the grades, the
 * leaderboard and the reports from the per-team results, in roster order, so every output is the same whatever
 * the number of jobs.
 */
public final class Grader {
    /** What the bar counts. */
    public static final Progress.Unit TEAMS = new Progress.Unit("teams", false);
    /** Carriage return and erase-line: a team's line replaces the bar, which redraws below it. */
    private static final String OVER_BAR = "\r\u001b[K";

    private final ChildLauncher launcher;
    private final PrintWriter log;
    private final Progress bar;
    private final boolean terminal;

    /** Lines only (logs, tests). */
    public Grader(ChildLauncher launcher, PrintWriter log) {
        this(launcher, log, Progress.none(), false);
    }

    /**
     * @param bar      a bar over the teams, for an interactive terminal ({@link Progress#none()} elsewhere)
     * @param terminal whether {@code log} is that terminal, so that each team's line is written over the bar
     */
    public Grader(ChildLauncher launcher, PrintWriter log, Progress bar, boolean terminal) {
        this.launcher = launcher;
        this.log = log;
        this.bar = bar;
        this.terminal = terminal;
    }

    /** What a run did: every team's result, and which results were reused from an earlier run. */
    public record Outcome(List<GradeRow> rows, List<String> graded, List<String> reused) {}

    /** One team after its child (or the check that made a child needless). */
    record Graded(Roster.Team team, TeamResult result, Submission submission, double seconds, boolean reused,
                  List<String> logTail) {}

    public Outcome run(GradeOptions o) {
        Roster roster = Roster.read(o.roster());
        Rubric rubric = o.rubric().map(Rubric::read).orElseGet(Rubric::defaults);
        List<String> unknown = rubric.unknownTeams(roster);
        if (!unknown.isEmpty()) {
            throw new InvalidInputException(o.rubric().map(Path::toString).orElse("rubric")
                    + ": overrides name teams not on the roster: " + String.join(", ", unknown));
        }
        DataLocator locator = o.cache().map(c -> DataLocator.fromEnvironment().withCache(c))
                .orElseGet(DataLocator::fromEnvironment);
        DataLocator.Found found = locator.locate(o.data(), o.dataset());
        Dataset ds = locator.open(found); // decoded into the cache here, once, before any child reads it
        LabelsFile labels = LabelsFile.read(o.labels(), ds.numClasses());
        if (labels.rows() != ds.test().count()) {
            throw new InvalidInputException(String.format(Locale.ROOT, "%s: %,d labels but the %s test set has %,d"
                    + " images", o.labels(), labels.rows(), ds.name(), ds.test().count()));
        }
        roster.warnings().forEach(w -> say("warning: " + w));
        labels.warnings().forEach(w -> say("warning: " + w));
        ResultKey.Common common = new ResultKey.Common(Hashes.sha256(o.labels()),
                Hashes.sha256(rubric.canonicalBytes()), ResultKey.jar());
        TeamRun.Context ctx = new TeamRun.Context(launcher, found, locator.cacheRoot(), labels.rows());
        List<Graded> graded = gradeAll(o, roster, rubric, common, ctx, ds.numClasses());
        Report report = Report.build(roster, rubric, labels, graded, ds.classNames());
        report.write(o.out());
        List<String> anew = graded.stream().filter(g -> !g.reused()).map(g -> g.team().name()).toList();
        List<String> reused = graded.stream().filter(Graded::reused).map(g -> g.team().name()).toList();
        say(String.format(Locale.ROOT, "graded %d team%s anew, reused %d earlier result%s%s; wrote %s",
                anew.size(), anew.size() == 1 ? "" : "s", reused.size(), reused.size() == 1 ? "" : "s",
                reused.isEmpty() ? "" : " (" + String.join(", ", reused) + ": inputs unchanged)",
                o.out().resolve(Report.GRADES_CSV)));
        return new Outcome(report.rows(), anew, reused);
    }

    private List<Graded> gradeAll(GradeOptions o, Roster roster, Rubric rubric, ResultKey.Common common,
                                  TeamRun.Context ctx, int numClasses) {
        ExecutorService pool = Executors.newFixedThreadPool(o.jobs());
        int total = roster.teams().size();
        int[] done = {0};
        bar.start("grading", total);
        try {
            List<Future<Graded>> futures = new ArrayList<>();
            for (Roster.Team t : roster.teams()) {
                futures.add(pool.submit(() -> {
                    Graded g = gradeOne(o, t, rubric, common, ctx, numClasses);
                    synchronized (done) {
                        done[0]++;
                        say(String.format(Locale.ROOT, "[%d/%d] %-20s %-18s %6.1f s%s", done[0], total, t.name(),
                                g.result().status(), g.seconds(), g.reused() ? " (reused)" : ""));
                        bar.advance(1, " " + t.name() + " " + g.result().status());
                    }
                    return g;
                }));
            }
            List<Graded> all = new ArrayList<>();
            for (Future<Graded> f : futures) {
                all.add(f.get());
            }
            return all;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("grading interrupted", e);
        } catch (ExecutionException e) {
            throw e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
        } finally {
            pool.shutdownNow();
            bar.finish();
        }
    }

    private Graded gradeOne(GradeOptions o, Roster.Team t, Rubric rubric, ResultKey.Common common,
                            TeamRun.Context ctx, int numClasses) {
        long start = System.nanoTime();
        Path teamDir = o.out().resolve(Report.TEAMS).resolve(t.name());
        Submission sub = Submission.prepare(t.submission(), teamDir, ctx.rows(), numClasses,
                Duration.ofSeconds(o.limits().stallSeconds()));
        Limits limits = rubric.overrideFor(t.name()).filter(v -> v.memory() != null)
                .map(v -> o.limits().withMemory(Limits.parseBytes(v.memory()))).orElse(o.limits());
        String key = ResultKey.of(common, t, sub.sha256(), limits);
        Path file = teamDir.resolve(TeamResult.FILE);
        if (java.nio.file.Files.isRegularFile(file)) {
            TeamResult earlier = TeamResult.read(file);
            if (earlier.key().equals(key) && !earlier.status().retried()) {
                return new Graded(t, earlier, sub, seconds(start), true, tail(sub, teamDir));
            }
        }
        TeamResult result = sub.status().isPresent() ? TeamResult.of(t.name(), sub.status().get(), sub.detail())
                : TeamRun.run(ctx, t, sub.normalized().toAbsolutePath(), teamDir, limits);
        result = result.withKey(key);
        result.write(file);
        return new Graded(t, result, sub, seconds(start), false, tail(sub, teamDir));
    }

    /** The child's log, for teams that had a child. */
    private static List<String> tail(Submission sub, Path teamDir) {
        return sub.status().isPresent() ? List.of() : TeamRun.logTail(teamDir.resolve(TeamRun.LOG));
    }

    private static double seconds(long startNanos) {
        return (System.nanoTime() - startNanos) / 1e9;
    }

    private void say(String line) {
        synchronized (log) {
            log.println(terminal ? OVER_BAR + line : line);
            log.flush();
        }
    }
}
