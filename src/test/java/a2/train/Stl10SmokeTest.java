package a2.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import a2.backend.Backend;
import a2.data.Dataset;
import a2.data.stl10.Stl10Folder;
import a2.data.stl10.Stl10Writer;
import a2.model.ModelCard;
import a2.model.ModelFile;
import a2.predict.Prediction;
import a2.recipe.Recipe;
import a2.recipe.SemiSupervised;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The shipped STL-10 recipe, on a synthetic folder in the real binary format, through the same code path as a
 * full run (96x96 images resized to 64, four stages, self-training from the second epoch) with only the budget
 * cut down: the model file it leaves says what it was trained for and predicts every test image.
 */
class Stl10SmokeTest {
    @TempDir
    Path tmp;

    /** The shipped recipe with a budget of two epochs of two steps of four images; everything else as shipped. */
    static Recipe tiny(Recipe r) {
        var o = r.optimizer();
        var s = r.semi();
        return new Recipe(r.name(), r.version(), r.description(),
                new Recipe.Data(r.data().dataset(), r.data().inputSize(), 1, r.data().splitSeed()),
                r.augment(), r.model(),
                new Recipe.Optimizer(o.learningRate(), o.momentum(), o.weightDecay(), 4, 1),
                // Threshold 0.1 = 1/10 classes: every unlabeled image passes, so pseudo-labeled images really enter
                // the batches of the second epoch (at 0.9 an untrained model would pass none and skip that path).
                new SemiSupervised(s.method(), 1, 1, 0.1, s.unlabeledFraction(), s.unlabeledBatch(),
                        s.strongAugment(), null, null),
                new Recipe.Budget(2, 2), r.seed());
    }

    @Test
    void theShippedRecipeTrainsAndItsModelPredictsEveryTestImage() throws Exception {
        Recipe shipped = Recipe.load("stl10-semisupervised");
        Recipe r = tiny(shipped);
        assertEquals(64, r.data().inputSize());
        assertEquals(shipped.model(), r.model());

        // 30 labeled (3 per class: 1 held out, 2 to train on), 12 test, 16 unlabeled, all 96x96.
        Path folder = Stl10Writer.writeSynthetic(tmp.resolve("stl10_binary"), 30, 12, 16, 5);
        Dataset data = Stl10Folder.load(folder);
        assertEquals(96, data.height());

        var cfg = Trainer.Config.of(r, data, tmp.resolve("run"), tmp, Backend.start(1), List.of("smoke"));
        Trainer.Result result = new Trainer(cfg).run();

        assertTrue(result.finished());
        assertEquals(2, result.epochsDone());
        Path best = result.model();
        assertTrue(Files.isRegularFile(best), best.toString());
        ModelCard card = ModelFile.readCard(best);
        assertEquals("stl10", card.dataset());
        assertEquals(64, card.preprocessing().inputSize());
        assertEquals(10, card.numClasses());
        assertEquals(data.classNames(), card.classNames());
        assertEquals(r, card.recipe());

        List<EpochLog.Row> log = EpochLog.read(tmp.resolve("run/log.csv"));
        assertEquals(2, log.size());
        assertTrue(log.get(0).maskRate().isEmpty(), "no pseudo-labels in the first epoch");
        assertEquals("1.0000", log.get(1).maskRate(), "every unlabeled image passed the 0.1 threshold in the second");

        Prediction p = Prediction.run(ModelFile.load(best, false), data, n -> {});
        assertEquals(12, p.ids().length);
        assertArrayEquals(data.testIds(), p.ids());
        for (int i = 0; i < p.ids().length; i++) {
            assertTrue(p.top1()[i] >= 1 && p.top1()[i] <= 10, "label " + p.top1()[i]);
            assertTrue(p.p1()[i] >= p.p2()[i] && p.p1()[i] <= 1f, "probabilities ordered");
        }
        assertFalse(p.top1()[0] == p.top2()[0]);
    }
}
