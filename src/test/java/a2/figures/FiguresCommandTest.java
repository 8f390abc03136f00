package a2.figures;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import a2.cli.Cli;
import a2.cli.ExitCode;
import a2.cli.FiguresCommand;
import a2.model.ModelCard;
import a2.model.ModelFile;
import a2.model.Preprocessing;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** Missing inputs end with exit code 2 and a message naming what is missing, before any model or data is loaded. */
class FiguresCommandTest {
    @TempDir
    Path tmp;

    record Run(int code, String err) {}

    static Run run(String... args) {
        CommandLine cl = Cli.commandLine();
        if (!cl.getSubcommands().containsKey("figures")) {
            cl.addSubcommand(new FiguresCommand());
        }
        StringWriter err = new StringWriter();
        cl.setErr(new PrintWriter(err, true));
        cl.setOut(new PrintWriter(new StringWriter(), true));
        String[] full = new String[args.length + 1];
        full[0] = "figures";
        System.arraycopy(args, 0, full, 1, args.length);
        return new Run(cl.execute(full), err.toString());
    }

    /** A model file holding only its card: enough for the checks that run before anything heavy is loaded. */
    static void cardOnlyModel(Path dir, String recipe) throws IOException {
        Files.createDirectories(dir);
        ModelCard card = new ModelCard(ModelCard.FORMAT, Fixtures.recipe(recipe, List.of(4), 1, false, 1, 1, 4), "cifar10-a2",
                List.of("a", "b"), new Preprocessing(16, new float[3], new float[] {1, 1, 1}), "0123456789abcdef", 1, 0.5, Map.of());
        try (OutputStream out = Files.newOutputStream(dir.resolve(FinalModel.MODEL)); ZipOutputStream zip = new ZipOutputStream(out)) {
            zip.putNextEntry(new ZipEntry("card.json"));
            zip.write(ModelFile.JSON.writeValueAsBytes(card));
            zip.closeEntry();
        }
        Files.writeString(dir.resolve(FinalModel.LOG), TrainingLogTest.HEADER + "1,1,0.1,2.0,0.3,0.5,10,,,,1,2\n");
    }

    @Test
    void missingFinalModelsExitTwoNamingEveryMissingFile() throws IOException {
        // Without --pinned, the semi-supervised model is the one the pin names: its folder is looked up in --final.
        Path pin = tmp.resolve("model.json");
        new a2.predict.ModelPin("checkpoints/final/some-candidate/model.a2model", "0".repeat(64), 1, "cifar10-a2", 10,
                "some-candidate v1", 0.5).write(pin);
        Run r = run("--final", tmp.resolve("final").toString(), "--pin", pin.toString(), "--out", tmp.resolve("out").toString());
        assertEquals(ExitCode.INVALID_INPUT, r.code(), r.err());
        assertTrue(r.err().contains("cifar10-a2-supervised" + java.io.File.separator + "model.a2model"), r.err());
        assertTrue(r.err().contains("some-candidate" + java.io.File.separator + "log.csv"), r.err());
        assertTrue(Files.notExists(tmp.resolve("out")), "nothing written");
    }

    @Test
    void oneMissingLogIsEnoughToStop() throws IOException {
        Path fin = tmp.resolve("final");
        cardOnlyModel(fin.resolve("base"), "base");
        cardOnlyModel(fin.resolve("semi"), "semi");
        Files.delete(fin.resolve("semi").resolve(FinalModel.LOG));
        Run r = run("--final", fin.toString(), "--baseline", "base", "--pinned", "semi", "--out", tmp.resolve("out").toString());
        assertEquals(ExitCode.INVALID_INPUT, r.code(), r.err());
        assertTrue(r.err().contains("semi" + java.io.File.separator + "log.csv") && !r.err().contains("model.a2model"), r.err());
    }

    @Test
    void missingDataExitsTwo() throws IOException {
        Path fin = tmp.resolve("final");
        cardOnlyModel(fin.resolve("base"), "base");
        cardOnlyModel(fin.resolve("semi"), "semi");
        Run r = run("--final", fin.toString(), "--baseline", "base", "--pinned", "semi", "--data",
                tmp.resolve("no-such-dataset").toString(), "--out", tmp.resolve("out").toString());
        assertEquals(ExitCode.INVALID_INPUT, r.code(), r.err());
        assertTrue(r.err().contains("no-such-dataset") && r.err().contains("does not exist"), r.err());
    }

    @Test
    void missingStl10SampleExitsTwo() throws IOException {
        Path fin = tmp.resolve("final");
        cardOnlyModel(fin.resolve("base"), "base");
        cardOnlyModel(fin.resolve("semi"), "semi");
        Path archive = Files.writeString(tmp.resolve("cifar10-a2.tar.xz"), "");
        Run r = run("--final", fin.toString(), "--baseline", "base", "--pinned", "semi", "--data", archive.toString(),
                "--stl10-sample", tmp.resolve("no-sample").toString(), "--out", tmp.resolve("out").toString());
        assertEquals(ExitCode.INVALID_INPUT, r.code(), r.err());
        assertTrue(r.err().contains("no-sample"), r.err());
    }

    @Test
    void aFolderWithoutTheSampleListsWhereItLooked() throws IOException {
        Path empty = Files.createDirectories(tmp.resolve("empty"));
        var e = org.junit.jupiter.api.Assertions.assertThrows(a2.io.InvalidInputException.class,
                () -> Stl10Sample.locate(java.util.Optional.of(empty), List.of(), tmp.resolve("cache")));
        assertTrue(e.getMessage().contains(Stl10Sample.ARCHIVE) && e.getMessage().contains("--stl10-sample"), e.getMessage());
    }
}
