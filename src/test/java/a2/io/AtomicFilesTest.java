package a2.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Files written as one unit: a failure in any of them, however far it got, leaves every old file as it was. */
class AtomicFilesTest {
    @TempDir
    Path tmp;

    @ParameterizedTest(name = "file {0} fails")
    @ValueSource(ints = {0, 1, 2})
    void aFailureWhileWritingAnyFileLeavesAllTheOldOnes(int failing) throws Exception {
        List<Path> files = List.of(tmp.resolve("a.csv"), tmp.resolve("b.csv"), tmp.resolve("c.json"));
        for (Path f : files) {
            Files.writeString(f, "old " + f.getFileName());
        }
        List<AtomicFiles.Target> targets = new ArrayList<>();
        for (int i = 0; i < files.size(); i++) {
            String name = files.get(i).getFileName().toString();
            targets.add(new AtomicFiles.Target(files.get(i), i == failing ? out -> {
                out.write(new byte[100_000]); // part of it reaches the disk first, as on a disk that fills up
                throw new IOException("No space left on device");
            } : out -> out.write(("new " + name).getBytes())));
        }
        UncheckedIOException e = assertThrows(UncheckedIOException.class, () -> AtomicFiles.writeAll(targets));
        assertTrue(e.getMessage().contains(files.get(failing).toString()) && e.getMessage().contains("No space"),
                e.getMessage());
        for (Path f : files) {
            assertEquals("old " + f.getFileName(), Files.readString(f), "untouched: " + f);
        }
        try (Stream<Path> left = Files.list(tmp)) {
            assertEquals(3, left.count(), "no temporary file is left behind");
        }
    }

    @ParameterizedTest(name = "{0} files")
    @ValueSource(ints = {1, 3})
    void whenEveryFileIsCompleteAllAreReplaced(int n) throws Exception {
        List<AtomicFiles.Target> targets = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            Path f = tmp.resolve("sub/f" + i);
            String text = "new " + i;
            targets.add(new AtomicFiles.Target(f, out -> out.write(text.getBytes())));
        }
        AtomicFiles.writeAll(targets);
        for (int i = 0; i < n; i++) {
            assertEquals("new " + i, Files.readString(tmp.resolve("sub/f" + i)));
        }
    }
}
