package a2.predict;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import a2.io.InvalidInputException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Which outputs of the default run would land on the submission's files. The submission's trio lives in
 * {@code sub/}; {@code link-to-sub} is a symbolic link to that folder, {@code hard.csv} a hard link to the
 * submission, {@code dangling.csv} a link to a submission that does not exist yet ({@code sub/later.csv}).
 */
class OutputGuardTest {
    @TempDir
    Path tmp;

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "the submission itself            | sub/predictions.csv         | sub/predictions.csv | refused  | the submission",
            "the same file by another path    | res/../sub/predictions.csv  | sub/predictions.csv | refused  | the submission",
            "through a linked folder          | link-to-sub/predictions.csv | sub/predictions.csv | refused  | the submission",
            "a hard link to the submission    | hard.csv                    | sub/predictions.csv | refused  | the submission",
            "a link to a file not yet written | dangling.csv                | sub/later.csv       | refused  | the submission",
            "another name beside it           | sub/other.csv               | sub/predictions.csv | refused  | beside the submission",
            "onto the submission's scores     | sub/scores.csv              | sub/predictions.csv | refused  | beside the submission",
            "a folder not yet made            | new/dir/predictions.csv     | sub/predictions.csv | allowed  | ",
            "the usual result folder          | res/predictions.csv         | sub/predictions.csv | allowed  | ",
            "a copy is another file           | cp/predictions.csv          | sub/predictions.csv | allowed  | ",
    })
    void anOutputOnTheSubmissionsFilesIsRefused(String what, String out, String submission, String verdict, String words)
            throws Exception {
        Path sub = Files.createDirectories(tmp.resolve("sub"));
        Files.createDirectories(tmp.resolve("res"));
        new Prediction(new int[] {1, 2}, new int[] {1, 2}, new float[] {0.9f, 0.8f}, new int[] {2, 1},
                new float[] {0.1f, 0.2f}).write(sub.resolve("predictions.csv"), java.util.Map.of());
        Files.createDirectories(tmp.resolve("cp"));
        for (Path f : Prediction.trio(sub.resolve("predictions.csv"))) {
            Files.copy(f, tmp.resolve("cp").resolve(f.getFileName()));
        }
        Files.writeString(tmp.resolve("res/scores.csv"), "");
        Files.createSymbolicLink(tmp.resolve("link-to-sub"), sub);
        Files.createLink(tmp.resolve("hard.csv"), sub.resolve("predictions.csv"));
        Files.createSymbolicLink(tmp.resolve("dangling.csv"), sub.resolve("later.csv"));
        Path o = tmp.resolve(out);
        Path s = tmp.resolve(submission);
        if (verdict.equals("allowed")) {
            assertDoesNotThrow(() -> OutputGuard.refuseOverlap(o, s), what);
            return;
        }
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> OutputGuard.refuseOverlap(o, s), what);
        assertTrue(e.getMessage().contains(words) && e.getMessage().contains("--out " + o)
                && e.getMessage().contains("predict --out"), what + ": " + e.getMessage());
    }
}
