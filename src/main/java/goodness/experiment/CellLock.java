package goodness.experiment;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * A claim on one experiment cell: an operating-system lock on the cell's {@code .lock} file, so
 * that two processes sharing an experiment folder (one per core) never train the same cell. The
 * operating system releases the lock when its process ends, however it ends, so a claim never
 * outlives a killed run and the cell's checkpoint can be continued by whoever claims it next.
 *
 * <p>Whoever holds the claim re-reads {@code cells.csv} before training: a claim says who may run
 * the cell now, the CSV whether it still needs running. That is also why {@link #releaseFinished}
 * may delete the file: a process that was waiting on the deleted file, or creates a new one, gets
 * a claim on a cell the CSV already has, and skips it.
 */
public final class CellLock implements AutoCloseable {
    private final Path file;
    private final FileChannel channel;
    private final FileLock lock;

    private CellLock(Path file, FileChannel channel, FileLock lock) {
        this.file = file;
        this.channel = channel;
        this.lock = lock;
    }

    /**
     * Claims the cell, or returns null at once if another process (or another claim in this
     * process) holds it.
     */
    public static CellLock tryClaim(Path file) throws IOException {
        Files.createDirectories(file.getParent());
        FileChannel ch = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        FileLock lock;
        try {
            lock = ch.tryLock();
        } catch (OverlappingFileLockException e) {
            // Held inside this JVM (two experiments in one JVM: the tests). The same answer as a
            // lock held by another process; but closing this second channel may drop the OS lock
            // of the first (POSIX locks are per process), so one process should run one experiment
            // per folder when other processes share it too, as the CLI does.
            lock = null;
        } catch (IOException | RuntimeException e) {
            ch.close();
            throw e;
        }
        if (lock == null) {
            ch.close();
            return null;
        }
        return new CellLock(file, ch, lock);
    }

    /** Releases the claim of a cell that is now in {@code cells.csv}, and removes its lock file. */
    public void releaseFinished() throws IOException {
        Files.deleteIfExists(file);
        close();
    }

    /** Releases the claim; the lock file stays for the next claimant. Idempotent. */
    @Override
    public void close() throws IOException {
        if (!channel.isOpen()) return;
        try {
            lock.release();
        } finally {
            channel.close();
        }
    }
}
