package goodness.runs;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;

/**
 * How a run folder is claimed by one writer ({@link RunWriter}) across processes: the OS lock on
 * its {@code run.lock}, taken before anything else in the folder is read or written, with the
 * holder ({@code pid N on host H since T}) written into the file for a second claimant's message.
 */
final class RunFolderLock {
    private RunFolderLock() {
    }

    /**
     * A folder claimed by this process: its {@code run.lock} locked, whether the folder (or the
     * lock file) was made for it, and the lock file's earlier content.
     */
    record Claim(Path folder, Path key, FileChannel channel, FileLock lock, boolean createdFolder, boolean createdLock, byte[] before) {
        /** For a claim given up before the run started: the lock file as it was, then released. */
        void giveUp() {
            try {
                if (createdLock) Files.deleteIfExists(folder.resolve(RunFolder.LOCK));
                else {
                    channel.truncate(0);
                    channel.write(ByteBuffer.wrap(before), 0);
                }
            } catch (IOException ignored) {
                // best effort: the lock file's content is only shown to a second claimant
            }
            release();
        }

        void release() {
            synchronized (CLAIMS) {
                if (key != null) HELD.remove(key);
                try {
                    if (lock.isValid()) lock.release();
                } catch (IOException ignored) {
                    // the channel is closed next, which releases it anyway
                }
                RunWriter.closeQuietly(channel);
            }
        }
    }

    /**
     * Claims {@code folder} for one writer: creates it if it does not exist, then takes the OS
     * lock on its {@code run.lock} and writes the holder into it ({@code pid N on host H since
     * T}). Only the process holding the lock may look at, write or delete anything else in the
     * folder. A second claimant is refused with one line naming the holder.
     */
    static Claim claim(Path folder) {
        if (Files.exists(folder) && !Files.isDirectory(folder))
            throw new RunFileException(folder, "exists and is a file, not a run folder");
        boolean created = RunStore.takeNewFolder(folder);
        try {
            Path parent = folder.toAbsolutePath().getParent();
            if (parent != null) Files.createDirectories(parent);
            Files.createDirectory(folder);
            created = true;
        } catch (FileAlreadyExistsException e) {
            if (!Files.isDirectory(folder)) throw new RunFileException(folder, "exists and is a file, not a run folder");
        } catch (IOException e) {
            throw new RunFileException(folder, "cannot create the run folder: " + RunWriter.reason(e), e);
        }
        Path key = key(folder);
        for (int attempt = 0; ; attempt++) {
            Claim c;
            try {
                c = lockOnce(folder, key, created);
            } catch (InUse e) {
                throw e.refusal;   // the folder is the holder's now, even if this process made it
            } catch (RunFileException e) {
                if (created) deleteIfEmpty(folder);
                throw e;
            }
            if (c != null) return c;
            if (attempt >= 5) throw new RunFileException(folder, "is being removed or replaced by another process; try again");
            if (!Files.isDirectory(folder)) throw new RunFileException(folder, "was removed while starting the run");
        }
    }

    /**
     * Folders whose {@code run.lock} this process holds, with the holder line. On POSIX systems
     * closing any channel of a file drops every lock the process holds on it, so within this
     * process a held lock file is never opened again (and {@link #isLocked} answers from here).
     */
    private static final Object CLAIMS = new Object();
    private static final Map<Path, String> HELD = new java.util.HashMap<>();

    /** Another writer holds the folder: nothing in it is touched. */
    private static final class InUse extends RuntimeException {
        final RunFileException refusal;

        InUse(Path folder, String holder) {
            super(null, null, false, false);
            refusal = new RunFileException(folder, "is in use by " + holder);
        }
    }

    /** Removes a folder this process made, if nothing is in it (another claimant may have entered it meanwhile). */
    private static void deleteIfEmpty(Path folder) {
        try {
            Files.deleteIfExists(folder);
        } catch (IOException ignored) {
            // not empty, or not removable: it stays
        }
    }

