package a2.train;

import a2.recipe.Recipe;
import a2.recipe.SemiSupervised;
import a2.recipe.Teacher;
import java.util.List;

/** Recipes small enough to train in seconds, that still pass through every code path. */
public final class TinyRecipes {
    private TinyRecipes() {}

    public static Recipe semi(String dataset, long seed, int epochs) {
        return new Recipe("tiny-semi", 1, "test", new Recipe.Data(dataset, 8, 2, 7),
                new Recipe.Augment(true, 1, 0.1, 10, 0.2, 3), new Recipe.Model(List.of(4, 8), 1, 0.3),
                new Recipe.Optimizer(0.05, 0.9, 5e-4, 8, 1), SemiSupervised.selfTraining(1, 1, 0.34, 0.5),
                new Recipe.Budget(epochs, 3), seed);
    }

    /**
     * FixMatch from the second epoch, with a threshold low enough that the tiny model's labels pass it; its strong
     * view draws two RandAugment operations.
     */
    public static Recipe fixMatch(String dataset, long seed, int epochs) {
        return new Recipe("tiny-fixmatch", 1, "test", new Recipe.Data(dataset, 8, 2, 7),
                new Recipe.Augment(true, 1, 0.1, 10, 0.2, 3), new Recipe.Model(List.of(4, 8), 1, 0.3),
                new Recipe.Optimizer(0.05, 0.9, 5e-4, 8, 1),
                SemiSupervised.fixMatch(1, 0.3, 6, new Recipe.Augment(true, 2, 0.2, 30, 0.5, 4, 2)),
                new Recipe.Budget(epochs, 3), seed);
    }

    /**
     * {@link #fixMatch} with FlexMatch's per-class thresholds, up to 0.5: above the tiny model's weakest predictions
     * (three classes: a top probability is at least 1/3), so which rows pass depends on the thresholds' memory.
     */
    public static Recipe flexMatch(String dataset, long seed, int epochs) {
        Recipe f = fixMatch(dataset, seed, epochs);
        SemiSupervised s = f.semi();
        return new Recipe("tiny-flexmatch", 1, "test", f.data(), f.augment(), f.model(), f.optimizer(),
                new SemiSupervised(SemiSupervised.FLEXMATCH, s.startEpoch(), 0, 0.5, 0,
                        s.unlabeledBatch(), s.strongAugment(), null, null), f.budget(), seed);
    }

    /** {@link #fixMatch} with FixMatch's exact loss ({@code semi.unlabeledWeight}), on the fused layer. */
    public static Recipe weightedFixMatch(String dataset, long seed, int epochs) {
        Recipe r = fused(fixMatch(dataset, seed, epochs));
        return new Recipe("tiny-fixmatch-weighted", 1, "test", r.data(), r.augment(), r.model(), r.optimizer(),
                r.semi().withUnlabeledWeight(1.0), r.budget(), seed);
    }

    /** The baseline: no unlabeled images; also the tiny teacher of {@link #noisyStudent}. */
    public static Recipe supervised(String name, String dataset, long seed, int epochs, long splitSeed) {
        return new Recipe(name, 1, "test", new Recipe.Data(dataset, 8, 2, splitSeed),
                new Recipe.Augment(true, 1, 0.1, 10, 0.2, 3), new Recipe.Model(List.of(4, 8), 1, 0.3),
                new Recipe.Optimizer(0.05, 0.9, 5e-4, 8, 1), SemiSupervised.none(),
                new Recipe.Budget(epochs, 3), seed);
    }

    /** Noisy Student with {@code teacher} from the first step: the supervised recipe plus 6 pool images per step. */
    public static Recipe noisyStudent(String dataset, long seed, int epochs, Teacher teacher) {
        return new Recipe("tiny-student", 1, "test", new Recipe.Data(dataset, 8, 2, 7),
                new Recipe.Augment(true, 1, 0.1, 10, 0.2, 3), new Recipe.Model(List.of(4, 8), 1, 0.3),
                new Recipe.Optimizer(0.05, 0.9, 5e-4, 8, 1),
                SemiSupervised.noisyStudent(0, 6, new Recipe.Augment(true, 2, 0.2, 30, 0.5, 4), teacher),
                new Recipe.Budget(epochs, 3), seed);
    }

    /** {@code r} with batch norm + ReLU as one oneDNN layer, the network in NHWC inside. */
    public static Recipe fused(Recipe r) {
        return r.withModel(r.model().fused());
    }

    /**
     * airbench's network and optimizer at the tiny scale (two blocks on 8x8 images): triangle schedule, shifts at 64
     * times the rate, label smoothing, lookahead, the final weights kept, predictions over both mirror views.
     */
    public static Recipe airbench(String name, String dataset, long seed, int epochs) {
        return new Recipe(name, 1, "test", new Recipe.Data(dataset, 8, 2, 7), new Recipe.Augment(true, 1, 0, 0, 0, 0),
                new Recipe.Model(List.of(4, 8), 2, 0, true, Recipe.Model.AIRBENCH, "mirror"),
                new Recipe.Optimizer(0.1, 0.85, 0.00133, 8, 0, Recipe.Optimizer.TRIANGLE, 0.2, 64, true),
                SemiSupervised.none(), new Recipe.Budget(epochs, 3, Recipe.Budget.FINAL), seed);
    }
}
