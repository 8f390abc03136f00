package a2.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import a2.backend.Backend;
import a2.data.ImageFolderSource;
import a2.fetch.LoopbackServer;
import a2.io.Hashes;
import a2.model.ModelCard;
import a2.model.ModelFile;
import a2.predict.ModelPin;
import a2.testing.ImageFolderFixture;
import a2.train.TinyRecipes;
import a2.train.Trainer;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import picocli.CommandLine;

/**
 * What a model file and its pin are trusted for: the card is bound to its weights (format 2), old cards load with a
 * note, a damaged file is an integrity fault (3, no stack trace), the class names must be the data's in order, the
 * pin's exact fields are checked, and a URL served from the cache says so in the provenance.
 */
class ModelTrustTest {
    @TempDir
    static Path tmp;
    static Path data, cmy, swapped, model, other, submission;

    record Run(int code, String out, String err) {}

    static Run cli(String... args) {
        // ModelFile's note on an old card goes to System.err: capture that too (before the command line exists).
        PrintStream systemErr = System.err;
        ByteArrayOutputStream notes = new ByteArrayOutputStream();
        System.setErr(new PrintStream(notes, true));
        try {
            CommandLine cl = Cli.commandLine();
            StringWriter out = new StringWriter(), err = new StringWriter();
            cl.setOut(new PrintWriter(out, true));
            cl.setErr(new PrintWriter(err, true));
            int code = cl.execute(args);
            return new Run(code, out.toString(), err + notes.toString());
        } finally {
            System.setErr(systemErr);
        }
    }

    @BeforeAll
    static void trainTwoModelsAndSubmit() throws Exception {
        var backend = Backend.start(1);
        data = ImageFolderFixture.write(tmp.resolve("tiny"), 8, 16, 12, 8, 11);
        var ds = ImageFolderSource.decode(data);
        model = train(ds, backend, 3, "a");
        other = train(ds, backend, 4, "b");
        submission = tmp.resolve("submission/predictions.csv");
        Run predicted = cli("predict", "--model", model.toString(), "--data", data.toString(), "--out",
                submission.toString());
        assertEquals(0, predicted.code(), predicted.err());
        // The same images under other class names (dataset "cmy"), and in another order under the same name.
        cmy = copyTree(data, tmp.resolve("cmy"));
        Files.writeString(cmy.resolve("class_names.txt"), "cyan\nmagenta\nyellow\n");
        for (String[] rename : new String[][] {{"red", "cyan"}, {"green", "magenta"}, {"blue", "yellow"}}) {
            Files.move(cmy.resolve("train").resolve(rename[0]), cmy.resolve("train").resolve(rename[1]));
        }
        swapped = copyTree(data, tmp.resolve("swapped/tiny"));
        Files.writeString(swapped.resolve("class_names.txt"), "green\nred\nblue\n");
    }

