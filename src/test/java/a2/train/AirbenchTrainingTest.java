package a2.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import a2.data.Dataset;
import a2.model.Inference;
import a2.model.ModelCard;
import a2.model.ModelFile;
import a2.recipe.Recipe;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * airbench's recipe through the trainer on tiny data: the lookahead's slow weights make a stopped run resume bit for
 * bit, the final weights are the result, measured with the test views, and the whitening's images are recorded.
 */
class AirbenchTrainingTest {
    @TempDir
    static Path tmp;
    static TinyRun tiny;
    static Dataset data;

    @BeforeAll
    static void data() throws Exception {
        tiny = TinyRun.in(tmp);
        data = tiny.data();
    }

    static Trainer.Result train(Recipe r, Path run, boolean resume, long stopAfter) {
        return tiny.train(r, run, resume, stopAfter);
    }

    @Test
    void stoppedBetweenLookaheadUpdatesItResumesToTheUninterruptedWeights() throws Exception {
        Recipe r = TinyRecipes.airbench("tiny-ab", "tiny", 5, 4);
        train(r, tmp.resolve("full"), false, 0);
        // Step 7: two steps after a lookahead update, mid-epoch, so the slow weights differ from the network's.
        assertFalse(train(r, tmp.resolve("cut"), false, 7).finished());
        assertTrue(Files.isRegularFile(tmp.resolve("cut").resolve(RunFiles.lookaheadFile(7))));
        assertTrue(train(r, tmp.resolve("cut"), true, 0).finished());
        assertArrayEquals(TrainerTest.finalParams(tmp.resolve("full")), TrainerTest.finalParams(tmp.resolve("cut")));
        ModelFile.Loaded full = ModelFile.load(tmp.resolve("full/final.a2model"), false);
        ModelFile.Loaded cut = ModelFile.load(tmp.resolve("cut/final.a2model"), false);
        assertArrayEquals(full.network().params().toFloatVector(), cut.network().params().toFloatVector());
        assertEquals(full.card().validationAccuracy(), cut.card().validationAccuracy());
        assertEquals(full.card().provenance().get("whitening.images"), cut.card().provenance().get("whitening.images"));

        assertFalse(train(r, tmp.resolve("lost"), false, 7).finished());
        Files.delete(tmp.resolve("lost").resolve(RunFiles.lookaheadFile(7)));
        var e = assertThrows(a2.io.InvalidInputException.class, () -> train(r, tmp.resolve("lost"), true, 0));
        assertTrue(e.getMessage().contains("lookahead-s7.bin is missing"), e.getMessage());
    }

    @Test
    void aResumedRunTakesItsWhiteningFromTheCheckpointInsteadOfFittingItAgain() {
        Recipe r = TinyRecipes.airbench("tiny-ab", "tiny", 5, 4);
        Trainer.Config cfg = tiny.config(r, tmp.resolve("setup"), true, 0);
        RunSetup fresh = RunSetup.of(cfg, true), resumed = RunSetup.of(cfg, false);
        assertTrue(fresh.whitening() != null && resumed.whitening() == null);
        assertEquals(fresh.provenance().get("whitening.images"), resumed.provenance().get("whitening.images"));
        assertTrue(fresh.provenance().containsKey("whitening.images"));
    }

    @Test
    void theLookaheadChangesTheWeights() throws Exception {
        Recipe r = TinyRecipes.airbench("tiny-ab", "tiny", 5, 4);
        var o = r.optimizer();
        Recipe plain = new Recipe(r.name(), 1, "", r.data(), r.augment(), r.model(), new Recipe.Optimizer(o.learningRate(),
                o.momentum(), o.weightDecay(), o.batchSize(), 0, o.schedule(), o.labelSmoothing(), o.shiftRateScale(), false),
                r.semi(), r.budget(), r.seed());
        train(r, tmp.resolve("la"), false, 0);
        train(plain, tmp.resolve("no-la"), false, 0);
        assertFalse(java.util.Arrays.equals(TrainerTest.finalParams(tmp.resolve("la")), TrainerTest.finalParams(tmp.resolve("no-la"))));
    }

    @Test
    void theFinalWeightsAreTheResultMeasuredWithTheTestViewsAndFinalized() throws Exception {
        Recipe r = TinyRecipes.airbench("tiny-ab-final", "tiny", 6, 3);
        Path run = tmp.resolve("final");
        Trainer.Result res = train(r, run, false, 0);
        assertEquals(run.resolve("final.a2model"), res.model());
        ModelFile.Loaded m = ModelFile.load(res.model(), false);
        ModelCard card = m.card();
        assertEquals(ModelCard.FORMAT, card.format());
        assertEquals(3, card.epoch());
        assertArrayEquals(TrainerTest.finalParams(run), m.network().params().toFloatVector(), "the last checkpoint's weights");
        var split = a2.data.Split.stratified(data.trainLabels(), data.numClasses(), 2, 7);
        float[][] probs = Inference.probabilities(m, data.train(), split.validation(), n -> {});
        assertEquals(Inference.accuracy(probs, RunSetup.pick(data.trainLabels(), split.validation())), card.validationAccuracy());
        Map<String, String> p = card.provenance();
        assertTrue(p.get("whitening.images").contains("training split (" + split.train().length + " labeled images")
                && p.get("whitening.images").contains("unlabeled pool (24 images)"), p.get("whitening.images"));

        Finalize.Result f = Finalize.run(run, tmp.resolve("fin"), null);
        assertArrayEquals(Files.readAllBytes(res.model()), Files.readAllBytes(f.folder().resolve(Finalize.MODEL)));
        assertFalse(java.util.Arrays.equals(Files.readAllBytes(run.resolve("best.a2model")),
                Files.readAllBytes(f.folder().resolve(Finalize.MODEL))), "not the best epoch's file");
    }
}
