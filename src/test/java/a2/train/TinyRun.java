package a2.train;

import a2.backend.Backend;
import a2.backend.BackendInfo;
import a2.data.Dataset;
import a2.data.ImageFolderSource;
import a2.testing.ImageFolderFixture;
import java.nio.file.Path;
import java.util.List;

/**
 * The trainer's test bench: one thread, a tiny image-folder dataset (3 classes of 8 labeled images, 24 unlabeled,
 * 6 test images, 8x8 pixels) under {@code tmp}, and a {@link #train} that runs a recipe into a folder.
 */
record TinyRun(Path tmp, Dataset data, BackendInfo backend) {
    static TinyRun in(Path tmp) throws Exception {
        BackendInfo backend = Backend.start(1);
        return new TinyRun(tmp, ImageFolderSource.decode(ImageFolderFixture.write(tmp.resolve("tiny"), 8, 24, 6, 8, 3)), backend);
    }

    Trainer.Config config(a2.recipe.Recipe r, Path run, boolean resume, long stopAfter) {
        return Trainer.Config.of(r, data, run, tmp, backend, List.of("test")).withResume(resume).withStopAfterSteps(stopAfter);
    }

    /** Trains {@code r} into {@code run}; {@code stopAfter} > 0 stops it after that many steps, as Ctrl-C would. */
    Trainer.Result train(a2.recipe.Recipe r, Path run, boolean resume, long stopAfter) {
        return new Trainer(config(r, run, resume, stopAfter)).run();
    }
}
