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
 */
public record ModelCard(int format, Recipe recipe, String dataset, List<String> classNames, Preprocessing preprocessing,
                        String splitFingerprint, int epoch, double validationAccuracy, Map<String, String> provenance) {
    public static final int FORMAT = 1;

    public ModelCard {
        classNames = List.copyOf(classNames);
        provenance = Map.copyOf(provenance);
    }

    public int numClasses() {
        return classNames.size();
    }
}
