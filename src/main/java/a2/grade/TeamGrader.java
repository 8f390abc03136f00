package a2.grade;

import a2.backend.Backend;
import a2.data.DataLocator;
import a2.data.Dataset;
import a2.fetch.Downloader;
import a2.fetch.Expected;
import a2.fetch.Source;
import a2.io.Hashes;
import a2.io.IntegrityException;
import a2.io.InvalidInputException;
import a2.io.Progress;
import a2.model.ModelCard;
import a2.model.ModelFile;
import a2.predict.ModelPin;
import a2.predict.Prediction;
import a2.verify.Comparison;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.regex.Pattern;

/**
 * The part of grading that runs inside a team's child JVM: fetch and check the model, check it was trained for
 * the graded data, regenerate the predictions on one thread with the code {@code predict} uses, and compare them
 * with the (already validated) submission by {@code verify}'s rule.
 */
public final class TeamGrader {
    /** What {@link Expected#verify} says when the bytes arrived but are other bytes than pinned. */
    private static final Pattern HASH_MISMATCH = Pattern.compile("expected [0-9a-f]{64}, actual [0-9a-f]{64}");
    /** How long a child waits for a sibling downloading the same model before trying again. */
    private static final Duration SIBLING_WAIT = Duration.ofSeconds(1);

    /**
     * @param submission the normalized submission (BOM and CRLF removed), already valid
     * @param data       the graded dataset, as the grader located (and decoded) it
     * @param outDir     the team's folder: {@code regenerated/} goes there
     */
    public record Job(String team, String model, String sha256, Path submission, DataLocator.Found data,
                      Path cache, Path outDir, int rows, Duration stall) {}

    private TeamGrader() {}

    public static TeamResult grade(Job job) {
        Path file;
        try {
            file = resolve(job);
        } catch (IntegrityException e) {
            Status s = HASH_MISMATCH.matcher(e.getMessage()).find() ? Status.CHECKSUM_MISMATCH : Status.MODEL_UNAVAILABLE;
            return TeamResult.of(job.team(), s, e.getMessage());
        } catch (InvalidInputException | UncheckedIOException e) {
            return TeamResult.of(job.team(), Status.MODEL_UNAVAILABLE, e.getMessage());
        }
        ModelCard card;
        try {
            card = ModelFile.readCard(file);
        } catch (RuntimeException e) {
            return TeamResult.of(job.team(), Status.MODEL_UNAVAILABLE, "not a model file: " + e.getMessage());
        }
        TeamResult.Model model = new TeamResult.Model(job.sha256(), card.dataset(),
                card.recipe() == null ? "" : card.recipe().name(), card.epoch(), card.validationAccuracy(),
                card.provenance().getOrDefault("git.commit", ""));
        DataLocator locator = new DataLocator(Path.of(""), Optional.empty(), Optional.of(job.cache().toString()));
        Dataset ds = locator.open(job.data());
        if (!card.dataset().equals(ds.name()) || !card.classNames().equals(ds.classNames())) {
            return new TeamResult("", job.team(), Status.WRONG_DATASET, "the model was trained for '" + card.dataset()
                    + "' with classes " + card.classNames() + "; the graded data is '" + ds.name() + "' with classes "
                    + ds.classNames(), model, null);
        }
        Backend.start(1);
        ModelFile.Loaded loaded = ModelFile.load(file, false);
        Prediction pred = Prediction.run(loaded, ds, images -> { });
        Path regenerated = job.outDir().resolve("regenerated").resolve("predictions.csv");
        Path scores = pred.write(regenerated, Map.of("model.sha256", job.sha256(), "model.location", job.model(),
                "dataset", ds.name())).scores();
        Comparison.Result cmp = Comparison.compare(job.submission(), regenerated, Optional.of(scores),
                OptionalInt.of(job.rows()), ds.numClasses());
        return new TeamResult("", job.team(), status(cmp), cmp.verdict().replaceFirst(";.*", ""), model,
                comparison(cmp));
    }

    /** NEAR_TIES_ONLY is verify's own rule: every differing row is a near-tie of the regenerated scores. */
    static Status status(Comparison.Result cmp) {
        if (cmp.match()) {
            return Status.MATCH;
        }
        return cmp.scored() && cmp.notNearTies() == 0 ? Status.NEAR_TIES_ONLY : Status.DIFFER;
    }

    private static TeamResult.Comparison comparison(Comparison.Result cmp) {
        List<TeamResult.Difference> rows = new ArrayList<>();
        for (Comparison.Difference d : cmp.listed()) {
            rows.add(new TeamResult.Difference(d.id(), d.submissionLabel(), d.regeneratedLabel(),
                    d.margin().orElse(Double.NaN), d.kind() == Comparison.Kind.NEAR_TIE));
        }
        return new TeamResult.Comparison(cmp.rows(), cmp.differing(), cmp.nearTies(), cmp.regenerated().sha256(),
                cmp.submission().sha256(), rows, cmp.pairs());
    }

    /** A local model is hashed in place; a URL lands in the cache under its hash, atomically (the Downloader's rule). */
    private static Path resolve(Job job) {
        if (!ModelPin.isUrl(job.model())) {
            Path p = Path.of(job.model());
            if (!Files.isRegularFile(p)) {
                throw new InvalidInputException("model file " + p + " does not exist");
            }
            String actual = Hashes.sha256(p);
            Expected.sha256(job.sha256()).verify(p.toString(), Files.isRegularFile(p) ? size(p) : 0, actual);
            return p;
        }
        URI uri = Source.parseUrl(job.model());
        Path target = job.cache().resolve("models").resolve(job.sha256() + ".a2model");
        Downloader downloader = new Downloader(Downloader.defaultClient(), job.stall());
        Source source = new Source(uri, Expected.sha256(job.sha256()), "the team must host the model where the roster says");
        while (true) {
            try {
                return downloader.fetch(source, target, Progress.none());
            } catch (IntegrityException e) {
                if (!e.getMessage().contains("another download is writing")) {
                    throw e;
                }
                sleep(SIBLING_WAIT);
            }
        }
    }

    private static long size(Path p) {
        try {
            return Files.size(p);
        } catch (java.io.IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void sleep(Duration d) {
        try {
            Thread.sleep(d.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for a sibling download", e);
        }
    }
}
