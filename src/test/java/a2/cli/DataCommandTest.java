package a2.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import a2.data.DataLocator;
import a2.data.Dataset;
import a2.data.stl10.Stl10Writer;
import a2.io.Hashes;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code data}: the summary it prints for an STL-10 folder, and for the real CIFAR-10-A2 archive. */
class DataCommandTest {
    @TempDir
    Path tmp;

    /** A count as the summary prints it (grouping by the default locale, as {@code %,d} does). */
    static String n(int count) {
        return String.format("%,d", count);
    }

    static void assertLine(String summary, String line) {
        assertTrue(summary.lines().anyMatch(l -> l.strip().replaceAll(" +", " ").equals(line)),
                "no line '" + line + "' in:\n" + summary);
    }

    @Test
    void summarisesAnStl10FolderWithItsNativeImageSize() {
        Path folder = Stl10Writer.writeSynthetic(tmp.resolve("stl10_binary"), 20, 10, 7, 3);

        CommandRun run = CommandRun.of(new DataCommand(), "--data", folder.toString(), "--dataset", "stl10");

        assertEquals(ExitCode.OK, run.exitCode(), run.err());
        String out = run.out();
        assertLine(out, "dataset stl10");
        assertLine(out, "image size 96x96x3 (" + n(27_648) + " bytes per image)");
        assertLine(out, "labeled 20");
        assertLine(out, "unlabeled 7");
        assertLine(out, "test 10 (Ids 1..10), labels present");
        assertLine(out, "1 airplane 2");
        assertLine(out, "10 truck 2");
    }

    @Test
    void anUnknownDatasetFolderExitsWithInvalidInput() {
        CommandRun run = CommandRun.of(new DataCommand(), "--data", tmp.resolve("absent").toString());
        assertEquals(ExitCode.INVALID_INPUT, run.exitCode());
        assertTrue(run.err().contains("absent"), run.err());
    }

    /**
     * The lead's "done when": the shipped archive, found in the team mirror beside the project, decoded into a
     * temporary cache, holds 5,000 labeled images (500 per class), 45,000 unlabeled and 10,000 test images.
     */
    @Test
    @Tag("slow")
    void theRealCifar10A2ArchiveHoldsTheAssignmentsCounts() throws Exception {
        Path project = Path.of("").toAbsolutePath();
        Path archive = project.resolveSibling("shared").resolve("datasets").resolve("cifar10-a2.tar.xz");
        assumeTrue(Files.isRegularFile(archive), "the team mirror " + archive + " is not on this machine");
        DataLocator locator = new DataLocator(project, Optional.empty(), Optional.of(tmp.resolve("cache").toString()));

        DataLocator.Found found = locator.locate(Optional.empty(), "cifar10-a2");
        assertEquals(archive, found.path().toAbsolutePath().normalize());
        Dataset ds = locator.open(found);
        String out = DataCommand.summary(ds);

        assertLine(out, "dataset cifar10-a2");
        assertLine(out, "image size 32x32x3 (" + n(3_072) + " bytes per image)");
        assertLine(out, "labeled " + n(5_000));
        assertLine(out, "unlabeled " + n(45_000));
        assertLine(out, "test " + n(10_000) + " (Ids 1..10000), labels hidden");
        String[] classes = {"airplane", "automobile", "bird", "cat", "deer", "dog", "frog", "horse", "ship", "truck"};
        for (int k = 0; k < classes.length; k++) {
            assertLine(out, (k + 1) + " " + classes[k] + " 500");
        }
        // The provenance checksum is the archive's pinned SHA-256.
        String pinned = Files.readAllLines(archive.resolveSibling("SHA256SUMS")).stream()
                .filter(l -> l.endsWith("cifar10-a2.tar.xz")).findFirst().orElseThrow().split("\\s+")[0];
        assertEquals(pinned, Hashes.sha256(archive));
        assertLine(out, "checksum cifar10-a2.tar.xz " + pinned);
    }
}
