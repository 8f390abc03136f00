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
    /** airbench's network as the airbench teacher recipe builds it ({@code a2.model.AirbenchNetwork}): 32x32, batch 256. */
    AIRBENCH("cifar10-a2-airbench-teacher");

    private final String recipeName;

    Net(String recipeName) {
        this.recipeName = recipeName;
    }

    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    public String recipeName() {
        return recipeName;
    }

    public Recipe recipe() {
        return Recipe.load(recipeName);
    }

    public static Net parse(String s) {
        for (Net n : values()) {
            if (n.id().equalsIgnoreCase(s)) {
                return n;
            }
        }
        throw new IllegalArgumentException("net must be 'vgg' or 'airbench', got '" + s + "'");
    }
}
