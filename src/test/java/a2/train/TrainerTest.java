package a2.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import a2.backend.BackendInfo;
import a2.data.Dataset;
import a2.model.ModelFile;
import a2.recipe.Recipe;
import a2.recipe.SemiSupervised;
import a2.recipe.Teacher;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Determinism and resumption on a tiny run that goes through shuffling, augmentation, dropout and the
 * semi-supervised phase (pseudo-labels from epoch 2 on).
 */
class TrainerTest {
    @TempDir
    static Path tmp;
    static Dataset data;
    static BackendInfo backend;

    static TinyRun tiny;

    @BeforeAll
    static void data() throws Exception {
        tiny = TinyRun.in(tmp);
        data = tiny.data();
        backend = tiny.backend();
    }

    static Trainer.Result train(Recipe r, Path run, boolean resume, long stopAfter) {
        return tiny.train(r, run, resume, stopAfter);
    }

    /** A log row's cells that are functions of the weights, not of the machine's speed. */
    static List<String> measured(EpochLog.Row r) {
        return List.of(r.epoch(), r.steps(), r.lr(), r.trainLoss(), r.trainAcc(), r.valAcc(), r.maskRate(),
                r.pseudoAccVal(), r.pseudoRateVal());
    }

    static float[] finalParams(Path run) throws Exception {
        RunState s = ModelFile.JSON.readValue(run.resolve("state.json").toFile(), RunState.class);
        return ModelFile.load(run.resolve(s.checkpoint()), true).network().params().dup().toFloatVector();
    }

    @Test
    void sameSeedGivesBitIdenticalWeightsAndAnotherSeedDoesNot() throws Exception {
        train(TinyRecipes.semi("tiny", 1, 3), tmp.resolve("a"), false, 0);
        train(TinyRecipes.semi("tiny", 1, 3), tmp.resolve("b"), false, 0);
        train(TinyRecipes.semi("tiny", 2, 3), tmp.resolve("c"), false, 0);
        assertArrayEquals(finalParams(tmp.resolve("a")), finalParams(tmp.resolve("b")));
        assertFalse(java.util.Arrays.equals(finalParams(tmp.resolve("a")), finalParams(tmp.resolve("c"))));
        List<EpochLog.Row> log = EpochLog.read(tmp.resolve("a/log.csv"));
        assertEquals(3, log.size());
        assertTrue(log.get(0).maskRate().isEmpty(), "no mask rate before the semi-supervised phase");
        assertFalse(log.get(2).maskRate().isEmpty(), "mask rate logged in the semi-supervised phase");
        assertTrue(Files.exists(tmp.resolve("a/best.a2model")));
        assertTrue(Files.exists(tmp.resolve("a/provenance.json")));
    }

    @Test
    void theProgressLineShowsLossImageRateMaskRateAndBestValidationAccuracy() {
        assertEquals("loss 1.497, 410 img/s, kept 62%, best val 71.2%", Trainer.stepDetail(1.4971, 409.6, 0.62, 0.712));
        assertEquals("loss 2.303, 55 img/s", Trainer.stepDetail(2.3026, 55.2, Double.NaN, -1));
        // A FixMatch run reports them as it trains: its first epoch is supervised, the last two keep unlabeled images.
        var err = new java.io.ByteArrayOutputStream();
        var cfg = Trainer.Config.of(TinyRecipes.fixMatch("tiny", 1, 3), data, tmp.resolve("progress"), tmp, backend,
                List.of("test")).withListener(TrainingListener.printingTo(
                new PrintStream(err, true, java.nio.charset.StandardCharsets.UTF_8), true));
        new Trainer(cfg).run();
        List<String> lines = err.toString(java.nio.charset.StandardCharsets.UTF_8).lines()
                .filter(l -> l.matches("epoch \\d/3: .*steps\\).*")).toList();
        assertTrue(lines.stream().anyMatch(l -> l.startsWith("epoch 1/3: ") && l.matches(".*loss \\d\\.\\d{3}, \\d+ img/s$")),
                String.join("\n", lines));
        assertTrue(lines.stream().anyMatch(l -> l.startsWith("epoch 3/3: ") && l.matches(".*, kept \\d+%, best val \\d+\\.\\d%$")),
                String.join("\n", lines));
    }

