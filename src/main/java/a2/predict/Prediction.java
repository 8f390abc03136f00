package a2.predict;

import a2.backend.BackendInfo;
import a2.data.Dataset;
import a2.io.AtomicFiles;
import a2.io.Hashes;
import a2.io.Progress;
import a2.model.Inference;
import a2.model.ModelFile;
import a2.train.Provenance;
import a2.verify.PredictionsFile;
import a2.verify.ScoresFile;
import a2.verify.Trio;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Predicts every test image of a dataset with a model, in Id order, and writes the three files of a prediction:
 * {@code predictions.csv} (the submission format), {@code scores.csv} beside it (top-2 classes and probabilities,
 * so a verifier can tell a near-tie from a different model) and {@code predictions.provenance.json}.
 *
 * @param top1 1-based labels
 */
public record Prediction(int[] ids, int[] top1, float[] p1, int[] top2, float[] p2) {

    /** Refuses a model trained for another dataset, class count or class list than the data it is given, naming both. */
    public static void checkCompatible(ModelFile.Loaded model, Dataset data) {
        var card = model.card();
        if (!card.dataset().equals(data.name()) || card.numClasses() != data.numClasses()) {
            throw new a2.io.InvalidInputException("the model was trained for dataset '" + card.dataset() + "' with "
                    + card.numClasses() + " classes, but the data is '" + data.name() + "' with " + data.numClasses()
                    + " classes");
        }
        if (!card.classNames().equals(data.classNames())) {
            // Same name and count is not enough: label k must mean the same class in the model and in the data.
            throw new a2.io.InvalidInputException("the model's classes " + card.classNames() + " are not the data's "
                    + data.classNames() + " (same names in the same order): its labels would mean other classes");
        }
        if (card.preprocessing().inputSize() <= 0) {
            throw new a2.io.InvalidInputException("the model file has no input size");
        }
    }

    public static Prediction run(ModelFile.Loaded model, Dataset data, Inference.Listener listener) {
        checkCompatible(model, data);
        float[][] probs = Inference.probabilities(model, data.test(),
                Inference.all(data.test().count()), listener);
        int n = probs.length;
        int[] t1 = new int[n], t2 = new int[n];
        float[] q1 = new float[n], q2 = new float[n];
        for (int i = 0; i < n; i++) {
            int a = Inference.argmax(probs[i]);
            int b = -1;
            for (int k = 0; k < probs[i].length; k++) {
                if (k != a && (b < 0 || probs[i][k] > probs[i][b])) {
                    b = k;
                }
            }
            t1[i] = a + 1;
            q1[i] = probs[i][a];
            t2[i] = b + 1;
            q2[i] = probs[i][b];
        }
        return new Prediction(data.testIds().clone(), t1, q1, t2, q2);
    }

    /** What {@link #write} put on disk. */
    public record Written(Path predictions, String predictionsSha256, Path scores, Path provenance) {}

    /**
     * Writes the predictions, the scores beside them and the provenance (which records both files' SHA-256) as one
     * unit ({@link AtomicFiles#writeAll}): a failure while writing (a full disk) leaves the previous three as they
     * were, and {@code verify} recognises a mix of old and new files by the hashes.
     */
    public Written write(Path predictions, Map<String, String> provenance) {
        byte[] csv = PredictionsFile.bytes(ids, top1, PredictionsFile.DEFAULT_CLASSES);
        byte[] scores = ScoresFile.bytes(ids, top1, p1, top2, p2);
        Map<String, String> p = new TreeMap<>(provenance);
        p.put(Trio.PREDICTIONS_SHA256, Hashes.sha256(csv));
        p.put(Trio.SCORES_SHA256, Hashes.sha256(scores));
        p.put("rows", String.valueOf(ids.length));
        byte[] json;
        try {
            json = ModelFile.JSON.writeValueAsBytes(p);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        List<Path> files = Trio.of(predictions);
        AtomicFiles.writeAll(List.of(new AtomicFiles.Target(files.get(0), out -> out.write(csv)),
                new AtomicFiles.Target(files.get(1), out -> out.write(scores)),
                new AtomicFiles.Target(files.get(2), out -> out.write(json))));
        return new Written(predictions, p.get(Trio.PREDICTIONS_SHA256), files.get(1), files.get(2));
    }

    /** {@link #run} with a progress report in test images. */
    public static Prediction run(ModelFile.Loaded model, Dataset data, Progress progress) {
        try (progress) {
            progress.start("predict", data.test().count());
            return run(model, data, progress::advance);
        }
    }

    /** What the provenance beside a prediction records, besides the files' own hashes. */
    public static Map<String, String> provenance(BackendInfo backend, Dataset ds, String modelSha256, String modelLocation) {
        Map<String, String> p = new TreeMap<>(Provenance.collect(Path.of(""), backend, ds.checksums()));
        p.put("model.sha256", modelSha256);
        p.put("model.location", modelLocation);
        p.put("dataset", ds.name());
        return p;
    }

    /** The three files a prediction to {@code predictions} writes: predictions, scores, provenance. */
    public static List<Path> trio(Path predictions) {
        return Trio.of(predictions);
    }

    public static Path scoresPathFor(Path predictions) {
        return Trio.scoresFor(predictions);
    }

    public static Path provenancePathFor(Path predictions) {
        return Trio.provenanceFor(predictions);
    }
}
