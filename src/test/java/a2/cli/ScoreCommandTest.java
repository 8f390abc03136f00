package a2.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import a2.verify.PredictionsFile;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ScoreCommandTest {
    @TempDir
    Path dir;

    private Path predictions(int... labels) {
        Path file = dir.resolve("predictions.csv");
        int[] ids = java.util.stream.IntStream.rangeClosed(1, labels.length).toArray();
        PredictionsFile.write(file, ids, labels);
        return file;
    }

    @Test
    void printsAccuracyPerClassAndConfusion() throws IOException {
        Path truth = dir.resolve("test_y.bin");
        Files.write(truth, new byte[] {1, 2, 2, 10});
        Path names = dir.resolve("class_names.txt");
        Files.writeString(names, "airplane\nbird\ncar\ncat\ndeer\ndog\nhorse\nmonkey\nship\ntruck\n");
        CommandRun run = CommandRun.of(new ScoreCommand(), "--labels", truth.toString(),
                predictions(1, 2, 3, 10).toString(), "--class-names", names.toString());
        assertEquals(ExitCode.OK, run.exitCode(), run.err());
        assertTrue(run.out().startsWith("accuracy: 3/4 = 75.00%\n"), run.out());
        assertTrue(run.out().lines().anyMatch(l -> l.matches("\\s+2 bird\\s+1/2\\s+50\\.00%")), run.out());
        assertTrue(run.out().lines().anyMatch(l -> l.matches("\\s+2 bird\\s+0\\s+1\\s+1(\\s+0){7}")), run.out());
    }

    @Test
    void invalidInputExitsTwo() throws IOException {
        Path truth = dir.resolve("truth.csv");
        Files.writeString(truth, "Id,Label\n1,1\n2,11\n");
        CommandRun run = CommandRun.of(new ScoreCommand(), "--labels", truth.toString(), predictions(1, 2).toString());
        assertEquals(ExitCode.INVALID_INPUT, run.exitCode());
        assertTrue(run.err().startsWith(truth + ":3: label 11 outside 1..10"), run.err());
        assertEquals("", run.out());

        CommandRun noLabels = CommandRun.of(new ScoreCommand(), predictions(1, 2).toString());
        assertEquals(ExitCode.INVALID_INPUT, noLabels.exitCode());
        assertTrue(noLabels.err().contains("--labels"), noLabels.err());
    }

    @Test
    void aKaggleSolutionFileScoresItsPublicAndPrivateParts() throws IOException {
        Path truth = dir.resolve("solution.csv");
        Files.writeString(truth, "Id,Label,Usage\r\n1,1,Public\r\n2,2,Private\r\n3,3,Private\r\n4,4,Public\r\n");
        CommandRun run = CommandRun.of(new ScoreCommand(), "--labels", truth.toString(),
                predictions(1, 2, 9, 9).toString());
        assertEquals(ExitCode.OK, run.exitCode(), run.err());
        assertTrue(run.out().startsWith("accuracy: 2/4 = 50.00%\n"), run.out());
        assertTrue(run.out().contains("public accuracy:  0.5000 (2 rows, Usage=Public)"), run.out());
        assertTrue(run.out().contains("private accuracy: 0.5000 (2 rows, Usage=Private)"), run.out());
        assertTrue(run.err().contains("warning: " + truth + ": CRLF line ends read as LF"), run.err());
    }
}
