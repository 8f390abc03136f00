package a2.predict;

import a2.data.Dataset;
import a2.io.AtomicFiles;
import a2.model.Inference;
import a2.model.ModelFile;
import a2.verify.PredictionsFile;
import a2.verify.ScoresFile;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
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
        float[][] probs = Inference.probabilities(model.network(), model.card().preprocessing(), data.test(),
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

    /** Writes the predictions, the scores beside them and the provenance; returns the scores path. */
    public Path write(Path predictions, Map<String, String> provenance) {
        PredictionsFile.write(predictions, ids, top1);
        Path scores = scoresPathFor(predictions);
        ScoresFile.write(scores, ids, top1, p1, top2, p2);
        Map<String, String> p = new TreeMap<>(provenance);
        p.put("predictions.sha256", a2.io.Hashes.sha256(predictions));
        p.put("rows", String.valueOf(ids.length));
        try {
            AtomicFiles.writeBytes(provenancePathFor(predictions), ModelFile.JSON.writeValueAsBytes(p));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return scores;
    }

    public static Path scoresPathFor(Path predictions) {
        return sibling(predictions, "scores.csv");
    }

    public static Path provenancePathFor(Path predictions) {
        return sibling(predictions, "predictions.provenance.json");
    }

    private static Path sibling(Path file, String name) {
        Path parent = file.toAbsolutePath().getParent();
        return parent.resolve(name);
    }
}
