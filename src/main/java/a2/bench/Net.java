package a2.bench;

import a2.recipe.Recipe;
import java.util.Locale;

/**
 * The networks {@code bench/run --net} times, each named by the recipe that trains it, so that the benchmark builds
 * it with the same {@code a2.model.Networks.build} call as training and its twin in {@code bench/torch_block.py}
 * copies that recipe's settings.
 */
public enum Net {
    /** The VGG-style network of the supervised recipe: sizes 32 and 96, batch 64. */
    VGG("cifar10-a2-supervised"),
    /**
     * airbench's network as the airbench teacher recipe builds it ({@code a2.model.AirbenchNetwork}): 32x32, batch 256,
     * with ND4J's GELU, as its recipe trains.
     */
    AIRBENCH("cifar10-a2-airbench-teacher"),
    /** The same network with the exact GELU on oneDNN ({@code a2.model.layers.ErfGelu}, {@code model.activation = gelu}). */
    AIRBENCH_GELU("cifar10-a2-airbench-teacher");

    private final String recipeName;

    Net(String recipeName) {
        this.recipeName = recipeName;
    }

    /** The name {@code --net} takes: vgg, airbench, airbench-gelu. */
    public String id() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    public String recipeName() {
        return recipeName;
    }

    /** The recipe the network is built from (for airbench-gelu, with the exact GELU in its model). */
    public Recipe recipe() {
        Recipe r = Recipe.load(recipeName);
        return this == AIRBENCH_GELU ? r.withModel(r.model().withActivation(Recipe.Model.GELU)) : r;
    }

    /** Whether it is one of the airbench networks. */
    public boolean airbench() {
        return this != VGG;
    }

    public static Net parse(String s) {
        for (Net n : values()) {
            if (n.id().equalsIgnoreCase(s)) {
                return n;
            }
        }
        throw new IllegalArgumentException("net must be 'vgg', 'airbench' or 'airbench-gelu', got '" + s + "'");
    }
}
