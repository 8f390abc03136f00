package a2.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import a2.backend.Backend;
import a2.data.ImageFolderSource;
import a2.model.ModelFile;
import a2.recipe.Recipe;
import a2.testing.ChildJvm;
import a2.testing.ImageFolderFixture;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code kill -9} during training, then {@code train --resume}: the run ends with the uninterrupted weights. */
@Tag("slow")
class KillResumeTest {
    @TempDir
    Path tmp;

    @Test
    void aKilledRunResumesToTheUninterruptedWeights() throws Exception {
        var backend = Backend.start(1);
        Path data = ImageFolderFixture.write(tmp.resolve("tiny"), 8, 24, 6, 8, 3);
        Recipe base = TinyRecipes.semi("tiny", 17, 2);
        Recipe r = new Recipe(base.name(), base.version(), base.description(), base.data(), base.augment(), base.model(),
                base.optimizer(), base.semi(), new Recipe.Budget(25, 12), base.seed());
        Path recipeFile = tmp.resolve("tiny.json");
        Files.writeString(recipeFile, r.toJson());

        Path killed = tmp.resolve("killed");
        Process child = ChildJvm.start(tmp.resolve("child.log"), Map.of("OMP_NUM_THREADS", "1"), "train", "--recipe",
                recipeFile.toString(), "--data", data.toString(), "--run", killed.toString(), "--threads", "1");
        Path log = killed.resolve("log.csv");
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (System.nanoTime() < deadline && child.isAlive() && EpochLog.read(log).size() < 2) {
            Thread.sleep(20);
        }
        assertTrue(child.isAlive(), "the child must still be training when killed: " + Files.readString(tmp.resolve("child.log")));
        child.destroyForcibly().waitFor(); // SIGKILL: no shutdown hook, no last checkpoint
        int epochsLogged = EpochLog.read(log).size();
        assertTrue(epochsLogged >= 2 && epochsLogged < 25, "killed after " + epochsLogged + " epochs");

        var ds = ImageFolderSource.decode(data);
        Trainer.Result resumed = new Trainer(Trainer.Config.of(r, ds, killed, tmp, backend, List.of("resume"))
                .withResume(true)).run();
        assertTrue(resumed.finished());
        Trainer.Result straight = new Trainer(Trainer.Config.of(r, ds, tmp.resolve("straight"), tmp, backend,
                List.of("straight"))).run();
        assertTrue(straight.finished());
        assertArrayEquals(TrainerTest.finalParams(tmp.resolve("straight")), TrainerTest.finalParams(killed));
        assertArrayEquals(ModelFile.load(straight.model(), false).network().params().toFloatVector(),
                ModelFile.load(resumed.model(), false).network().params().toFloatVector());
    }
}
