package a2.verify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import a2.io.Hashes;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ComparisonTest {
    private static final int N = 100;

    @TempDir
    Path dir;

    private int[] ids;
    private int[] labels;
    private Path regenerated;

    @BeforeEach
    void regenerate() {
        ids = IntStream.rangeClosed(1, N).toArray();
        labels = IntStream.range(0, N).map(i -> 1 + i % 10).toArray();
        regenerated = dir.resolve("regenerated.csv");
        PredictionsFile.write(regenerated, ids, labels);
    }

    private Path submission(int[] submitted) {
        Path file = dir.resolve("submission.csv");
        PredictionsFile.write(file, ids, submitted);
        return file;
    }

    @Test
    void identicalFilesMatch() {
        Path sub = submission(labels.clone());
        Comparison.Result r = Comparison.compare(sub, regenerated, Optional.empty(), OptionalInt.empty(), 10);
        assertTrue(r.match());
        assertTrue(r.byteIdentical());
        assertEquals(N, r.rows());
        assertEquals(0, r.differing());
        assertEquals(1.0, r.agreementRate());
        String sha = Hashes.sha256(sub);
        assertEquals("MATCH: 100/100 rows agree; sha256 submission=" + sha + " regenerated=" + sha
                + " (byte-identical)", r.verdict());
        assertTrue(r.report().startsWith(r.verdict() + "\n"), r.report());
        assertEquals(10, r.pairs()[9][9]);
    }

    @Test
    void oneFlippedRowDiffers() {
        int[] submitted = labels.clone();
        submitted[41] = 5; // Id 42: regenerated 2
        Comparison.Result r = Comparison.compare(submission(submitted), regenerated, Optional.empty(),
                OptionalInt.empty(), 10);
        assertFalse(r.match());
        assertFalse(r.byteIdentical());
        assertEquals(1, r.differing());
        assertEquals(99, r.agreeing());
        assertEquals(List.of(new Comparison.Difference(42, 5, 2, Comparison.Kind.UNCLASSIFIED,
                OptionalDouble.empty())), r.listed());
        assertEquals(1, r.pairs()[5 - 1][2 - 1]);
        assertEquals(9, r.pairs()[2 - 1][2 - 1]);
        assertTrue(r.verdict().startsWith("DIFFER: 99/100 rows agree (99.00%), 1 differ (no scores file:"),
                r.verdict());
        assertTrue(r.report().lines().anyMatch(l -> l.matches("\\s+42\\s+5\\s+2")), r.report());
    }

    @Test
    void scoresTellNearTiesFromModelDifferences() throws IOException {
        int[] submitted = labels.clone();
        submitted[0] = 9;  // Id 1: regenerated 1, runner-up 9 by 0.0004 -> near-tie
        submitted[1] = 3;  // Id 2: regenerated 2, runner-up 3 by 0.5 -> a different model
        submitted[2] = 8;  // Id 3: regenerated 3, runner-up 4 by 0.0001, but 8 is not the runner-up -> not
        int[] top2 = IntStream.range(0, N).map(i -> labels[i] % 10 + 1).toArray();
        top2[0] = 9;
        float[] p1 = new float[N];
        float[] p2 = new float[N];
        for (int i = 0; i < N; i++) {
            p1[i] = 0.9f;
            p2[i] = 0.05f;
        }
        p1[0] = 0.5002f;
        p2[0] = 0.4998f;
        p1[1] = 0.7f;
        p2[1] = 0.2f;
        p1[2] = 0.40005f;
        p2[2] = 0.39995f;
        Path scores = dir.resolve("scores.csv");
        ScoresFile.write(scores, ids, labels, p1, top2, p2);

        Comparison.Result r = Comparison.compare(submission(submitted), regenerated, Optional.of(scores),
                OptionalInt.of(N), 10);
        assertEquals(3, r.differing());
        assertEquals(1, r.nearTies());
        assertEquals(2, r.notNearTies());
        assertEquals(List.of(Comparison.Kind.NEAR_TIE, Comparison.Kind.NOT_NEAR_TIE, Comparison.Kind.NOT_NEAR_TIE),
                r.listed().stream().map(Comparison.Difference::kind).toList());
        assertEquals(0.0004, r.listed().get(0).margin().getAsDouble(), 1e-6);
        assertTrue(r.verdict().startsWith("DIFFER: 97/100 rows agree (97.00%), 3 differ (1 near-tie, 2 not); sha256"),
                r.verdict());
        assertTrue(r.report().contains("near-tie"));

        assertTrue(!r.verdict().contains("near-ties only"), "2 rows are not near-ties: " + r.verdict());
        int[] tieOnly = labels.clone();
        tieOnly[0] = 9;
        Comparison.Result ties = Comparison.compare(submission(tieOnly), regenerated, Optional.of(scores),
                OptionalInt.of(N), 10);
        assertTrue(ties.verdict().contains(" 1 differ (1 near-tie, 0 not: near-ties only); sha256"), ties.verdict());
    }

    @Test
    void listsOnlyTheFirstDifferences() {
        int[] submitted = labels.clone();
        for (int i = 0; i < 30; i++) {
            submitted[i] = labels[i] % 10 + 1;
        }
        Comparison.Result r = Comparison.compare(submission(submitted), regenerated, Optional.empty(),
                OptionalInt.empty(), 10, new Comparison.Settings(1e-3, 5));
        assertEquals(30, r.differing());
        assertEquals(List.of(1, 2, 3, 4, 5), r.listed().stream().map(Comparison.Difference::id).toList());
    }

    @Test
    void invalidFilesAreReportedNotCompared() throws IOException {
        Path sub = dir.resolve("submission.csv");
        Files.writeString(sub, "Id,Prediction\n1,1\n2,0\n"); // and 98 rows short of the regenerated file
        ValidationException e = assertThrows(ValidationException.class,
                () -> Comparison.compare(sub, regenerated, Optional.empty(), OptionalInt.empty(), 10));
        assertTrue(e.lines().get(0).startsWith(sub + ":3: label 0"), e.getMessage());
        assertTrue(e.lines().stream().anyMatch(l -> l.startsWith(sub + ":4: the file ends after 2 data rows;"
                + " expected 100")), e.getMessage());
    }

    @Test
    void scoresOfAnotherRunAreRejected() {
        int[] other = labels.clone();
        other[6] = labels[6] % 10 + 1;
        int[] top2 = IntStream.range(0, N).map(i -> other[i] % 10 + 1).toArray();
        float[] p1 = new float[N];
        float[] p2 = new float[N];
        java.util.Arrays.fill(p1, 0.9f);
        java.util.Arrays.fill(p2, 0.05f);
        Path scores = dir.resolve("scores.csv");
        ScoresFile.write(scores, ids, other, p1, top2, p2);
        ValidationException e = assertThrows(ValidationException.class, () -> Comparison.compare(
                submission(labels.clone()), regenerated, Optional.of(scores), OptionalInt.empty(), 10));
        assertEquals(List.of(scores + ": Id 7: Top1 is 8 but the regenerated prediction is 7: the scores belong"
                + " to another run"), e.lines());
    }

    @Test
    void percentagesNeverRoundUpToAPerfectScore() {
        assertEquals("99.99", Comparison.percent(9_999, 10_000));
        assertEquals("99.99", Comparison.percent(99_999, 100_000));
        assertEquals("99.87", Comparison.percent(9_987, 10_000));
        assertEquals("100.00", Comparison.percent(10_000, 10_000));
    }
}
