package goodness.cli;

/** A failure the CLI reports as one line on stderr with its own exit code. */
final class CliException extends RuntimeException {
    final int exitCode;

    CliException(String message, int exitCode) {
        super(message);
        this.exitCode = exitCode;
    }
}
