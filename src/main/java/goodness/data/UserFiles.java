package goodness.data;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/**
 * The one place that opens files a user names: data files, images, models and checkpoints all
 * go through here. Only regular files are read: a named pipe would block the reader forever, a
 * device may never end, and a folder is never what the user meant; each is refused with one
 * line naming the path. Whole-file reads are bounded by a limit the caller states, checked
 * against the file's size before anything is allocated and again while reading (a file that
 * grows, or a special file that reports size 0, cannot slip past it).
 *
 * <p>Every problem is a {@link DataFileException} whose message is {@code "<file>: <problem>"};
 * callers with their own exception type (checkpoints) keep that message.
 */
public final class UserFiles {
    private UserFiles() {
    }

    /**
     * Returns {@code file} if it is a readable regular file (symbolic links are followed).
     *
     * @throws DataFileException if it does not exist, is a folder, a pipe, a device or a socket,
     *                           or cannot be read
     */
    public static Path requireRegularFile(Path file) {
        if (!Files.exists(file)) throw new DataFileException(file, "file not found");
        if (Files.isDirectory(file)) throw new DataFileException(file, "is a folder, not a file");
        if (!Files.isRegularFile(file))
            throw new DataFileException(file, "is not a regular file (a pipe, device or socket?); only regular files are read");
        if (!Files.isReadable(file)) throw new DataFileException(file, "permission denied");
        return file;
    }

    /** Opens a regular file for reading (see {@link #requireRegularFile}). */
    public static InputStream open(Path file) {
        requireRegularFile(file);
        try {
            return Files.newInputStream(file);
        } catch (IOException e) {
            throw describe(file, e);
        }
    }

    /**
     * Reads a whole regular file of at most {@code maxBytes} bytes.
     *
     * @param what what the file should be, for the message ("a model or checkpoint")
     * @throws DataFileException if the file cannot be read or is larger than {@code maxBytes}
     */
    public static byte[] readAll(Path file, long maxBytes, String what) {
        requireRegularFile(file);
        long limit = Math.min(maxBytes, HeapBudget.MAX_ARRAY);
        try {
            long size = Files.size(file);
            if (size > limit) throw tooLarge(file, size, limit, what);
            try (InputStream in = Files.newInputStream(file)) {
                byte[] bytes = in.readNBytes((int) Math.min(limit + 1, HeapBudget.MAX_ARRAY));
                if (bytes.length > limit) throw tooLarge(file, bytes.length, limit, what);
                return bytes;
            }
        } catch (IOException e) {
            throw describe(file, e);
        }
    }

    private static DataFileException tooLarge(Path file, long size, long limit, String what) {
        return new DataFileException(file, "is " + HeapBudget.megabytes(size) + ", more than the "
                + HeapBudget.megabytes(limit) + " this JVM can load as " + what
                + " (heap at most " + HeapBudget.megabytes(HeapBudget.maxHeap()) + "; a larger -Xmx raises the limit)");
    }

    /** A one-line message naming the file for an I/O failure. */
    public static DataFileException describe(Path file, IOException e) {
        if (e instanceof NoSuchFileException) return new DataFileException(file, "file not found", e);
        if (e instanceof AccessDeniedException) return new DataFileException(file, "permission denied", e);
        String why = e.getMessage() == null ? "input/output error" : e.getMessage();
        return new DataFileException(file, "cannot read: " + why, e);
    }
}
