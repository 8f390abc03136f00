package a2.recipe;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import a2.io.InvalidInputException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

/** The shipped recipes, their JSON form, the fair-comparison claim, and every refusal naming its field. */
class RecipeTest {
    static List<String> builtIns() {
        return Recipe.builtIn();
    }

    static List<String> recipeFiles(String dir) throws java.io.IOException {
        try (var files = Files.list(Path.of(dir))) {
            return files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".json"))
                    .map(n -> n.substring(0, n.length() - ".json".length())).sorted().toList();
        }
    }

    @Test
    void theCatalogNamesEveryRecipeFileOnceShippedOnesFirst() throws java.io.IOException {
        assertEquals(recipeFiles("src/main/resources/recipes"), RecipeCatalog.SHIPPED.stream().sorted().toList(),
                "RecipeCatalog.SHIPPED against the files in recipes/");
        assertEquals(recipeFiles("src/main/resources/recipes/experiments"),
                RecipeCatalog.EXPERIMENTS.stream().sorted().toList(),
                "RecipeCatalog.EXPERIMENTS against the files in recipes/experiments/");
        List<String> all = Recipe.builtIn();
        assertEquals(all.size(), new java.util.HashSet<>(all).size(), "no name twice: " + all);
        assertEquals(RecipeCatalog.SHIPPED, all.subList(0, RecipeCatalog.SHIPPED.size()), "shipped ones first");
    }

    /**
     * The pinned recipe is shipped, and so is STL-10's; every shipped semi-supervised CIFAR recipe ships with exactly
     * one supervised control of its network and seed: for the VGG recipes one that differs only in {@code semi}, for
     * an airbench student one of the same optimizer (per image of a step), schedule and steps summed over its stages.
     */
    @Test
    void theShippedRecipesAreThePinnedOneTheControlsOfTheShippedSemiSupervisedOnesAndStl10() throws Exception {
        String pinned = JSON.readTree(Path.of("result/model.json").toFile()).get("recipe").asText().split(" ")[0];
        assertTrue(RecipeCatalog.SHIPPED.contains(pinned), pinned + " is pinned but not shipped");
        List<Recipe> shipped = RecipeCatalog.SHIPPED.stream().map(Recipe::load).toList();
        java.util.Set<String> teachers = new java.util.HashSet<>();
        shipped.stream().filter(r -> r.semi().teacher() != null).forEach(r -> teachers.addAll(
                r.semi().teacher().models().stream().map(Teacher.Member::recipe).toList()));
        for (Recipe semi : shipped.stream().filter(r -> r.semi().enabled() && r.data().dataset().equals("cifar10-a2")).toList()) {
            List<Recipe> controls = shipped.stream().filter(r -> !r.semi().enabled() && !teachers.contains(r.name())
                    && r.seed() == semi.seed() && r.model().equals(semi.model())).toList();
            assertEquals(1, controls.size(), semi.name() + ": one supervised control shipped, got " + controls);
            Recipe sup = controls.get(0);
            if (!semi.model().airbench()) {
                assertEquals(new Recipe(semi.name(), semi.version(), semi.description(), sup.data(), sup.augment(), sup.model(),
                        sup.optimizer(), semi.semi(), sup.budget(), sup.seed()), semi, "the control differs only in semi");
                continue;
            }
            Recipe teacher = Recipe.load(semi.semi().teacher().names());
            assertEquals(steps(teacher) + steps(semi), steps(sup), semi.name() + ": the control's steps are both stages'");
            Recipe.Optimizer a = semi.optimizer(), b = sup.optimizer();
            assertEquals(a.learningRate() / (a.batchSize() + semi.semi().unlabeledBatch()), b.learningRate() / b.batchSize(), 1e-7);
            assertEquals(new Recipe.Optimizer(b.learningRate(), a.momentum(), a.weightDecay(), b.batchSize(), a.warmupEpochs(),
                    a.schedule(), a.labelSmoothing(), a.shiftRateScale(), a.lookahead()), b, semi.name() + "'s control's optimizer");
            assertEquals(semi.augment(), sup.augment());
            assertEquals(teacher.optimizer(), sup.optimizer(), "the control trains as the teacher, for longer");
        }
        assertTrue(shipped.stream().anyMatch(r -> r.data().dataset().equals("stl10")));
    }

    static long steps(Recipe r) {
        return (long) r.budget().epochs() * r.budget().stepsPerEpoch();
    }

    @ParameterizedTest
    @org.junit.jupiter.params.provider.ValueSource(strings = {"cifar10-a2-supervised", "cifar10-a2-semisupervised",
            "cifar10-a2-semisupervised-t080", "cifar10-a2-noisy-student", "cifar10-a2-supervised-long",
            "cifar10-a2-ensemble-student", "cifar10-a2-supervised-fused", "cifar10-a2-ensemble-student-fused",
            "cifar10-a2-ensemble-control", "cifar10-a2-fixmatch-mu3", "cifar10-a2-fixmatch-mu3-t080",
            "cifar10-a2-fixmatch-e300", "cifar10-a2-supervised-e300", "cifar10-a2-supervised-fused-s2",
            "cifar10-a2-supervised-fused-s3", "cifar10-a2-fixmatch-e300-s2", "cifar10-a2-supervised-e300-s2",
            "cifar10-a2-fixmatch-e500", "cifar10-a2-supervised-e500", "cifar10-a2-flexmatch-e300",
            "cifar10-a2-fixmatch-w48-e300", "cifar10-a2-supervised-w48-e300", "cifar10-a2-fixmatch-w48-e300-s2",
            "cifar10-a2-supervised-w48-e300-s2", "cifar10-a2-fixmatch-ra-e300", "stl10-semisupervised"})
    void everyNameThatResolvedBeforeTheExperimentsMovedStillResolves(String name) {
        // The 26 names of the flat recipes/ folder, as command lines and run folders recorded them.
        assertEquals(name, Recipe.load(name).name());
        assertTrue(Recipe.builtIn().contains(name), name);
    }

    @ParameterizedTest
    @MethodSource("builtIns")
    void everyNameResolvesWithOrWithoutItsExtension(String name) {
        assertEquals(Recipe.load(name), Recipe.load(name + ".json"));
    }

    @ParameterizedTest
    @MethodSource("builtIns")
    void everyDescriptionOpensWithAOneLineSummary(String name) {
        Recipe r = Recipe.load(name);
        String summary = RecipeCatalog.summary(r);
        assertTrue(summary.length() <= 100, name + ": summary of " + summary.length() + " characters: " + summary);
        assertTrue(summary.endsWith("."), name + ": " + summary);
    }

    /** What trains: a recipe with its description (prose, free to be rewritten) set to the other's. */
    static Recipe withDescriptionOf(Recipe r, Recipe other) {
        return new Recipe(r.name(), r.version(), other.description(), r.data(), r.augment(), r.model(), r.optimizer(),
                r.semi(), r.budget(), r.seed());
    }

    @Test
    void everyFinalModelsRecipeTrainsWhatTheLivingRecipeOfItsNameTrains() throws java.io.IOException {
        // The records beside each final model are left as they ran; only the living recipes' prose is rewritten.
        int compared = 0;
        try (var dirs = Files.list(Path.of("checkpoints/final"))) {
            for (Path dir : dirs.sorted().toList()) {
                String name = dir.getFileName().toString();
                if (Recipe.builtIn().contains(name)) {
                    Recipe living = Recipe.load(name);
                    Recipe ran = Recipe.load(dir.resolve("recipe.json").toString());
                    assertEquals(living, withDescriptionOf(ran, living), name);
                    compared++;
                }
            }
        }
        assertTrue(compared >= 20, "compared " + compared);
    }

    @ParameterizedTest
    @MethodSource("builtIns")
    void everyBuiltInLoadsUnderItsOwnNameAndRoundTripsThroughJson(String name) {
        Recipe r = Recipe.load(name);
        assertEquals(name, r.name(), "the file's name field matches its built-in name");
        assertEquals(r, Recipe.parse(r.toJson(), "round trip"));
        assertTrue(r.toJson().endsWith("\n"));
        assertEquals(r.toJson(), Recipe.parse(r.toJson(), "again").toJson(), "toJson is stable");
    }

    @Test
    void aRecipeFileOnDiskLoadsLikeABuiltIn(@TempDir Path tmp) throws Exception {
        Recipe r = Recipe.load("cifar10-a2-semisupervised");
        Path file = Files.writeString(tmp.resolve("mine.json"), r.toJson());
        assertEquals(r, Recipe.load(file.toString()));
    }

    @Test
    void theSupervisedAndSemiSupervisedCifarRecipesDifferOnlyInNameDescriptionAndSemi() {
        Recipe sup = Recipe.load("cifar10-a2-supervised");
        Recipe semi = Recipe.load("cifar10-a2-semisupervised");
        // The fair-comparison claim: everything that decides the computation but the use of unlabeled data is equal.
        // Versions differ: the semi-supervised recipe changed method (self-training v1, FixMatch v2); the baseline did not.
        assertEquals(sup.data(), semi.data());
        assertEquals(sup.augment(), semi.augment());
        assertEquals(sup.model(), semi.model());
        assertEquals(sup.optimizer(), semi.optimizer());
        assertEquals(sup.budget(), semi.budget());
        assertEquals(sup.seed(), semi.seed());
        assertNotEquals(sup.name(), semi.name());
        assertEquals(SemiSupervised.NONE, sup.semi().method());
        assertEquals(SemiSupervised.FIXMATCH, semi.semi().method());
        // And nothing else differs: with name, description and semi made equal, the records are equal.
        Recipe aligned = new Recipe(semi.name(), semi.version(), semi.description(), sup.data(), sup.augment(), sup.model(),
                sup.optimizer(), semi.semi(), sup.budget(), sup.seed());
        assertEquals(semi, aligned);
    }

    @Test
    void theStepBudgetIsOneEpochOfTheAssignmentsTrainingSplit() {
        // 5,000 labeled, 500 per class, 100 per class held out: 4,000 training images; 4,000 / 64 = 62 full batches.
        // airbench's recipes at batch 256 validate less often (validation costs a fixed time, their steps are cheap):
        // their epoch is two passes over the 4,000 labeled images, or for a student one pass over all 49,000 images it
        // learns from. FixMatch on it and its control (batch 64) pass once over the labeled images, 63 steps of 64.
        for (String name : Recipe.builtIn()) {
            Recipe r = Recipe.load(name);
            int trainImages = 10 * (500 - r.data().validationPerClass());
            if (!r.model().airbench()) {
                assertEquals(trainImages / r.optimizer().batchSize(), r.budget().stepsPerEpoch(), name);
            } else if (r.optimizer().batchSize() == 64 && !r.semi().noisyStudent()) {
                assertEquals(trainImages, (double) r.budget().stepsPerEpoch() * r.optimizer().batchSize(), 0.01 * trainImages, name);
            } else if (r.semi().enabled()) {
                double rows = (double) r.budget().stepsPerEpoch() * (r.optimizer().batchSize() + r.semi().unlabeledBatch());
                assertEquals(trainImages + 45_000, rows, 0.01 * rows, name);
            } else {
                assertEquals(2 * trainImages, (double) r.budget().stepsPerEpoch() * r.optimizer().batchSize(), 0.03 * 2 * trainImages, name);
            }
        }
    }

    @Test
    void theStl10RecipeIsTheCifarSemiRecipeScaledToItsInput() {
        Recipe cifar = Recipe.load("cifar10-a2-semisupervised");
        Recipe stl = Recipe.load("stl10-semisupervised");
        assertEquals(new Recipe.Data("stl10", 64, 100, 2016), stl.data());
        double ratio = (double) stl.data().inputSize() / cifar.data().inputSize();
        assertEquals(cifar.augment().translate() * ratio, stl.augment().translate());
        assertEquals(cifar.augment().cutout() * ratio, stl.augment().cutout());
        assertEquals(cifar.augment().flip(), stl.augment().flip());
        assertEquals(cifar.augment().scale(), stl.augment().scale());
        assertEquals(cifar.augment().rotateDegrees(), stl.augment().rotateDegrees());
        assertEquals(cifar.augment().colorJitter(), stl.augment().colorJitter());
        assertEquals(new Recipe.Model(List.of(32, 64, 128, 256), 2, 0.3), stl.model());
        assertEquals(cifar.optimizer(), stl.optimizer());
        Recipe.Augment cs = cifar.semi().strongAugment(), ss = stl.semi().strongAugment();
        assertEquals(new Recipe.Augment(cs.flip(), (int) (cs.translate() * ratio), cs.scale(), cs.rotateDegrees(),
                cs.colorJitter(), (int) (cs.cutout() * ratio)), ss);
        assertEquals(new SemiSupervised(cifar.semi().method(), cifar.semi().startEpoch(), cifar.semi().refreshEvery(),
                cifar.semi().threshold(), cifar.semi().unlabeledFraction(), cifar.semi().unlabeledBatch(), ss, null, null),
                stl.semi());
        assertEquals(cifar.budget(), stl.budget());
        assertEquals(cifar.seed(), stl.seed());
    }

    @Test
    void aRecipeWrittenBeforeFixMatchExistedStillLoadsWithTheFieldsUnused() throws Exception {
        // The first model files (2026-11-27, commit 99e5288) carry their recipe as JSON without the three FixMatch fields.
        ObjectNode old = valid();
        ObjectNode semi = (ObjectNode) old.get("semi");
        semi.put("method", "self-training").put("refreshEvery", 10).put("unlabeledFraction", 0.5);
        semi.remove(List.of("unlabeledBatch", "strongAugment"));
        Recipe r = Recipe.parse(JSON.writeValueAsString(old), "old.json");
        assertEquals(SemiSupervised.selfTraining(5, 10, 0.95, 0.5), r.semi());
        // Only both missing counts as the old format; one missing alone is an error like any other.
        semi.put("unlabeledBatch", 64);
        assertTrue(refused(JSON.writeValueAsString(old)).getMessage().contains("strongAugment"));
    }

    @Test
    void anAugmentationWrittenBeforeRandAugmentExistedReadsWithItOff() throws Exception {
        // Every recipe and model file before RandAugment (commit b52079e) lacks the field, labeled and strong augmentation.
        ObjectNode old = valid();
        ((ObjectNode) old.get("augment")).remove("randAugmentOps");
        Recipe r = Recipe.parse(JSON.writeValueAsString(old), "old.json");
        assertEquals(0, r.augment().randAugmentOps());
        Recipe fm = Recipe.load("cifar10-a2-fixmatch-e300");
        ObjectNode strongOld = (ObjectNode) JSON.readTree(fm.toJson());
        ((ObjectNode) strongOld.get("semi").get("strongAugment")).remove("randAugmentOps");
        assertEquals(fm, Recipe.parse(JSON.writeValueAsString(strongOld), "old.json"));
    }

    @Test
    void theRandAugmentFixMatchIsTheSubmittedFixMatchWithTwoOperationsInTheStrongViewOnly() {
        Recipe fm = Recipe.load("cifar10-a2-fixmatch-e300"), ra = Recipe.load("cifar10-a2-fixmatch-ra-e300");
        SemiSupervised s = fm.semi();
        Recipe.Augment a = s.strongAugment();
        assertEquals(0, a.randAugmentOps());
        assertEquals(ra, new Recipe(ra.name(), ra.version(), ra.description(), fm.data(), fm.augment(), fm.model(),
                fm.optimizer(), new SemiSupervised(s.method(), s.startEpoch(), s.refreshEvery(), s.threshold(),
                        s.unlabeledFraction(), s.unlabeledBatch(), new Recipe.Augment(a.flip(), a.translate(), a.scale(),
                        a.rotateDegrees(), a.colorJitter(), a.cutout(), 2), s.teacher(), s.unlabeledWeight()),
                fm.budget(), fm.seed()));
        // Its control is the submitted run's control: the same labeled batches, steps and seed.
        Recipe control = Recipe.load("cifar10-a2-supervised-e300");
        assertEquals(ra.seed(), control.seed());
        assertEquals(ra.budget(), control.budget());
        assertEquals(ra.augment(), control.augment());
    }

    @Test
    void theTwoFixMatchCandidatesDifferOnlyInThreshold() {
        Recipe a = Recipe.load("cifar10-a2-semisupervised"), b = Recipe.load("cifar10-a2-semisupervised-t080");
        SemiSupervised s = a.semi();
        assertEquals(0.95, s.threshold());
        assertEquals(0.8, b.semi().threshold());
        assertEquals(b, new Recipe(b.name(), b.version(), b.description(), a.data(), a.augment(), a.model(), a.optimizer(),
                new SemiSupervised(s.method(), s.startEpoch(), s.refreshEvery(), 0.8, s.unlabeledFraction(),
                        s.unlabeledBatch(), s.strongAugment(), null, null), a.budget(), a.seed()));
    }

    @Test
    void theNoisyStudentRecipeIsTheBaselinePlusATeacherPinnedToTheCommittedBaselineModel() throws Exception {
        Recipe sup = Recipe.load("cifar10-a2-supervised"), ns = Recipe.load("cifar10-a2-noisy-student");
        assertEquals(SemiSupervised.NOISY_STUDENT, ns.semi().method());
        assertEquals(ns, new Recipe(ns.name(), ns.version(), ns.description(), sup.data(), sup.augment(), sup.model(),
                sup.optimizer(), ns.semi(), sup.budget(), sup.seed()), "only the use of unlabeled images differs");
        assertEquals(sup.name(), ns.semi().teacher().models().get(0).recipe());
        // The pin is the model committed for the baseline (tests run in the project folder, as Maven does).
        assertEquals(a2.io.Hashes.sha256(Path.of("checkpoints/final/cifar10-a2-supervised/model.a2model")),
                ns.semi().teacher().models().get(0).sha256());
    }

    @Test
    void theEnsembleStudentIsTheNoisyStudentWithThreePinnedTeachersAndSoftLabelsOnTheWholePool() {
        Recipe ns = Recipe.load("cifar10-a2-noisy-student"), es = Recipe.load("cifar10-a2-ensemble-student");
        SemiSupervised s = ns.semi(), e = es.semi();
        assertEquals(es, new Recipe(es.name(), es.version(), es.description(), ns.data(), ns.augment(), ns.model(),
                ns.optimizer(), new SemiSupervised(s.method(), s.startEpoch(), s.refreshEvery(), s.threshold(),
                s.unlabeledFraction(), s.unlabeledBatch(), s.strongAugment(), e.teacher(), null), ns.budget(), ns.seed()),
                "only the teacher differs");
        assertTrue(e.teacher().soft());
        assertEquals(45_000, e.teacher().perClass(), "every unlabeled image, whatever class the ensemble predicts");
        for (Teacher.Member m : e.teacher().models()) {
            assertEquals(a2.io.Hashes.sha256(Path.of("checkpoints/final/" + m.recipe() + "/model.a2model")), m.sha256(),
                    m.recipe());
        }
    }

    @Test
    void theFusedEnsembleStudentAndItsControlDifferOnlyInTheImagesTheTeacherLabels() {
        Recipe es = Recipe.load("cifar10-a2-ensemble-student"), fused = Recipe.load("cifar10-a2-ensemble-student-fused"),
                control = Recipe.load("cifar10-a2-ensemble-control");
        assertEquals(fused, new Recipe(fused.name(), fused.version(), fused.description(), es.data(), es.augment(),
                es.model().fused(), es.optimizer(), es.semi(), es.budget(), es.seed()));
        SemiSupervised s = fused.semi();
        Teacher t = s.teacher();
        assertEquals(control, new Recipe(control.name(), control.version(), control.description(), fused.data(),
                fused.augment(), fused.model(), fused.optimizer(), new SemiSupervised(s.method(), s.startEpoch(),
                s.refreshEvery(), s.threshold(), s.unlabeledFraction(), s.unlabeledBatch(), s.strongAugment(),
                new Teacher(t.models(), t.perClass(), t.soft(), Teacher.LABELED), null), fused.budget(), fused.seed()));
        assertTrue(t.labelsUnlabeledImages());
        assertFalse(control.semi().teacher().labelsUnlabeledImages());
    }

    @Test
    void aTeacherWrittenAsOneModelReadsAsAOneModelListWithHardLabels() throws Exception {
        // The first Noisy Student form, which that student's model file carries inside it.
        ObjectNode root = (ObjectNode) JSON.readTree(Recipe.load("cifar10-a2-noisy-student").toJson());
        ObjectNode teacher = (ObjectNode) root.get("semi").get("teacher");
        Teacher.Member m = Recipe.load("cifar10-a2-noisy-student").semi().teacher().models().get(0);
        teacher.removeAll();
        teacher.put("recipe", m.recipe()).put("sha256", m.sha256()).put("perClass", 2500);
        assertEquals(Recipe.load("cifar10-a2-noisy-student"), Recipe.parse(JSON.writeValueAsString(root), "old.json"));
        teacher.put("sha256", "8eeb93");
        assertTrue(refused(JSON.writeValueAsString(root)).getMessage().contains("semi.teacher.models[].sha256"));
    }

    @Test
    void theCommittedStudentsModelFileStillReadsItsOneModelTeacher() {
        // Committed at 34fe76f, it carries the one-model form of the teacher inside it.
        Recipe living = Recipe.load("cifar10-a2-noisy-student");
        assertEquals(living, withDescriptionOf(a2.model.ModelFile.readCard(
                Path.of("checkpoints/final/cifar10-a2-noisy-student/model.a2model")).recipe(), living));
    }

    @Test
    void aTeacherNamingTheSameModelTwiceIsRefused() throws Exception {
        ObjectNode root = (ObjectNode) JSON.readTree(Recipe.load("cifar10-a2-ensemble-student").toJson());
        com.fasterxml.jackson.databind.node.ArrayNode models = (com.fasterxml.jackson.databind.node.ArrayNode)
                root.get("semi").get("teacher").get("models");
        models.add(models.get(0).deepCopy());
        assertTrue(refused(JSON.writeValueAsString(root)).getMessage().contains("names a recipe twice"));
    }

    @Test
    void theFusedBaselineIsTheBaselineWithBatchNormAndReluFused() {
        Recipe sup = Recipe.load("cifar10-a2-supervised"), fused = Recipe.load("cifar10-a2-supervised-fused");
        assertTrue(fused.model().fusedBatchNormRelu());
        assertFalse(sup.model().fusedBatchNormRelu(), "a recipe without the field keeps DL4J's layers");
        Recipe.Model m = sup.model();
        assertEquals(new Recipe.Model(m.widths(), m.convsPerStage(), m.dropout(), true), m.fused());
        assertEquals(fused, new Recipe(fused.name(), fused.version(), fused.description(), sup.data(), sup.augment(),
                m.fused(), sup.optimizer(), sup.semi(), sup.budget(), sup.seed()));
    }

    @Test
    void theComputeControlIsTheBaselineWithTwiceTheSteps() {
        Recipe sup = Recipe.load("cifar10-a2-supervised"), longer = Recipe.load("cifar10-a2-supervised-long");
        assertEquals(new Recipe.Budget(2 * sup.budget().epochs(), sup.budget().stepsPerEpoch()), longer.budget());
        assertEquals(longer, new Recipe(longer.name(), longer.version(), longer.description(), sup.data(), sup.augment(),
                sup.model(), sup.optimizer(), sup.semi(), longer.budget(), sup.seed()));
    }

    @Test
    void theMu3FixMatchRecipesAreTheFusedBaselinePlusFixMatchWithItsExactLossAndDifferOnlyInThreshold() {
        Recipe sup = Recipe.load("cifar10-a2-supervised-fused"), a = Recipe.load("cifar10-a2-fixmatch-mu3"),
                b = Recipe.load("cifar10-a2-fixmatch-mu3-t080"), mu1 = Recipe.load("cifar10-a2-semisupervised");
        SemiSupervised s = mu1.semi();
        assertEquals(a, new Recipe(a.name(), a.version(), a.description(), sup.data(), sup.augment(), sup.model(),
                sup.optimizer(), new SemiSupervised(s.method(), s.startEpoch(), s.refreshEvery(), 0.95,
                        s.unlabeledFraction(), 3 * sup.optimizer().batchSize(), s.strongAugment(), null, 1.0),
                sup.budget(), sup.seed()), "the mu = 1 FixMatch settings, 3 unlabeled per labeled, exact loss");
        assertEquals(b, new Recipe(b.name(), b.version(), b.description(), a.data(), a.augment(), a.model(),
                a.optimizer(), new SemiSupervised(s.method(), s.startEpoch(), s.refreshEvery(), 0.8,
                        s.unlabeledFraction(), a.semi().unlabeledBatch(), s.strongAugment(), null, 1.0),
                a.budget(), a.seed()));
        assertTrue(a.semi().weightsRows());
        assertFalse(mu1.semi().weightsRows(), "a recipe without the field keeps one mean over the rows");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "no teacher               | semi.teacher          | null             | semi.teacher",
            "no teacher models        | semi.teacher.models   | []               | semi.teacher.models",
            "empty pool               | semi.teacher.perClass | 0                | semi.teacher.perClass",
            "no strong augmentation   | semi.strongAugment    | null             | semi.strongAugment",
            "fixmatch with a teacher  | semi.method           | \"fixmatch\"     | semi.teacher",
    })
    void anInvalidNoisyStudentRecipeIsRefusedNamingTheField(String what, String path, String value, String field)
            throws Exception {
        ObjectNode root = (ObjectNode) JSON.readTree(Recipe.load("cifar10-a2-noisy-student").toJson());
        ObjectNode semi = (ObjectNode) root.get("semi");
        semi.put("threshold", 0.8).put("startEpoch", 5); // so that only the field under test is wrong for fixmatch
        assertRefusedNaming(root, path, value, field, what);
    }

    // ---- refusals ----

    static final ObjectMapper JSON = new ObjectMapper();

    static InvalidInputException refused(String json) {
        return assertThrows(InvalidInputException.class, () -> Recipe.parse(json, "test.json"));
    }

    /** The shipped semi-supervised recipe as a JSON tree, to break one field at a time. */
    static ObjectNode valid() throws Exception {
        return (ObjectNode) JSON.readTree(Recipe.load("cifar10-a2-semisupervised").toJson());
    }

    /** The object that holds the last segment of a dotted path, and that segment. */
    static ObjectNode parentOf(ObjectNode root, String path) {
        String[] parts = path.split("\\.");
        ObjectNode node = root;
        for (int i = 0; i < parts.length - 1; i++) {
            node = (ObjectNode) node.get(parts[i]);
        }
        return node;
    }

    static String last(String path) {
        return path.substring(path.lastIndexOf('.') + 1);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "unknown field            | seeed                 | 1                | seeed",
            "unknown nested field     | model.dropOut         | 0.5              | dropOut",
            "negative batch size      | optimizer.batchSize   | -64              | optimizer.batchSize",
            "dropout 1.0              | model.dropout         | 1.0              | model.dropout",
            "warm-up as long as run   | optimizer.warmupEpochs| 120              | optimizer.warmupEpochs",
            "semi starts at the end   | semi.startEpoch       | 120              | semi.startEpoch",
            "bad method name          | semi.method           | \"selftraining\" | semi.method",
            "bad recipe name          | name                  | \"Has Spaces\"   | name",
            "input size too small     | data.inputSize        | 4                | data.inputSize",
            "negative cutout          | augment.cutout        | -1               | augment.cutout",
            "zero epochs              | budget.epochs         | 0                | budget.epochs",
            "threshold 1              | semi.threshold        | 1.0              | semi.threshold",
            "text for a number        | optimizer.batchSize   | \"sixty-four\"   | optimizer.batchSize",
            "text in a list           | model.widths          | [32, \"x\"]      | model.widths[1]",
            "zero unlabeled weight    | semi.unlabeledWeight  | 0                | semi.unlabeledWeight",
            "negative unlabeled weight| semi.unlabeledWeight  | -1.0             | semi.unlabeledWeight",
            "RandAugment ops too many | augment.randAugmentOps| 9                | augment.randAugmentOps",
            "RandAugment ops negative | augment.randAugmentOps| -1               | augment.randAugmentOps",
    })
    void anInvalidRecipeIsRefusedNamingTheField(String what, String path, String value, String field) throws Exception {
        assertRefusedNaming(valid(), path, value, field, what);
    }

    /** Sets the field at {@code path} of {@code root} to {@code value}: the recipe is refused, naming {@code field}. */
    static void assertRefusedNaming(ObjectNode root, String path, String value, String field, String what) throws Exception {
        parentOf(root, path).set(last(path), JSON.readTree(value));
        InvalidInputException e = refused(JSON.writeValueAsString(root));
        assertTrue(e.getMessage().contains("test.json") && e.getMessage().contains(field), what + ": " + e.getMessage());
    }

    @ParameterizedTest
    @CsvSource({"seed", "data", "optimizer.batchSize", "semi.refreshEvery", "model.widths"})
    void aMissingFieldIsRefusedByName(String path) throws Exception {
        ObjectNode root = valid();
        parentOf(root, path).remove(last(path));
        InvalidInputException e = refused(JSON.writeValueAsString(root));
        assertTrue(e.getMessage().contains("'" + last(path) + "'"), e.getMessage());
    }

    @Test
    void notJsonAtAllIsRefusedWithItsOrigin() {
        InvalidInputException e = refused("{ \"name\": ");
        assertTrue(e.getMessage().contains("test.json"), e.getMessage());
    }

    @Test
    void anUnknownBuiltInNameListsTheBuiltIns() {
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> Recipe.load("cifar10-a2-supervisd"));
        assertTrue(e.getMessage().contains("cifar10-a2-supervisd"), e.getMessage());
        for (String name : Recipe.builtIn()) {
            assertTrue(e.getMessage().contains(name), name + " missing from: " + e.getMessage());
        }
    }
}
