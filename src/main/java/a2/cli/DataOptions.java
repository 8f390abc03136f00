package a2.cli;

import a2.data.DataLocator;
import a2.data.Dataset;
import java.nio.file.Path;
import java.util.Optional;
import picocli.CommandLine.Option;

/** {@code --data}, shared by every command that reads a dataset; the lookup is {@link DataLocator}'s. */
public final class DataOptions {
    @Option(names = "--data", paramLabel = "PATH",
            description = "A dataset folder or .tar.xz, an STL-10 binary folder, or a folder holding datasets. "
                    + "Default: $" + DataLocator.DATA_ENV + ", then ../shared/datasets, then the cache.")
    Path data;

    public Optional<Path> path() {
        return Optional.ofNullable(data);
    }

    public Dataset open(String datasetName) {
        DataLocator locator = DataLocator.fromEnvironment();
        return locator.open(locator.locate(path(), datasetName));
    }
}
