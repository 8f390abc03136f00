package a2.data.stl10;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.awt.color.ColorSpace;
import java.awt.image.BufferedImage;
import java.awt.image.ComponentColorModel;
import java.awt.image.Raster;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.imageio.ImageIO;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tukaani.xz.XZInputStream;

/**
 * The real STL-10 sample ({@code shared/datasets/stl10-sample.tar.xz}): every record of its {@code .bin} files
 * must decode to exactly the pixels of the PNG it was written from. The PNGs are ground truth for the byte
 * order, so a transposed or channel-swapped reader fails here on real images, not only on fixtures.
 */
class Stl10SampleTest {
    private static final String ARCHIVE = "stl10-sample.tar.xz";

    @TempDir
    static Path tmp;

    private static Path sample;
    private static Stl10Folder.LabeledSample loaded;

    @BeforeAll
    static void extractAndLoad() throws IOException {
        extract(findArchive(), tmp);
        sample = tmp.resolve("stl10-sample");
        loaded = Stl10Folder.loadSample(sample);
    }

    /**
     * The archive lives in {@code shared/datasets} beside the checkout ({@code /work/shared} beside
     * {@code /work/main} and the worktrees; {@code ../shared} beside a CI clone). Tried from the working
     * directory upwards, so a build started in a subfolder finds it too; {@code -Da2.shared.datasets=DIR}
     * overrides.
     */
    private static Path findArchive() {
        List<Path> tried = new ArrayList<>();
        String override = System.getProperty("a2.shared.datasets");
        if (override != null) {
            tried.add(Path.of(override).resolve(ARCHIVE));
        }
        for (Path p = Path.of(System.getProperty("user.dir")).toAbsolutePath(); p != null; p = p.getParent()) {
            tried.add(p.resolveSibling("shared").resolve("datasets").resolve(ARCHIVE));
        }
        return tried.stream().filter(Files::isRegularFile).findFirst().orElseThrow(() -> new AssertionError(
                "the real STL-10 sample is needed and was not found; tried " + tried));
    }

    /** Unpacks a {@code .tar.xz}, refusing entries that would land outside {@code target}. */
    private static void extract(Path archive, Path target) throws IOException {
        try (InputStream xz = new XZInputStream(new BufferedInputStream(Files.newInputStream(archive)));
             TarArchiveInputStream tar = new TarArchiveInputStream(xz)) {
            for (TarArchiveEntry entry; (entry = tar.getNextEntry()) != null; ) {
                Path out = target.resolve(entry.getName()).normalize();
                if (!out.startsWith(target)) {
                    throw new IOException("archive entry " + entry.getName() + " escapes " + target);
                }
                if (entry.isDirectory()) {
                    Files.createDirectories(out);
                } else if (entry.isFile()) {
                    Files.createDirectories(out.getParent());
                    Files.copy(tar, out);
                }
            }
        }
    }

    @Test
    void hasTheDocumentedCounts() {
        assertEquals(10, loaded.labeled().count());
        assertEquals(246, loaded.unlabeled().count());
    }

    @Test
    void labeledRecordsArePixelForPixelTheirPngsWithTheirLabels() throws IOException {
        List<CSVRecord> rows = index("labeled_examples_index.csv");
        assertEquals(10, rows.size());
        for (CSVRecord row : rows) {
            int record = Integer.parseInt(row.get("record"));
            assertEquals(record, rows.indexOf(row), "index rows in record order");
            assertEquals(Integer.parseInt(row.get("label")), loaded.labels()[record] + 1, "label of record " + record);
            String className = loaded.classNames().get(loaded.labels()[record]);
            assertTrue(row.get("source_file").contains("original_" + className + "_"), row.get("source_file"));
            assertPixels(row, loaded.labeled().read(record));
        }
    }

    @Test
    void unlabeledRecordsArePixelForPixelTheirPngs() throws IOException {
        List<CSVRecord> rows = index("unlabeled_examples_index.csv");
        assertEquals(246, rows.size());
        for (int i = 0; i < rows.size(); i++) {
            CSVRecord row = rows.get(i);
            assertEquals(i, Integer.parseInt(row.get("record")), "index rows in record order");
            assertPixels(row, loaded.unlabeled().read(i));
        }
    }

    private static List<CSVRecord> index(String name) throws IOException {
        try (Reader in = Files.newBufferedReader(sample.resolve(name), StandardCharsets.UTF_8)) {
            return CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).get().parse(in).getRecords();
        }
    }

    /** The record must equal the PNG's R, G, B samples at every (row, col); alpha, where present, is not stored. */
    private static void assertPixels(CSVRecord row, byte[] chw) throws IOException {
        Path png = sample.resolve(row.get("source_file"));
        BufferedImage image = ImageIO.read(png.toFile());
        assertNotNull(image, "javax.imageio cannot decode " + png);
        assertEquals(96, image.getWidth());
        assertEquals(96, image.getHeight());
        if (!(image.getColorModel() instanceof ComponentColorModel cm) || cm.getColorSpace().getType() != ColorSpace.TYPE_RGB) {
            fail(png + " is not a plain RGB(A) image: " + image.getColorModel());
        }
        Raster raster = image.getRaster();
        int mismatches = 0;
        String first = null;
        for (int c = 0; c < 3; c++) {
            for (int r = 0; r < 96; r++) {
                for (int col = 0; col < 96; col++) {
                    int expected = raster.getSample(col, r, c);
                    int actual = Fixtures.pixel(chw, c, r, col);
                    if (expected != actual) {
                        mismatches++;
                        if (first == null) {
                            first = "channel " + c + " (row " + r + ", col " + col + "): png " + expected + ", record " + actual;
                        }
                    }
                }
            }
        }
        assertEquals(0, mismatches, "record " + row.get("record") + " vs " + png.getFileName() + ": " + mismatches
                + " of 27,648 samples differ, first at " + first);
    }
}
