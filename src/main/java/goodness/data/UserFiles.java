package goodness.data;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;

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

    /**
     * Checks that {@code file} may be written as an output the user named: a new file in an
     * existing folder, or an existing regular file that is none of {@code inputs} (the files the
     * same command reads). A folder, a pipe, a device or a socket is refused, never replaced.
     * Call it before the work whose result goes there, and {@link #writeOutput} checks again.
     *
     * @throws DataFileException naming the file and the reason
     */
    public static void checkOutput(Path file, List<Path> inputs) {
        if (Files.isDirectory(file)) throw new DataFileException(file, "is a folder, not a file");
        if (Files.exists(file)) {
            if (!Files.isRegularFile(file))
                throw new DataFileException(file, "is not a regular file (a pipe, device or socket?); it is not replaced");
            for (Path in : inputs) {
                if (in == null || !Files.exists(in)) continue;
                try {
                    if (Files.isSameFile(file, in))
                        throw new DataFileException(file, "is " + in + ", which this command reads; choose another file for the output");
                } catch (IOException e) {
                    // cannot compare: the rename below still never writes into the input's bytes
                }
            }
        } else if (Files.isSymbolicLink(file)) {
            throw new DataFileException(file, "is a link to a file that does not exist; choose another file for the output");
        }
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null && !Files.isDirectory(parent)) throw new DataFileException(file, "no such folder " + parent);
    }

    /**
     * Writes an output file the user named, whole or not at all: the bytes go to a temporary
     * file in the same folder, forced to disk, then renamed over {@code file} (through a link to
     * a regular file, its target is replaced). See {@link #checkOutput} for what is refused.
     *
     * @throws DataFileException naming the file and the reason
     */
    public static void writeOutput(Path file, byte[] bytes, List<Path> inputs) {
        checkOutput(file, inputs);
        Path target = file;
        try {
            if (Files.exists(file)) target = file.toRealPath();
        } catch (IOException e) {
            throw new DataFileException(file, "cannot write it: " + why(e), e);
        }
        Path dir = target.toAbsolutePath().getParent();
        Path tmp = null;
        try {
            tmp = Files.createTempFile(dir, "." + target.getFileName() + ".", ".part");
            try (java.nio.channels.FileChannel ch = java.nio.channels.FileChannel.open(tmp, java.nio.file.StandardOpenOption.WRITE)) {
                java.nio.ByteBuffer buf = java.nio.ByteBuffer.wrap(bytes);
                while (buf.hasRemaining()) ch.write(buf);
                ch.force(true);
            }
            try {
                Files.setPosixFilePermissions(tmp, java.nio.file.attribute.PosixFilePermissions.fromString("rw-r--r--"));
            } catch (UnsupportedOperationException | IOException e) {
                // not a POSIX file system: its defaults apply
            }
            try {
                Files.move(tmp, target, java.nio.file.StandardCopyOption.REPLACE_EXISTING, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
            } catch (java.nio.file.AtomicMoveNotSupportedException e) {
                Files.move(tmp, target, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            }
            tmp = null;
        } catch (IOException e) {
            throw new DataFileException(file, "cannot write it: " + why(e), e);
        } finally {
            if (tmp != null) {
                try {
                    Files.deleteIfExists(tmp);
                } catch (IOException ignored) {
                    // the write failed anyway; its own message is what the user sees
                }
            }
        }
    }

    private static String why(IOException e) {
        if (e instanceof AccessDeniedException) return "permission denied";
        if (e instanceof NoSuchFileException) return "no such file or folder";
        if (e instanceof java.nio.file.FileSystemException f && f.getReason() != null) return f.getReason();
        return e.getMessage() == null ? "input/output error" : e.getMessage();
    }

    /** A one-line message naming the file for an I/O failure. */
    public static DataFileException describe(Path file, IOException e) {
        if (e instanceof NoSuchFileException) return new DataFileException(file, "file not found", e);
        if (e instanceof AccessDeniedException) return new DataFileException(file, "permission denied", e);
        String why = e.getMessage() == null ? "input/output error" : e.getMessage();
        return new DataFileException(file, "cannot read: " + why, e);
    }
}
