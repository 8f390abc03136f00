package a2.figures;

import a2.recipe.Recipe;
import a2.recipe.SemiSupervised;
import a2.recipe.Teacher;
import java.util.List;

/** Small recipes and networks for figure tests. */
final class Fixtures {
    private Fixtures() {}

    static Recipe recipe(String name, List<Integer> widths, int convsPerStage, boolean semi, int epochs, int steps, int batch) {
        return new Recipe(name, semi ? 2 : 1, "test", new Recipe.Data("synthetic", 16, 6, 2016),
                new Recipe.Augment(true, 2, 0.1, 10, 0.2, 6),
                new Recipe.Model(widths, convsPerStage, 0.3),
                new Recipe.Optimizer(0.05, 0.9, 5e-4, batch, 0),
                semi ? SemiSupervised.fixMatch(1, 0.2, 8, new Recipe.Augment(true, 4, 0.2, 30, 0.5, 8))
                        : SemiSupervised.none(),
                new Recipe.Budget(epochs, steps), 1008);
    }

    /** The same recipe as version 1 with self-training instead: an earlier version kept for the record. */
    static Recipe selfTrainingV1(Recipe r) {
        return new Recipe(r.name(), 1, r.description(), r.data(), r.augment(), r.model(), r.optimizer(),
                SemiSupervised.selfTraining(1, 1, 0.2, 0.5), r.budget(), r.seed());
    }

    /** Noisy Student on top of {@code r}'s settings, taught by the final model of {@code teacher} with that hash. */
    static Recipe noisyStudent(Recipe r, String name, String teacher, String sha256) {
        return new Recipe(name, 1, "test", r.data(), r.augment(), r.model(), r.optimizer(),
                SemiSupervised.noisyStudent(0, 4, r.semi().strongAugment(), Teacher.single(teacher, sha256, 4)),
                r.budget(), r.seed());
    }

    /** Distillation on top of {@code r}'s settings: soft labels from the mean of {@code teachers}, the network fused. */
    static Recipe distilled(Recipe r, String name, List<Teacher.Member> teachers) {
        return new Recipe(name, 1, "test", r.data(), r.augment(), r.model().fused(), r.optimizer(),
                SemiSupervised.noisyStudent(0, 4, r.semi().strongAugment(), new Teacher(teachers, 1000, true)),
                r.budget(), r.seed());
    }

    /** The same recipe under another name and seed: a second run of it. */
    static Recipe reseeded(Recipe r, String name, long seed) {
        return new Recipe(name, r.version(), r.description(), r.data(), r.augment(), r.model(), r.optimizer(), r.semi(),
                r.budget(), seed);
    }
}
