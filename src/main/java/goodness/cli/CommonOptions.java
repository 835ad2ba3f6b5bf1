package goodness.cli;

import goodness.data.DatasetLoader;
import picocli.CommandLine.Option;

import java.nio.file.Path;

/** Options every command shares. */
final class CommonOptions {
    @Option(names = "--json", description = "machine-readable output: one JSON object per line")
    boolean json;

    @Option(names = "--data", description = "folder holding mnist/ and fashion-mnist/ (default: the bundled data/)")
    Path data;

    Path dataRoot() {
        return data != null ? data : DatasetLoader.defaultDataRoot();
    }
}