    static Path train(a2.data.Dataset ds, a2.backend.BackendInfo backend, long seed, String name) {
        var cfg = Trainer.Config.of(TinyRecipes.semi("tiny", seed, 2), ds, tmp.resolve("run-" + name), tmp, backend,
                List.of("test"));
        try {
            return Files.copy(new Trainer(cfg).run().model(), tmp.resolve(name + ".a2model"));
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    // ---- model files ----

    /**
     * @param make    builds the model file under test into the given path
     * @param dataset the data to predict
     * @param words   each must appear in stderr
     * @param notes   how many "note:" lines stderr must hold
     */
    record ModelCase(ModelMaker make, Path dataset, int exit, List<String> words, int notes) {}

    @FunctionalInterface
    interface ModelMaker {
        void make(Path target) throws IOException;
    }

    static Arguments modelCase(String name, ModelMaker make, Path dataset, int exit, int notes, String... words) {
        return Arguments.of(Named.of(name, new ModelCase(make, dataset, exit, List.of(words), notes)));
    }

    static Stream<Arguments> modelCases() {
        return Stream.of(
                modelCase("a new model file (format 3)", t -> Files.copy(model, t), data, 0, 0),
                modelCase("format 1, as every committed model", t -> rewrite(model, t, card -> {
                    card.put("format", 1);
                    card.remove("networkSha256");
                }, null), data, 0, 1, "note: ", "is a model file of format 1", "not checked against its network"),
                modelCase("format 2, bound to its weights, before test views", t -> rewrite(model, t,
                        card -> card.put("format", 2), null), data, 0, 0),
                modelCase("one model's card on another's weights", t -> rewrite(model, t, c -> {}, entries(other)
                        .get("network.zip")), data, 3, 0, "the card does not belong to these weights"),
                modelCase("card edited to claim another dataset", t -> rewrite(model, t,
                        card -> card.put("dataset", "cmy"), null), cmy, 2, 0,
                        "[red, green, blue]", "[cyan, magenta, yellow]"),
                modelCase("the data's classes in another order", t -> Files.copy(model, t), swapped, 2, 0,
                        "[red, green, blue]", "[green, red, blue]", "same names in the same order"),
                modelCase("valid card, corrupt network entry (format 1)", t -> rewrite(model, t, card -> {
                    card.put("format", 1);
                    card.remove("networkSha256");
                }, garbage(entries(model).get("network.zip"))), data, 3, 1, "network.zip entry is corrupt"),
                modelCase("valid card, corrupt network entry (format 3)", t -> rewrite(model, t, c -> {},
                        garbage(entries(model).get("network.zip"))), data, 3, 0, "does not belong to these weights",
                        "damaged network entry"),
                modelCase("a format from the future", t -> rewrite(model, t, card -> card.put("format", 99), null),
                        data, 2, 0, "model format 99, this version reads 1..3"),
                modelCase("a truncated model file", t -> {
                    byte[] bytes = Files.readAllBytes(model);
                    Files.write(t, Arrays.copyOf(bytes, bytes.length * 2 / 3));
                }, data, 3, 0, "damaged model file"),
                modelCase("not a model file", t -> Files.copy(submission, t), data, 2, 0, "is not a model file"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("modelCases")
    void aModelFileIsTrustedOnlyAsFarAsItChecks(ModelCase c, @TempDir Path dir) throws IOException {
        Path file = dir.resolve("model.a2model");
        c.make().make(file);
        String before = Hashes.sha256(file);
        Path out = dir.resolve("out/predictions.csv");
        Run r = cli("predict", "--model", file.toString(), "--data", c.dataset().toString(), "--out", out.toString());
        assertEquals(c.exit(), r.code(), r.out() + r.err());
        c.words().forEach(w -> assertTrue(r.err().contains(w), "'" + w + "' in: " + r.err()));
        assertEquals(c.notes(), r.err().lines().filter(l -> l.startsWith("note: ")).count(), r.err());
        assertFalse(r.err().contains("\tat "), "no stack trace: " + r.err());
        assertEquals(c.exit() == 0, Files.exists(out), "predictions are written exactly when the model is accepted");
        assertEquals(before, Hashes.sha256(file), "the model file is only read");
    }

    @Test
    void aNewCardNamesTheSha256OfItsNetworkEntry() throws IOException {
        Map<String, byte[]> e = entries(model);
        ObjectNode card = (ObjectNode) ModelFile.JSON.readTree(e.get("card.json"));
        assertEquals(ModelCard.FORMAT, card.get("format").asInt());
        assertEquals(Hashes.sha256(e.get("network.zip")), card.get("networkSha256").asText());
        assertEquals(card.get("networkSha256").asText(), ModelFile.readCard(model).networkSha256());
    }

    // ---- the pin ----

    record PinCase(ModelPin pin, int exit, List<String> words) {}

    static Arguments pinCase(String name, ModelPin pin, int exit, String... words) {
        return Arguments.of(Named.of(name, new PinCase(pin, exit, List.of(words))));
    }

    static Stream<Arguments> pinCases() throws IOException {
        ModelPin p = new ModelPin(model.toString(), Hashes.sha256(model), Files.size(model), "tiny", 3, "tiny v1", 0.5);
        return Stream.of(
                pinCase("the pin as written", p, 0, "MATCH"),
                pinCase("size one byte off", new ModelPin(p.location(), p.sha256(), p.size() + 1, p.dataset(),
                        p.numClasses(), p.recipe(), p.validationAccuracy()), 3, "size " + (p.size() + 1),
                        "the file has " + p.size() + " bytes"),
                pinCase("another dataset", new ModelPin(p.location(), p.sha256(), p.size(), "stl10", p.numClasses(),
                        p.recipe(), p.validationAccuracy()), 3, "dataset 'stl10' but the model's card says 'tiny'"),
                pinCase("another class count", new ModelPin(p.location(), p.sha256(), p.size(), p.dataset(), 10,
                        p.recipe(), p.validationAccuracy()), 3, "numClasses 10 but the model's card lists 3"),
                pinCase("recipe and accuracy are informational", new ModelPin(p.location(), p.sha256(), p.size(),
                        p.dataset(), p.numClasses(), "something else v9", 0.99), 0, "MATCH"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("pinCases")
    void thePinsExactFieldsAreCheckedAgainstTheFile(PinCase c, @TempDir Path dir) {
        Path pin = dir.resolve("model.json");
        c.pin().write(pin);
        Path out = dir.resolve("regen/predictions.csv");
        Run r = cli("--pin", pin.toString(), "--data", data.toString(), "--out", out.toString(), "--submission",
                submission.toString(), "--cache", dir.resolve("cache").toString());
        assertEquals(c.exit(), r.code(), r.out() + r.err());
        c.words().forEach(w -> assertTrue((r.out() + r.err()).contains(w), "'" + w + "' in: " + r.out() + r.err()));
        assertEquals(c.exit() == 0, Files.exists(out), "nothing is regenerated from a pin that does not fit");
    }

    // ---- a URL served from the cache ----

    @Test
    void aUrlServedFromTheCacheSaysSoInTheProvenance(@TempDir Path dir) throws Exception {
        Path pin = dir.resolve("model.json");
        new ModelPin(model.toString(), Hashes.sha256(model), Files.size(model), "tiny", 3, "tiny v1", 0.5).write(pin);
        Path cache = dir.resolve("cache");
        List<String> base = List.of("--pin", pin.toString(), "--data", data.toString(), "--submission",
                submission.toString(), "--cache", cache.toString());
        try (LoopbackServer server = new LoopbackServer(Files.readAllBytes(model), LoopbackServer.Mode.NORMAL)) {
            String url = server.url("model.a2model").toString();
            Run fetched = cli(with(base, "--out", dir.resolve("a/predictions.csv").toString(), "--model", url));
            assertEquals(0, fetched.code(), fetched.err());
            assertTrue(Files.readString(dir.resolve("a/predictions.provenance.json")).contains("\"" + url + "\""));
        }
        Run cached = cli(with(base, "--out", dir.resolve("b/predictions.csv").toString(), "--model",
                "file:///nonexistent/model.a2model"));
        assertEquals(0, cached.code(), cached.out() + cached.err());
        String provenance = Files.readString(dir.resolve("b/predictions.provenance.json"));
        assertTrue(provenance.contains("cached copy " + cache.resolve("models").toAbsolutePath()), provenance);
        assertTrue(provenance.contains("file:///nonexistent/model.a2model was not read"), provenance);
    }

    private static String[] with(List<String> base, String... more) {
        List<String> all = new ArrayList<>(base);
        all.addAll(List.of(more));
        return all.toArray(String[]::new);
    }

    // ---- zip surgery ----

    static Map<String, byte[]> entries(Path modelFile) throws IOException {
        Map<String, byte[]> out = new LinkedHashMap<>();
        try (InputStream in = Files.newInputStream(modelFile); ZipInputStream zip = new ZipInputStream(in)) {
            for (ZipEntry e; (e = zip.getNextEntry()) != null; ) {
                out.put(e.getName(), zip.readAllBytes());
            }
        }
        return out;
    }

    /** Writes {@code source} to {@code target} with its card edited and, if given, another network entry. */
    static void rewrite(Path source, Path target, Consumer<ObjectNode> editCard, byte[] network) throws IOException {
        Map<String, byte[]> e = entries(source);
        ObjectNode card = (ObjectNode) ModelFile.JSON.readTree(e.get("card.json"));
        editCard.accept(card);
        e.put("card.json", ModelFile.JSON.writeValueAsBytes(card));
        if (network != null) {
            e.put("network.zip", network);
        }
        try (ZipOutputStream zip = new ZipOutputStream(Files.newOutputStream(target))) {
            for (var entry : e.entrySet()) {
                zip.putNextEntry(new ZipEntry(entry.getKey()));
                zip.write(entry.getValue());
                zip.closeEntry();
            }
        }
    }

    /** The network entry with its middle overwritten: still a zip's worth of bytes, no longer DL4J's model. */
    static byte[] garbage(byte[] network) {
        byte[] b = network.clone();
        for (int i = b.length / 4; i < 3 * b.length / 4; i++) {
            b[i] = (byte) (i * 31);
        }
        return b;
    }

    static Path copyTree(Path from, Path to) throws IOException {
        try (Stream<Path> files = Files.walk(from)) {
            for (Path f : (Iterable<Path>) files::iterator) {
                Path dest = to.resolve(from.relativize(f).toString());
                if (Files.isDirectory(f)) {
                    Files.createDirectories(dest);
                } else {
                    Files.copy(f, dest);
                }
            }
        }
        return to;
    }
}