    @Test
    void stoppingMidEpochAndResumingEndsWithTheUninterruptedWeights() throws Exception {
        Recipe r = TinyRecipes.semi("tiny", 5, 3);
        train(r, tmp.resolve("full"), false, 0);
        Trainer.Result stopped = train(r, tmp.resolve("cut"), false, 5); // epoch 2, step 2 of 3
        assertFalse(stopped.finished());
        Trainer.Result resumed = train(r, tmp.resolve("cut"), true, 0);
        assertTrue(resumed.finished());
        assertArrayEquals(finalParams(tmp.resolve("full")), finalParams(tmp.resolve("cut")));
        assertEquals(EpochLog.read(tmp.resolve("full/log.csv")).size(), EpochLog.read(tmp.resolve("cut/log.csv")).size());
    }

    /**
     * Trains {@code r} twice into {@code <prefix>-a} and {@code -b}, and once stopped at epoch 2, step 2 of 3 then
     * resumed into {@code -cut}; asserts all three end with the same weights and returns them.
     */
    static float[] deterministicAndResumable(Recipe r, String prefix) throws Exception {
        train(r, tmp.resolve(prefix + "-a"), false, 0);
        train(r, tmp.resolve(prefix + "-b"), false, 0);
        train(r, tmp.resolve(prefix + "-cut"), false, 5);
        train(r, tmp.resolve(prefix + "-cut"), true, 0);
        float[] a = finalParams(tmp.resolve(prefix + "-a"));
        assertArrayEquals(a, finalParams(tmp.resolve(prefix + "-b")));
        assertArrayEquals(a, finalParams(tmp.resolve(prefix + "-cut")));
        return a;
    }

    /**
     * A kill at either point between the writes that replace a run's pseudo-labels or checkpoint (new file written,
     * state not yet naming it; state naming it, old files still there) leaves a run that resumes to the uninterrupted
     * weights. Deterministic, unlike {@link KillResumeTest}'s kill at a random moment.
     */
    @ParameterizedTest
    @CsvSource({"pseudo-e3.bin, file written", "pseudo-e3.bin, state written",
            "checkpoint-s6.a2model, file written", "checkpoint-s6.a2model, state written"})
    void aRunStoppedBetweenTheWritesThatReplaceItsFilesResumesToTheUninterruptedWeights(String file, String point)
            throws Exception {
        Recipe r = TinyRecipes.semi("tiny", 5, 3);
        Path straight = tmp.resolve("crash-straight"), cut = tmp.resolve("crash-" + file + "-" + point.charAt(0));
        if (!Files.exists(straight)) {
            train(r, straight, false, 0);
        }
        class Crash extends RuntimeException {}
        Trainer crashing = new Trainer(Trainer.Config.of(r, data, cut, tmp, backend, List.of("test")), (at, adopted) -> {
                    if (at.equals(point) && adopted.equals(file)) {
                        throw new Crash();
                    }
                });
        assertThrows(Crash.class, crashing::run);
        try (var left = Files.list(cut)) {
            assertTrue(left.anyMatch(p -> p.getFileName().toString().equals(file)), "stopped after writing " + file);
        }
        train(r, cut, true, 0);
        assertArrayEquals(finalParams(straight), finalParams(cut));
    }

    @Test
    void fixMatchIsDeterministicResumableAndLogsItsMaskRate() throws Exception {
        Recipe r = TinyRecipes.fixMatch("tiny", 3, 3);
        float[] a = deterministicAndResumable(r, "fm");
        List<EpochLog.Row> log = EpochLog.read(tmp.resolve("fm-a/log.csv"));
        assertTrue(log.get(0).maskRate().isEmpty(), "no mask rate before FixMatch starts");
        double mask = Double.parseDouble(log.get(2).maskRate());
        assertTrue(mask > 0 && mask <= 1, "mask rate in (0, 1]: " + mask);
        EpochLog.Row resumed = EpochLog.read(tmp.resolve("fm-cut/log.csv")).get(2);
        // The resumed epoch logs the same numbers, mask rate included; only speeds and times differ.
        assertEquals(measured(log.get(2)), measured(resumed));
        // Its strong view draws RandAugment operations: without them it trains other weights.
        SemiSupervised s = r.semi();
        Recipe.Augment strong = s.strongAugment();
        assertEquals(2, strong.randAugmentOps());
        Recipe plain = new Recipe("tiny-fixmatch-plain", 1, "test", r.data(), r.augment(), r.model(), r.optimizer(),
                SemiSupervised.fixMatch(s.startEpoch(), s.threshold(), s.unlabeledBatch(), new Recipe.Augment(
                        strong.flip(), strong.translate(), strong.scale(), strong.rotateDegrees(), strong.colorJitter(),
                        strong.cutout())), r.budget(), r.seed());
        train(plain, tmp.resolve("fm-plain"), false, 0);
        assertFalse(java.util.Arrays.equals(a, finalParams(tmp.resolve("fm-plain"))), "RandAugment changes the training");
    }

