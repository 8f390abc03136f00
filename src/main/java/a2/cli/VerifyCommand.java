package a2.cli;

import a2.data.DataLocator;
import a2.data.Dataset;
import a2.io.InputFiles;
import a2.io.InvalidInputException;
import a2.predict.ModelPin;
import a2.verify.Comparison;
import a2.verify.KaggleText;
import a2.verify.PredictionsFile;
import a2.verify.Trio;
import a2.verify.Validation;
import a2.verify.ValidationException;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code verify SUBMISSION [REGENERATED]}: with one file, the format check students run before uploading (exit 0
 * valid, 2 invalid); with two, the TA's comparison of a submission with predictions regenerated from the team's
 * checkpoint (0 MATCH, 1 DIFFER, 2 if either file is invalid).
 *
 * <p>The number of rows, and so the Ids 1..N, comes from {@code --rows N}, else from the test set of the dataset
 * the usual lookup finds ({@link DataLocator}; the dataset the pin names, else {@code cifar10-a2}). When no dataset
 * is found the check still runs and its verdict says that the row count was not checked.
 */
@Command(name = "verify", mixinStandardHelpOptions = true,
        description = {"Check a submission file (Id,Prediction) against the leaderboard format, or compare it"
                + " with predictions regenerated from a checkpoint.",
                "Exit codes: 0 valid / MATCH, 1 DIFFER, 2 invalid file or usage, 3 I/O error or a mixed trio (the"
                        + " provenance beside a file records other hashes than its predictions' or scores')."})
