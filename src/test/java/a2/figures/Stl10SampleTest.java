package a2.figures;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import a2.data.ArrayImages;
import a2.data.stl10.Stl10Folder;
import a2.data.stl10.Stl10Writer;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.compressors.xz.XZCompressorOutputStream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class Stl10SampleTest {
    @TempDir
    Path tmp;

    /** A sample archive in the real layout: {@code stl10-sample/*.bin} in a {@code .tar.xz}. */
    static Path archive(Path dir) throws IOException {
        Path src = Files.createDirectories(dir.resolve("src"));
        byte[] px = new byte[3 * 96 * 96 * 2];
        for (int i = 0; i < px.length; i++) {
            px[i] = (byte) i;
        }
        Stl10Writer.writeImages(src.resolve("labeled_examples_X.bin"), new ArrayImages(px, 2, 96, 96));
        Stl10Writer.writeLabels(src.resolve("labeled_examples_y.bin"), new int[] {0, 9});
        Stl10Writer.writeImages(src.resolve("unlabeled_examples_X.bin"), new ArrayImages(px.clone(), 2, 96, 96));
        Path archive = dir.resolve(Stl10Sample.ARCHIVE);
        try (OutputStream out = Files.newOutputStream(archive); XZCompressorOutputStream xz = new XZCompressorOutputStream(out);
             TarArchiveOutputStream tar = new TarArchiveOutputStream(xz)) {
            for (String name : List.of("labeled_examples_X.bin", "labeled_examples_y.bin", "unlabeled_examples_X.bin")) {
                TarArchiveEntry e = new TarArchiveEntry("stl10-sample/" + name);
                e.setSize(Files.size(src.resolve(name)));
                tar.putArchiveEntry(e);
                Files.copy(src.resolve(name), tar);
                tar.closeArchiveEntry();
            }
        }
        return archive;
    }

    @Test
    void unpacksOnceIntoTheCacheAndLoads() throws IOException {
        Path root = Files.createDirectories(tmp.resolve("datasets"));
        Path archive = archive(root);
        Path cache = tmp.resolve("cache");
        Stl10Sample.Located found = Stl10Sample.locate(Optional.empty(), List.of(tmp.resolve("elsewhere"), root), cache);
        assertEquals(Optional.of(archive), found.archive());
        assertTrue(found.folder().startsWith(cache), found.folder().toString());
        Stl10Folder.LabeledSample s = found.load();
        assertEquals(2, s.labeled().count());
        assertEquals(9, s.labels()[1]);
        long modified = Files.getLastModifiedTime(found.folder().resolve("labeled_examples_X.bin")).toMillis();
        Path again = Stl10Sample.locate(Optional.of(archive), List.of(), cache).folder();
        assertEquals(found.folder(), again);
        assertEquals(modified, Files.getLastModifiedTime(again.resolve("labeled_examples_X.bin")).toMillis(), "not unpacked twice");
        try (var entries = Files.list(cache)) {
            assertEquals(1, entries.count(), "no temp folders left behind");
        }
    }

    @Test
    void anUnpackedFolderIsUsedInPlace() throws IOException {
        Path cache = tmp.resolve("cache");
        Path folder = Stl10Sample.locate(Optional.of(archive(tmp)), List.of(), cache).folder();
        Stl10Sample.Located direct = Stl10Sample.locate(Optional.of(folder), List.of(), tmp.resolve("other-cache"));
        assertEquals(folder, direct.folder());
        assertEquals(Optional.empty(), direct.archive());
    }

    /** The real 256-image sample from {@code shared/datasets}, as the figures command finds it. */
    @Test
    @Tag("slow")
    void theRealSampleUnpacksWithItsDocumentedCounts() {
        Path shared = null;
        for (Path p = Path.of("").toAbsolutePath(); p != null && shared == null; p = p.getParent()) {
            Path c = p.resolveSibling("shared").resolve("datasets");
            if (Files.isRegularFile(c.resolve(Stl10Sample.ARCHIVE))) {
                shared = c;
            }
        }
        assertTrue(shared != null, "the real STL-10 sample is needed (shared/datasets beside the checkout)");
        Stl10Folder.LabeledSample s = Stl10Sample.locate(Optional.empty(), List.of(shared), tmp.resolve("cache")).load();
        assertEquals(10, s.labeled().count());
        assertEquals(246, s.unlabeled().count());
        assertEquals(96, s.labeled().height());
    }
}
