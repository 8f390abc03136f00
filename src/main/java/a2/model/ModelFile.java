package a2.model;

import a2.io.AtomicFiles;
import a2.io.Hashes;
import a2.io.InputFiles;
import a2.io.IntegrityException;
import a2.io.InvalidInputException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.util.ModelSerializer;

/**
 * The model file ({@code *.a2model}): a zip holding {@code card.json} ({@link ModelCard}) and {@code network.zip}
 * (DL4J's own format: configuration, parameters and, for checkpoints, the updater state). One file, so model and
 * preprocessing can never be separated; from card format 2 on the card also names the SHA-256 of the network
 * entry, so a card cannot be separated from its weights either. {@link ModelCard} lists the formats and how a
 * later addition bumps them.
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
            byte[] cardBytes = JSON.writeValueAsBytes(card.boundTo(Hashes.sha256(netBytes.toByteArray())));
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

    /** Loads a model; a note about an old format goes to stderr. */
    public static Loaded load(Path file, boolean withUpdater) {
        return load(file, withUpdater, System.err);
    }

    /**
     * Loads a model after checking its card's format and, from format {@value ModelCard#BOUND_FORMAT} on, that the
     * card names the SHA-256 of this file's network entry.
     *
     * @param notes where the one note about a card of an older format goes (once per load, so once per file for
     *              the commands, which load each file once)
     * @throws InvalidInputException a card of a format this version does not read
     * @throws IntegrityException    a card bound to other weights, or a network entry that does not restore
     */
    public static Loaded load(Path file, boolean withUpdater, PrintStream notes) {
        Raw raw = read(file, true);
        ModelCard card;
        try {
            card = JSON.treeToValue(raw.cardJson, ModelCard.class);
        } catch (IOException e) {
            throw new InvalidInputException(file + " is not a valid model file: its " + CARD + " does not parse: "
                    + e.getMessage(), e);
        }
        checkFormat(file, card, raw.network, notes);
        try {
            MultiLayerNetwork net = ModelSerializer.restoreMultiLayerNetwork(new ByteArrayInputStream(raw.network), withUpdater);
            return new Loaded(card, net);
        } catch (IOException | RuntimeException e) {
            // The card was valid, so the file is a model file whose weights are damaged: integrity, not a bug.
            throw new IntegrityException(file + ": its " + NETWORK + " entry is corrupt and cannot be restored ("
                    + (e.getMessage() != null ? e.getMessage() : e.getClass().getSimpleName()) + ")", e);
        }
    }

    private static void checkFormat(Path file, ModelCard card, byte[] network, PrintStream notes) {
        if (card.format() < ModelCard.OLDEST_FORMAT || card.format() > ModelCard.FORMAT) {
            throw new InvalidInputException(file + ": model format " + card.format() + ", this version reads "
                    + ModelCard.OLDEST_FORMAT + ".." + ModelCard.FORMAT);
        }
        if (card.format() < ModelCard.BOUND_FORMAT) {
            notes.println("note: " + file + " is a model file of format " + card.format() + " (before cards named"
                    + " their weights' SHA-256): its card is not checked against its network");
            return;
        }
        String actual = Hashes.sha256(network);
        if (card.networkSha256() == null) {
            throw new IntegrityException(file + ": its card (format " + card.format() + ") lacks networkSha256");
        }
        if (!card.networkSha256().equals(actual)) {
            throw new IntegrityException(file + ": the card does not belong to these weights: it names network sha256 "
                    + card.networkSha256() + ", the " + NETWORK + " entry has " + actual
                    + " (a card copied onto another model, or a damaged network entry)");
        }
    }

    private record Raw(com.fasterxml.jackson.databind.JsonNode cardJson, byte[] network) {}

    private static Raw read(Path file, boolean needNetwork) {
        com.fasterxml.jackson.databind.JsonNode card = null;
        byte[] network = null;
        try (InputStream in = InputFiles.open(file, "a model file (.a2model)"); ZipInputStream zip = new ZipInputStream(in)) {
            for (ZipEntry e; (e = zip.getNextEntry()) != null; ) {
                if (e.getName().equals(CARD)) {
                    card = JSON.readTree(zip.readAllBytes());
                    // An older model carries its recipe in the form of its day.
                    a2.recipe.Recipe.upgrade(card.get("recipe"));
                } else if (e.getName().equals(NETWORK) && needNetwork) {
                    network = zip.readAllBytes();
                }
            }
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new InvalidInputException(file + " is not a valid model file: its " + CARD + " does not parse: "
                    + e.getOriginalMessage(), e);
        } catch (java.util.zip.ZipException | java.io.EOFException e) {
            // A zip that breaks off or fails its CRC is a damaged model file, not a wrong one.
            throw new IntegrityException(file + " is a damaged model file (truncated or corrupt zip: "
                    + (e.getMessage() != null ? e.getMessage() : "unexpected end of file") + ")", e);
        } catch (IOException e) {
            throw InputFiles.readFailure(file, e);
        }
        if (card == null || (needNetwork && network == null)) {
            throw new InvalidInputException(file + " is not a model file (a zip with " + CARD + " and " + NETWORK
                    + "): it lacks " + (card == null ? CARD : NETWORK));
        }
        return new Raw(card, network);
    }
}
