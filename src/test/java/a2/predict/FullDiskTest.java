package a2.predict;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import a2.io.Hashes;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A disk with room for the new predictions.csv but not for the new scores.csv: the three files are one unit, so
 * the old three stay as they were. The disk is a small tmpfs; where mounting is not allowed the test is skipped
 * (AtomicFilesTest injects the same failure without one).
 */
class FullDiskTest {
    static final int ROWS = 2000;

    @TempDir
    Path tmp;

    static Prediction prediction(int shift) {
        int[] ids = IntStream.rangeClosed(1, ROWS).toArray();
        int[] top1 = IntStream.range(0, ROWS).map(i -> 1 + (i + shift) % 10).toArray();
        int[] top2 = Arrays.stream(top1).map(l -> l % 10 + 1).toArray();
        float[] p1 = new float[ROWS], p2 = new float[ROWS];
        Arrays.fill(p1, 0.61234f);
        Arrays.fill(p2, 0.21234f);
        return new Prediction(ids, top1, p1, top2, p2);
    }

    @Test
    void aFullDiskLeavesTheOldThreeFiles() throws Exception {
        Path disk = Files.createDirectories(tmp.resolve("disk"));
        assumeTrue(run("mount", "-t", "tmpfs", "-o", "size=256k", "tmpfs", disk.toString()) == 0,
                "cannot mount a tmpfs here (not root, or not allowed in this container)");
        try {
            Path out = disk.resolve("predictions.csv");
            prediction(0).write(out, Map.of("run", "old"));
            List<Path> trio = Prediction.trio(out);
            List<String> before = trio.stream().map(Hashes::sha256).toList();
            long predictionsSize = Files.size(out);
            long room = Files.getFileStore(disk).getUsableSpace();
            // Leave room for the new predictions (plus a page of slack), not for the scores beside them.
            long keep = predictionsSize + 8192;
            assertTrue(Files.size(trio.get(1)) > keep + 8192, "the scores must not fit in what is left");
            Files.write(disk.resolve("filler"), new byte[(int) (room - keep)]);

            UncheckedIOException e = assertThrows(UncheckedIOException.class,
                    () -> prediction(3).write(out, Map.of("run", "new")));
            assertTrue(e.getMessage().contains("scores.csv"), "the file that did not fit is named: " + e.getMessage());
            assertEquals(before, trio.stream().map(Hashes::sha256).toList(), "the old three files are untouched");
            try (Stream<Path> files = Files.list(disk)) {
                assertEquals(4, files.count(), "no temporary file is left behind");
            }
        } finally {
            run("umount", disk.toString());
        }
    }

    static int run(String... cmd) throws Exception {
        try {
            return new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD)
                    .start().waitFor();
        } catch (java.io.IOException notInstalled) {
            return -1;
        }
    }
}