    @Test
    void flexMatchIsDeterministicResumableAndKeepsItsClassMemoryBesideTheCheckpoint() throws Exception {
        Recipe r = TinyRecipes.flexMatch("tiny", 3, 3);
        float[] a = deterministicAndResumable(r, "flex"); // stopped at step 5, in the FlexMatch phase
        // FixMatch with the same settings keeps only the rows above 0.5; FlexMatch's thresholds start at 0.
        SemiSupervised fs = r.semi();
        Recipe fixed = new Recipe("tiny-fixmatch-05", 1, "test", r.data(), r.augment(), r.model(), r.optimizer(),
                new SemiSupervised(SemiSupervised.FIXMATCH, fs.startEpoch(), 0, fs.threshold(), 0,
                        fs.unlabeledBatch(), fs.strongAugment(), null, null), r.budget(), r.seed());
        train(fixed, tmp.resolve("flex-fixed"), false, 0);
        assertFalse(java.util.Arrays.equals(a, finalParams(tmp.resolve("flex-fixed"))), "FlexMatch keeps other rows than FixMatch");
        for (String run : List.of("flex-a", "flex-cut")) {
            try (var files = Files.list(tmp.resolve(run))) {
                assertEquals(List.of(ClassThresholds.file(9)), files.map(p -> p.getFileName().toString())
                        .filter(n -> n.startsWith("classes-s")).toList(), "only the last checkpoint's memory is kept");
            }
        }
        byte[] memory = Files.readAllBytes(tmp.resolve("flex-a").resolve(ClassThresholds.file(9)));
        assertEquals(data.unlabeled().count(), memory.length);
        assertTrue(IntStream.range(0, memory.length).anyMatch(i -> memory[i] >= 0), "some images remember a class");
        // The stopped run went on from the memory saved at step 5 and ends with the same memory.
        assertArrayEquals(memory, Files.readAllBytes(tmp.resolve("flex-cut").resolve(ClassThresholds.file(9))));
    }

    @Test
    void fixMatchWithItsExactLossOnTheFusedLayerIsDeterministicResumableAndWeighsTheRows() throws Exception {
        Recipe r = TinyRecipes.weightedFixMatch("tiny", 3, 3);
        float[] a = deterministicAndResumable(r, "wfm");
        // The same recipe with one mean over the rows trains other weights: the row weights enter the gradient.
        Recipe mean = TinyRecipes.fused(TinyRecipes.fixMatch("tiny", 3, 3));
        train(mean, tmp.resolve("wfm-mean"), false, 0);
        assertFalse(java.util.Arrays.equals(a, finalParams(tmp.resolve("wfm-mean"))));
        var out = ModelFile.load(tmp.resolve("wfm-a/best.a2model"), false).network().getOutputLayer().conf().getLayer();
        assertTrue(((org.deeplearning4j.nn.conf.layers.BaseOutputLayer) out).getLossFn()
                instanceof org.nd4j.linalg.lossfunctions.impl.LossMCXENT l && l.getWeights() != null,
                "the saved model keeps the loss that honours row weights");
        double mask = Double.parseDouble(EpochLog.read(tmp.resolve("wfm-a/log.csv")).get(2).maskRate());
        assertTrue(mask > 0 && mask <= 1, "mask rate in (0, 1]: " + mask);
    }

    /** Trains a tiny supervised teacher and puts its best model where a recipe's teacher is looked up. */
    static Path finalizedTeacher(String name, long splitSeed) throws Exception {
        return finalizedTeacher(name, splitSeed, 4);
    }

    static Path finalizedTeacher(String name, long splitSeed, long seed) throws Exception {
        train(TinyRecipes.supervised(name, "tiny", seed, 2, splitSeed), tmp.resolve("runs-" + name), false, 0);
        Path file = tmp.resolve("checkpoints/final/" + name + "/model.a2model");
        Files.createDirectories(file.getParent());
        Files.copy(tmp.resolve("runs-" + name + "/best.a2model"), file);
        return file;
    }

