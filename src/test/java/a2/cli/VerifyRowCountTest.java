package a2.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import a2.data.DataLocator;
import a2.io.Hashes;
import a2.testing.ImageFolderFixture;
import a2.verify.PredictionsFile;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Where {@code verify} takes the expected row count from: {@code --rows}, else the test set of the dataset the
 * usual lookup finds (a 12-image fixture here), else nowhere, which the verdict says. Two files of different
 * lengths blame the one that differs from the test set, or, without one, neither.
 */
class VerifyRowCountTest {
    static final int TEST_IMAGES = 12;

    @TempDir
    static Path tmp;
    static Path datasets;

    @BeforeAll
    static void dataset() throws IOException {
        datasets = tmp.resolve("datasets");
        // Named like the pinned dataset, so the default lookup (the pin's dataset) finds it.
        ImageFolderFixture.write(datasets.resolve("cifar10-a2"), 2, 0, TEST_IMAGES, 8, 3);
    }

    /**
     * @param withData  whether the lookup finds the fixture dataset
     * @param subRows   data rows of the submission
     * @param regenRows data rows of REGENERATED, or 0 for the one-file check
     * @param words     each must appear in the output (stdout and stderr together)
     * @param absent    must not appear
     */
    record Case(boolean withData, int subRows, int regenRows, List<String> extra, int exit, List<String> words,
                String absent) {}

    static Arguments row(String name, Case c) {
        return Arguments.of(Named.of(name, c));
    }

    static Stream<Arguments> cases() {
        return Stream.of(
                row("one row, dataset found", new Case(true, 1, 0, List.of(), ExitCode.INVALID_INPUT,
                        List.of("the file ends after 1 data row; expected 12", "INVALID"), "OK")),
                row("the whole test set", new Case(true, 12, 0, List.of(), ExitCode.OK,
                        List.of("OK:", "12 rows", "(the test set of cifar10-a2)"), "NOT checked")),
                row("one row too many", new Case(true, 13, 0, List.of(), ExitCode.INVALID_INPUT,
                        List.of("data row 13 is one too many", "expected 12"), "OK")),
                row("--rows overrides the dataset", new Case(true, 1, 0, List.of("--rows", "1"), ExitCode.OK,
                        List.of("OK:", "1 rows, Ids 1..1"), "NOT checked")),
                row("no dataset: checked, and says the count was not", new Case(false, 1, 0, List.of(), ExitCode.OK,
                        List.of("OK:", "1 rows", "the row count was NOT checked: no 'cifar10-a2' dataset found",
                                "--rows N"), "expected")),
                row("an explicit --data that is missing", new Case(false, 12, 0, List.of("--data", "nowhere"),
                        ExitCode.INVALID_INPUT, List.of("--data nowhere does not exist"), "OK")),
                row("cut REGENERATED is blamed, not the submission", new Case(true, 12, 5, List.of(),
                        ExitCode.INVALID_INPUT, List.of("regenerated.csv:7: the file ends after 5 data rows; expected 12",
                                "nothing was compared"), "submission.csv:")),
                row("different lengths, no dataset: neither is blamed", new Case(false, 12, 5, List.of(),
                        ExitCode.INVALID_INPUT, List.of("has 12 rows but the regenerated", "has 5",
                                "one of them is cut short"), "one too many")),
                row("two whole files against the test set", new Case(true, 12, 12, List.of(), ExitCode.OK,
                        List.of("MATCH: 12/12 rows agree"), "INVALID")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void theRowCountComesFromRowsOrTheDatasetFound(Case c, @TempDir Path dir) throws IOException {
        Path sub = write(dir.resolve("submission.csv"), c.subRows());
        List<String> args = new ArrayList<>(List.of(sub.toString()));
        Path regen = null;
        if (c.regenRows() > 0) {
            regen = write(dir.resolve("regenerated.csv"), c.regenRows());
            args.add(regen.toString());
        }
        args.addAll(c.extra());
        String subSha = Hashes.sha256(sub);
        String regenSha = regen == null ? null : Hashes.sha256(regen);

        VerifyCommand command = new VerifyCommand();
        command.locator = new DataLocator(dir.resolve("project"), c.withData() ? Optional.of(datasets.toString())
                : Optional.empty(), Optional.of(tmp.resolve("cache").toString()));
        CommandRun run = CommandRun.of(command, args.toArray(String[]::new));

        String all = run.out() + run.err();
        assertEquals(c.exit(), run.exitCode(), all);
        c.words().forEach(w -> assertTrue(all.contains(w), "'" + w + "' in: " + all));
        assertFalse(all.contains(c.absent()), "'" + c.absent() + "' not in: " + all);
        assertEquals(subSha, Hashes.sha256(sub), "verify never changes the submission");
        if (regen != null) {
            assertEquals(regenSha, Hashes.sha256(regen), "nor the regenerated file");
        }
    }

    private static Path write(Path file, int rows) {
        int[] ids = IntStream.rangeClosed(1, rows).toArray();
        PredictionsFile.write(file, ids, IntStream.range(0, rows).map(i -> 1 + i % 3).toArray(), 3);
        return file;
    }
}
