package a2.figures;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StaleFiguresTest {
    @Test
    void aFigureThisRunDidNotWriteIsRemovedAndSaidSoWhileOtherFilesStay(@TempDir Path dir) throws Exception {
        Path kept = Files.writeString(dir.resolve("tsne-gap.png"), "new");
        Path stale = Files.writeString(dir.resolve("tsne-s1c2relu.png"), "old");
        Path notAFigure = Files.writeString(dir.resolve("README.txt"), "notes");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        // Written as a relative path, as the figures command's default output folder is.
        Path asWritten = Path.of("").toAbsolutePath().relativize(kept.toAbsolutePath());
        Figures.removeStale(dir, List.of(asWritten), new PrintStream(out, true));
        assertTrue(Files.exists(kept));
        assertTrue(Files.exists(notAFigure));
        assertTrue(Files.notExists(stale));
        assertEquals("removed stale figure " + stale, out.toString().strip());
    }
}
