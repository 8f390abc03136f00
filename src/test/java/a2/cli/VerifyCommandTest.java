package a2.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import a2.data.DataLocator;
import a2.verify.PredictionsFile;
import a2.verify.ScoresFile;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class VerifyCommandTest {
    private static final int N = 50;

    @TempDir
    Path dir;

    private int[] ids;
    private int[] labels;
    private Path regenerated;

    @BeforeEach
    void regenerate() {
        ids = IntStream.rangeClosed(1, N).toArray();
        labels = IntStream.range(0, N).map(i -> 1 + (i * 7) % 10).toArray();
        regenerated = dir.resolve("regenerated.csv");
        PredictionsFile.write(regenerated, ids, labels);
    }

    /** Runs verify where no dataset can be found (as in a fresh clone without the shared mirror). */
    private CommandRun verify(String... args) {
        VerifyCommand command = new VerifyCommand();
        command.locator = new DataLocator(dir.resolve("project"), Optional.empty(),
                Optional.of(dir.resolve("cache").toString()));
        return CommandRun.of(command, args);
    }

    private Path submission(int[] submitted) {
        Path file = dir.resolve("submission.csv");
        PredictionsFile.write(file, ids, submitted);
        return file;
    }

    @Test
    void aValidFileExitsZero() {
        CommandRun run = verify(regenerated.toString(), "--rows", "50");
        assertEquals(ExitCode.OK, run.exitCode(), run.err());
        assertEquals("OK: " + regenerated + ": 50 rows, Ids 1..50, labels in 1..10\n", run.out());
        assertEquals("", run.err());
    }

    @Test
    void anInvalidFilePrintsEveryProblemAndExitsTwo() throws IOException {
        Path file = dir.resolve("bad.csv");
        Files.writeString(file, "Id,Prediction\r\n1,3\r\n2,0\r\n2,4\r\n");
        CommandRun run = verify(file.toString());
        assertEquals(ExitCode.INVALID_INPUT, run.exitCode());
        List<String> lines = run.err().lines().toList();
        assertEquals("warning: " + file + ": 4 CRLF line ends read as LF (Kaggle accepts them; the format is LF-only)",
                lines.get(0));
        assertTrue(lines.get(1).startsWith(file + ":3: label 0 outside 1..10"), run.err());
        assertEquals(file + ":4: duplicate Id 2 (first on line 3)", lines.get(2));
        assertEquals(file + ":4: Id 3 missing", lines.get(3));
        assertEquals("INVALID: " + file + ": 3 problems", lines.get(4));
        assertEquals("", run.out());
    }

    @Test
    void identicalFilesMatch() {
        Path sub = submission(labels.clone());
        CommandRun run = verify(sub.toString(), regenerated.toString());
        assertEquals(ExitCode.OK, run.exitCode(), run.err());
        assertTrue(run.out().startsWith("MATCH: 50/50 rows agree; sha256 submission="), run.out());
        assertTrue(run.out().lines().findFirst().orElseThrow().endsWith("(byte-identical)"), run.out());
    }

    @Test
    void aFlippedRowDiffersWithExitOne() {
        int[] submitted = labels.clone();
        submitted[9] = labels[9] % 10 + 1;
        CommandRun run = verify(sub(submitted), regenerated.toString());
        assertEquals(ExitCode.DIFFER, run.exitCode(), run.err());
        assertTrue(run.out().startsWith("DIFFER: 49/50 rows agree (98.00%), 1 differ"), run.out());
        assertTrue(run.out().lines().anyMatch(l -> l.matches("\\s+10\\s+" + submitted[9] + "\\s+" + labels[9])),
                run.out());
        assertTrue(run.out().contains("Label pairs (rows: submission label, columns: regenerated label):"));
    }

    @Test
    void scoresClassifyNearTies() {
        int[] submitted = labels.clone();
        int[] top2 = IntStream.range(0, N).map(i -> labels[i] % 10 + 1).toArray();
        submitted[4] = top2[4];
        float[] p1 = new float[N];
        float[] p2 = new float[N];
        java.util.Arrays.fill(p1, 0.8f);
        java.util.Arrays.fill(p2, 0.1f);
        p1[4] = 0.3001f;
        p2[4] = 0.2999f;
        Path scores = dir.resolve("scores.csv");
        ScoresFile.write(scores, ids, labels, p1, top2, p2);
        CommandRun run = verify(sub(submitted), regenerated.toString(), "--scores", scores.toString());
        assertEquals(ExitCode.DIFFER, run.exitCode(), run.err());
        assertTrue(run.out().startsWith("DIFFER: 49/50 rows agree (98.00%), 1 differ (1 near-tie, 0 not: near-ties only); sha256"),
                run.out());
        assertTrue(run.out().lines().anyMatch(l -> l.matches("\\s+5\\s+\\d+\\s+\\d+\\s+0\\.000200\\s+near-tie")),
                run.out());
        CommandRun strict = verify(sub(submitted), regenerated.toString(), "--scores", scores.toString(),
                "--near-tie", "1e-4");
        assertTrue(strict.out().contains("(0 near-ties, 1 not)"), strict.out());
    }

    @Test
    void anInvalidSubmissionIsNotCompared() throws IOException {
        Path sub = dir.resolve("submission.csv");
        Files.writeString(sub, "Id,Prediction\n1,3\n");
        CommandRun run = verify(sub.toString(), regenerated.toString(), "--rows", "50");
        assertEquals(ExitCode.INVALID_INPUT, run.exitCode());
        assertTrue(run.err().startsWith(sub + ":3: the file ends after 1 data row; expected 50"), run.err());
        assertTrue(run.err().contains("INVALID: fix the problems above; nothing was compared"), run.err());
        assertEquals("", run.out());
    }

    @Test
    void usageErrorsExitTwo() {
        CommandRun scoresAlone = verify(regenerated.toString(), "--scores", "scores.csv");
        assertEquals(ExitCode.INVALID_INPUT, scoresAlone.exitCode());
        assertTrue(scoresAlone.err().contains("--scores needs REGENERATED"), scoresAlone.err());
        assertEquals(ExitCode.INVALID_INPUT, verify().exitCode());
        assertEquals(ExitCode.INVALID_INPUT, verify(regenerated.toString(), "--classes", "1").exitCode());
    }

    @Test
    void aMissingFileExitsTwo() {
        CommandRun run = verify(dir.resolve("nope.csv").toString());
        assertEquals(ExitCode.INVALID_INPUT, run.exitCode());
        assertTrue(run.err().contains("no such file"), run.err());
    }

    private String sub(int[] submitted) {
        return submission(submitted).toString();
    }

    @Test
    void aBomAndCrlfAsKaggleAcceptsThemPassWithAWarning() throws IOException {
        Path file = dir.resolve("excel.csv");
        StringBuilder text = new StringBuilder("\uFEFFId,Prediction\r\n");
        for (int i = 0; i < labels.length; i++) {
            text.append(i + 1).append(',').append(labels[i]).append("\r\n");
        }
        Files.writeString(file, text);
        CommandRun run = verify(file.toString(), regenerated.toString());
        assertEquals(ExitCode.OK, run.exitCode(), run.err());
        assertTrue(run.err().contains("warning: " + file + ": UTF-8 byte order mark removed"), run.err());
        assertTrue(run.out().startsWith("MATCH: 50/50 rows agree"), run.out());
        assertTrue(run.out().contains("submission:  " + file), run.out());
    }
}
