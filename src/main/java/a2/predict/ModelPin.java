package a2.predict;

import a2.io.AtomicFiles;
import a2.io.InvalidInputException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The one pin of the hosted model ({@code result/model.json}): where it lives, its SHA-256 and size, and what it
 * was trained for. Written by the {@code pin} command, never by hand.
 *
 * @param location  a path relative to the repository (the committed model under {@code checkpoints/final/}) or an
 *                  {@code http:}, {@code https:} or {@code file:} URL
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

    public static ModelPin read(Path file) {
        if (!Files.isRegularFile(file)) {
            throw new InvalidInputException("no model pin at " + file.toAbsolutePath() + " (write one with `pin MODEL`)");
        }
        try {
            return JSON.readValue(file.toFile(), ModelPin.class);
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
