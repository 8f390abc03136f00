package a2.train;

import a2.data.Dataset;
import a2.data.Split;
import a2.io.InvalidInputException;
import a2.model.Inference;
import a2.model.ModelFile;
import a2.model.PatchWhitening;
import a2.model.Preprocessing;
import a2.recipe.Recipe;
import a2.recipe.Teacher;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * Everything fixed for the whole run, derived from the recipe and the data: the split, the preprocessing, the
 * steps per epoch and batch shares, the images training accuracy is measured on, the teacher's pool (Noisy Student)
 * and the provenance every model file of the run carries.
 */
record RunSetup(Split split, Preprocessing pre, int steps, int batch, int pseudoPerBatch, int unlabeledBatch,
                int[] valLabels, int[] trainEval, int[] trainEvalLabels, TeacherPool teacherPool,
                PatchWhitening whitening, double seconds, Map<String, String> provenance) {
    /** Training accuracy is measured on this many fixed training images, without augmentation. */
    static final int TRAIN_EVAL_IMAGES = 1000;

    /**
     * @param fresh whether the run starts here: a resumed run takes its network, whitening included, from its
     *              checkpoint, so the whitening is not fitted again (the provenance still names its images)
     */
    static RunSetup of(Trainer.Config cfg, boolean fresh) {
        long t0 = System.nanoTime();
        Recipe recipe = cfg.recipe();
        Dataset data = cfg.data();
        int k = data.numClasses();
        Split split = Split.stratified(data.trainLabels(), k, recipe.data().validationPerClass(), recipe.data().splitSeed());
        Preprocessing pre = Preprocessing.fit(data.train(), split.train(), recipe.data().inputSize());
        int batch = recipe.optimizer().batchSize();
        int steps = recipe.budget().stepsPerEpoch() > 0 ? recipe.budget().stepsPerEpoch() : split.train().length / batch;
        if (steps < 1) {
            throw new InvalidInputException("the training split holds " + split.train().length + " images, fewer than one batch of " + batch);
        }
        int pseudoPerBatch = recipe.semi().selfTraining() ? (int) Math.round(batch * recipe.semi().unlabeledFraction()) : 0;
        int unlabeledBatch = recipe.semi().fixMatch() || recipe.semi().noisyStudent() ? recipe.semi().unlabeledBatch() : 0;
        int[] trainEval = every(split.train(), TRAIN_EVAL_IMAGES);
        int[] valLabels = pick(data.trainLabels(), split.validation());
        Map<String, String> provenance = new TreeMap<>(Provenance.collect(cfg.projectDir(), cfg.backend(), data.checksums()));
        provenance.put("seed", String.valueOf(recipe.seed()));
        provenance.put("recipe", recipe.name() + " v" + recipe.version());
        provenance.put("split", split.fingerprint());
        TeacherPool pool = recipe.semi().noisyStudent() ? teacherPool(cfg, split, valLabels) : null;
        if (pool != null) {
            // The pool the teacher produced, beside the model: the log only has its share to four decimals.
            Teacher t = recipe.semi().teacher();
            provenance.put("teacher", t.names());
            provenance.put("teacher.sha256", String.join("+", t.models().stream().map(Teacher.Member::sha256).toList()));
            provenance.put("teacher.pool", String.valueOf(pool.size()));
            provenance.put("teacher.pool.validation.rate", String.valueOf(pool.validationRate()));
            provenance.put("teacher.pool.validation.accuracy", String.valueOf(pool.validationAccuracy()));
        }
        PatchWhitening whitening = null;
        if (recipe.model().airbench()) {
            provenance.put("whitening.images", "the training split (" + split.train().length + " labeled images, split "
                    + split.fingerprint() + ") and the unlabeled pool (" + data.unlabeled().count() + " images)");
            whitening = fresh ? whitening(data, split, pre) : null;
        }
        return new RunSetup(split, pre, steps, batch, pseudoPerBatch, unlabeledBatch, valLabels, trainEval,
                pick(data.trainLabels(), trainEval), pool, whitening, (System.nanoTime() - t0) / 1e9, provenance);
    }

    /**
     * airbench's whitening, fitted on the training split and the whole unlabeled pool (no labels needed), never on
     * validation or test images; which images, in the provenance.
     */
    static PatchWhitening whitening(Dataset data, Split split, Preprocessing pre) {
        return PatchWhitening.fit(List.of(new PatchWhitening.Sample(data.train(), split.train()),
                new PatchWhitening.Sample(data.unlabeled(), Inference.all(data.unlabeled().count()))), pre, PatchWhitening.AIRBENCH_PATCH);
    }

    /**
     * The teacher named by the recipe labels the unlabeled pool and the validation images. Each of its models must be
     * the exact file the recipe pins, and must have validated on the same split (or validation would measure images
     * it trained on).
     */
    private static TeacherPool teacherPool(Trainer.Config cfg, Split split, int[] valLabels) {
        Recipe recipe = cfg.recipe();
        Dataset data = cfg.data();
        Teacher t = recipe.semi().teacher();
        List<ModelFile.Loaded> models = new ArrayList<>();
        for (Teacher.Member member : t.models()) {
            Path file = cfg.projectDir().resolve(Finalize.FINAL_DIR).resolve(member.recipe()).resolve(Finalize.MODEL);
            if (!Files.isRegularFile(file)) {
                throw new InvalidInputException("recipe " + recipe.name() + " learns from the teacher " + member.recipe()
                        + ", whose model " + file.toAbsolutePath() + " does not exist; train and finalize that recipe first");
            }
            String sha = a2.io.Hashes.sha256(file);
            if (!sha.equals(member.sha256())) {
                throw new InvalidInputException("teacher model " + file + " has SHA-256 " + sha + " but recipe " + recipe.name()
                        + " pins " + member.sha256() + " (semi.teacher.models)");
            }
            ModelFile.Loaded teacher = ModelFile.load(file, false);
            if (!teacher.card().splitFingerprint().equals(split.fingerprint())) {
                throw new InvalidInputException("teacher model " + file + " was validated on split " + teacher.card().splitFingerprint()
                        + ", this recipe on " + split.fingerprint() + ": its labels would leak validation images");
            }
            models.add(teacher);
        }
        long t0 = System.nanoTime();
        int[] poolIndices = t.labelsUnlabeledImages() ? Inference.all(data.unlabeled().count()) : split.train();
        TeacherPool pool = TeacherPool.label(models, data, poolSource(recipe, data), poolIndices, split.validation(), valLabels,
                t.perClass(), t.soft());
        cfg.listener().line(String.format(Locale.ROOT, "teacher %s labeled %d %s images in %.0f s: pool %d (%.1f%%, %s "
                        + "labels); on validation the same cut passes %.1f%%, %.1f%% of them right", t.names(), poolIndices.length, t.images(),
                (System.nanoTime() - t0) / 1e9, pool.size(), 100 * pool.poolRate(), t.soft() ? "soft" : "hard",
                100 * pool.validationRate(), 100 * pool.validationAccuracy()));
        return pool;
    }

    /** The images a teacher's pool indexes: the unlabeled pool, or for the labeled-images control the training images. */
    static a2.data.Images poolSource(Recipe recipe, Dataset data) {
        return recipe.semi().teacher().labelsUnlabeledImages() ? data.unlabeled() : data.train();
    }

    static int[] pick(int[] values, int[] idx) {
        int[] out = new int[idx.length];
        for (int i = 0; i < idx.length; i++) {
            out[i] = values[idx[i]];
        }
        return out;
    }

    /** About {@code n} indices spread evenly over {@code idx}. */
    static int[] every(int[] idx, int n) {
        int stride = Math.max(1, idx.length / n);
        return java.util.stream.IntStream.range(0, Math.min(n, idx.length)).map(i -> idx[i * stride]).toArray();
    }
}
