package a2.predict;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import a2.backend.Backend;
import a2.data.ImageFolderSource;
import a2.testing.ChildJvm;
import a2.testing.ImageFolderFixture;
import a2.train.TinyRecipes;
import a2.train.Trainer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.io.TempDir;

/**
 * Predictions do not depend on the thread count the JVM was started with: OpenMP fixes it at load, so two child
 * JVMs started with OMP_NUM_THREADS=1 and =2 must write byte-identical files (prediction runs on one thread).
 */
@Tag("slow")
class ThreadDeterminismTest {
    @TempDir
    Path tmp;

    @org.junit.jupiter.params.ParameterizedTest(name = "airbench with mirror views: {0}")
    @org.junit.jupiter.params.provider.ValueSource(booleans = {false, true})
    void predictionsAreByteIdenticalWhateverTheThreadSetting(boolean airbench) throws Exception {
        var backend = Backend.start(1);
        Path data = ImageFolderFixture.write(tmp.resolve("tiny"), 8, 16, 40, 16, 21);
        var ds = ImageFolderSource.decode(data);
        var recipe = airbench ? TinyRecipes.airbench("tiny-ab", "tiny", 4, 2) : TinyRecipes.semi("tiny", 4, 2);
        Path model = new Trainer(Trainer.Config.of(recipe, ds, tmp.resolve("run"), tmp, backend, List.of("t"))).run().model();
        byte[][] outputs = new byte[2][];
        for (int threads = 1; threads <= 2; threads++) {
            Path out = tmp.resolve("t" + threads + "/predictions.csv");
            Process p = ChildJvm.start(tmp.resolve("t" + threads + ".log"), Map.of("OMP_NUM_THREADS", String.valueOf(threads)),
                    "predict", "--model", model.toString(), "--data", data.toString(), "--out", out.toString());
            int code = p.waitFor();
            String log = Files.readString(tmp.resolve("t" + threads + ".log"));
            assertEquals(0, code, log);
            assertTrue(log.contains("1 thread,"), "prediction runs on one thread: " + log);
            outputs[threads - 1] = Files.readAllBytes(out);
        }
        assertArrayEquals(outputs[0], outputs[1]);
        assertEquals(41, new String(outputs[0]).lines().count());
    }
}
