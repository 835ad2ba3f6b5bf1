package goodness.ff.io;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;

/**
 * Crash-safe file writes: a temporary file in the same folder ({@code NAME.*.tmp}), forced to
 * disk, then renamed over the target atomically, then the folder forced (where the platform
 * allows it), so that after a crash the target holds either its old or its new content, never a
 * mix. Stale temporary files of a crashed write are removed by {@link #removeStaleTemporaries}.
 */
public final class AtomicFiles {
    /** Suffix of every temporary file this class creates (checkpoints, models and the run store's files alike). */
    public static final String TMP_SUFFIX = ".tmp";

    private AtomicFiles() {
    }

    public static void writeString(Path file, String text) throws IOException {
        write(file, text.getBytes(StandardCharsets.UTF_8));
    }

    public static void write(Path file, byte[] bytes) throws IOException {
        Path dir = file.toAbsolutePath().getParent();
        Files.createDirectories(dir);
        Path tmp = Files.createTempFile(dir, file.getFileName() + ".", TMP_SUFFIX);
        try {
            readableByAll(tmp);
            try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING)) {
                ByteBuffer buf = ByteBuffer.wrap(bytes);
                while (buf.hasRemaining()) ch.write(buf);
                ch.force(true);
            }
            try {
                Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException | RuntimeException e) {
            Files.deleteIfExists(tmp);
            throw e;
        }
        forceFolder(dir);
    }

    /** Temporary files are created owner-only; the files they become are ordinary ones (rw-r--r--). */
    private static void readableByAll(Path p) {
        try {
            Files.setPosixFilePermissions(p, java.nio.file.attribute.PosixFilePermissions.fromString("rw-r--r--"));
        } catch (UnsupportedOperationException | IOException e) {
            // not a POSIX file system: its defaults apply
        }
    }

    /**
     * Forces a folder's entries (a rename, a new file) to disk. Linux allows it; where opening a
     * folder is not supported the rename is left to the file system's own ordering.
     */
    public static void forceFolder(Path dir) {
        try (FileChannel ch = FileChannel.open(dir, StandardOpenOption.READ)) {
            ch.force(true);
        } catch (IOException | UnsupportedOperationException e) {
            // Not supported on this platform (e.g. Windows); nothing more can be done portably.
        }
    }

    /** Deletes every {@code *.tmp} file directly in {@code dir} (left by writes a crash interrupted); returns how many. */
    public static int removeStaleTemporaries(Path dir) throws IOException {
        int n = 0;
        if (!Files.isDirectory(dir)) return 0;
        try (DirectoryStream<Path> s = Files.newDirectoryStream(dir, "*" + TMP_SUFFIX)) {
            for (Path p : s) {
                if (Files.isRegularFile(p) && Files.deleteIfExists(p)) n++;
            }
        }
        return n;
    }
}
