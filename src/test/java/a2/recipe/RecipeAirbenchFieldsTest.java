package a2.recipe;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/** The fields airbench's recipes added: their defaults for older recipes, their checks, the shipped airbench recipes. */
class RecipeAirbenchFieldsTest {
    @Test
    void aRecipeWrittenBeforeTheFieldsReadsAsTheVggNetworkWithWarmupCosineAndTheBestEpoch() throws Exception {
        ObjectNode old = RecipeTest.valid();
        ((ObjectNode) old.get("model")).remove(java.util.List.of("architecture", "testViews", "activation"));
        ((ObjectNode) old.get("optimizer")).remove(java.util.List.of("schedule", "labelSmoothing", "shiftRateScale", "lookahead"));
        ((ObjectNode) old.get("budget")).remove("keep");
        Recipe r = Recipe.parse(RecipeTest.JSON.writeValueAsString(old), "old.json");
        assertEquals(Recipe.load("cifar10-a2-semisupervised"), r);
        assertEquals(Recipe.Model.VGG, r.model().architecture());
        assertEquals("none", r.model().testViews());
        assertEquals(Recipe.Model.RELU, r.model().activation());
        assertEquals(new Recipe.Optimizer(0.05, 0.9, 5e-4, 64, 2), r.optimizer());
        assertFalse(r.budget().keepsFinal());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "unknown architecture     | model.architecture       | \"resnet\"   | model.architecture",
            "unknown test views       | model.testViews          | \"six\"      | model.testViews",
            "unknown schedule         | optimizer.schedule       | \"step\"     | optimizer.schedule",
            "smoothing 1              | optimizer.labelSmoothing | 1.0          | optimizer.labelSmoothing",
            "shift rate for VGG       | optimizer.shiftRateScale | 64           | optimizer.shiftRateScale",
            "unknown keep             | budget.keep              | \"last\"     | budget.keep",
    })
    void anInvalidAirbenchFieldIsRefusedNamingIt(String what, String path, String value, String field) throws Exception {
        RecipeTest.assertRefusedNaming(RecipeTest.valid(), path, value, field, what);
    }

    /** The airbench recipes written before the activation field read as ND4J's GELU, the one their models ran. */
    @Test
    void anAirbenchRecipeWithoutTheActivationReadsAsNd4jsGeluAndTheActivationMustFitTheNetwork() throws Exception {
        ObjectNode teacher = (ObjectNode) RecipeTest.JSON.readTree(Recipe.load("cifar10-a2-airbench-teacher").toJson());
        ((ObjectNode) teacher.get("model")).remove("activation");
        assertEquals(Recipe.Model.GELU_ND4J, Recipe.parse(RecipeTest.JSON.writeValueAsString(teacher), "old.json").model().activation());
        RecipeTest.assertRefusedNaming(teacher.deepCopy(), "model.activation", "\"relu\"", "model.activation", "ReLU on airbench");
        RecipeTest.assertRefusedNaming(RecipeTest.valid(), "model.activation", "\"gelu\"", "model.activation", "GELU on vgg");
        ((ObjectNode) teacher.get("model")).put("activation", Recipe.Model.GELU);
        assertEquals(Recipe.Model.GELU, Recipe.parse(RecipeTest.JSON.writeValueAsString(teacher), "new.json").model().activation());
    }

    @Test
    void theTriangleHasNoSeparateWarmupAndAirbenchHasNoDropout() throws Exception {
        ObjectNode teacher = (ObjectNode) RecipeTest.JSON.readTree(Recipe.load("cifar10-a2-airbench-teacher").toJson());
        RecipeTest.assertRefusedNaming(teacher.deepCopy(), "optimizer.warmupEpochs", "2", "optimizer.warmupEpochs", "warm-up");
        RecipeTest.assertRefusedNaming(teacher.deepCopy(), "model.dropout", "0.3", "model.dropout", "dropout");
        RecipeTest.assertRefusedNaming(teacher.deepCopy(), "model.convsPerStage", "3", "model.convsPerStage", "convs");
    }

    /** airbench94's hyperparameters in the project's terms: the derivations the recipes' descriptions state. */
    @Test
    void theAirbenchRecipesCarryAirbench94sHyperparametersScaledToTheirBatch() {
        double perImage = 11.5 / (1024 * (1 + 1 / (1 - 0.85)));
        for (String name : new String[] {"cifar10-a2-airbench-teacher", "cifar10-a2-airbench-supervised",
                "cifar10-a2-airbench-teacher-s2", "cifar10-a2-airbench-supervised-s2"}) {
            Recipe r = Recipe.load(name);
            Recipe.Optimizer o = r.optimizer();
            assertEquals(perImage * o.batchSize(), o.learningRate(), 1e-5, name);
            assertEquals(0.0153 / 11.5, o.weightDecay(), 1e-6, name);
            assertEquals(0.85, o.momentum());
            assertEquals(0.2, o.labelSmoothing());
            assertEquals(64, o.shiftRateScale());
            assertTrue(o.lookahead() && o.triangle() && r.budget().keepsFinal() && r.model().airbench(), name);
            assertEquals("mirror", r.model().testViews());
        }
        Recipe teacher = Recipe.load("cifar10-a2-airbench-teacher"), control = Recipe.load("cifar10-a2-airbench-supervised");
        assertEquals(new Recipe(teacher.name(), 1, teacher.description(), control.data(), control.augment(), control.model(),
                control.optimizer(), control.semi(), teacher.budget(), control.seed()), teacher, "the control differs in budget only");
        assertEquals(teacher.seed(), Recipe.load("cifar10-a2-airbench-supervised").seed());
        assertEquals(Recipe.load("cifar10-a2-airbench-teacher-s2").seed(), Recipe.load("cifar10-a2-airbench-supervised-s2").seed());
        assertFalse(teacher.seed() == Recipe.load("cifar10-a2-airbench-teacher-s2").seed());
    }

    @Test
    void everyTestViewsNameARecipeAcceptsIsOneThatPredictionsKnow() {
        assertEquals(List.of(1, 2, 6), Recipe.Model.TEST_VIEWS.stream()
                .map(n -> a2.model.TestTimeAugmentation.named(n).views().size()).toList());
        assertTrue(a2.model.TestTimeAugmentation.named("none").plain());
        assertFalse(a2.model.TestTimeAugmentation.named("mirror").plain());
    }
}
