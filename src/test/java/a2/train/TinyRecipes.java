package a2.train;

import a2.recipe.Recipe;
import java.util.List;

/** Recipes small enough to train in seconds, that still pass through every code path. */
public final class TinyRecipes {
    private TinyRecipes() {}

    public static Recipe semi(String dataset, long seed, int epochs) {
        return new Recipe("tiny-semi", 1, "test", new Recipe.Data(dataset, 8, 2, 7),
                new Recipe.Augment(true, 1, 0.1, 10, 0.2, 3), new Recipe.Model(List.of(4, 8), 1, 0.3),
                new Recipe.Optimizer(0.05, 0.9, 5e-4, 8, 1), new Recipe.SemiSupervised("self-training", 1, 1, 0.34, 0.5),
                new Recipe.Budget(epochs, 3), seed);
    }
}
