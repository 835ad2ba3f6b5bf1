package goodness.cli;

import picocli.CommandLine.Option;

/** {@code --backend} and {@code --threads} for the commands that run one fixed backend (eval, experiment). */
final class BackendOptions {
    @Option(names = "--backend", defaultValue = "openblas", description = "openblas (default) or ejml (reference)")
    String backend;
    @Option(names = "--threads", defaultValue = "2", description = "threads for the matrix products (default: ${DEFAULT-VALUE})")
    int threads;
}
