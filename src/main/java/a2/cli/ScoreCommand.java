package a2.cli;

import a2.verify.LabelsFile;
import a2.verify.PredictionsFile;
import a2.verify.Score;
import a2.verify.Validation;
import a2.verify.ValidationException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.OptionalInt;
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
            description = "Ground truth: an Id,Label CSV (optionally Id,Label,Usage with Usage Public or Private, as a Kaggle"
                    + " solution file: the public and private parts are scored too), or a file ending in .bin with one uint8 label 1..K per image"
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
            List<String> problems = new ArrayList<>();
            LabelsFile truth = null;
            try {
                truth = LabelsFile.read(labels, classes);
            } catch (ValidationException e) {
                problems.addAll(e.lines());
            }
            // Checked even when the labels are unreadable, so one run names every problem of both files.
            Validation v = PredictionsFile.validate(predictions,
                    truth == null ? OptionalInt.empty() : OptionalInt.of(truth.rows()), classes);
            problems.addAll(v.describe(predictions));
            if (!problems.isEmpty()) {
                throw new ValidationException(problems);
            }
            truth.warnings().forEach(w -> err.println("warning: " + w));
            out.print(Score.of(truth.labels(), v.labels().get(), classes, names).render());
            if (truth.isPublic().isPresent()) {
                int pub = truth.publicRows();
                out.printf(Locale.ROOT, "%npublic accuracy:  %.4f (%,d rows, Usage=Public)%nprivate accuracy: %.4f"
                        + " (%,d rows, Usage=Private)%n", truth.accuracy(v.labels().get(), Boolean.TRUE), pub,
                        truth.accuracy(v.labels().get(), Boolean.FALSE), truth.rows() - pub);
            }
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
