package a2.train;

import static org.junit.jupiter.api.Assertions.assertEquals;

import a2.backend.Backend;
import a2.backend.BackendInfo;
import a2.data.Dataset;
import a2.data.ImageFolderSource;
import a2.model.ModelFile;
import a2.recipe.Recipe;
import a2.recipe.Teacher;
import a2.testing.ImageFolderFixture;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.io.TempDir;

/**
 * Guards refactorings of the training code: a tiny recipe of each method trained for 30 steps (10 epochs of 3) on
 * one thread ends with weights whose SHA-256 was recorded before the trainer and the recipe were split into smaller
 * classes (on the oneDNN/AVX-512 build; the oneDNN/AVX2 build gives the same five hashes, checked at commit 586b737).
 * A change that moves code without changing what it computes keeps every hash; one that changes a single
 * draw, batch or rounding does not.
 */
class TrainingDeterminismHashTest {
    /** The native builds the hashes were checked on; the others may round differently. */
    static final java.util.Set<String> RECORDED_ON = java.util.Set.of("linux-x86_64-onednn-avx512", "linux-x86_64-onednn-avx2");
    static final int EPOCHS = 10;

    @TempDir
    static Path tmp;
    static Dataset data;
    static BackendInfo backend;

    @BeforeAll
    static void data() throws Exception {
        backend = Backend.start(1);
        data = ImageFolderSource.decode(ImageFolderFixture.write(tmp.resolve("tiny"), 8, 24, 6, 8, 3));
    }

    static Recipe recipe(String method) throws Exception {
        return switch (method) {
            case "supervised" -> TinyRecipes.supervised("tiny-supervised", "tiny", 1, EPOCHS, 7);
            case "self-training" -> TinyRecipes.semi("tiny", 1, EPOCHS);
            case "fixmatch" -> TinyRecipes.fixMatch("tiny", 1, EPOCHS);
            case "flexmatch" -> TinyRecipes.flexMatch("tiny", 1, EPOCHS);
            case "noisy-student" -> TinyRecipes.noisyStudent("tiny", 1, EPOCHS,
                    Teacher.single("tiny-teacher", a2.io.Hashes.sha256(teacher()), 3));
            default -> throw new IllegalArgumentException(method);
        };
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({
            "supervised,    b24b209812763da0b2a35967ef08e818fd52f7b3d7d15188dd480a75e49ab7d8",
            "self-training, c4fe5bc93b2039098274843aea18a0c5b29d4952c2e145391e5541bc3a6fa7c8",
            "fixmatch,      4df8c836a4665c1e4bc8cf06a24a2ebc8df000a95fa5edb3603fedc4883fc5e9",
            "flexmatch,     45136cd70e1396524e622fc907e640ba0111ff5647ff80d7b304bb05657d63c3",
            "noisy-student, 024cd622db3ce52c867f2d484cdcdfb075d38e42cb4af50ad8734165a404f919"})
    void thirtyStepsOfATinyRecipeEndWithTheRecordedWeights(String method, String sha256) throws Exception {
        Assumptions.assumeTrue(RECORDED_ON.contains(backend.nativeBuild()) && backend.oneDnn(),
                "hashes recorded on " + RECORDED_ON + ", this is " + backend.nativeBuild());
        Path run = tmp.resolve(method);
        Trainer.Result result = new Trainer(Trainer.Config.of(recipe(method), data, run, tmp, backend, List.of("test")))
                .run();
        assertEquals(EPOCHS, result.epochsDone());
        RunState s = ModelFile.JSON.readValue(run.resolve("state.json").toFile(), RunState.class);
        assertEquals(3L * EPOCHS, s.globalStep());
        float[] params = ModelFile.load(run.resolve(s.checkpoint()), true).network().params().dup().toFloatVector();
        assertEquals(sha256, sha256(params), method + ": the weights after " + s.globalStep() + " steps");
    }

    /** A tiny supervised model of 2 epochs, where a recipe's teacher is looked up ({@code checkpoints/final}). */
    static Path teacher() throws Exception {
        Path run = tmp.resolve("teacher-run"), file = tmp.resolve("checkpoints/final/tiny-teacher/model.a2model");
        new Trainer(Trainer.Config.of(TinyRecipes.supervised("tiny-teacher", "tiny", 4, 2, 7), data, run, tmp, backend,
                List.of("test"))).run();
        java.nio.file.Files.createDirectories(file.getParent());
        java.nio.file.Files.copy(run.resolve("best.a2model"), file);
        return file;
    }

    static String sha256(float[] values) throws Exception {
        ByteBuffer b = ByteBuffer.allocate(4 * values.length).order(ByteOrder.LITTLE_ENDIAN);
        b.asFloatBuffer().put(values);
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(b.array()));
    }
}
