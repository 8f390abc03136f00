package a2.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import a2.model.ModelFile;
import a2.recipe.Recipe;
import a2.testing.ChildJvm;
import a2.testing.ImageFolderFixture;
import a2.train.RunLock;
import a2.train.RunState;
import a2.train.TinyRecipes;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * One run folder, one training process: {@code train --threads 2} under {@code OMP_NUM_THREADS=1} relaunches, and
 * the relaunched JVM, the one that trains, holds the folder's lock; a second {@code train} of the folder exits 2
 * naming it; after a {@code kill -9} of the trainer the OS has released the lock and {@code --resume} continues.
 */
@Tag("slow")
class TrainLockTest {
    @TempDir
    Path tmp;

    @Test
    void aSecondTrainIsRefusedNamingTheHolderAndResumeWorksAfterAKill() throws Exception {
        Path data = ImageFolderFixture.write(tmp.resolve("tiny"), 8, 24, 6, 8, 3);
        Recipe base = TinyRecipes.semi("tiny", 17, 2);
        // Far more epochs than the test lets it run: the first run must still be training when the second starts.
        Recipe r = new Recipe(base.name(), base.version(), base.description(), base.data(), base.augment(), base.model(),
                base.optimizer(), base.semi(), new Recipe.Budget(5000, 12), base.seed());
        Path recipeFile = tmp.resolve("tiny.json");
        Files.writeString(recipeFile, r.toJson());
        Path run = tmp.resolve("run");
        List<String> train = List.of("train", "--recipe", recipeFile.toString(), "--data", data.toString(), "--run",
                run.toString(), "--threads", "2");
        Map<String, String> env = Map.of("OMP_NUM_THREADS", "1"); // != 2: the relaunch happens

        Process first = ChildJvm.start(tmp.resolve("first.log"), env, train.toArray(String[]::new));
        ProcessHandle trainer = awaitTraining(first, run, tmp.resolve("first.log"));
        assertEquals(trainer.pid() + "\n", Files.readString(run.resolve(RunLock.FILE)), "the relaunched JVM holds it");
        String commands = Files.readString(run.resolve("command.txt"));

        Process second = ChildJvm.start(tmp.resolve("second.log"), env, train.toArray(String[]::new));
        assertTrue(second.waitFor(120, TimeUnit.SECONDS));
        String said = Files.readString(tmp.resolve("second.log"));
        assertEquals(ExitCode.INVALID_INPUT, second.exitValue(), said);
        assertTrue(said.contains("process " + trainer.pid() + " is training in it") && said.contains(run.toString()), said);
        assertTrue(first.isAlive() && trainer.isAlive(), "the first run trains on");
        assertEquals(commands, Files.readString(run.resolve("command.txt")), "the refused run wrote nothing");

        trainer.destroyForcibly(); // kill -9 of the process that trains: no hook, no release but the OS's
        assertTrue(first.waitFor(30, TimeUnit.SECONDS), "the user's JVM ends with its child");
        long stepsAtKill = state(run).globalStep();

        List<String> resume = new ArrayList<>(train);
        resume.addAll(List.of("--resume", "--stop-after-steps", String.valueOf(stepsAtKill + 24)));
        Process third = ChildJvm.start(tmp.resolve("third.log"), env, resume.toArray(String[]::new));
        assertTrue(third.waitFor(300, TimeUnit.SECONDS));
        String resumed = Files.readString(tmp.resolve("third.log"));
        assertEquals(ExitCode.OK, third.exitValue(), resumed);
        assertTrue(resumed.contains("stopped after"), resumed);
        assertTrue(state(run).globalStep() >= stepsAtKill + 24, "resumed and trained on: " + state(run));
        assertEquals("", Files.readString(run.resolve(RunLock.FILE)), "released at the end");
    }

    /** The relaunched JVM, once it holds the lock and has logged an epoch. */
    static ProcessHandle awaitTraining(Process parent, Path run, Path log) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(180);
        while (System.nanoTime() < deadline && parent.isAlive()) {
            List<ProcessHandle> children = parent.toHandle().children().toList();
            Path epochs = run.resolve("log.csv");
            if (children.size() == 1 && Files.exists(epochs) && Files.readAllLines(epochs).size() >= 2) {
                return children.get(0);
            }
            Thread.sleep(50);
        }
        throw new AssertionError("no relaunched run training: " + Files.readString(log));
    }

    static RunState state(Path run) throws Exception {
        return ModelFile.JSON.readValue(run.resolve("state.json").toFile(), RunState.class);
    }
}
