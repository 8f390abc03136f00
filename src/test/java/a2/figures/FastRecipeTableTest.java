package a2.figures;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import a2.recipe.Recipe;
import java.util.List;
import org.junit.jupiter.api.Test;

class FastRecipeTableTest {
    @Test
    void aStudentsControlHasItsSeedNetworkAndAugmentationNotJustItsSeed() {
        Recipe student = Recipe.load("cifar10-a2-airbench-student");
        assertTrue(FastRecipeTable.controls(Recipe.load("cifar10-a2-airbench-supervised"), student));
        assertFalse(FastRecipeTable.controls(Recipe.load("cifar10-a2-airbench-supervised-s2"), student), "another seed");
        assertFalse(FastRecipeTable.controls(Recipe.load("cifar10-a2-airbench-aug-supervised"), student),
                "the same seed and network, other augmentation");
        assertFalse(FastRecipeTable.controls(Recipe.load("cifar10-a2-airbench-student-s2"), Recipe.load("cifar10-a2-airbench-student-s2")),
                "a student is nobody's control");
        assertFalse(FastRecipeTable.controls(Recipe.load("cifar10-a2-airbench-supervised-b64"), student),
                "the same seed, network and augmentation, other steps (1,890 against 768 + 960)");
    }

    /** FixMatch's runs pair with the control of their steps and label smoothing, not with the teacher pair's. */
    @Test
    void aFixMatchRunsControlHasItsStepsAndItsLabelSmoothing() {
        Recipe fixmatch = Recipe.load("cifar10-a2-airbench-fixmatch"), t095 = Recipe.load("cifar10-a2-airbench-fixmatch-t095");
        assertEquals(1_890, FastRecipeTable.plannedSteps(fixmatch));
        assertEquals(768 + 960, FastRecipeTable.plannedSteps(Recipe.load("cifar10-a2-airbench-student")));
        assertTrue(FastRecipeTable.controls(Recipe.load("cifar10-a2-airbench-supervised-b64"), fixmatch));
        assertFalse(FastRecipeTable.controls(Recipe.load("cifar10-a2-airbench-supervised"), fixmatch), "other steps");
        assertTrue(FastRecipeTable.controls(Recipe.load("cifar10-a2-airbench-supervised-b64-ls0"), t095));
        assertFalse(FastRecipeTable.controls(Recipe.load("cifar10-a2-airbench-supervised-b64"), t095), "label smoothing 0.2 against 0");
    }

    @Test
    void theMacrosDescribeTheShippedStudentWithItsOwnControlAndTeacher() {
        var other = new FastRecipeTable.Row("cifar10-a2-airbench-zz-student", FastRecipeTable.STUDENT, 1008, 10, 1, 0.9, 0.9,
                1, 1, null, "zz-control", "zz-teacher");
        var shipped = new FastRecipeTable.Row("cifar10-a2-airbench-student", FastRecipeTable.STUDENT, 1008, 10, 1, 0.776, 0.768,
                10, 10, null, "cifar10-a2-airbench-supervised", "cifar10-a2-airbench-teacher");
        var control = new FastRecipeTable.Row("cifar10-a2-airbench-supervised", FastRecipeTable.CONTROL, 1008, 10, 1, 0.762,
                0.752, 45, 54, null, null, null);
        var zzControl = new FastRecipeTable.Row("zz-control", FastRecipeTable.CONTROL, 1008, 10, 1, 0.5, 0.5, 1, 1, null, null, null);
        var teacher = new FastRecipeTable.Row("cifar10-a2-airbench-teacher", FastRecipeTable.TEACHER, 1008, 10, 1, 0.756,
                0.738, 18, 24, null, null, null);
        Latex.Macros m = new Latex.Macros();
        FastRecipeTable.macros(List.of(other, shipped, zzControl, control, teacher), m);
        assertEquals(Latex.percent(0.776), m.values().get("FastStudentValAcc"));
        assertEquals(Latex.percent(0.762), m.values().get("FastControlValAcc"));
        assertEquals(Latex.percent(0.756), m.values().get("FastTeacherValAcc"));
    }
}
