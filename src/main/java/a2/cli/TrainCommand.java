package a2.cli;

import a2.backend.BackendInfo;
import a2.data.Dataset;
import a2.recipe.Recipe;
import a2.recipe.RecipeCatalog;
import a2.train.RunLock;
import a2.train.Trainer;
import a2.train.TrainingListener;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code train}: runs a recipe into a run folder under {@code checkpoints/runs/}, holding the folder's
 * {@link RunLock} for the whole run (a second {@code train} of the same folder exits 2 naming the holder).
 */
@Command(name = "train", description = "Train a recipe. Flags choose files and folders only; hyperparameters live in the recipe.")
public final class TrainCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    DataOptions data = new DataOptions();

    @Mixin
    ThreadOptions threads = new ThreadOptions();

    @Option(names = "--recipe", paramLabel = "FILE|NAME",
            completionCandidates = BuiltInRecipes.class,
            description = "A recipe JSON file, or a built-in recipe: ${COMPLETION-CANDIDATES}.")
    String recipe;

    @Option(names = "--list", description = "List every built-in recipe with its one-line description, the shipped"
            + " ones first, and exit.")
    boolean list;

    @Option(names = "--run", paramLabel = "DIR", description = "Run folder (default: checkpoints/runs/<recipe name>).")
    Path run;

    @Option(names = "--resume", description = "Continue the run in the run folder from its last checkpoint.")
    boolean resume;

    @Option(names = "--stop-after-steps", hidden = true, defaultValue = "0",
            description = "Checkpoint and stop after this many optimizer steps (tests).")
    long stopAfterSteps;

    @Override
    public Integer call() {
        if (list) {
            RecipeCatalog.listing().forEach(spec.commandLine().getOut()::println);
            spec.commandLine().getOut().flush();
            return ExitCode.OK;
        }
        if (recipe == null) {
            throw new ParameterException(spec.commandLine(), "Missing required option: '--recipe=FILE|NAME' (or --list)");
        }
        Recipe r = Recipe.load(recipe);
        Path dir = run != null ? run : Path.of("checkpoints", "runs", r.name());
        // Before the backend and the data: a folder another run is training in is refused in a second.
        try (RunLock lock = RunLock.acquire(dir)) {
            BackendInfo backend = threads.start();
            Dataset ds = data.open(r.data().dataset());
            List<String> argv = new ArrayList<>(List.of("java", "-jar", "result.jar"));
            argv.addAll(spec.commandLine().getParseResult().originalArgs());
            PrintStream err = System.err;
            Trainer trainer = new Trainer(Trainer.Config.of(r, ds, dir, Path.of(""), backend, argv).withResume(resume)
                    .withListener(TrainingListener.printingTo(err, true)).withStopAfterSteps(stopAfterSteps));
            Trainer.Result res = trainer.run();
            spec.commandLine().getOut().printf("%s: %s after %d epochs; best validation accuracy %.4f at epoch %d; result (%s"
                            + " weights) -> %s%n", r.name(), res.finished() ? "finished" : "stopped", res.epochsDone(),
                    res.bestValAccuracy(), res.bestEpoch(), r.budget().keep(), res.model());
            spec.commandLine().getOut().flush();
        }
        return ExitCode.OK;
    }

    /** The built-in recipe names, for the help text and shell completion; the list lives in {@link Recipe#builtIn}. */
    static final class BuiltInRecipes implements Iterable<String> {
        @Override
        public java.util.Iterator<String> iterator() {
            return Recipe.builtIn().iterator();
        }
    }
}
