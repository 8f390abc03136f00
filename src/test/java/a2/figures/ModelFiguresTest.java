package a2.figures;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import a2.backend.Backend;
import a2.cli.ExitCode;
import a2.data.Dataset;
import a2.data.stl10.Stl10Folder;
import a2.data.stl10.Stl10Writer;
import a2.io.InvalidInputException;
import a2.model.ModelFile;
import a2.recipe.Recipe;
import a2.train.Trainer;
import java.awt.image.BufferedImage;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code figures --model M --out DIR} on a tiny model trained by the real {@link Trainer} on a synthetic STL-10 folder:
 * the filters and the t-SNE land in DIR, and never in the writeup folder.
 */
class ModelFiguresTest {
    @TempDir
    static Path tmp;

    static Path folder, model;

    @BeforeAll
    static void train() {
        // 40 labeled 96x96 images (4 per class: 2 held out), resized to 16 for a two-stage network of 4 and 24 channels
        // (24 features: more than the 10 points of the API test, which the PCA before t-SNE must cope with).
        folder = Stl10Writer.writeSynthetic(tmp.resolve("stl10_binary"), 40, 5, 10, 3);
        Dataset data = Stl10Folder.load(folder);
        Recipe f = Fixtures.recipe("tiny-stl", List.of(4, 24), 1, false, 1, 2, 8);
        Recipe r = new Recipe(f.name(), 1, "test", new Recipe.Data("stl10", 16, 2, 2016), f.augment(), f.model(),
                f.optimizer(), f.semi(), f.budget(), f.seed());
        Trainer.Result result = new Trainer(Trainer.Config.of(r, data, tmp.resolve("run"), tmp, Backend.start(1),
                List.of("test"))).run();
        model = result.model();
    }

    @Test
    void drawsFiltersAndTsneOfTheValidationImagesIntoItsOwnFolder() throws Exception {
        Path out = tmp.resolve("figs");
        FiguresCommandTest.Run r = FiguresCommandTest.run("--model", model.toString(), "--out", out.toString(),
                "--data", folder.toString());
        assertEquals(ExitCode.OK, r.code(), r.err());
        BufferedImage filters = ImageIO.read(out.resolve(ModelFigures.FILTERS).toFile());
        // Four 3x3 filters of 8 px per weight: at least four tiles of 24 px side.
        assertTrue(filters.getWidth() >= 24 && filters.getHeight() >= 24, filters.getWidth() + "x" + filters.getHeight());
        BufferedImage tsne = ImageIO.read(out.resolve(ModelFigures.TSNE).toFile());
        assertEquals(ModelFigures.TSNE_WIDTH, tsne.getWidth());
        assertEquals(ModelFigures.TSNE_HEIGHT, tsne.getHeight());
        String summary = Files.readString(out.resolve(ModelFigures.SUMMARY));
        assertTrue(summary.contains("tiny-stl v1") && summary.contains("20 validation images"), summary);
    }

    @Test
    void theApiReportsTheEmbeddedPointsAndScoresEvenWithFewerPointsThanFeatures() {
        Dataset data = Stl10Folder.load(folder);
        var report = ModelFigures.generate(ModelFile.load(model, false), data, tmp.resolve("api"),
                new ModelFigures.Settings(10, 3, new TsnePlot.Settings(5, 300, 0.5, 50, 1)),
                new PrintStream(PrintStream.nullOutputStream()));
        assertEquals(10, report.points());
        assertEquals(3, report.written().size());
        assertTrue(report.knnMap() >= 0 && report.knnMap() <= 1 && report.knnFeatures() >= 0 && report.knnFeatures() <= 1);
    }

    @Test
    void dataOfAnotherDatasetIsRefused() {
        Dataset stl = Stl10Folder.load(folder);
        Dataset other = new Dataset("cifar10-a2", stl.classNames(), stl.train(), stl.trainLabels(), stl.unlabeled(),
                stl.test(), stl.testIds(), Optional.empty(), new TreeMap<>(Map.of()));
        var e = assertThrows(InvalidInputException.class, () -> ModelFigures.generate(ModelFile.load(model, false), other,
                tmp.resolve("other"), ModelFigures.Settings.standard(1), new PrintStream(PrintStream.nullOutputStream())));
        assertTrue(e.getMessage().contains("'stl10'") && e.getMessage().contains("'cifar10-a2'"), e.getMessage());
        assertFalse(Files.exists(tmp.resolve("other")));
    }

    @Test
    void withoutOutOrIntoTheWriteupItExitsTwoAndWritesNothing() {
        FiguresCommandTest.Run none = FiguresCommandTest.run("--model", model.toString(), "--data", folder.toString());
        assertEquals(ExitCode.INVALID_INPUT, none.code(), none.err());
        assertTrue(none.err().contains("needs --out DIR"), none.err());
        FiguresCommandTest.Run writeup = FiguresCommandTest.run("--model", model.toString(), "--out", "writeup/figures",
                "--data", folder.toString());
        assertEquals(ExitCode.INVALID_INPUT, writeup.code(), writeup.err());
        assertTrue(writeup.err().contains("inside writeup"), writeup.err());
        FiguresCommandTest.Run missing = FiguresCommandTest.run("--model", tmp.resolve("no.a2model").toString(), "--out",
                tmp.resolve("x").toString());
        assertEquals(ExitCode.INVALID_INPUT, missing.code(), missing.err());
        assertTrue(missing.err().contains("no.a2model"), missing.err());
    }
}
