package a2.cli;

import a2.backend.Backend;
import a2.backend.BackendInfo;
import a2.data.DataLocator;
import a2.data.Dataset;
import a2.io.Progress;
import a2.model.ModelFile;
import a2.predict.Prediction;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code predict}: the step that writes a submission from a model file (what produced the team's submission). */
@Command(name = "predict", description = "Predict the test set with a model file; writes predictions.csv, scores.csv and provenance.")
public final class PredictCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    DataOptions data = new DataOptions();

    @Option(names = "--model", required = true, paramLabel = "FILE", description = "The model file (.a2model).")
    Path model;

    @Option(names = "--out", paramLabel = "FILE", defaultValue = "result/predictions.csv",
            description = "Where to write the predictions (default: ${DEFAULT-VALUE}); use submission/predictions.csv to make the submission.")
    Path out;

    @Override
    public Integer call() {
        BackendInfo backend = Backend.start(1);
        ModelFile.Loaded loaded = ModelFile.load(model, false);
        DataLocator locator = DataLocator.fromEnvironment();
        Dataset ds = locator.open(locator.locate(data.path(), loaded.card().dataset()));
        PrintStream err = new WriterPrintStream(spec.commandLine().getErr());
        Prediction pred = Prediction.run(loaded, ds, Progress.forTerminal(err, Progress.Unit.IMAGES));
        Prediction.Written w = pred.write(out, Prediction.provenance(backend, ds, a2.io.Hashes.sha256(model), model.toString()));
        spec.commandLine().getOut().printf("wrote %s (%,d rows, sha256 %s), %s%n", out, pred.ids().length,
                w.predictionsSha256(), w.scores());
        spec.commandLine().getOut().flush();
        return ExitCode.OK;
    }
}
