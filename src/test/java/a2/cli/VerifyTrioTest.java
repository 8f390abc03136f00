package a2.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import a2.model.ModelFile;
import a2.predict.Prediction;
import a2.verify.Trio;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * {@code verify} on the three files a prediction writes: the provenance records its siblings' SHA-256, and a trio
 * whose files are not the ones it records is mixed (exit 3), whether one file is checked or two are compared.
 */
class VerifyTrioTest {
    static final int N = 50;

    @TempDir
    Path dir;

    /** A whole trio in {@code name/}, as predict writes it; returns the predictions file. */
    Path trio(String name, int shift) {
        int[] ids = IntStream.rangeClosed(1, N).toArray();
        int[] top1 = IntStream.range(0, N).map(i -> 1 + (i * 7 + shift) % 10).toArray();
        int[] top2 = Arrays.stream(top1).map(l -> l % 10 + 1).toArray();
        float[] p1 = new float[N], p2 = new float[N];
        Arrays.fill(p1, 0.7f);
        Arrays.fill(p2, 0.2f);
        Path out = dir.resolve(name).resolve("predictions.csv");
        new Prediction(ids, top1, p1, top2, p2).write(out, Map.of("model.sha256", "test"));
        return out;
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "a whole trio                    | none                 | 0 | OK:",
            "predictions from another run    | predictions          | 3 | mixed prediction files;records sha256;predictions.csv, which has",
            "scores from another run         | scores               | 3 | mixed prediction files;records sha256;scores.csv, which has",
            "scores missing                  | no scores            | 3 | mixed prediction files;scores.csv does not exist",
            "no provenance: a hand-made file | no provenance        | 0 | OK:",
            "a provenance from before scores.sha256 | old provenance | 0 | OK:",
    })
    void aMixedTrioIsAnIntegrityFault(String what, String change, int code, String words) throws Exception {
        Path a = trio("a", 0);
        Path other = trio("other", 3);
        switch (change) {
            case "predictions" -> Files.copy(other, a, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            case "scores" -> Files.copy(Trio.scoresFor(other), Trio.scoresFor(a), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            case "no scores" -> Files.delete(Trio.scoresFor(a));
            case "no provenance" -> Files.delete(Trio.provenanceFor(a));
            case "old provenance" -> {
                ObjectNode p = (ObjectNode) ModelFile.JSON.readTree(Trio.provenanceFor(a).toFile());
                p.remove(Trio.SCORES_SHA256);
                Files.write(Trio.provenanceFor(a), ModelFile.JSON.writeValueAsBytes(p));
                Files.copy(Trio.scoresFor(other), Trio.scoresFor(a), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            }
            default -> { }
        }
        CommandRun one = CommandRun.of(new VerifyCommand(), a.toString(), "--rows", String.valueOf(N));
        assertEquals(code, one.exitCode(), what + ": " + one.out() + one.err());
        assertSays(one, words, what);
        // Compared with another run's predictions: DIFFER when the trio is whole, the same fault when it is mixed.
        CommandRun two = CommandRun.of(new VerifyCommand(), other.toString(), a.toString());
        assertEquals(code == ExitCode.INTEGRITY_OR_IO ? code : ExitCode.DIFFER, two.exitCode(), what + ": " + two.out() + two.err());
        if (code == ExitCode.INTEGRITY_OR_IO) {
            assertSays(two, words, what);
        }
    }

    static void assertSays(CommandRun run, String words, String what) {
        String said = run.out() + run.err();
        for (String w : words.split(";")) {
            assertTrue(said.contains(w), what + ": expected '" + w + "' in " + said);
        }
    }
}
