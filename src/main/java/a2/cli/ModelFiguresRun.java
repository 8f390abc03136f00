package a2.cli;

import a2.data.DataLocator;
import a2.data.Dataset;
import a2.figures.ModelFigures;
import a2.io.InputFiles;
import a2.io.InvalidInputException;
import a2.model.ModelCard;
import a2.model.ModelFile;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Optional;

/**
 * {@code figures --model M --out DIR}: one model's filters and t-SNE ({@link ModelFigures}) into a folder of its own.
 * The writeup folder is refused, so a model that is not the submitted one never lands among the committed figures.
 */
final class ModelFiguresRun {
    /** The folder {@code figures} writes the writeup into by default, relative to the project. */
    static final Path WRITEUP = Path.of("writeup");

    private ModelFiguresRun() {}

    static int run(Path model, Path out, boolean outGiven, Optional<Path> data, ThreadOptions threads, PrintWriter o) {
        if (!outGiven) {
            throw new InvalidInputException("figures --model needs --out DIR, a folder of its own (not " + WRITEUP + "/)");
        }
        Path abs = out.toAbsolutePath().normalize();
        if (abs.startsWith(WRITEUP.toAbsolutePath().normalize())) {
            throw new InvalidInputException("--out " + out + " is inside " + WRITEUP + "/, which holds the writeup's "
                    + "committed figures; pick another folder");
        }
        InputFiles.requireFile(model, "a model file (.a2model)");
        // The card alone first: a model for data that is missing fails before natives load or images decode.
        ModelCard card = ModelFile.readCard(model);
        DataLocator locator = DataLocator.fromEnvironment();
        Dataset ds = locator.open(locator.locate(data, card.dataset()));
        threads.start();
        ModelFigures.Report r = ModelFigures.generate(ModelFile.load(model, false), ds, out,
                ModelFigures.Settings.standard(card.recipe().seed()), new PrintStream(System.err, true));
        r.written().forEach(p -> o.println("wrote " + p));
        o.printf(java.util.Locale.ROOT, "t-SNE of %d validation images: %d-NN accuracy %.4f in the map, %.4f on the features%n",
                r.points(), ModelFigures.Settings.standard(0).knnK(), r.knnMap(), r.knnFeatures());
        o.flush();
        return ExitCode.OK;
    }
}
