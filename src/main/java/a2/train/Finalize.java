package a2.train;

import a2.io.AtomicFiles;
import a2.io.Hashes;
import a2.io.InvalidInputException;
import a2.model.ModelCard;
import a2.model.ModelFile;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;

/**
 * Copies a finished run's result into {@code <finalDir>/<folder>/}, the layout the figures, the pin and the tests
 * read: the run's result (the best epoch's model, or the final weights where the recipe keeps them) as
 * {@code model.a2model}, beside it the run's log, provenance, recipe, command line and split.
 * Only a finished run qualifies (its best epoch is final); the folder appears complete or not at all.
 */
public final class Finalize {
    /** Where the final models live, relative to the project folder. */
    public static final Path FINAL_DIR = Path.of("checkpoints", "final");
    /** The model's file name in its final folder. */
    public static final String MODEL = "model.a2model";
    /** Run files copied as they are, beside the model. */
    static final List<String> BESIDE = List.of("log.csv", "provenance.json", "recipe.json", "command.txt", "split.txt");

    private Finalize() {}

    /** What finalizing did: the folder, and whether it already held this exact model (nothing was copied). */
    public record Result(Path folder, String modelSha256, boolean alreadyThere) {}

    /**
     * @param folder the folder name under {@code finalDir}; null: the recipe's name (an earlier version of a recipe
     *               that is kept goes to {@code <recipe>-v<N>})
     */
    public static Result run(Path runDir, Path finalDir, String folder) {
        Path statePath = runDir.resolve("state.json");
        if (!Files.isRegularFile(statePath)) {
            throw new InvalidInputException(runDir + " holds no run (no state.json)");
        }
        try {
            RunState state = ModelFile.JSON.readValue(statePath.toFile(), RunState.class);
            Path recipeFile = runDir.resolve("recipe.json");
            boolean keepsFinal = Files.isRegularFile(recipeFile)
                    && a2.recipe.Recipe.load(recipeFile.toString()).budget().keepsFinal();
            // The run's result: its final weights or its best epoch, as the recipe says.
            Path best = runDir.resolve(keepsFinal ? RunFiles.FINAL_MODEL : RunFiles.BEST_MODEL);
            if (!state.finished() || !Files.isRegularFile(best)) {
                throw new InvalidInputException("the run in " + runDir + " is not finished (" + state.epoch()
                        + " epochs done); finish it with train --resume before finalizing it");
            }
            ModelCard card = ModelFile.readCard(best);
            String name = folder != null ? folder : card.recipe().name();
            Path dest = finalDir.resolve(name);
            String sha = Hashes.sha256(best);
            if (Files.exists(dest)) {
                Path there = dest.resolve(MODEL);
                if (Files.isRegularFile(there) && Hashes.sha256(there).equals(sha)) {
                    return new Result(dest, sha, true);
                }
                throw new InvalidInputException(dest + " already holds another model; keep it under another name (e.g. "
                        + name + "-v" + ModelFile.readCard(there).recipe().version() + ") or choose --name");
            }
            Files.createDirectories(finalDir);
            Path tmp = Files.createTempDirectory(finalDir, "." + name + "-");
            Files.copy(best, tmp.resolve(MODEL), StandardCopyOption.COPY_ATTRIBUTES);
            for (String f : BESIDE) {
                Path src = runDir.resolve(f);
                if (!Files.isRegularFile(src)) {
                    throw new InvalidInputException("the run in " + runDir + " has no " + f);
                }
                Files.copy(src, tmp.resolve(f));
            }
            AtomicFiles.moveIntoPlace(tmp, dest);
            return new Result(dest, sha, false);
        } catch (IOException e) {
            throw new UncheckedIOException("could not finalize " + runDir + " into " + finalDir + ": " + e.getMessage(), e);
        }
    }
}