    @Test
    void noisyStudentTrainsOnItsTeachersPoolDeterministicallyAndResumably() throws Exception {
        String sha = a2.io.Hashes.sha256(finalizedTeacher("tiny-teacher", 7));
        Recipe r = TinyRecipes.noisyStudent("tiny", 3, 3, Teacher.single("tiny-teacher", sha, 3));
        float[] a = deterministicAndResumable(r, "ns");
        // Same seed, same labeled batches, augmentation and dropout: only the pool images make the weights differ.
        Recipe baseline = TinyRecipes.supervised("tiny-student", "tiny", 3, 3, 7);
        train(baseline, tmp.resolve("ns-baseline"), false, 0);
        assertFalse(java.util.Arrays.equals(a, finalParams(tmp.resolve("ns-baseline"))));
        List<EpochLog.Row> log = EpochLog.read(tmp.resolve("ns-a/log.csv"));
        // The teacher is fixed, so its pool share and validation accuracy are logged from the first epoch, unchanged.
        double pool = Double.parseDouble(log.get(0).maskRate());
        assertTrue(pool > 0 && pool <= 1, "pool share in (0, 1]: " + pool);
        for (EpochLog.Row row : log) {
            assertEquals(List.of(log.get(0).maskRate(), log.get(0).pseudoAccVal(), log.get(0).pseudoRateVal()),
                    List.of(row.maskRate(), row.pseudoAccVal(), row.pseudoRateVal()));
        }
        // The provenance names the teacher and the exact pool it produced.
        var prov = ModelFile.JSON.readTree(tmp.resolve("ns-a/provenance.json").toFile());
        assertEquals(sha, prov.get("teacher.sha256").asText());
        int size = Integer.parseInt(prov.get("teacher.pool").asText());
        assertEquals(pool, (double) size / data.unlabeled().count(), 5e-5, "the log's share, to its four decimals");
    }

    @Test
    void aFusedStudentOfTwoTeachersWithSoftLabelsIsDeterministicResumableAndLearnsFromTheSoftLabels() throws Exception {
        Teacher soft = new Teacher(List.of(
                new Teacher.Member("tiny-ens-a", a2.io.Hashes.sha256(finalizedTeacher("tiny-ens-a", 7, 4))),
                new Teacher.Member("tiny-ens-b", a2.io.Hashes.sha256(finalizedTeacher("tiny-ens-b", 7, 5)))), 1000, true);
        Recipe r = TinyRecipes.fused(TinyRecipes.noisyStudent("tiny", 3, 3, soft));
        float[] a = deterministicAndResumable(r, "es");
        // The same teachers' argmax as one-hot labels trains other weights: the probabilities themselves enter.
        Recipe hard = TinyRecipes.fused(TinyRecipes.noisyStudent("tiny", 3, 3,
                new Teacher(soft.models(), soft.perClass(), false)));
        train(hard, tmp.resolve("es-hard"), false, 0);
        assertFalse(java.util.Arrays.equals(a, finalParams(tmp.resolve("es-hard"))));
        // The control: the same teachers label the labeled training images instead of the unlabeled ones.
        Recipe control = TinyRecipes.fused(TinyRecipes.noisyStudent("tiny", 3, 3,
                new Teacher(soft.models(), soft.perClass(), true, Teacher.LABELED)));
        train(control, tmp.resolve("es-control"), false, 0);
        assertFalse(java.util.Arrays.equals(a, finalParams(tmp.resolve("es-control"))));
        int trainSplit = data.train().count() - 2 * data.numClasses(); // validation: 2 per class
        assertEquals(trainSplit, Integer.parseInt(ModelFile.JSON.readTree(tmp.resolve("es-control/provenance.json").toFile())
                .get("teacher.pool").asText()), "every labeled training image, none of the unlabeled ones");
        var prov = ModelFile.JSON.readTree(tmp.resolve("es-a/provenance.json").toFile());
        assertEquals("tiny-ens-a+tiny-ens-b", prov.get("teacher").asText());
        assertEquals(data.unlabeled().count(), Integer.parseInt(prov.get("teacher.pool").asText()),
                "a per-class cap above the pool's size takes every unlabeled image");
        assertTrue(ModelFile.load(tmp.resolve("es-a/best.a2model"), false).network().getLayer(1)
                instanceof a2.model.layers.BatchNormReluLayer, "the student was built with the fused layer");
    }

