package a2.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import a2.backend.Backend;
import a2.data.DataLocator;
import a2.data.ImageFolderSource;
import a2.fetch.LoopbackServer;
import a2.io.Hashes;
import a2.io.Progress;
import a2.predict.Regeneration;
import a2.testing.ImageFolderFixture;
import a2.train.TinyRecipes;
import a2.train.Trainer;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import picocli.CommandLine;

/**
 * The TA's path end to end: a tiny model trained for a few batches, pinned, a submission written by
 * {@code predict}, then {@code result.jar} regenerates and verifies it: MATCH (0), a flipped row (1), a tampered
 * model (3), a model served over loopback HTTP (full, cut and resumed, corrupted, missing), a wrong dataset (2).
 */
class ResultPipelineTest {
    @TempDir
    static Path tmp;
    static Path data, model, pin, submission;

    record Run(int code, String out, String err) {}

    static Run cli(String... args) {
        CommandLine cl = Cli.commandLine();
        StringWriter out = new StringWriter(), err = new StringWriter();
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        int code = cl.execute(args);
        return new Run(code, out.toString(), err.toString());
    }

    @BeforeAll
    static void trainPinAndSubmit() throws Exception {
        var backend = Backend.start(1);
        data = ImageFolderFixture.write(tmp.resolve("tiny"), 8, 16, 12, 8, 11);
        var ds = ImageFolderSource.decode(data);
        var cfg = Trainer.Config.of(TinyRecipes.semi("tiny", 3, 2), ds, tmp.resolve("run"), tmp, backend, List.of("test"));
        model = Files.copy(new Trainer(cfg).run().model(), tmp.resolve("model.a2model"));
        pin = tmp.resolve("result/model.json");
        Run pinned = cli("pin", model.toString(), "--location", model.toString(), "--out", pin.toString());
        assertEquals(0, pinned.code(), pinned.err());
        submission = tmp.resolve("submission/predictions.csv");
        Run predicted = cli("predict", "--model", model.toString(), "--data", data.toString(), "--out", submission.toString());
        assertEquals(0, predicted.code(), predicted.err());
    }

    Run result(String... extra) {
        List<String> args = new java.util.ArrayList<>(List.of("--pin", pin.toString(), "--data", data.toString(),
                "--out", tmp.resolve("regen/predictions.csv").toString(), "--submission", submission.toString(),
                "--cache", tmp.resolve("cache-" + System.nanoTime()).toString()));
        args.addAll(List.of(extra));
        return cli(args.toArray(String[]::new));
    }

    @Test
    void regeneratesTheSubmissionAndSaysMatch() throws Exception {
        Run r = result();
        assertEquals(0, r.code(), r.out() + r.err());
        assertTrue(r.out().contains("MATCH"), r.out());
        assertEquals(Files.readString(submission), Files.readString(tmp.resolve("regen/predictions.csv")));
        assertTrue(Files.exists(tmp.resolve("regen/scores.csv")));
        assertTrue(Files.readString(tmp.resolve("regen/predictions.provenance.json")).contains("model.sha256"));
        assertEquals(13, Files.readAllLines(submission).size()); // header + 12 test images
        assertTrue(r.err().contains("predict: started, 12 images in all"), "progress goes to the command line's err: " + r.err());
    }

    /** The pipeline as a record, without the command line: what {@code Cli} prints is all in it. */
    @Test
    void thePipelineReturnsWhatItDid() throws Exception {
        Path out = tmp.resolve("record/predictions.csv");
        Regeneration.Outcome r = Regeneration.run(new Regeneration.Request(pin, Optional.empty(), Optional.of(data), out,
                submission, DataLocator.fromEnvironment().withCache(tmp.resolve("cache-record"))), unit -> Progress.none());
        assertTrue(r.match(), r.comparison().toString());
        assertEquals(12, r.testImages());
        assertEquals("tiny", r.dataset());
        assertEquals(Hashes.sha256(out), r.written().predictionsSha256());
        String provenance = Files.readString(r.written().provenance());
        assertTrue(provenance.contains(Hashes.sha256(out)) && provenance.contains(Hashes.sha256(r.written().scores())),
                "the provenance records both siblings' hashes: " + provenance);
    }

