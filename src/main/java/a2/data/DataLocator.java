package a2.data;

import a2.io.InvalidInputException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Where data is looked for, the same way for every command: {@code --data PATH} (a dataset folder, an archive,
 * an STL-10 folder, or a folder that holds datasets), else the environment variable {@value #DATA_ENV}, else the
 * team's mirror {@code ../shared/datasets/} beside the project, else the cache. Nothing found: exit 2 with every
 * place searched.
 */
public final class DataLocator {
    public static final String DATA_ENV = "A2_DATA";
    public static final String CACHE_ENV = "A2_CACHE";
    public static final String STL10 = "stl10";

    private final Path projectDir;
    private final Optional<String> envData;
    private final Path cacheRoot;

    public DataLocator(Path projectDir, Optional<String> envData, Optional<String> envCache) {
        this.projectDir = projectDir.toAbsolutePath().normalize();
        this.envData = envData.filter(s -> !s.isBlank());
        this.cacheRoot = envCache.filter(s -> !s.isBlank()).map(Path::of).orElse(this.projectDir.resolve("cache"));
    }

    /** The locator for this process: the working directory is the project, env vars as set. */
    public static DataLocator fromEnvironment() {
        return new DataLocator(Path.of(""), Optional.ofNullable(System.getenv(DATA_ENV)),
                Optional.ofNullable(System.getenv(CACHE_ENV)));
    }

    public Path cacheRoot() {
        return cacheRoot;
    }

    /** The same lookup with another cache folder (a command's {@code --cache}). */
    public DataLocator withCache(Path cache) {
        return new DataLocator(projectDir, envData, Optional.of(cache.toString()));
    }

    /** Where datasets are looked for without {@code --data}, before the cache: {@code $A2_DATA}, then the mirror. */
    public List<Path> mirrorRoots() {
        List<Path> roots = new ArrayList<>();
        envData.ifPresent(s -> roots.add(Path.of(s)));
        roots.add(projectDir.resolveSibling("shared").resolve("datasets"));
        return roots;
    }

    /** A found dataset source: an STL-10 binary folder, or an A2 image folder or archive. */
    public record Found(Path path, boolean stl10) {}

    /**
     * Finds the dataset named {@code name} ({@code stl10}, {@code cifar10-a2}, …); with an explicit path that is
     * itself a dataset, that path wins whatever its name.
     */
    public Found locate(Optional<Path> explicit, String name) {
        List<String> searched = new ArrayList<>();
        List<Path> roots = new ArrayList<>();
        explicit.ifPresent(p -> {
            if (!Files.exists(p)) {
                throw new InvalidInputException("--data " + p + " does not exist");
            }
            a2.io.InputFiles.requireFileOrFolder(p, "a dataset (a folder, or its .tar.xz archive)");
            roots.add(p);
        });
        if (explicit.isEmpty()) {
            roots.addAll(mirrorRoots());
            roots.add(cacheRoot);
        }
        for (Path root : roots) {
            Optional<Found> f = probe(root, name, explicit.isPresent(), searched);
            if (f.isPresent()) {
                return f.get();
            }
        }
        throw new InvalidInputException("no '" + name + "' dataset found; searched:\n  " + String.join("\n  ", searched)
                + "\npass --data PATH (a folder or .tar.xz), set " + DATA_ENV + ", or run `download` for STL-10");
    }

    private static Optional<Found> probe(Path root, String name, boolean explicit, List<String> searched) {
        boolean stl = name.equals(STL10);
        List<Path> candidates = new ArrayList<>();
        if (explicit) {
            candidates.add(root);
        }
        candidates.addAll(stl ? List.of(root.resolve("stl10_binary"), root)
                : List.of(root.resolve(name + ".tar.xz"), root.resolve(name)));
        for (Path c : candidates) {
            searched.add(c.toAbsolutePath().normalize().toString());
            if (isStl10(c)) {
                return Optional.of(new Found(c, true));
            }
            if ((explicit || !stl) && isImageFolderDataset(c)) {
                return Optional.of(new Found(c, false));
            }
        }
        return Optional.empty();
    }

    static boolean isStl10(Path p) {
        return Files.isDirectory(p) && (Files.exists(p.resolve("train_X.bin")) || Files.exists(p.resolve("test_X.bin")));
    }

    static boolean isImageFolderDataset(Path p) {
        if (Files.isRegularFile(p)) {
            return ImageFolderSource.looksLikeArchive(p);
        }
        if (!Files.isDirectory(p)) {
            return false;
        }
        if (isImageFolderRoot(p)) {
            return true;
        }
        // One top-level folder inside, whatever its name, as ImageFolderSource accepts.
        try (var children = Files.list(p)) {
            var dirs = children.filter(Files::isDirectory).toList();
            return dirs.size() == 1 && isImageFolderRoot(dirs.get(0));
        } catch (java.io.IOException e) {
            return false;
        }
    }

    /** class_names.txt beside train/: STL-10's folder has a class_names.txt too, but no train/. */
    private static boolean isImageFolderRoot(Path p) {
        return Files.exists(p.resolve("class_names.txt")) && Files.isDirectory(p.resolve("train"));
    }

    /** Opens what {@link #locate} found: STL-10 is memory-mapped in place, image folders go through the cache. */
    public Dataset open(Found found) {
        if (found.stl10()) {
            return a2.data.stl10.Stl10Folder.load(found.path());
        }
        return DecodedCache.load(found.path(), cacheRoot.resolve("decoded"));
    }
}
