package a2.figures;

import a2.io.AtomicFiles;
import a2.io.Hashes;
import a2.model.ModelFile;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The two provenance files of a figure set. {@value #COMMITTED} is committed and compared byte for byte by CI, so it
 * holds only what determines the figures' bytes: the SHA-256 of every input (models, logs, data), the models' own
 * provenance, the commit of the code, the library version and the figure settings. {@value #MACHINE} (git-ignored)
 * holds the facts of the machine that drew them (OS and kernel, host, CPU, JDK, native build, threads, data paths),
 * which no input determines and which differ on every machine.
 */
public final class FigureProvenance {
    /** Committed beside the figures; byte-compared by CI. */
    public static final String COMMITTED = "provenance.json";
    /** Written beside it on every build; git-ignored. */
    public static final String MACHINE = "provenance.machine.json";
    /** The keys of an invocation's environment that determine the figures' bytes; all others are machine facts. */
    static final List<String> DETERMINING = List.of("git.commit", "git.dirty", "dl4j");

    private FigureProvenance() {}

    /** The part of {@code environment} that determines the figures' bytes ({@link #DETERMINING}). */
    public static Map<String, String> determining(Map<String, String> environment) {
        Map<String, String> d = new TreeMap<>();
        DETERMINING.forEach(k -> {
            if (environment.containsKey(k)) {
                d.put(k, environment.get(k));
            }
        });
        return d;
    }

    /** Everything in {@code environment} that does not determine the bytes, plus where each input file was found. */
    public static Map<String, Object> machine(Map<String, String> environment, List<Path> inputFiles) {
        Map<String, String> facts = new TreeMap<>(environment);
        DETERMINING.forEach(facts::remove);
        Map<String, String> paths = new TreeMap<>();
        inputFiles.forEach(p -> paths.put(inputKey(p), p.toAbsolutePath().normalize().toString()));
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("machine", facts);
        m.put("inputPaths", paths);
        return m;
    }

    /**
     * How an input file is named in {@value #COMMITTED}: by its path inside the working directory (a committed
     * model, {@code checkpoints/final/...}), or, outside it (the dataset archive, wherever the data lookup found it),
     * by its file name alone, so that {@code $A2_DATA} or another checkout folder does not change the bytes.
     */
    static String inputKey(Path p) {
        Path abs = p.toAbsolutePath().normalize();
        Path cwd = Path.of("").toAbsolutePath().normalize();
        if (abs.startsWith(cwd)) {
            return cwd.relativize(abs).toString().replace('\\', '/');
        }
        return String.valueOf(abs.getFileName());
    }

    /**
     * The committed file's content.
     *
     * @param models        every final model drawn (its model file, log and provenance are fingerprinted)
     * @param inputFiles    further input files (the dataset archive, the STL-10 sample)
     * @param dataChecksums the dataset's own checksums, by dataset file name
     * @param environment   the invocation's environment; only its {@link #DETERMINING} keys are kept
     * @param settings      the figure settings
     */
    static byte[] committed(List<FinalModel> models, List<Path> inputFiles, Map<String, String> dataChecksums,
                            Map<String, String> environment, Map<String, Object> settings) {
        Map<String, String> inputs = new TreeMap<>();
        for (FinalModel m : models) {
            inputs.put(inputKey(m.modelFile()), Hashes.sha256(m.modelFile()));
            inputs.put(inputKey(m.logFile()), Hashes.sha256(m.logFile()));
            Path prov = m.dir().resolve(FinalModel.PROVENANCE);
            if (Files.isRegularFile(prov)) {
                inputs.put(inputKey(prov), Hashes.sha256(prov));
            }
        }
        inputFiles.forEach(path -> inputs.put(inputKey(path), Hashes.sha256(path)));
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("inputs", inputs);
        p.put("data", new TreeMap<>(dataChecksums));
        p.put("generatedBy", determining(environment));
        for (FinalModel m : models) {
            // The models' own provenance is an input (committed beside each model), machine facts and all.
            p.put("model." + m.recipe(), new TreeMap<>(m.card().provenance()));
        }
        p.put("settings", settings);
        return json(p);
    }

    /** Writes {@value #COMMITTED} and {@value #MACHINE} into {@code generated}; returns the committed one. */
    static Path write(Path generated, List<FinalModel> models, List<Path> inputFiles, Map<String, String> dataChecksums,
                      Map<String, String> environment, Map<String, Object> settings) {
        Path target = generated.resolve(COMMITTED);
        AtomicFiles.writeBytes(target, committed(models, inputFiles, dataChecksums, environment, settings));
        AtomicFiles.writeBytes(generated.resolve(MACHINE), json(machine(environment, inputFiles)));
        return target;
    }

    private static byte[] json(Object value) {
        try {
            return ModelFile.JSON.writeValueAsBytes(value);
        } catch (IOException e) {
            throw new UncheckedIOException("could not serialise the figure provenance: " + e.getMessage(), e);
        }
    }
}