    /**
     * The default run never writes over the submission it verifies (it would then match itself); every case exits 2
     * before writing anything, and the submission's three files keep their bytes.
     */
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "--out on the submission            | submission/predictions.csv | submission/predictions.csv | the submission",
            "--submission on the output         | regen-g/predictions.csv    | regen-g/predictions.csv    | the submission",
            "--out beside the submission        | submission/other.csv       | submission/predictions.csv | beside the submission",
            "--out a hard link to the submission | hard/predictions.csv       | submission/predictions.csv | the submission",
    })
    void theDefaultRunRefusesToWriteOverTheSubmission(String what, String out, String sub, String words) throws Exception {
        Files.createDirectories(tmp.resolve("hard"));
        if (!Files.exists(tmp.resolve("hard/predictions.csv"))) {
            Files.createLink(tmp.resolve("hard/predictions.csv"), submission);
        }
        Files.createDirectories(tmp.resolve("regen-g"));
        Files.copy(submission, tmp.resolve("regen-g/predictions.csv"), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        Map<Path, String> before = hashes(tmp.resolve("submission"));
        Run r = cli("--pin", pin.toString(), "--data", data.toString(), "--out", tmp.resolve(out).toString(),
                "--submission", tmp.resolve(sub).toString());
        assertEquals(2, r.code(), what + ": " + r.out() + r.err());
        assertTrue(r.err().contains(words) && r.err().contains("--out"), r.err());
        assertEquals("", r.out(), "refused before anything ran");
        assertEquals(before, hashes(tmp.resolve("submission")), "the submission's files are untouched");
        assertFalse(Files.exists(tmp.resolve("submission/other.csv")));
    }

    /** {@code predict --out submission/predictions.csv} is how a team writes its submission: allowed. */
    @Test
    void predictMayWriteTheSubmission() throws Exception {
        Map<Path, String> before = hashes(tmp.resolve("submission"));
        Run r = cli("predict", "--model", model.toString(), "--data", data.toString(), "--out", submission.toString());
        assertEquals(0, r.code(), r.err());
        assertEquals(before.get(submission), Hashes.sha256(submission), "deterministic: the same bytes again");
    }

    static Map<Path, String> hashes(Path dir) throws Exception {
        Map<Path, String> m = new TreeMap<>();
        try (var files = Files.list(dir)) {
            files.forEach(f -> m.put(f, Hashes.sha256(f)));
        }
        return m;
    }

    @Test
    void aFlippedRowIsADifference() throws Exception {
        Path flipped = tmp.resolve("flipped.csv");
        List<String> lines = new java.util.ArrayList<>(Files.readAllLines(submission));
        String[] row = lines.get(5).split(",");
        lines.set(5, row[0] + "," + (Integer.parseInt(row[1]) % 3 + 1));
        Files.writeString(flipped, String.join("\n", lines) + "\n");
        Run r = cli("--pin", pin.toString(), "--data", data.toString(), "--out", tmp.resolve("regen2/predictions.csv").toString(),
                "--submission", flipped.toString());
        assertEquals(1, r.code(), r.out() + r.err());
        assertTrue(r.out().contains("DIFFER"), r.out());
        assertTrue(r.out().contains(row[0]), "names the differing Id: " + r.out());
    }

    @Test
    void aTamperedModelIsRefusedBeforeLoadingNamingBothHashes() throws Exception {
        Path bad = tmp.resolve("tampered.a2model");
        byte[] bytes = Files.readAllBytes(model);
        bytes[bytes.length / 2] ^= 1;
        Files.write(bad, bytes);
        Run r = result("--model", bad.toString());
        assertEquals(3, r.code(), r.out() + r.err());
        assertTrue(r.err().contains("expected") && r.err().contains("actual"), r.err());
    }

    @Test
    void fetchesTheModelOverHttpAndResumesACutDownload() throws Exception {
        byte[] bytes = Files.readAllBytes(model);
        try (LoopbackServer ok = new LoopbackServer(bytes, LoopbackServer.Mode.NORMAL)) {
            Run r = result("--model", ok.url("model.a2model").toString());
            assertEquals(0, r.code(), r.out() + r.err());
        }
        Path cache = tmp.resolve("cut-cache");
        try (LoopbackServer cut = new LoopbackServer(bytes, LoopbackServer.Mode.CUT_FIRST)) {
            List<String> base = List.of("--pin", pin.toString(), "--data", data.toString(), "--out",
                    tmp.resolve("regen3/predictions.csv").toString(), "--submission", submission.toString(),
                    "--cache", cache.toString(), "--model", cut.url("model.a2model").toString());
            Run first = cli(base.toArray(String[]::new));
            assertEquals(3, first.code(), "the cut download fails: " + first.err());
            Run second = cli(base.toArray(String[]::new));
            assertEquals(0, second.code(), second.out() + second.err());
            assertTrue(!cut.ranges.isEmpty(), "the second download asked for a Range");
            assertTrue(cut.bytesServed.get() < 1.5 * bytes.length, "served " + cut.bytesServed.get() + " of " + bytes.length);
        }
    }

    @Test
    void aCorruptedOrMissingDownloadIsRefused() throws Exception {
        byte[] bytes = Files.readAllBytes(model);
        byte[] corrupt = bytes.clone();
        corrupt[100] ^= 0x55;
        try (LoopbackServer bad = new LoopbackServer(corrupt, LoopbackServer.Mode.NORMAL)) {
            Run r = result("--model", bad.url("model.a2model").toString());
            assertEquals(3, r.code(), r.err());
            assertTrue(r.err().contains("expected"), r.err());
        }
        try (LoopbackServer missing = new LoopbackServer(bytes, LoopbackServer.Mode.NOT_FOUND)) {
            Run r = result("--model", missing.url("model.a2model").toString());
            assertEquals(3, r.code(), r.err());
            assertTrue(r.err().contains("404"), r.err());
        }
    }

    @Test
    void aModelForAnotherDatasetIsRefusedNamingBoth() throws Exception {
        Path other = ImageFolderFixture.write(tmp.resolve("other"), 4, 2, 3, 8, 5);
        Run r = cli("predict", "--model", model.toString(), "--data", other.toString(), "--out", tmp.resolve("o.csv").toString());
        assertEquals(2, r.code(), r.err());
        assertTrue(r.err().contains("'tiny'") && r.err().contains("'other'"), r.err());
    }

    @Test
    void pinIsReadableJsonWithTheModelHash() throws Exception {
        String json = Files.readString(pin, StandardCharsets.UTF_8);
        assertTrue(json.contains(a2.io.Hashes.sha256(model)), json);
        assertTrue(json.contains("\"dataset\" : \"tiny\""), json);
    }
}