    @Test
    void noisyStudentRefusesATeacherThatIsNotTheOneItsRecipePins() throws Exception {
        String sha = a2.io.Hashes.sha256(finalizedTeacher("tiny-teacher2", 7));
        String other = sha.replace(sha.charAt(0), sha.charAt(0) == 'a' ? 'b' : 'a');
        var wrong = org.junit.jupiter.api.Assertions.assertThrows(a2.io.InvalidInputException.class, () -> train(
                TinyRecipes.noisyStudent("tiny", 3, 2, Teacher.single("tiny-teacher2", other, 3)),
                tmp.resolve("ns-wrong"), false, 0));
        assertTrue(wrong.getMessage().contains(sha) && wrong.getMessage().contains(other), wrong.getMessage());
        var missing = org.junit.jupiter.api.Assertions.assertThrows(a2.io.InvalidInputException.class, () -> train(
                TinyRecipes.noisyStudent("tiny", 3, 2, Teacher.single("no-such-teacher", sha, 3)),
                tmp.resolve("ns-missing"), false, 0));
        assertTrue(missing.getMessage().contains("no-such-teacher") && missing.getMessage().contains("does not exist"),
                missing.getMessage());
        // A teacher validated on another split has trained on some of this recipe's validation images.
        String otherSplit = a2.io.Hashes.sha256(finalizedTeacher("tiny-teacher3", 8));
        var leak = org.junit.jupiter.api.Assertions.assertThrows(a2.io.InvalidInputException.class, () -> train(
                TinyRecipes.noisyStudent("tiny", 3, 2, Teacher.single("tiny-teacher3", otherSplit, 3)),
                tmp.resolve("ns-leak"), false, 0));
        assertTrue(leak.getMessage().contains("split"), leak.getMessage());
    }

    @Test
    void aFinishedRunIsFinalizedOnceAndNeitherAnUnfinishedRunNorAnotherModelTakesItsPlace() throws Exception {
        Path run = tmp.resolve("fin-run"), fin = tmp.resolve("fin");
        train(TinyRecipes.supervised("tiny-final", "tiny", 4, 2, 7), run, false, 0);
        Finalize.Result first = Finalize.run(run, fin, null);
        assertFalse(first.alreadyThere());
        assertEquals(fin.resolve("tiny-final"), first.folder());
        assertArrayEquals(Files.readAllBytes(run.resolve("best.a2model")), Files.readAllBytes(first.folder().resolve("model.a2model")));
        for (String f : Finalize.BESIDE) {
            assertArrayEquals(Files.readAllBytes(run.resolve(f)), Files.readAllBytes(first.folder().resolve(f)), f);
        }
        assertTrue(Finalize.run(run, fin, null).alreadyThere(), "finalizing again changes nothing");

        train(TinyRecipes.supervised("tiny-final", "tiny", 4, 2, 7), tmp.resolve("fin-cut"), false, 2);
        var unfinished = org.junit.jupiter.api.Assertions.assertThrows(a2.io.InvalidInputException.class,
                () -> Finalize.run(tmp.resolve("fin-cut"), fin, "cut"));
        assertTrue(unfinished.getMessage().contains("not finished"), unfinished.getMessage());

        train(TinyRecipes.supervised("tiny-final", "tiny", 5, 2, 7), tmp.resolve("fin-other"), false, 0);
        var other = org.junit.jupiter.api.Assertions.assertThrows(a2.io.InvalidInputException.class,
                () -> Finalize.run(tmp.resolve("fin-other"), fin, null));
        assertTrue(other.getMessage().contains("another model") && other.getMessage().contains("tiny-final-v1"),
                other.getMessage());
        try (var left = Files.list(fin)) {
            assertEquals(List.of("tiny-final"), left.map(p -> p.getFileName().toString()).toList(), "no temporary folders left");
        }
    }

    @Test
    void refusesToOverwriteARunWithoutResume() throws Exception {
        Recipe r = TinyRecipes.semi("tiny", 9, 2);
        train(r, tmp.resolve("once"), false, 0);
        var e = org.junit.jupiter.api.Assertions.assertThrows(a2.io.InvalidInputException.class,
                () -> train(r, tmp.resolve("once"), false, 0));
        assertTrue(e.getMessage().contains("--resume"), e.getMessage());
    }

    @Test
    void refusesARecipeForAnotherDataset() {
        var e = org.junit.jupiter.api.Assertions.assertThrows(a2.io.InvalidInputException.class,
                () -> train(TinyRecipes.semi("stl10", 1, 2), tmp.resolve("wrong"), false, 0));
        assertTrue(e.getMessage().contains("stl10") && e.getMessage().contains("tiny"), e.getMessage());
        assertNotEquals("", e.getMessage());
    }
}
