package a2.figures;

import a2.data.Dataset;
import a2.data.Split;
import a2.io.AtomicFiles;
import a2.io.InvalidInputException;
import a2.model.ModelCard;
import a2.model.ModelFile;
import a2.predict.Prediction;
import a2.recipe.Recipe;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;

/**
 * The figures of one model, whatever run it came from (a rehearsal, a candidate not in {@code checkpoints/final/}):
 * its first-layer filters ({@value #FILTERS}) and a t-SNE of its global-average-pool features of validation images
 * ({@value #TSNE}), with a short text summary ({@value #SUMMARY}). The validation images are those the model's
 * recipe held out, checked against the split fingerprint on its card, so the map shows images it never trained on.
 * The writeup's figures are {@link Figures}'; this writes into a folder of its own and nothing else.
 */
public final class ModelFigures {
    public static final String FILTERS = "filters.png", TSNE = "tsne-gap.png", SUMMARY = "figures.txt";
    static final int TSNE_WIDTH = 640, TSNE_HEIGHT = 520;

    private ModelFigures() {}

    /**
     * @param tsnePoints validation images in the map (all of them if the split holds fewer)
     * @param knnK       neighbours of the k-NN score printed under the map
     */
    public record Settings(int tsnePoints, int knnK, TsnePlot.Settings tsne) {
        public Settings {
            if (tsnePoints < 10 || knnK < 1) {
                throw new IllegalArgumentException("tsnePoints >= 10 and knnK >= 1 required");
            }
        }

        /** The writeup's: 1,000 points, 10 neighbours, the reference t-SNE settings. */
        public static Settings standard(long seed) {
            return new Settings(1000, Knn.DEFAULT_K, TsnePlot.Settings.standard(seed));
        }
    }

    /** What was written, and the two k-NN scores (on the map and on the features) of the embedded images. */
    public record Report(List<Path> written, int points, double knnMap, double knnFeatures) {}

    public static Report generate(ModelFile.Loaded model, Dataset data, Path outDir, Settings settings, PrintStream log) {
        ModelCard card = model.card();
        Prediction.checkCompatible(model, data);
        Recipe recipe = card.recipe();
        Split split = Split.stratified(data.trainLabels(), data.numClasses(), recipe.data().validationPerClass(),
                recipe.data().splitSeed());
        if (!card.splitFingerprint().equals(split.fingerprint())) {
            throw new InvalidInputException("the model held out the validation split " + card.splitFingerprint()
                    + ", but its recipe's split of this data is " + split.fingerprint() + ": other training images");
        }
        MultiLayerNetwork net = model.network();
        Path filters = outDir.resolve(FILTERS), tsne = outDir.resolve(TSNE), summary = outDir.resolve(SUMMARY);
        Png.write(filters, FilterGrid.DEFAULT.render(net));

        long seed = recipe.seed();
        int[] idx = Sampling.subset(split.validation(), settings.tsnePoints(), a2.train.Seeds.derive(seed, a2.train.RandomStream.MODEL_FIGURE_SUBSET));
        int[] labels = Arrays.stream(idx).map(i -> data.trainLabels()[i]).toArray();
        Features.Probe gap = Features.defaultProbes(net).stream().filter(p -> p.layer().equals(Features.GAP)).findFirst()
                .orElseThrow();
        log.println("figures: features of " + idx.length + " validation images");
        double[][] x = Features.extract(net, card.preprocessing(), data.train(), idx, List.of(gap)).get(gap.layer());
        // TsnePlot caps the PCA at n - 1 components, so a small validation split (a rehearsal) needs nothing here.
        TsnePlot.Settings s = settings.tsne();
        TsnePlot.Settings ts = new TsnePlot.Settings(s.perplexity(), s.iterations(), s.theta(), s.pcaDims(),
                a2.train.Seeds.derive(seed, a2.train.RandomStream.MODEL_FIGURE_TSNE));
        log.println("figures: t-SNE of " + gap.layer() + " (" + x.length + " x " + x[0].length + ")");
        double[][] xy = TsnePlot.embed(x, ts);
        double knnFeatures = Knn.leaveOneOutAccuracy(x, labels, settings.knnK());
        double knnMap = Knn.leaveOneOutAccuracy(xy, labels, settings.knnK());
        String subtitle = String.format(Locale.ROOT, "%d validation images; %d-NN accuracy %.1f%% in the map, %.1f%% on the "
                + "%d-d features", idx.length, settings.knnK(), 100 * knnMap, 100 * knnFeatures, x[0].length);
        Png.write(tsne, TsnePlot.render(xy, labels, data.classNames(), recipe.name() + ": " + gap.caption(), subtitle,
                TSNE_WIDTH, TSNE_HEIGHT));
        AtomicFiles.writeString(summary, String.format(Locale.ROOT,
                "model %s v%d (dataset %s, epoch %d, validation accuracy %.4f)%n%s: first-layer filters%n%s: t-SNE of %s"
                        + " (perplexity %s, %d iterations, seed %d); %s%n",
                recipe.name(), recipe.version(), card.dataset(), card.epoch(), card.validationAccuracy(), FILTERS, TSNE,
                gap.caption(), ts.perplexityFor(idx.length), ts.iterations(), ts.seed(), subtitle));
        return new Report(List.of(filters, tsne, summary), idx.length, knnMap, knnFeatures);
    }
}
