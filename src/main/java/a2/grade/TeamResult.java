package a2.grade;

import a2.io.AtomicFiles;
import a2.io.IntegrityException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * What one child JVM found for one team, written as {@code result.json} in the team's folder: the unit a batch
 * engine would map over. Nothing in it depends on time or on the machine, so the grades built from it are
 * byte-identical however many children ran at once.
 *
 * @param key        the hash of every input and limit ({@link ResultKey}); a rerun reuses a result with its key
 * @param model      what the model file says about itself, when it could be read
 * @param comparison the regenerated predictions against the submission, for the statuses that got that far
 */
public record TeamResult(String key, String team, Status status, String detail, Model model,
                         Comparison comparison) {
    static final ObjectMapper JSON = new ObjectMapper()
            .enable(SerializationFeature.INDENT_OUTPUT)
            .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
    public static final String FILE = "result.json";

    /** The model's card: provenance for the report. */
    public record Model(String sha256, String dataset, String recipe, int epoch, double validationAccuracy,
                        String commit) {}

    /**
     * @param differences the first differing rows, by Id, with both labels and the regenerated top-2 margin
     * @param pairs       {@code pairs[s - 1][g - 1]}: rows with submitted label s and regenerated label g
     */
    public record Comparison(int rows, int differing, int nearTies, String regeneratedSha256,
                             String submissionSha256, List<Difference> differences, int[][] pairs) {
        public double agreement() {
            return rows == 0 ? 1 : (double) (rows - differing) / rows;
        }
    }

    public record Difference(int id, int submitted, int regenerated, double margin, boolean nearTie) {}

    public TeamResult withKey(String k) {
        return new TeamResult(k, team, status, detail, model, comparison);
    }

    public void write(Path file) {
        try {
            AtomicFiles.writeBytes(file, JSON.writeValueAsBytes(this));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static TeamResult read(Path file) {
        try {
            return JSON.readValue(Files.readAllBytes(file), TeamResult.class);
        } catch (IOException e) {
            throw new IntegrityException("unreadable team result " + file + ": " + e.getMessage(), e);
        }
    }

    /** A result decided without a regeneration (by the grader, or by a child that stopped early). */
    public static TeamResult of(String team, Status status, String detail) {
        return new TeamResult("", team, status, detail, null, null);
    }
}
