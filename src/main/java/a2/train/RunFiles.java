package a2.train;

import a2.data.Dataset;
import a2.io.AtomicFiles;
import a2.io.InvalidInputException;
import a2.model.ModelCard;
import a2.model.ModelFile;
import a2.model.Networks;
import a2.recipe.Recipe;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.factory.Nd4j;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A run folder's files: the recipe and split written at the start, the checkpoint (model, updater, FlexMatch's class
 * memory) and the state that names it, and the order of writes that lets a run killed at any moment resume.
 */
final class RunFiles {
    private static final Logger log = LoggerFactory.getLogger(RunFiles.class);
    /**
     * Called with the name of each point between two writes of a run's files ({@link #POINT_FILE_WRITTEN},
     * {@link #POINT_STATE_WRITTEN}); a test throws from it to stop the run there as a kill would. Does nothing in use.
     */
    private final java.util.function.BiConsumer<String, String> crashPoint;
    private final Recipe recipe;
    private final Dataset data;
    private final Path dir;
    private final Path statePath;

    /** The model of the best validation epoch so far. */
    static final String BEST_MODEL = "best.a2model";
    /** The weights at the end of the budget, for recipes that keep them ({@code budget.keep}: final). */
    static final String FINAL_MODEL = "final.a2model";

    /** The new file is on disk, the state does not name it yet. */
    static final String POINT_FILE_WRITTEN = "file written";
    /** The state names the new file, the files it replaces are still on disk. */
    static final String POINT_STATE_WRITTEN = "state written";

    RunFiles(Recipe recipe, Dataset data, Path dir, java.util.function.BiConsumer<String, String> crashPoint) {
        this.recipe = recipe;
        this.data = data;
        this.dir = dir;
        this.statePath = dir.resolve("state.json");
        this.crashPoint = crashPoint;
    }

    /** Whether the folder holds a run (its state file). */
    boolean holdsRun() {
        return Files.exists(statePath);
    }

    /** A new run: its recipe and split beside it, a freshly initialised network. */
    LiveRun start(RunSetup s) {
        AtomicFiles.writeString(dir.resolve("recipe.json"), recipe.toJson());
        AtomicFiles.writeString(dir.resolve("split.txt"), "seed=" + s.split().seed() + " validationPerClass="
                + s.split().validationPerClass() + " fingerprint=" + s.split().fingerprint() + "\nvalidation="
                + Arrays.toString(s.split().validation()) + "\n");
        var net = Networks.build(recipe, data.numClasses(), s.steps(), s.whitening());
        // The setup's work (a teacher labeling the pool, the whitening) is part of the run's time.
        return new LiveRun(net, RunState.initial().withTotalSeconds(s.seconds()), null,
                recipe.semi().classAdaptive() ? new ClassThresholds(data.unlabeled().count(), data.numClasses()) : null,
                recipe.optimizer().lookahead() ? Lookahead.start(net.params(), Lookahead.EVERY) : null, new ArrayList<>());
    }

    /** The run where its state file says it stands: the checkpoint, pseudo-labels, class memory and log it names. */
    LiveRun resume(RunSetup s) throws IOException {
        RunState state = ModelFile.JSON.readValue(statePath.toFile(), RunState.class);
        MultiLayerNetwork net = ModelFile.load(dir.resolve(state.checkpoint()), true).network();
        PseudoLabels pseudo = state.pseudoLabels().isEmpty() ? null
                : PseudoLabels.fromBytes(Files.readAllBytes(dir.resolve(state.pseudoLabels())));
        List<EpochLog.Row> rows = new ArrayList<>(EpochLog.read(dir.resolve("log.csv")));
        rows.removeIf(r -> r.epochNumber() > state.epoch()); // epochs logged after the checkpoint are redone
        ClassThresholds classes = null;
        if (recipe.semi().classAdaptive()) {
            Path file = dir.resolve(ClassThresholds.file(state.globalStep()));
            if (!Files.isRegularFile(file)) {
                throw new InvalidInputException(file + " is missing: a FlexMatch run saves it beside every checkpoint");
            }
            classes = ClassThresholds.fromBytes(Files.readAllBytes(file), data.unlabeled().count(), data.numClasses(),
                    file.toString());
        }
        Lookahead lookahead = null;
        if (recipe.optimizer().lookahead()) {
            Path file = dir.resolve(lookaheadFile(state.globalStep()));
            if (!Files.isRegularFile(file)) {
                throw new InvalidInputException(file + " is missing: a run with lookahead saves it beside every checkpoint");
            }
            try (var in = new java.io.DataInputStream(Files.newInputStream(file))) {
                lookahead = Lookahead.restore(Nd4j.read(in), net.params(), Lookahead.EVERY);
            }
        }
        log.info("resuming {} at epoch {} step {} (global step {})", dir, state.epoch() + 1, state.stepInEpoch(), state.globalStep());
        return new LiveRun(net, state, pseudo, classes, lookahead, rows);
    }

    /** Model and updater first, then the state that names them, then the older checkpoint goes. */
    void checkpoint(LiveRun run, RunSetup s) throws IOException {
        RunState st = run.state;
        String classes = ClassThresholds.file(st.globalStep()); // found by the step the state records
        if (run.classes != null) {
            AtomicFiles.writeBytes(dir.resolve(classes), run.classes.toBytes());
        }
        String slow = lookaheadFile(st.globalStep());
        if (run.lookahead != null) {
            java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
            try (var out = new java.io.DataOutputStream(bytes)) {
                Nd4j.write(run.lookahead.slowWeights(), out);
            }
            AtomicFiles.writeBytes(dir.resolve(slow), bytes.toByteArray());
        }
        String file = "checkpoint-s" + st.globalStep() + ".a2model";
        ModelFile.save(dir.resolve(file), card(s, st.epoch(), st.bestValAccuracy()), run.net, true);
        adopt(run, "checkpoint-s", file, st.withCheckpoint(file));
        if (run.classes != null) {
            deleteOthers("classes-s", classes);
        }
        if (run.lookahead != null) {
            deleteOthers(LOOKAHEAD_PREFIX, slow);
        }
    }

    private static final String LOOKAHEAD_PREFIX = "lookahead-s";

    /** The lookahead's slow weights saved with the checkpoint of {@code globalStep}, found by the step the state records. */
    static String lookaheadFile(long globalStep) {
        return LOOKAHEAD_PREFIX + globalStep + ".bin";
    }

    /**
     * Makes {@code file}, just written, the run's current {@code prefix} file: the state names it first, and only then
     * do the files it replaces go. A kill at any point leaves a state whose files all exist (deleting first would leave
     * a state naming a deleted file, and the run could not resume).
     */
    void adopt(LiveRun run, String prefix, String file, RunState next) throws IOException {
        crashPoint.accept(POINT_FILE_WRITTEN, file);
        run.state = next;
        AtomicFiles.writeBytes(statePath, ModelFile.JSON.writeValueAsBytes(next));
        crashPoint.accept(POINT_STATE_WRITTEN, file);
        deleteOthers(prefix, file);
    }

    ModelCard card(RunSetup s, int epoch, double valAcc) {
        return new ModelCard(ModelCard.FORMAT, recipe, data.name(), data.classNames(), s.pre(), s.split().fingerprint(),
                epoch, valAcc, s.provenance());
    }

    private void deleteOthers(String prefix, String keep) throws IOException {
        try (var files = Files.list(dir)) {
            for (Path p : (Iterable<Path>) files::iterator) {
                String n = p.getFileName().toString();
                if (n.startsWith(prefix) && !n.equals(keep)) {
                    Files.deleteIfExists(p);
                }
            }
        }
    }
}
