package a2.cli;

import a2.backend.BackendInfo;
import a2.data.DataLocator;
import a2.data.Dataset;
import a2.figures.FinalModel;
import a2.figures.Figures;
import a2.figures.Stl10Sample;
import a2.model.ModelCard;
import a2.predict.ModelPin;
import a2.train.Provenance;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code figures}: regenerates the writeup's figures and generated LaTeX from the final models, logs and data. */
@Command(name = "figures", description = "Regenerate writeup/figures/*.png and writeup/generated/*.tex from the final "
        + "models in checkpoints/final/, their logs, the dataset and the STL-10 sample.")
public final class FiguresCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    DataOptions data = new DataOptions();

    @Mixin
    ThreadOptions threads = new ThreadOptions();

    @Option(names = "--final", paramLabel = "DIR", defaultValue = "checkpoints/final",
            description = "Folder of the final runs, one subfolder per recipe with model.a2model and log.csv (default: ${DEFAULT-VALUE}).")
    Path finalDir;

    @Option(names = "--out", paramLabel = "DIR", defaultValue = "writeup",
            description = "The writeup folder; figures go to DIR/figures, LaTeX to DIR/generated (default: ${DEFAULT-VALUE}).")
    Path out;

    @Option(names = "--stl10-sample", paramLabel = "PATH",
            description = "The STL-10 sample archive (" + Stl10Sample.ARCHIVE + ") or its unpacked folder. "
                    + "Default: beside the dataset, $" + DataLocator.DATA_ENV + ", ../shared/datasets.")
    Path stl10Sample;

    @Option(names = "--baseline", paramLabel = "RECIPE", defaultValue = "cifar10-a2-supervised",
            description = "The supervised run's recipe name (default: ${DEFAULT-VALUE}).")
    String baseline;

    @Option(names = "--pinned", paramLabel = "RECIPE",
            description = "The semi-supervised run's recipe name, the model the per-model figures show (default: the "
                    + "final-model folder of the model result/model.json pins). Every other folder of --final with a model is listed "
                    + "in the table of all runs.")
    String pinned;

    @Option(names = "--time-runs", paramLabel = "RECIPE", split = ",",
            description = "Final models drawn in one-core-hours.png, validation accuracy against the hours of one core "
                    + "each used, a student's teacher stage included (default: none, no such figure).")
    List<String> timeRuns = List.of();

    @Option(names = "--pin", paramLabel = "FILE", defaultValue = "result/model.json",
            description = "The pin that names the submitted model, for the --pinned default (default: ${DEFAULT-VALUE}).")
    Path pin;

    @Option(names = "--model", paramLabel = "FILE",
            description = "Draw only this model's first-layer filters and a t-SNE of 1,000 of its validation images, into "
                    + "--out DIR (required, never writeup/); the other options but --data and --threads are ignored.")
    Path model;

    @Override
    public Integer call() {
        // Figures render off-screen; without this a machine with a DISPLAY would open a connection to it.
        if (System.getProperty("java.awt.headless") == null) {
            System.setProperty("java.awt.headless", "true");
        }
        if (model != null) {
            return ModelFiguresRun.run(model, out, spec.commandLine().getParseResult().hasMatchedOption("--out"),
                    data.path(), threads, spec.commandLine().getOut());
        }
        // The figures describe the submitted model unless told otherwise: whichever candidate validation chose.
        String pinned = this.pinned != null ? this.pinned : pinnedFolder(ModelPin.read(pin));
        // Cheap checks first: missing models or data fail in a second, before natives load or images decode.
        FinalModel.requirePresent(finalDir, java.util.stream.Stream.concat(java.util.stream.Stream.of(baseline, pinned), timeRuns.stream()).toList());
        ModelCard card = FinalModel.readCard(finalDir, pinned);
        DataLocator locator = DataLocator.fromEnvironment();
        DataLocator.Found found = locator.locate(data.path(), card.dataset());
        List<Path> roots = new ArrayList<>();
        Path foundRoot = found.path().toAbsolutePath().getParent();
        if (foundRoot != null) {
            roots.add(foundRoot);
        }
        roots.addAll(locator.mirrorRoots());
        Stl10Sample.Located sample = Stl10Sample.locate(Optional.ofNullable(stl10Sample), roots, locator.cacheRoot());

        BackendInfo backend = threads.start();
        PrintStream err = System.err;
        FinalModel base = FinalModel.load(finalDir, baseline);
        FinalModel pin = FinalModel.load(finalDir, pinned);
        Dataset ds = locator.open(found);
        Map<String, String> env = new TreeMap<>(Provenance.collect(Path.of(""), backend, Map.of()));
        // The output must change only when its inputs or the code do: no time, and the commit that last changed the
        // code (src/main) rather than HEAD, so committing the regenerated figures does not outdate them.
        env.remove("created");
        env.putAll(Provenance.codeVersion(Path.of("")));
        env.put("host", Provenance.hostName()); // a machine fact: provenance.machine.json, never the committed file
        List<Path> files = new ArrayList<>();
        if (Files.isRegularFile(found.path())) {
            files.add(found.path());
        }
        sample.archive().ifPresent(files::add);
        List<FinalModel> others = FinalModel.others(finalDir, List.of(baseline, pinned)).stream()
                .map(n -> FinalModel.load(finalDir, n)).toList();
        Figures.Inputs inputs = new Figures.Inputs(ds, base, pin, others, Optional.of(sample.load()), env, files, timeRuns);
        Figures.Report report = Figures.generate(inputs, out, Figures.Settings.standard(pin.card().recipe().seed()), err);
        java.io.PrintWriter o = spec.commandLine().getOut();
        report.written().forEach(p -> o.println("wrote " + p));
        o.printf("validation accuracy: %s %s, %s %s; McNemar b=%d c=%d p=%.4g%n", baseline,
                report.macros().get("SupValAcc"), pinned, report.macros().get("SemiValAcc"), report.mcNemar().onlyA(),
                report.mcNemar().onlyB(), report.mcNemar().pValue());
        o.flush();
        return ExitCode.OK;
    }

    /**
     * The folder name of the pin's model ({@code checkpoints/final/<folder>/model.a2model}), looked up in
     * {@code --final}.
     */
    private String pinnedFolder(ModelPin p) {
        Path parent = ModelPin.isUrl(p.location()) ? null : Path.of(p.location()).getParent();
        if (parent == null || parent.getFileName() == null) {
            throw new a2.io.InvalidInputException(pin + " pins " + p.location() + ", not a model in a folder of "
                    + finalDir + "; pass --pinned RECIPE");
        }
        return parent.getFileName().toString();
    }
}
