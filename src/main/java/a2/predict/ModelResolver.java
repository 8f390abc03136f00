package a2.predict;

import a2.fetch.Downloader;
import a2.fetch.Expected;
import a2.fetch.Source;
import a2.io.Hashes;
import a2.io.IntegrityException;
import a2.io.InputFiles;
import a2.io.Progress;
import a2.model.ModelFile;
import java.net.URI;
import java.nio.file.Path;

/**
 * Turns the pin (or a {@code --model} override) into a verified local model file. A committed model is checked
 * in place; a URL is downloaded into the model cache (resumable, hashed while streaming) and moved into place only
 * when its SHA-256 is the pinned one. Nothing loads a model whose hash was not checked first, nor one whose pinned
 * size, dataset or class count differ from the file's ({@link ModelPin#check}).
 */
public final class ModelResolver {
    private final Path projectDir;
    private final Path cacheDir;
    private final Downloader downloader;

    public ModelResolver(Path projectDir, Path cacheDir, Downloader downloader) {
        this.projectDir = projectDir;
        this.cacheDir = cacheDir;
        this.downloader = downloader;
    }

    /**
     * A verified model file and what was actually read to get it.
     *
     * @param origin for the provenance: the location itself, or, when a URL was not read because the model cache
     *               already held the pinned bytes, that cached copy (the location is then named but never read)
     */
    public record Resolved(Path file, String origin) {}

    /** @param location the pin's location or a {@code --model} value (path or URL); verified against {@code pin} */
    public Path resolve(String location, ModelPin pin, Progress progress) {
        return resolveWithOrigin(location, pin, progress).file();
    }

    /** As {@link #resolve}, saying where the bytes came from (a URL, or the cached copy of it). */
    public Resolved resolveWithOrigin(String location, ModelPin pin, Progress progress) {
        if (ModelPin.isUrl(location)) {
            Path target = cacheDir.resolve(pin.sha256() + ".a2model");
            URI uri = Source.parseUrl(location);
            Downloader.Fetched f = downloader.fetchReporting(new Source(uri, Expected.sha256(pin.sha256())
                    .withSize(pin.size()), "copy the model file here and pass --model PATH, or use the committed pin"),
                    target, progress);
            pin.check(f.file(), ModelFile.readCard(f.file()));
            return new Resolved(f.file(), f.alreadyThere()
                    ? "cached copy " + f.file().toAbsolutePath() + " (sha256 matches; " + location + " was not read)"
                    : location);
        }
        Path p = Path.of(location);
        Path file = p.isAbsolute() ? p : projectDir.resolve(p);
        InputFiles.requireFile(file, "a model file (.a2model)");
        String actual = Hashes.sha256(file);
        if (!actual.equals(pin.sha256())) {
            throw new IntegrityException("model " + file + " does not match its pin: expected sha256 " + pin.sha256()
                    + ", actual " + actual);
        }
        pin.check(file, ModelFile.readCard(file));
        return new Resolved(file, location);
    }
}
