package a2.data;

import static a2.data.ImageFolderSourceTest.assertMentions;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import a2.data.stl10.Stl10Writer;
import a2.io.InvalidInputException;
import a2.testing.ImageFolderFixture;
import a2.testing.TarXz;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Where data is found: {@code --data}, then {@code A2_DATA}, then {@code ../shared/datasets} beside the project,
 * then the cache. The project folder is a temporary one whose sibling {@code shared/datasets} the tests fill.
 */
class DataLocatorTest {
    static final String NAME = "cifar10-a2";

    @TempDir
    Path tmp;
    Path project, shared, cache;

    @BeforeEach
    void layout() throws Exception {
        project = Files.createDirectories(tmp.resolve("work/project"));
        shared = tmp.resolve("work/shared/datasets");
        cache = tmp.resolve("cache");
    }

    DataLocator locator(Optional<Path> env) {
        return new DataLocator(project, env.map(Path::toString), Optional.of(cache.toString()));
    }

    /** A real (tiny) {@code <name>.tar.xz} in {@code dir}. */
    Path archiveIn(Path dir, String name, long seed) throws Exception {
        Path folder = ImageFolderFixture.write(tmp.resolve("src-" + seed).resolve(name), 2, 1, 2, 8, seed);
        return TarXz.pack(folder, Files.createDirectories(dir).resolve(name + ".tar.xz"), name + "/");
    }

    @Test
    void findsTheSharedMirrorBesideTheProjectAndOpensItThroughTheCache() throws Exception {
        Path archive = archiveIn(shared, NAME, 1);
        DataLocator loc = locator(Optional.empty());

        DataLocator.Found found = loc.locate(Optional.empty(), NAME);

        assertEquals(archive.toAbsolutePath().normalize(), found.path().toAbsolutePath().normalize());
        assertFalse(found.stl10());
        Dataset ds = loc.open(found);
        assertEquals(NAME, ds.name());
        assertEquals(6, ds.train().count());
        assertTrue(Files.isDirectory(cache.resolve("decoded")), "decoded into the given cache, not the project");
        assertFalse(Files.exists(project.resolve("cache")));
    }

    @Test
    void anExplicitPathWinsOverTheEnvironmentAndTheMirror() throws Exception {
        archiveIn(shared, NAME, 1);
        Path envDir = tmp.resolve("env");
        archiveIn(envDir, NAME, 2);
        Path mine = ImageFolderFixture.write(tmp.resolve("mine"), 2, 1, 2, 8, 3);

        DataLocator.Found found = locator(Optional.of(envDir)).locate(Optional.of(mine), NAME);

        assertEquals(mine, found.path());
        assertFalse(found.stl10());
    }

    @Test
    void theEnvironmentWinsOverTheMirror() throws Exception {
        archiveIn(shared, NAME, 1);
        Path envDir = tmp.resolve("env");
        Path envArchive = archiveIn(envDir, NAME, 2);
        assertEquals(envArchive, locator(Optional.of(envDir)).locate(Optional.empty(), NAME).path());
    }

    @Test
    void anExplicitFolderHoldingTheArchiveIsSearched() throws Exception {
        Path holder = tmp.resolve("datasets");
        Path archive = archiveIn(holder, NAME, 1);
        archiveIn(holder, "other", 2);
        assertEquals(archive, locator(Optional.empty()).locate(Optional.of(holder), NAME).path());
        assertEquals(holder.resolve("other.tar.xz"), locator(Optional.empty()).locate(Optional.of(holder), "other").path());
    }

    @Test
    void anExplicitPathThatDoesNotExistIsRefused() {
        Path missing = tmp.resolve("nope");
        var e = assertThrows(InvalidInputException.class, () -> locator(Optional.empty()).locate(Optional.of(missing), NAME));
        assertMentions(e, missing.toString(), "does not exist");
    }

    @Test
    void nothingFoundListsEveryPlaceSearched() throws Exception {
        Path envDir = Files.createDirectories(tmp.resolve("env"));
        Files.createDirectories(shared);

        var e = assertThrows(InvalidInputException.class, () -> locator(Optional.of(envDir)).locate(Optional.empty(), NAME));

        for (Path root : new Path[] {envDir, shared, cache}) {
            Path r = root.toAbsolutePath().normalize();
            assertMentions(e, r.resolve(NAME + ".tar.xz").toString(), r.resolve(NAME).toString());
        }
        assertMentions(e, "'" + NAME + "'", "--data", DataLocator.DATA_ENV);
    }

    @Test
    void anStl10FolderIsDetectedAsStl10() throws Exception {
        Path holder = tmp.resolve("downloads");
        Path stl = Stl10Writer.writeSynthetic(holder.resolve("stl10_binary"), 20, 10, 5, 1);

        // As --data, the folder itself or the folder that holds stl10_binary/.
        DataLocator loc = locator(Optional.empty());
        assertEquals(new DataLocator.Found(stl, true), loc.locate(Optional.of(stl), DataLocator.STL10));
        assertEquals(new DataLocator.Found(stl, true), loc.locate(Optional.of(holder), DataLocator.STL10));
        // An explicit STL-10 folder is STL-10 whatever name was asked for.
        assertTrue(loc.locate(Optional.of(stl), NAME).stl10());

        // From the mirror, and opened in place (nothing decoded into the cache).
        Path mirrored = Stl10Writer.writeSynthetic(shared.resolve("stl10_binary"), 20, 10, 5, 1);
        DataLocator.Found found = loc.locate(Optional.empty(), DataLocator.STL10);
        assertEquals(mirrored.toAbsolutePath().normalize(), found.path().toAbsolutePath().normalize());
        assertTrue(found.stl10());
        Dataset ds = loc.open(found);
        assertEquals("stl10", ds.name());
        assertEquals(96, ds.height());
        assertEquals(20, ds.train().count());
        assertFalse(Files.exists(cache.resolve("decoded")));
    }

    @Test
    void anImageFolderIsNotMistakenForStl10WhenStl10IsAskedFromTheMirror() throws Exception {
        archiveIn(shared, NAME, 1);
        var e = assertThrows(InvalidInputException.class, () -> locator(Optional.empty()).locate(Optional.empty(), DataLocator.STL10));
        assertMentions(e, shared.resolve("stl10_binary").toAbsolutePath().normalize().toString());
    }
}
