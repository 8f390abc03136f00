package a2.predict;

import a2.backend.Backend;
import a2.backend.BackendInfo;
import a2.data.DataLocator;
import a2.data.Dataset;
import a2.fetch.Downloader;
import a2.io.InvalidInputException;
import a2.io.Progress;
import a2.model.ModelFile;
import a2.verify.Comparison;
import java.nio.file.Path;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.function.Function;

/**
 * The default run, {@code result.lua}'s twin: resolve the pinned model (verified by SHA-256), predict the test
 * images of the dataset it names on one thread, write the three prediction files, and compare them with the team's
 * submission. It returns what it did as an {@link Outcome}; printing it is the caller's (so a test can run the whole
 * pipeline and assert on the record).
 */
public final class Regeneration {
    private Regeneration() {}

    /**
     * @param model  a {@code --model} override of the pin's location (path or URL), or empty
     * @param data   a {@code --data} path, or empty for the usual lookup
     * @param out    where the regenerated predictions go (scores and provenance beside them)
     */
    public record Request(Path pin, Optional<String> model, Optional<Path> data, Path out, Path submission,
                          DataLocator locator) {}

    /** What the run did, in the order it did it. */
    public record Outcome(ModelPin pin, String modelLocation, String dataset, int testImages, BackendInfo backend,
                          Prediction.Written written, Comparison.Result comparison) {
        public boolean match() {
            return comparison.match();
        }
    }

    /** @param progress a progress report for each long step (the model download in bytes, prediction in images) */
    public static Outcome run(Request r, Function<Progress.Unit, Progress> progress) {
        // Before anything is read or written: an output on the submission would replace it, then match itself.
        OutputGuard.refuseOverlap(r.out(), r.submission());
        ModelPin pin = ModelPin.read(r.pin());
        String location = r.model().orElse(pin.location());
        ModelResolver resolver = new ModelResolver(Path.of(""), r.locator().cacheRoot().resolve("models"), new Downloader());
        Path file = resolver.resolve(location, pin, progress.apply(Progress.Unit.BYTES));
        BackendInfo backend = Backend.start(1);
        ModelFile.Loaded loaded = ModelFile.load(file, false);
        if (!loaded.card().dataset().equals(pin.dataset())) {
            throw new InvalidInputException("the pin says dataset '" + pin.dataset() + "' but the model says '"
                    + loaded.card().dataset() + "'");
        }
        Dataset ds = r.locator().open(r.locator().locate(r.data(), loaded.card().dataset()));
        Prediction pred = Prediction.run(loaded, ds, progress.apply(Progress.Unit.IMAGES));
        Prediction.Written written = pred.write(r.out(), Prediction.provenance(backend, ds, pin.sha256(), location));
        Comparison.Result cmp = Comparison.compare(r.submission(), r.out(), Optional.of(written.scores()),
                OptionalInt.of(ds.test().count()), ds.numClasses());
        return new Outcome(pin, location, ds.name(), ds.test().count(), backend, written, cmp);
    }
}
