package a2.verify;

import a2.io.Hashes;
import a2.io.IntegrityException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The three files one prediction writes as a unit, side by side: {@code predictions.csv} (any name), {@code
 * scores.csv} and {@code predictions.provenance.json}, which records the SHA-256 of the other two. A trio whose
 * provenance disagrees with its files is mixed: a run stopped between its renames, or a file replaced by hand.
 */
public final class Trio {
    public static final String SCORES = "scores.csv";
    public static final String PROVENANCE = "predictions.provenance.json";
    /** The provenance's keys for its siblings' hashes ({@code scores.sha256} only in files written since it exists). */
    public static final String PREDICTIONS_SHA256 = "predictions.sha256";
    public static final String SCORES_SHA256 = "scores.sha256";
    /** A provenance file is a few hundred bytes; anything far larger is not one. */
    static final long MAX_PROVENANCE_BYTES = 1 << 20;

    private Trio() {}

    public static Path scoresFor(Path predictions) {
        return predictions.toAbsolutePath().getParent().resolve(SCORES);
    }

    public static Path provenanceFor(Path predictions) {
        return predictions.toAbsolutePath().getParent().resolve(PROVENANCE);
    }

    /** Predictions, scores, provenance: the order they are renamed into place, the record of the others last. */
    public static List<Path> of(Path predictions) {
        return List.of(predictions, scoresFor(predictions), provenanceFor(predictions));
    }

    /**
     * Refuses (exit 3) a mixed trio: each hash the provenance beside {@code predictions} records must be its file's.
     * Without a provenance beside it there is no trio to check (a hand-made submission), and nothing is said.
     */
    public static void requireWhole(Path predictions) {
        Path provenance = provenanceFor(predictions);
        if (!Files.isRegularFile(provenance) || !Files.isRegularFile(predictions)) {
            return;
        }
        Map<?, ?> recorded = read(provenance);
        List<String> problems = new ArrayList<>();
        check(recorded.get(PREDICTIONS_SHA256), predictions, problems);
        check(recorded.get(SCORES_SHA256), scoresFor(predictions), problems);
        if (!problems.isEmpty()) {
            throw new IntegrityException("mixed prediction files: " + String.join("; ", problems) + ". They are not"
                    + " the output of one run (one stopped between its renames, or a file was replaced); run predict"
                    + " again to write all three, or remove the stale " + provenance);
        }
    }

    private static void check(Object recorded, Path file, List<String> problems) {
        if (recorded == null) {
            return; // written before the provenance recorded this file
        }
        if (!Files.isRegularFile(file)) {
            problems.add(provenanceFor(file).getFileName() + " records " + file.getFileName() + " (sha256 " + recorded
                    + ") but " + file + " does not exist");
            return;
        }
        String actual = Hashes.sha256(file);
        if (!actual.equals(recorded)) {
            problems.add(provenanceFor(file).getFileName() + " records sha256 " + recorded + " for " + file
                    + ", which has " + actual);
        }
    }

    private static Map<?, ?> read(Path provenance) {
        try {
            if (Files.size(provenance) > MAX_PROVENANCE_BYTES) {
                throw new IntegrityException(provenance + " is " + Files.size(provenance) + " bytes, not a provenance file");
            }
            return new ObjectMapper().readValue(provenance.toFile(), Map.class);
        } catch (IOException e) {
            throw new IntegrityException("could not read " + provenance + " (the provenance beside the predictions): "
                    + e.getMessage(), e);
        }
    }
}
