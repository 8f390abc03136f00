package a2.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import a2.recipe.Recipe;
import a2.recipe.RecipeCatalog;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@code train --list}: every recipe with its one-line description, the shipped ones first; no recipe is a usage error. */
class TrainCommandListTest {
    @Test
    void listPrintsEveryRecipeOnceWithItsSummaryShippedOnesFirst() {
        CommandRun run = CommandRun.of(new TrainCommand(), "--list");
        assertEquals(ExitCode.OK, run.exitCode(), run.err());
        List<String> lines = run.out().lines().toList();
        List<String> all = Recipe.builtIn();
        assertEquals(all.size() + 2, lines.size(), "a heading for each kind and one line per recipe:\n" + run.out());
        assertTrue(lines.get(0).startsWith("shipped"), lines.get(0));
        assertTrue(lines.get(RecipeCatalog.SHIPPED.size() + 1).startsWith("experiments"), run.out());
        List<String> rows = lines.stream().filter(l -> l.startsWith("  ")).toList();
        for (int i = 0; i < all.size(); i++) {
            String name = all.get(i), row = rows.get(i).strip();
            assertTrue(row.startsWith(name + " "), "row " + i + " names " + name + ": " + row);
            assertTrue(row.endsWith(RecipeCatalog.summary(Recipe.load(name))), row);
        }
        assertEquals(RecipeCatalog.SHIPPED, all.subList(0, RecipeCatalog.SHIPPED.size()));
    }

    @Test
    void neitherARecipeNorListIsAUsageError() {
        CommandRun run = CommandRun.of(new TrainCommand());
        assertEquals(ExitCode.INVALID_INPUT, run.exitCode());
        assertTrue(run.err().contains("--recipe"), run.err());
    }

    @Test
    void anUnknownRecipeNameIsInvalidInputNamingTheBuiltIns() {
        CommandRun run = CommandRun.of(new TrainCommand(), "--recipe", "cifar10-a2-no-such-recipe");
        assertEquals(ExitCode.INVALID_INPUT, run.exitCode());
        assertTrue(run.err().contains("cifar10-a2-no-such-recipe") && run.err().contains("cifar10-a2-fixmatch-ra-e300"),
                run.err());
    }
}
