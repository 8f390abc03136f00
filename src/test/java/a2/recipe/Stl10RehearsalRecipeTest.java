package a2.recipe;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** {@code stl10-rehearsal} is the STL-10 recipe on a smaller budget, and nothing else. */
class Stl10RehearsalRecipeTest {
    @Test
    void itKeepsTheStl10NetworkInputAndSemiSupervisedSettings() {
        Recipe full = Recipe.load("stl10-semisupervised"), rehearsal = Recipe.load("stl10-rehearsal");
        assertEquals(full.data(), rehearsal.data());
        assertEquals(full.model(), rehearsal.model());
        assertEquals(full.augment(), rehearsal.augment());
        assertEquals(full.semi().method(), rehearsal.semi().method());
        assertEquals(full.semi().threshold(), rehearsal.semi().threshold());
        assertEquals(full.semi().unlabeledBatch(), rehearsal.semi().unlabeledBatch());
        assertEquals(full.semi().strongAugment(), rehearsal.semi().strongAugment());
        assertEquals(full.optimizer().batchSize(), rehearsal.optimizer().batchSize());
        assertEquals(full.budget().stepsPerEpoch(), rehearsal.budget().stepsPerEpoch());
        // A fifteenth of the epochs, the unlabeled images in all but the first.
        assertTrue(rehearsal.budget().epochs() * 10 < full.budget().epochs(), rehearsal.budget().toString());
        assertEquals(1, rehearsal.semi().startEpoch());
    }
}