    /** One try at locking {@code folder}'s {@code run.lock}: the claim, or null if the lock file was replaced meanwhile. */
    private static Claim lockOnce(Path folder, Path key, boolean created) {
        Path lockFile = folder.resolve(RunFolder.LOCK);
        synchronized (CLAIMS) {
            String here = HELD.get(key);
            if (here != null) throw new InUse(folder, here);
            RunWriter.requireRegularOrMissing(lockFile);
            Object inode = inode(lockFile);
            FileChannel ch;
            boolean createdLock = false;
            try {
                try {
                    ch = FileChannel.open(lockFile, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE, StandardOpenOption.READ,
                            LinkOption.NOFOLLOW_LINKS);
                    createdLock = true;
                    inode = inode(lockFile);
                } catch (FileAlreadyExistsException e) {
                    ch = FileChannel.open(lockFile, StandardOpenOption.WRITE, StandardOpenOption.READ, LinkOption.NOFOLLOW_LINKS);
                }
            } catch (NoSuchFileException e) {
                return null;   // removed between the two opens
            } catch (IOException e) {
                throw new RunFileException(folder, "cannot claim the run folder: " + RunWriter.reason(e), e);
            }
            FileLock lock = tryLock(ch);
            if (lock == null) {
                String holder = holder(ch);
                RunWriter.closeQuietly(ch);
                throw new InUse(folder, holder.isEmpty() ? "another process (or window) training a run there" : holder);
            }
            // The lock is on the file opened: if run.lock was replaced since (its folder deleted and
            // made again), it guards nothing, and the one there now is taken instead.
            Object now = inode(lockFile);
            if (now == null || !now.equals(inode)) {
                new Claim(folder, null, ch, lock, false, false, new byte[0]).release();
                return null;
            }
            String me = "pid " + ProcessHandle.current().pid() + " on host " + hostName() + " since "
                    + Instant.now().truncatedTo(ChronoUnit.SECONDS);
            byte[] before = new byte[0];
            try {
                before = readHead(ch);
                byte[] text = (me + "\n").getBytes(StandardCharsets.UTF_8);
                ch.truncate(0);
                ch.write(ByteBuffer.wrap(text), 0);
                ch.force(false);
            } catch (IOException e) {
                new Claim(folder, null, ch, lock, false, createdLock, before).giveUp();
                throw new RunFileException(folder, "cannot claim the run folder: " + RunWriter.reason(e), e);
            }
            HELD.put(key, me + " (this process)");
            return new Claim(folder, key, ch, lock, created, createdLock, before);
        }
    }

    /** The file's inode (where the file system tells it), or null if it does not exist. */
    private static Object inode(Path file) {
        try {
            return Files.getAttribute(file, "unix:ino");
        } catch (NoSuchFileException e) {
            return null;
        } catch (IOException | UnsupportedOperationException | IllegalArgumentException e) {
            return Files.exists(file) ? "exists" : null;
        }
    }

    /** The folder's identity within this process (links resolved). */
    private static Path key(Path folder) {
        try {
            return folder.toRealPath();
        } catch (IOException e) {
            return folder.toAbsolutePath().normalize();
        }
    }

    /**
     * Whether a live process (this one included) holds the run's lock. A reader's shared probe
     * never blocks the writer for long; within this process the held locks are known, and a
     * lock file held here is never opened (closing it would drop the lock).
     */
    static boolean isLocked(Path dir) {
        Path lockFile = dir.resolve(RunFolder.LOCK);
        synchronized (CLAIMS) {
            if (!HELD.isEmpty() && HELD.containsKey(key(dir))) return true;
            // Only a regular file is opened: a pipe would block the reader, and no writer locks anything else.
            if (!Files.isRegularFile(lockFile, LinkOption.NOFOLLOW_LINKS)) return false;
            try (FileChannel ch = FileChannel.open(lockFile, StandardOpenOption.READ)) {
                FileLock probe = ch.tryLock(0, Long.MAX_VALUE, true);
                if (probe == null) return true;
                probe.release();
                return false;
            } catch (OverlappingFileLockException e) {
                return true;
            } catch (NoSuchFileException e) {
                return false;
            } catch (IOException e) {
                return false; // cannot probe (read-only media): nobody can be writing there
            }
        }
    }

    /** Takes the lock; a reader probing it at the same moment only delays this by a few ms. */
    private static FileLock tryLock(FileChannel ch) {
        for (int attempt = 0; attempt < 8; attempt++) {
            try {
                FileLock l = ch.tryLock();
                if (l != null) return l;
            } catch (OverlappingFileLockException e) {
                // held in this process: by a reader's probe (brief) or by another writer (not released)
            } catch (IOException e) {
                return null;
            }
            try {
                Thread.sleep(25);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return null;
            }
        }
        return null;
    }

    /** The first bytes of the lock file (its holder line). */
    private static byte[] readHead(FileChannel ch) throws IOException {
        ByteBuffer buf = ByteBuffer.allocate(300);
        while (buf.hasRemaining() && ch.read(buf, buf.position()) > 0) {
            // read on until full or at the end
        }
        return java.util.Arrays.copyOf(buf.array(), buf.position());
    }

    /** The holder line written in {@code run.lock} by the process holding it, or "" (control characters dropped). */
    private static String holder(FileChannel ch) {
        for (int attempt = 0; attempt < 20; attempt++) {
            try {
                ByteBuffer buf = ByteBuffer.allocate(300);
                ch.read(buf, 0);
                String s = new String(buf.array(), 0, buf.position(), StandardCharsets.UTF_8).strip();
                if (s.startsWith("pid ") && s.indexOf('\n') < 0) {
                    StringBuilder b = new StringBuilder();
                    s.codePoints().filter(c -> c >= 0x20 && c != 0x7f).forEach(b::appendCodePoint);
                    return b.toString();
                }
            } catch (IOException e) {
                return "";
            }
            try {
                Thread.sleep(25);   // the holder writes its line right after taking the lock
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return "";
            }
        }
        return "";
    }

    private static String hostName() {
        String h = System.getenv("HOSTNAME");
        if (h == null || h.isBlank()) {
            try {
                h = java.net.InetAddress.getLocalHost().getHostName();
            } catch (IOException e) {
                h = "unknown";
            }
        }
        return h.replaceAll("[^A-Za-z0-9._-]", "?");
    }

}