public final class VerifyCommand implements Callable<Integer> {
    /** A submission is ~100 KB; anything near the validator's own cap is left for it to refuse. */
    private static final long MAX_NORMALIZED_BYTES = 16L << 20;

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "SUBMISSION", description = "The submission CSV to check.")
    Path submission;

    @Parameters(index = "1", arity = "0..1", paramLabel = "REGENERATED",
            description = "Predictions regenerated from the checkpoint (e.g. result/predictions.csv).")
    Path regenerated;

    @Option(names = "--scores", paramLabel = "SCORES",
            description = "Top-2 scores of the regenerated run (result/scores.csv), to classify differences as near-ties.")
    Path scores;

    @Option(names = "--rows", paramLabel = "N",
            description = "Number of test images. Default: the test set of the dataset found (see --data); without"
                    + " one, the regenerated file's row count, and with one file the row count is not checked.")
    Integer rows;

    @Option(names = "--classes", paramLabel = "K",
            description = "Number of classes; labels are 1..K (default: the dataset's, else 10).")
    Integer classes;

    @Mixin
    DataOptions data = new DataOptions();

    @Option(names = "--dataset", paramLabel = "NAME",
            description = "Which dataset's test set sets the rows: default the one result/model.json names, else "
                    + "cifar10-a2.")
    String dataset;

    /** Where datasets are looked for; a test points it at its own folders. */
    DataLocator locator = DataLocator.fromEnvironment();

    /**
     * What the row count is checked against: the rows themselves and, in words, where they come from (empty
     * when {@code --rows} gave them), or no rows and why not.
     */
    record Expected(OptionalInt rows, int classes, String source) {}

    @Option(names = "--near-tie", paramLabel = "T", defaultValue = "1e-3",
            description = "A difference is a near-tie when the regenerated top-2 margin is below T"
                    + " (default: ${DEFAULT-VALUE}).")
    double nearTie;

    @Option(names = "--show", paramLabel = "K", defaultValue = "20",
            description = "How many differing rows to list (default: ${DEFAULT-VALUE}).")
    int show;

    @Override
    public Integer call() {
        checkOptions();
        // The files first: a device or a folder is refused at once, before the dataset lookup.
        InputFiles.requireFile(submission, "a label file");
        if (regenerated != null) {
            InputFiles.requireFile(regenerated, "a label file");
        }
        // A file written by predict has its scores and provenance beside it: the three must be from one run.
        Trio.requireWhole(submission);
        if (regenerated != null) {
            Trio.requireWhole(regenerated);
        }
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        Expected expected = expected();
        Path given = submission;
        Path accepted = acceptKaggleSpelling(given, err);
        StringWriter o = new StringWriter();
        StringWriter e = new StringWriter();
        try (PrintWriter po = new PrintWriter(o); PrintWriter pe = new PrintWriter(e)) {
            return run(accepted, expected, po, pe);
        } finally {
            // A normalized copy is named as the file the user gave, in every message.
            out.print(o.toString().replace(accepted.toString(), given.toString()));
            err.print(e.toString().replace(accepted.toString(), given.toString()));
            out.flush();
            err.flush();
            if (!accepted.equals(given)) {
                try {
                    Files.deleteIfExists(accepted);
                } catch (IOException ignored) {
                    // a temporary copy in the temp folder; the OS cleans it up
                }
            }
        }
    }

    private int run(Path sub, Expected expected, PrintWriter out, PrintWriter err) {
        submission = sub;
        try {
            if (regenerated == null) {
                return checkOne(expected, out, err);
            }
            Comparison.Result result = Comparison.compare(submission, regenerated, Optional.ofNullable(scores),
                    expected.rows(), expected.classes(), new Comparison.Settings(nearTie, show));
            result.render(out);
            return result.match() ? ExitCode.OK : ExitCode.DIFFER;
        } catch (ValidationException e) {
            e.lines().forEach(err::println);
            err.println("INVALID: fix the problems above; nothing was compared");
            return ExitCode.INVALID_INPUT;
        }
    }

    /**
     * Kaggle accepts a UTF-8 BOM and CRLF line ends, so a file it scored may have them: accepted with a warning
     * (every other rule stays strict) by checking a copy without them.
     */
    private static Path acceptKaggleSpelling(Path file, PrintWriter err) {
        try {
            if (!Files.isRegularFile(file) || Files.size(file) > MAX_NORMALIZED_BYTES) {
                return file; // the validator names what is wrong with it
            }
            KaggleText text = KaggleText.normalize(Files.readAllBytes(file), file.toString());
            if (text.warnings().isEmpty()) {
                return file;
            }
            text.warnings().forEach(w -> err.println("warning: " + w));
            Path copy = Files.createTempFile("verify-", ".csv");
            Files.write(copy, text.bytes());
            return copy;
        } catch (IOException e) {
            return file; // the validator reports the read error
        }
    }

    /** {@code --rows}, else the test set of the dataset found, else nothing (and why). */
    Expected expected() {
        if (rows != null) {
            return new Expected(OptionalInt.of(rows), classes == null ? 10 : classes, "");
        }
        String name = dataset != null ? dataset : pinnedDataset();
        Dataset ds;
        try {
            ds = locator.open(locator.locate(data.path(), name));
        } catch (InvalidInputException e) {
            if (data.path().isPresent()) {
                throw e; // an explicit --data that is not a dataset is a usage error, not a reason to skip the check
            }
            return new Expected(OptionalInt.empty(), classes == null ? 10 : classes,
                    "no '" + name + "' dataset found (pass --rows N or --data PATH)");
        }
        return new Expected(OptionalInt.of(ds.test().count()), classes == null ? ds.numClasses() : classes,
                "the test set of " + ds.name());
    }

    private static String pinnedDataset() {
        try {
            return ModelPin.read(Path.of("result", "model.json")).dataset();
        } catch (InvalidInputException e) {
            return "cifar10-a2";
        }
    }

    private int checkOne(Expected expected, PrintWriter out, PrintWriter err) {
        Validation v = PredictionsFile.validate(submission, expected.rows(), expected.classes());
        if (v.ok()) {
            String rowsChecked = expected.rows().isPresent()
                    ? (expected.source().isEmpty() ? "" : " (" + expected.source() + ")")
                    : "; the row count was NOT checked: " + expected.source();
            out.printf(Locale.ROOT, "OK: %s: %,d rows, Ids 1..%d, labels in 1..%d%s%n", submission, v.rows(),
                    v.rows(), expected.classes(), rowsChecked);
            return ExitCode.OK;
        }
        v.describe(submission).forEach(err::println);
        err.printf(Locale.ROOT, "INVALID: %s: %,d problem%s%n", submission, v.problemCount(),
                v.problemCount() == 1 ? "" : "s");
        return ExitCode.INVALID_INPUT;
    }

    private void checkOptions() {
        if (scores != null && regenerated == null) {
            throw new ParameterException(spec.commandLine(), "--scores needs REGENERATED: the scores describe the"
                    + " regenerated predictions");
        }
        if (rows != null && rows < 1) {
            throw new ParameterException(spec.commandLine(), "--rows must be at least 1, got " + rows);
        }
        if (classes != null && classes < 2) {
            throw new ParameterException(spec.commandLine(), "--classes must be at least 2, got " + classes);
        }
        if (!(nearTie >= 0 && nearTie < 1)) {
            throw new ParameterException(spec.commandLine(), "--near-tie must be in [0, 1), got " + nearTie);
        }
        if (show < 0) {
            throw new ParameterException(spec.commandLine(), "--show must be >= 0, got " + show);
        }
    }
}
