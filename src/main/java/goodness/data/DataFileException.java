package goodness.data;

import java.nio.file.Path;

/**
 * A data file is missing, unreadable or not what it claims to be.
 *
 * <p>Unchecked on purpose: a broken data set is not something a caller can recover from
 * half-way through a load, and both the CLI and the UI simply show the message. That is why
 * every message is a single line that starts with the offending file and then says, in
 * plain words, what is wrong with it, e.g.
 * {@code data/mnist/train-images-idx3-ubyte.gz: truncated: header promises ...}.
 *
 * <p>Named {@code DataFileException} rather than {@code DataFormatException} so it cannot be
 * confused with {@link java.util.zip.DataFormatException}, which the gzip code nearby also
 * deals in.
 */
public class DataFileException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /** The file the problem is about, or {@code null} for problems not tied to one file. */
    private final transient Path file;

    /** A problem with one file: the message becomes {@code "<file>: <problem>"}. */
    public DataFileException(Path file, String problem) {
        this(file, problem, null);
    }

    /** As {@link #DataFileException(Path, String)}, keeping the low-level cause for debugging. */
    public DataFileException(Path file, String problem, Throwable cause) {
        super(file + ": " + problem, cause);
        this.file = file;
    }

    /** A problem that involves several files or none (the message must name them itself). */
    public DataFileException(String message) {
        super(message);
        this.file = null;
    }

    /** The file the problem is about, or {@code null} when the message names several or none. */
    public Path file() {
        return file;
    }
}
