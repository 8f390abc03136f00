package a2.model;

import a2.recipe.Recipe;
import java.util.List;
import java.util.Map;

/**
 * What a model file says about itself, beside the network: what it was trained for and how its inputs must be
 * prepared. {@code Result} refuses a model whose dataset or class count differ from the data it is given.
 *
 * @param dataset             dataset name ({@code cifar10-a2}, {@code stl10})
 * @param splitFingerprint    the validation split it never trained on ({@link a2.data.Split#fingerprint()})
 * @param epoch               the epoch these weights come from (1-based)
 * @param validationAccuracy  accuracy on the validation split at that epoch
 * @param provenance          git commit, data checksums, versions, backend, seed, times (see {@code a2.train.Provenance})
 * @param networkSha256       the SHA-256 of the file's network entry (format 2 on; null in format 1 cards), so the
 *                            card cannot be moved onto other weights unnoticed
 *
 * <h2>Format versions</h2>
 * A reader accepts every version in this table; {@link ModelFile#save} writes only {@link #FORMAT}.
 * <table>
 *   <caption>card formats</caption>
 *   <tr><th>format</th><th>adds</th><th>cards of earlier formats get</th></tr>
 *   <tr><td>1</td><td>the card as first committed: recipe, dataset, class names, preprocessing, split, epoch,
 *       validation accuracy, provenance</td><td>-</td></tr>
 *   <tr><td>2</td><td>{@code networkSha256}, checked against the network entry on every load</td><td>no check (a
 *       note on stderr when loaded)</td></tr>
 *   <tr><td>3</td><td>the recipe's {@code model.architecture} ({@code airbench}: a network whose frozen patch
 *       whitening is among its parameters, fitted on the images the provenance's {@code whitening.images} names) and
 *       {@code model.testViews}, the test-time views every prediction uses ({@code Inference.probabilities(Loaded,
 *       ...)}); a reader of format 2 would ignore the fields and predict otherwise, hence the bump</td><td>{@code vgg},
 *       no views (their recipes are upgraded so)</td></tr>
 * </table>
 * A later addition that changes how a model predicts bumps the format the same way: the field (in the card, or in
 * the recipe it carries), {@code FORMAT + 1}, a row here, and the value that reproduces the old behaviour for
 * earlier cards (format 3's come from {@code Recipe.upgrade}). A file of a newer format than
 * the reader's is refused by name, never half-understood.
 */
public record ModelCard(int format, Recipe recipe, String dataset, List<String> classNames, Preprocessing preprocessing,
                        String splitFingerprint, int epoch, double validationAccuracy, Map<String, String> provenance,
                        String networkSha256) {
    /** The format {@link ModelFile#save} writes. */
    public static final int FORMAT = 3;
    /** The oldest format still read: every committed model under {@code checkpoints/final/} is format 1. */
    public static final int OLDEST_FORMAT = 1;
    /** The first format whose card names its network's SHA-256. */
    public static final int BOUND_FORMAT = 2;

    public ModelCard {
        classNames = List.copyOf(classNames);
        provenance = Map.copyOf(provenance);
    }

    /** A card before it is saved: {@link ModelFile#save} binds it to the network it writes. */
    public ModelCard(int format, Recipe recipe, String dataset, List<String> classNames, Preprocessing preprocessing,
                     String splitFingerprint, int epoch, double validationAccuracy, Map<String, String> provenance) {
        this(format, recipe, dataset, classNames, preprocessing, splitFingerprint, epoch, validationAccuracy,
                provenance, null);
    }

    /** This card in the current format, bound to the network entry whose SHA-256 is {@code sha256}. */
    public ModelCard boundTo(String sha256) {
        return new ModelCard(FORMAT, recipe, dataset, classNames, preprocessing, splitFingerprint, epoch,
                validationAccuracy, provenance, sha256);
    }

    public int numClasses() {
        return classNames.size();
    }
}
