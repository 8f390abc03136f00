package a2.testing;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.compressors.xz.XZCompressorOutputStream;

/** Packs a folder as a {@code .tar.xz} the way {@code tar cJf} does, so archive readers meet the real format. */
public final class TarXz {
    private TarXz() {}

    /**
     * Writes every file under {@code folder} into {@code archive}, named {@code prefix + relative path} (prefix
     * {@code "name/"} gives one top-level folder, as in the shipped datasets; {@code ""} gives none), with a
     * directory entry for every folder, as GNU tar writes them.
     */
    public static Path pack(Path folder, Path archive, String prefix) throws IOException {
        List<Path> paths;
        try (Stream<Path> walk = Files.walk(folder)) {
            paths = walk.sorted().toList();
        }
        try (OutputStream raw = Files.newOutputStream(archive);
             TarArchiveOutputStream tar = new TarArchiveOutputStream(new XZCompressorOutputStream(raw))) {
            tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
            for (Path p : paths) {
                String rel = folder.relativize(p).toString().replace('\\', '/');
                if (Files.isDirectory(p)) {
                    String name = prefix + rel;
                    if (!name.isEmpty()) {
                        tar.putArchiveEntry(new TarArchiveEntry(name.endsWith("/") ? name : name + "/"));
                        tar.closeArchiveEntry();
                    }
                } else {
                    TarArchiveEntry e = new TarArchiveEntry(prefix + rel);
                    e.setSize(Files.size(p));
                    tar.putArchiveEntry(e);
                    Files.copy(p, tar);
                    tar.closeArchiveEntry();
                }
            }
            tar.finish();
        }
        return archive;
    }
}
