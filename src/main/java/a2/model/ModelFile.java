package a2.model;

import a2.io.AtomicFiles;
import a2.io.InvalidInputException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.util.ModelSerializer;

/**
 * The model file ({@code *.a2model}): a zip holding {@code card.json} ({@link ModelCard}) and {@code network.zip}
 * (DL4J's own format: configuration, parameters and, for checkpoints, the updater state). One file, so model and
 * preprocessing can never be separated.
 */
public final class ModelFile {
    static final String CARD = "card.json";
    static final String NETWORK = "network.zip";
    public static final ObjectMapper JSON = new ObjectMapper()
            .enable(SerializationFeature.INDENT_OUTPUT)
            .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    private ModelFile() {}

    /** A loaded model. */
    public record Loaded(ModelCard card, MultiLayerNetwork network) {}

    public static void save(Path target, ModelCard card, MultiLayerNetwork net, boolean withUpdater) {
        try {
            ByteArrayOutputStream netBytes = new ByteArrayOutputStream();
            ModelSerializer.writeModel(net, netBytes, withUpdater);
            byte[] cardBytes = JSON.writeValueAsBytes(card);
            AtomicFiles.write(target, out -> {
                ZipOutputStream zip = new ZipOutputStream(out);
                put(zip, CARD, cardBytes);
                put(zip, NETWORK, netBytes.toByteArray());
                zip.finish();
            });
        } catch (IOException e) {
            throw new UncheckedIOException("could not write model " + target + ": " + e.getMessage(), e);
        }
    }

    private static void put(ZipOutputStream zip, String name, byte[] bytes) throws IOException {
        ZipEntry e = new ZipEntry(name);
        e.setTime(0L); // fixed time: the container adds no bytes that vary between saves
        zip.putNextEntry(e);
        zip.write(bytes);
        zip.closeEntry();
    }

    public static ModelCard readCard(Path file) {
        return JSON.convertValue(read(file, false).cardJson, ModelCard.class);
    }

    public static Loaded load(Path file, boolean withUpdater) {
        Raw raw = read(file, true);
        try {
            ModelCard card = JSON.treeToValue(raw.cardJson, ModelCard.class);
            if (card.format() != ModelCard.FORMAT) {
                throw new InvalidInputException(file + ": model format " + card.format() + ", this version reads " + ModelCard.FORMAT);
            }
            MultiLayerNetwork net = ModelSerializer.restoreMultiLayerNetwork(new ByteArrayInputStream(raw.network), withUpdater);
            return new Loaded(card, net);
        } catch (IOException e) {
            throw new InvalidInputException(file + " is not a valid model file: " + e.getMessage(), e);
        }
    }

    private record Raw(com.fasterxml.jackson.databind.JsonNode cardJson, byte[] network) {}

    private static Raw read(Path file, boolean needNetwork) {
        if (!Files.isRegularFile(file)) {
            throw new InvalidInputException("model file " + file + " does not exist");
        }
        com.fasterxml.jackson.databind.JsonNode card = null;
        byte[] network = null;
        try (InputStream in = Files.newInputStream(file); ZipInputStream zip = new ZipInputStream(in)) {
            for (ZipEntry e; (e = zip.getNextEntry()) != null; ) {
                if (e.getName().equals(CARD)) {
                    card = JSON.readTree(zip.readAllBytes());
                    // An older model carries its recipe in the form of its day.
                    a2.recipe.Recipe.upgrade(card.get("recipe"));
                } else if (e.getName().equals(NETWORK) && needNetwork) {
                    network = zip.readAllBytes();
                }
            }
        } catch (IOException e) {
            throw new InvalidInputException(file + " is not a model file (a zip with " + CARD + " and " + NETWORK + "): "
                    + e.getMessage(), e);
        }
        if (card == null || (needNetwork && network == null)) {
            throw new InvalidInputException(file + " is not a model file: it lacks " + (card == null ? CARD : NETWORK));
        }
        return new Raw(card, network);
    }
}
