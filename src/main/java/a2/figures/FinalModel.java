package a2.figures;

import a2.io.InvalidInputException;
import a2.model.ModelCard;
import a2.model.ModelFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A finished run as committed under {@code checkpoints/final/<recipe>/}: the pinned model ({@value #MODEL}), its
 * training log ({@value #LOG}) and, if present, the run's {@value #PROVENANCE}. An earlier version of a recipe, kept
 * for the record, lives in {@code <recipe>-v<version>/}.
 *
 * @param recipe the folder's name: the recipe's, or the recipe's with {@code -v<version>}
 */
public record FinalModel(String recipe, Path dir, ModelFile.Loaded model, TrainingLog log) {
    public static final String MODEL = a2.train.Finalize.MODEL;
    public static final String LOG = "log.csv";
    public static final String PROVENANCE = "provenance.json";

    public ModelCard card() {
        return model.card();
    }

    /** One entry of the run's provenance file, if the file and the entry exist. */
    public java.util.Optional<String> provenance(String key) {
        Path file = dir.resolve(PROVENANCE);
        if (!java.nio.file.Files.isRegularFile(file)) {
            return java.util.Optional.empty();
        }
        try {
            com.fasterxml.jackson.databind.JsonNode v = ModelFile.JSON.readTree(file.toFile()).get(key);
            return v == null ? java.util.Optional.empty() : java.util.Optional.of(v.asText());
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    public Path modelFile() {
        return dir.resolve(MODEL);
    }

    public Path logFile() {
        return dir.resolve(LOG);
    }

    /**
     * Fails with one message naming everything missing, before anything is loaded, so a wrong {@code --final}
     * costs a second, not a dataset decode.
     */
    public static void requirePresent(Path finalDir, List<String> recipes) {
        List<String> missing = new ArrayList<>();
        for (String r : recipes) {
            for (String f : List.of(MODEL, LOG)) {
                Path p = finalDir.resolve(r).resolve(f);
                if (!Files.isRegularFile(p)) {
                    missing.add(p.toString());
                }
            }
        }
        if (!missing.isEmpty()) {
            throw new InvalidInputException("the final models are missing: " + String.join(", ", missing)
                    + "; train the recipes and copy each run's best model, log.csv and provenance.json into "
                    + finalDir + "/<recipe>/, or pass --final DIR");
        }
    }

    /** Folders of {@code finalDir} holding a model, but for {@code except}, sorted by name. */
    public static List<String> others(Path finalDir, List<String> except) {
        try (var dirs = Files.list(finalDir)) {
            return dirs.filter(d -> Files.isRegularFile(d.resolve(MODEL))).map(d -> d.getFileName().toString())
                    .filter(n -> !except.contains(n)).sorted().toList();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException("cannot list " + finalDir + ": " + e.getMessage(), e);
        }
    }

    /** The card alone (no network, no ND4J): enough to know which dataset to look for. */
    public static ModelCard readCard(Path finalDir, String recipe) {
        return ModelFile.readCard(finalDir.resolve(recipe).resolve(MODEL));
    }

    public static FinalModel load(Path finalDir, String recipe) {
        requirePresent(finalDir, List.of(recipe));
        Path dir = finalDir.resolve(recipe);
        ModelFile.Loaded loaded = ModelFile.load(dir.resolve(MODEL), false);
        String name = loaded.card().recipe().name();
        if (!recipe.equals(name) && !recipe.equals(name + "-v" + loaded.card().recipe().version())) {
            throw new InvalidInputException(dir.resolve(MODEL) + " was trained with recipe '" + name + "' v"
                    + loaded.card().recipe().version() + ", not '" + recipe + "' as its folder says");
        }
        return new FinalModel(recipe, dir, loaded, TrainingLog.read(dir.resolve(LOG)));
    }
}
