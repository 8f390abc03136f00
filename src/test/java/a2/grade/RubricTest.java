package a2.grade;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import a2.io.InvalidInputException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RubricTest {
    @TempDir
    Path dir;

    @Test
    void theShippedDefaultLoadsAndScores() {
        Rubric r = Rubric.defaults();
        Scoring.Findings none = new Scoring.Findings(false, false, false);
        double full = r.reproducedPoints() + r.benchmarkPoints();
        assertEquals(full, Scoring.points(r, "t", Status.MATCH, r.benchmarkAccuracy(), none));
        assertEquals(r.reproducedPoints(), Scoring.points(r, "t", Status.MATCH, r.benchmarkAccuracy() - 1e-4, none));
        assertEquals(full, Scoring.points(r, "t", Status.NEAR_TIES_ONLY, 0.99, none));
        assertEquals(0, Scoring.points(r, "t", Status.DIFFER, 0.99, none), "benchmark points need reproduction");
        assertEquals(full - r.penalties().kagglePublicMismatch(),
                Scoring.points(r, "t", Status.MATCH, 0.99, new Scoring.Findings(true, false, false)));
    }

    @Test
    void anOverrideReplacesThePointsAndNeedsAReason() throws Exception {
        Path p = dir.resolve("r.json");
        Files.writeString(p, """
                {"benchmarkAccuracy": 0.8, "benchmarkPoints": 4, "reproducedPoints": 6, "nearTiesOnlyReproduced": false,
                 "benchmarkNeedsReproduction": false,
                 "penalties": {"kagglePublicMismatch": 0, "sharedModel": 2, "suspiciousAgreement": 0},
                 "overrides": [{"team": "late", "points": 3, "reason": "submitted two days late"}]}
                """);
        Rubric r = Rubric.read(p);
        Scoring.Findings none = new Scoring.Findings(false, false, false);
        assertEquals(3, Scoring.points(r, "late", Status.MATCH, 0.9, none));
        assertEquals(4, Scoring.points(r, "t", Status.NEAR_TIES_ONLY, 0.9, none));
        assertEquals(4, Scoring.points(r, "t", Status.DIFFER, 0.9, none));
        assertEquals(8, Scoring.points(r, "t", Status.MATCH, 0.9, new Scoring.Findings(false, true, false)));

        Files.writeString(p, """
                {"benchmarkAccuracy": 1.5, "benchmarkPoints": 4, "reproducedPoints": 6, "nearTiesOnlyReproduced": false,
                 "benchmarkNeedsReproduction": false,
                 "penalties": {"kagglePublicMismatch": 0, "sharedModel": 2, "suspiciousAgreement": 0},
                 "overrides": [{"team": "late", "points": 3, "reason": ""}, {"team": "x", "memory": "lots", "reason": "r"}]}
                """);
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> Rubric.read(p));
        assertTrue(e.getMessage().contains("benchmarkAccuracy must be a fraction"), e.getMessage());
        assertTrue(e.getMessage().contains("overrides[0]: reason is required"), e.getMessage());
        assertTrue(e.getMessage().contains("overrides[1]: memory 'lots'"), e.getMessage());
    }

    @Test
    void anUnknownFieldOrBadJsonIsAnError() throws Exception {
        Path p = dir.resolve("r.json");
        Files.writeString(p, "{\n\"benchmarkAccuracy\": 0.8,\n\"bonus\": 1\n}\n");
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> Rubric.read(p));
        assertTrue(e.getMessage().startsWith(p + ": unknown field bonus (known: benchmarkAccuracy,"), e.getMessage());
        Files.writeString(p, "{\n\"benchmarkAccuracy\": 0.8,\n\"reproducedPoints\": }\n");
        InvalidInputException syntax = assertThrows(InvalidInputException.class, () -> Rubric.read(p));
        assertTrue(syntax.getMessage().startsWith(p + ":3: not valid JSON"), syntax.getMessage());
    }
}
