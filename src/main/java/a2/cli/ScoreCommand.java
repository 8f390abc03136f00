package a2.cli;

import a2.verify.Score;
import a2.verify.ValidationException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code score --labels LABELS PREDICTIONS}: accuracy, per-class accuracy and confusion matrix. */
@Command(name = "score", mixinStandardHelpOptions = true,
        description = {"Score a predictions file against ground truth: an Id,Label CSV or an STL-10 test_y.bin.",
                "Exit codes: 0 scored, 2 invalid file or usage, 3 I/O error."})
public final class ScoreCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "PREDICTIONS", description = "The predictions CSV (Id,Prediction).")
    Path predictions;

    @Option(names = "--labels", required = true, paramLabel = "LABELS",
            description = "Ground truth: an Id,Label CSV, or a file ending in .bin with one uint8 label 1..K per image"
                    + " (STL-10 test_y.bin).")
    Path labels;

    @Option(names = "--class-names", paramLabel = "FILE",
            description = "class_names.txt: the name of label k on line k.")
    Path classNames;

    @Option(names = "--classes", paramLabel = "K", defaultValue = "10",
            description = "Number of classes; labels are 1..K (default: ${DEFAULT-VALUE}).")
    int classes;

    @Override
    public Integer call() {
        if (classes < 2) {
            throw new ParameterException(spec.commandLine(), "--classes must be at least 2, got " + classes);
        }
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        try {
            List<String> names = classNames == null ? List.of() : Score.readClassNames(classNames, classes);
            Score score = Score.score(labels, predictions, classes, names);
            out.print(score.render());
            return ExitCode.OK;
        } catch (ValidationException e) {
            e.lines().forEach(err::println);
            err.println("INVALID: fix the problems above; nothing was scored");
            return ExitCode.INVALID_INPUT;
        } finally {
            out.flush();
            err.flush();
        }
    }
}
