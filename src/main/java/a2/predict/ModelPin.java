package a2.predict;

import a2.io.AtomicFiles;
import a2.io.InputFiles;
import a2.io.IntegrityException;
import a2.io.InvalidInputException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The one pin of the hosted model ({@code result/model.json}): where it lives, its SHA-256 and size, and what it
 * was trained for. Written by the {@code pin} command, never by hand. Before a model is used, {@code sha256},
 * {@code size}, {@code dataset} and {@code numClasses} are each checked exactly against the file and its card
 * ({@link #check}; a mismatch is an integrity fault, exit 3); {@code recipe} and {@code validationAccuracy} are
 * informational, for the reader of the pin, and are not checked.
 *
 * @param location            a path relative to the repository (the committed model under {@code checkpoints/final/})
 *                            or an {@code http:}, {@code https:} or {@code file:} URL
 * @param sha256              the model file's SHA-256 (checked)
 * @param size                the model file's size in bytes (checked)
 * @param dataset             the dataset its card names (checked)
 * @param numClasses          the number of classes its card lists (checked)
 * @param recipe              recipe name and version, informational
 * @param validationAccuracy  the card's validation accuracy, informational
 */
public record ModelPin(String location, String sha256, long size, String dataset, int numClasses, String recipe,
                       double validationAccuracy) {
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT)
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_MISSING_CREATOR_PROPERTIES);

    public ModelPin {
        if (location == null || location.isBlank()) {
            throw new IllegalArgumentException("location is required");
        }
        if (sha256 == null || !sha256.matches("[0-9a-f]{64}")) {
            throw new IllegalArgumentException("sha256 must be 64 lower-case hex digits, got " + sha256);
        }
        if (size <= 0) {
            throw new IllegalArgumentException("size must be > 0, got " + size);
        }
        if (numClasses < 2) {
            throw new IllegalArgumentException("numClasses must be >= 2, got " + numClasses);
        }
    }

    /**
     * Checks the pin's exact fields (size, dataset, class count) against a model file whose SHA-256 already
     * matched; every disagreement is named.
     *
     * @throws IntegrityException when any of them differ
     */
    public void check(Path file, a2.model.ModelCard card) {
        List<String> wrong = new ArrayList<>();
        long actualSize;
        try {
            actualSize = Files.size(file);
        } catch (IOException e) {
            throw InputFiles.readFailure(file, e);
        }
        if (actualSize != size) {
            wrong.add("size " + size + " but the file has " + actualSize + " bytes");
        }
        if (!card.dataset().equals(dataset)) {
            wrong.add("dataset '" + dataset + "' but the model's card says '" + card.dataset() + "'");
        }
        if (card.numClasses() != numClasses) {
            wrong.add("numClasses " + numClasses + " but the model's card lists " + card.numClasses() + " classes");
        }
        if (!wrong.isEmpty()) {
            throw new IntegrityException("the pin does not describe " + file + ": it says " + String.join("; ", wrong)
                    + " (write the pin again with `pin MODEL`)");
        }
    }

    public static ModelPin read(Path file) {
        if (!Files.exists(file, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
            throw new InvalidInputException("no model pin at " + file.toAbsolutePath() + " (write one with `pin MODEL`)");
        }
        byte[] bytes = InputFiles.readBounded(file, "a model pin (JSON)", 1 << 20);
        try {
            return JSON.readValue(bytes, ModelPin.class);
        } catch (IOException e) {
            Throwable root = e.getCause() instanceof IllegalArgumentException iae ? iae : e;
            throw new InvalidInputException(file + " is not a valid model pin: " + root.getMessage(), e);
        }
    }

    public void write(Path file) {
        try {
            AtomicFiles.writeString(file, JSON.writeValueAsString(this) + "\n");
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** An {@code http:}, {@code https:} or {@code file:} URL, as opposed to a path. */
    public static boolean isUrl(String location) {
        return location.matches("(?i)(https?|file):.*");
    }
}
