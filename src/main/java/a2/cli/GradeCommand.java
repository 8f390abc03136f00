package a2.cli;

import a2.grade.ChildLauncher;
import a2.grade.GradeOptions;
import a2.grade.Grader;
import a2.grade.Limits;
import a2.io.Progress;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code grade}: a whole class from a roster; see {@link Grader}. */
@Command(name = "grade", mixinStandardHelpOptions = true,
        description = {"Grade a class: regenerate every team's predictions from its hosted model (each in its own"
                + " child JVM), compare them with its submission, score the submission against the labels, and write"
                + " grades.csv, grades.json, leaderboard.html and a report per team. Reruns grade only what changed.",
                "Exit codes: 0 every team graded (whatever their statuses), 2 bad roster, labels or rubric,"
                        + " 3 labels or data unreadable."})
public final class GradeCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    DataOptions data = new DataOptions();

    @Option(names = "--roster", required = true, paramLabel = "ROSTER.csv",
            description = "team,model,sha256,submission[,kaggle_public]; relative paths are relative to this file.")
    Path roster;

    @Option(names = "--labels", required = true, paramLabel = "LABELS.csv",
            description = "Id,Label[,Usage] (Usage: Public or Private), or an STL-10 test_y.bin.")
    Path labels;

    @Option(names = "--rubric", paramLabel = "RUBRIC.json", description = "Points and overrides (default: the shipped rubric).")
    Path rubric;

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "Where the grades and reports go.")
    Path out;

    @Option(names = "--jobs", paramLabel = "N",
            description = "Teams graded at once (default: the cores, bounded by free memory / --memory).")
    Integer jobs;

    @Option(names = "--timeout-s", paramLabel = "S", defaultValue = "600",
            description = "Wall-clock limit per team, in seconds (default: ${DEFAULT-VALUE}).")
    int timeoutSeconds;

    @Option(names = "--memory", paramLabel = "M", defaultValue = "3g",
            description = "Memory per team, heap and ND4J off-heap together, e.g. 3g or 1536m (default: ${DEFAULT-VALUE}).")
    String memory;

    @Option(names = "--stall-s", paramLabel = "S", defaultValue = "60",
            description = "A model download that sends nothing for S seconds is MODEL_UNAVAILABLE (default: ${DEFAULT-VALUE}).")
    int stallSeconds;

    @Option(names = "--dataset", paramLabel = "NAME", defaultValue = "cifar10-a2",
            description = "The dataset the class is graded on (default: ${DEFAULT-VALUE}).")
    String dataset;

    @Option(names = "--cache", paramLabel = "DIR", description = "Cache for decoded data and downloaded models"
            + " (default: $A2_CACHE, else ./cache).")
    Path cache;

    /** The test suite replaces the launcher to inject faults into one child; the CLI always uses the real one. */
    ChildLauncher launcher = ChildLauncher.sameJvm();

    @Override
    public Integer call() {
        Limits limits;
        try {
            limits = new Limits(timeoutSeconds, Limits.parseBytes(memory), stallSeconds);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage());
        }
        if (jobs != null && jobs < 1) {
            throw new ParameterException(spec.commandLine(), "--jobs must be at least 1, got " + jobs);
        }
        int n = jobs != null ? jobs : GradeOptions.defaultJobs(limits.memoryBytes());
        GradeOptions o = new GradeOptions(roster, labels, Optional.ofNullable(rubric), out, n, limits, data.path(),
                dataset, Optional.ofNullable(cache));
        boolean terminal = System.console() != null;
        try (Progress bar = terminal ? Progress.forTerminal(System.err, Grader.TEAMS) : Progress.none()) {
            new Grader(launcher, spec.commandLine().getErr(), bar, terminal).run(o);
        }
        return ExitCode.OK;
    }
}
