package a2.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import a2.backend.Backend;
import a2.data.DataLocator;
import a2.data.Dataset;
import a2.data.Split;
import a2.io.Hashes;
import a2.predict.ModelPin;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The committed final models reproduce the validation accuracy recorded in their files when reloaded, on the
 * validation split they name, and the pin names the semi-supervised one with its real hash.
 */
@Tag("slow")
class CommittedModelsTest {
    static final Path FINAL = Path.of("checkpoints", "final");

    static List<Path> models() throws Exception {
        try (Stream<Path> s = Files.walk(FINAL)) {
            return s.filter(p -> p.getFileName().toString().equals("model.a2model")).sorted().toList();
        }
    }

    @Test
    void committedModelsReproduceTheirValidationAccuracy() throws Exception {
        List<Path> models = models();
        assertFalse(models.isEmpty(), "no model.a2model under " + FINAL.toAbsolutePath());
        Backend.start(1);
        DataLocator locator = DataLocator.fromEnvironment();
        for (Path m : models) {
            ModelFile.Loaded loaded = ModelFile.load(m, false);
            ModelCard card = loaded.card();
            Dataset ds = locator.open(locator.locate(Optional.empty(), card.dataset()));
            Split split = Split.stratified(ds.trainLabels(), ds.numClasses(), card.recipe().data().validationPerClass(),
                    card.recipe().data().splitSeed());
            assertEquals(card.splitFingerprint(), split.fingerprint(), m + " names another validation split");
            float[][] probs = Inference.probabilities(loaded, ds.train(), split.validation(), n -> {}); // with its test views
            int[] labels = java.util.Arrays.stream(split.validation()).map(i -> ds.trainLabels()[i]).toArray();
            assertEquals(card.validationAccuracy(), Inference.accuracy(probs, labels), 1e-12, m.toString());
            assertTrue(Files.exists(m.resolveSibling("log.csv")), "training log beside " + m);
            assertTrue(Files.exists(m.resolveSibling("provenance.json")), "provenance beside " + m);
        }
    }

    @Test
    void thePinNamesACommittedModelWithItsHash() {
        ModelPin pin = ModelPin.read(Path.of("result", "model.json"));
        Path model = Path.of(pin.location());
        assertTrue(model.startsWith(FINAL), "the pin points into " + FINAL + ": " + pin.location());
        assertEquals(Hashes.sha256(model), pin.sha256());
        assertEquals(pin.dataset(), ModelFile.readCard(model).dataset());
        pin.check(model, ModelFile.readCard(model)); // size, dataset and class count, exactly
    }
}
