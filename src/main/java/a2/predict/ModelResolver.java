package a2.predict;

import a2.fetch.Downloader;
import a2.fetch.Expected;
import a2.fetch.Source;
import a2.io.Hashes;
import a2.io.IntegrityException;
import a2.io.InvalidInputException;
import a2.io.Progress;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Turns the pin (or a {@code --model} override) into a verified local model file. A committed model is checked
 * in place; a URL is downloaded into the model cache (resumable, hashed while streaming) and moved into place only
 * when its SHA-256 is the pinned one. Nothing loads a model whose hash was not checked first.
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

    /** @param location the pin's location or a {@code --model} value (path or URL); verified against {@code pin} */
    public Path resolve(String location, ModelPin pin, Progress progress) {
        if (ModelPin.isUrl(location)) {
            Path target = cacheDir.resolve(pin.sha256() + ".a2model");
            URI uri = Source.parseUrl(location);
            return downloader.fetch(new Source(uri, Expected.sha256(pin.sha256()).withSize(pin.size()),
                    "copy the model file here and pass --model PATH, or use the committed pin"), target, progress);
        }
        Path p = Path.of(location);
        Path file = p.isAbsolute() ? p : projectDir.resolve(p);
        if (!Files.isRegularFile(file)) {
            throw new InvalidInputException("model file " + file + " does not exist");
        }
        String actual = Hashes.sha256(file);
        if (!actual.equals(pin.sha256())) {
            throw new IntegrityException("model " + file + " does not match its pin: expected sha256 " + pin.sha256()
                    + ", actual " + actual);
        }
        return file;
    }
}
