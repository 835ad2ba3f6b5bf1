package goodness.runs;

import java.nio.file.Path;

/**
 * A run folder or one of its files cannot be read, written or used as asked; the message is one
 * line that starts with the file (or folder) and says what is wrong. Text quoted from a file is
 * in it with control characters escaped ({@link Printable}), so the message stays one line and
 * safe to print.
 */
public final class RunFileException extends RuntimeException {
    private final transient Path file;

    public RunFileException(Path file, String problem) {
        super(Printable.escape(file + ": " + problem));
        this.file = file;
    }

    public RunFileException(Path file, String problem, Throwable cause) {
        super(Printable.escape(file + ": " + problem), cause);
        this.file = file;
    }

    /** The file or folder the problem is about. */
    public Path file() {
        return file;
    }
}
