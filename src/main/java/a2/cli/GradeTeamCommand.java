package a2.cli;

import a2.data.DataLocator;
import a2.grade.Status;
import a2.grade.TeamGrader;
import a2.grade.TeamResult;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code grade-team}: the child JVM of {@code grade} for one team (hidden: the grader starts it, a TA never
 * does). It writes {@code result.json} whatever it finds; its exit code carries nothing the grader reads.
 */
@Command(name = "grade-team", hidden = true, mixinStandardHelpOptions = true, description = "Grade one team inside grade's child JVM.")
public final class GradeTeamCommand implements Callable<Integer> {
    /** The test-only fault switch: honoured only when {@value #TEST_RUN_PROPERTY} is set, as the test suite does. */
    public static final String FAULT_ENV = "A2_GRADE_FAULT";
    public static final String TEST_RUN_PROPERTY = "a2.testRun";

    @Option(names = "--team", required = true) String team;
    @Option(names = "--model", required = true) String model;
    @Option(names = "--sha256", required = true) String sha256;
    @Option(names = "--submission", required = true) Path submission;
    @Option(names = "--data", required = true) Path data;
    @Option(names = "--stl10") boolean stl10;
    @Option(names = "--cache", required = true) Path cache;
    @Option(names = "--out", required = true) Path out;
    @Option(names = "--rows", required = true) int rows;
    @Option(names = "--stall-s", defaultValue = "60") int stallSeconds;

    @Override
    public Integer call() {
        injectFault();
        Path result = out.resolve(TeamResult.FILE);
        TeamGrader.Job job = new TeamGrader.Job(team, model, sha256, submission, new DataLocator.Found(data, stl10),
                cache, out, rows, Duration.ofSeconds(stallSeconds));
        try {
            TeamGrader.grade(job).write(result);
        } catch (OutOfMemoryError e) {
            // ND4J's off-heap limit (JavaCPP maxbytes/maxphysicalbytes) throws this; a heap OOM exits the JVM at once.
            TeamResult.of(team, Status.OUT_OF_MEMORY, "out of memory: " + e.getMessage()).write(result);
        }
        return ExitCode.OK;
    }

    private static void injectFault() {
        if (!Boolean.getBoolean(TEST_RUN_PROPERTY)) {
            return;
        }
        String fault = System.getenv(FAULT_ENV);
        if ("halt".equals(fault)) {
            Runtime.getRuntime().halt(ExitCode.INTERNAL); // a JVM that dies without a word, as a native crash would
        }
        if ("hang".equals(fault)) {
            try {
                Thread.sleep(Long.MAX_VALUE);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
