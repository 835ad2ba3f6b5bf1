package goodness.runs;

import goodness.ff.FFConfig;
import goodness.ff.FFNetwork;
import goodness.ff.io.AtomicFiles;
import goodness.ff.io.Checkpoints;
import goodness.ff.scoring.TestResult;
import goodness.ff.training.EpochMetrics;
import goodness.ff.training.TrainingState;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The one writer of a run folder ({@link RunFolder}), used by the CLI's {@code train} and the
 * app's training service. It holds the folder's {@code run.lock} from open to {@link #close()},
 * so that a reader tells a live run from one whose process died.
 *
 * <p><b>Crash consistency.</b> The checkpoint is the commit point of an epoch. At an epoch end
 * the metrics row is appended and forced first, then the checkpoint is written atomically, then
 * {@code run.json} records the epochs done. A crash between the row and the checkpoint leaves
 * one row more than the checkpoint holds: {@link #resume} cuts the rows (and setting-change
 * events) back to exactly what the checkpoint it resumes from contains, so the retrained epoch's
 * row is never duplicated and no row of a checkpointed epoch is lost. Readers of a stopped run
 * show the rows up to {@code run.json}'s epochs done. Every file other than the two appended
 * JSON-lines files is replaced atomically (temporary file forced to disk, then renamed), and
 * stale temporary files of run files are removed whenever a writer opens the folder.
 *
 * <p><b>One writer per folder.</b> {@link #create} and {@link #resume} claim the folder before
 * they look at it: they create it (or find it), lock {@code run.lock} (an OS file lock, released
 * by the OS when the process dies) and write the holder into it; a second claimant is refused
 * with one line naming the holder. A folder that holds anything but a run is refused, and a
 * failed start deletes only what it wrote.
 *
 * <p>Not thread-safe: one thread (the training thread) calls it.
 */
public final class RunWriter implements AutoCloseable {
    private final Path folder;
    private final boolean createdFolder;
    /** Started by {@link #create}: every run file in the folder is this writer's. */
    private final boolean newRun;
    private final Claim claim;
    private final List<EpochMetrics> rows;
    private FFConfig config;
    private RunProvenance provenance;
    private RunStatus status = RunStatus.RUNNING;
    private String message = "";
    private int epochsDone, batchInEpoch;
    private boolean closed;

    private RunWriter(Path folder, boolean createdFolder, boolean newRun, Claim claim, FFConfig config,
                      RunProvenance provenance, List<EpochMetrics> rows, int epochsDone, int batchInEpoch) {
        this.folder = folder;
        this.createdFolder = createdFolder;
        this.newRun = newRun;
        this.claim = claim;
        this.config = config;
        this.provenance = provenance;
        this.rows = new ArrayList<>(rows);
        this.epochsDone = epochsDone;
        this.batchInEpoch = batchInEpoch;
    }

    /**
     * Starts a new run in {@code folder}: a new folder (created here), an empty one, or the
     * folder of a run that ended before its first checkpoint (started over). The folder is
     * claimed first (its {@code run.lock} taken), and only then is its content checked, so two
     * writers never both start there.
     *
     * @throws RunFileException if the folder is a file, is in use, already holds a run, holds
     *                          other files, or cannot be written
     */
    public static RunWriter create(Path folder, FFConfig config, RunProvenance provenance) {
        Objects.requireNonNull(config);
        Objects.requireNonNull(provenance);
        Claim claim = claim(folder);
        boolean checked = false;
        try {
            boolean holdsRun = Files.exists(folder.resolve(RunFolder.CONFIG)) || Files.exists(folder.resolve(RunFolder.RUN));
            if (holdsRun && Files.exists(folder.resolve(RunFolder.CHECKPOINT)))
                throw new RunFileException(folder, "already holds a run; choose another folder, or continue it with --resume "
                        + folder.resolve(RunFolder.CHECKPOINT));
            if (holdsRun && (Files.exists(folder.resolve(RunFolder.RESULT)) || Files.exists(folder.resolve(RunFolder.MODEL))))
                throw new RunFileException(folder, "already holds a finished run; choose another folder");
            if (!holdsRun) requireEmpty(folder);
            // A run that ended before its first checkpoint has nothing to continue from: it is started over.
            if (holdsRun) deleteWritten(folder);
            removeRunTemporaries(folder);
            checked = true;
            RunWriter w = new RunWriter(folder, claim.createdFolder(), true, claim, config, provenance, List.of(), 0, 0);
            w.writeConfig();
            w.writeRunInfo();
            return w;
        } catch (IOException | RuntimeException e) {
            // The folder held no run files when it was claimed (or only a dead run's, removed above):
            // the run files in it now are this writer's; anything else in it is left alone.
            if (claim.createdFolder()) deleteQuietly(folder);
            else if (checked) deleteWritten(folder);
            claim.giveUp();
            if (e instanceof RunFileException r) throw r;
            throw new RunFileException(folder, "cannot start the run: " + reason(e), e);
        }
    }

    /**
     * Continues a run from {@code state}, a checkpoint taken at {@code state.epoch()} /
     * {@code state.batchInEpoch()}: the metrics rows and events after that point (written by the
     * process that was interrupted) are dropped, {@code config.json} gets the state's config,
     * and the resumption is added to the provenance. {@code folder} may be the checkpoint's own
     * run folder or a new (or empty) one (then {@code newProvenance} describes it). The folder
     * is claimed first; a run already in it must be the checkpoint's run (the same config apart
     * from threads, backend, epochs and the live settings) and not be further on than the
     * checkpoint, so that no other run's files, and no finished epochs, are overwritten.
     *
     * @param from          the checkpoint file resumed from, for the provenance
     * @param newProvenance used when {@code folder} has no {@code run.json} yet
     */
    public static RunWriter resume(Path folder, TrainingState state, Path from, RunProvenance newProvenance) {
        Claim claim = claim(folder);
        try {
            checkResumable(folder, state, from);
            removeRunTemporaries(folder);
            Path runFile = folder.resolve(RunFolder.RUN);
            RunProvenance p = Files.exists(runFile) ? RunJson.runInfo(readRunFile(runFile), runFile).provenance() : newProvenance;
            p = p.withResume(new ResumePoint(from.toString(), state.epoch(), state.batchInEpoch(), state.batchCounter(), Instant.now()));
            List<EpochMetrics> kept = cutMetrics(folder, state.epoch());
            cutEvents(folder, state.batchCounter());
            RunWriter w = new RunWriter(folder, claim.createdFolder(), false, claim, state.config(), p, kept,
                    state.epoch(), state.batchInEpoch());
            w.writeConfig();
            w.writeCsv();
            w.writeRunInfo();
            return w;
        } catch (IOException | RuntimeException e) {
            if (claim.createdFolder()) deleteQuietly(folder);
            claim.giveUp();
            if (e instanceof RunFileException r) throw r;
            throw new RunFileException(folder, "cannot resume the run: " + reason(e), e);
        }
    }

    /**
     * Whether {@code state} may continue in {@code folder}: a folder holding a run must be the
     * checkpoint's own, hold the same run, and not be further on; one holding no run must be
     * empty (the checkpoint's own folder may also hold the files of a run).
     */
    private static void checkResumable(Path folder, TrainingState state, Path from) throws IOException {
        Path fromFolder = from.toAbsolutePath().normalize().getParent();
        boolean own = folder.toAbsolutePath().normalize().equals(fromFolder);
        Path configFile = folder.resolve(RunFolder.CONFIG), runFile = folder.resolve(RunFolder.RUN);
        boolean holdsRun = Files.exists(configFile) || Files.exists(runFile);
        if (!holdsRun) {
            if (!own) requireEmpty(folder);
            else for (String name : entries(folder))
                if (!RUN_FILES.contains(name) && !isRunTemporary(name) && !name.equals(from.getFileName().toString()))
                    throw new RunFileException(folder, "holds no run but other files (" + name + "); resume into a new folder with --out");
            return;
        }
        if (!own) throw new RunFileException(folder, "already holds another run; resume into the checkpoint's own folder or a new one");
        for (String name : RUN_FILES) requireRegularOrMissing(folder.resolve(name));
        if (Files.exists(configFile)) {
            FFConfig there = RunJson.config(readRunFile(configFile), configFile);
            String differs = identityDifference(there, state.config());
            if (differs != null)
                throw new RunFileException(folder, "holds another run than checkpoint " + from.getFileName() + " (" + differs
                        + "); its files are left as they are: resume into a new folder with --out");
        }
        if (Files.exists(runFile)) {
            RunJson.RunInfo info = RunJson.runInfo(readRunFile(runFile), runFile);
            boolean behind = state.epoch() < info.epochsDone()
                    || state.epoch() == info.epochsDone() && state.batchInEpoch() < info.batchInEpoch();
            if (behind)
                throw new RunFileException(folder, "holds this run " + (info.status() == RunStatus.FINISHED ? "finished" : "further on")
                        + " (epoch " + info.epochsDone() + (info.batchInEpoch() > 0 ? ", batch " + info.batchInEpoch() : "")
                        + ") than checkpoint " + from.getFileName() + " (epoch " + state.epoch()
                        + (state.batchInEpoch() > 0 ? ", batch " + state.batchInEpoch() : "")
                        + "); continuing would discard its later epochs: resume into a new folder with --out");
        }
    }

    /**
     * The first settings in which two configs differ as runs ({@code "seed 1 there, 2 in the
     * checkpoint"}), or null if they are the same run. Threads and backend (speed only), epochs
     * (a recipe-B run may be extended) and the live settings (negatives, phases) are not compared.
     */
    static String identityDifference(FFConfig there, FFConfig checkpoint) {
        FFConfig.Builder b = checkpoint.toBuilder();
        b.threads = there.threads();
        b.backend = there.backend();
        b.epochs = there.epochs();
        b.negatives = there.negatives();
        b.phases = there.phases();
        FFConfig c;
        try {
            c = b.build();
        } catch (RuntimeException e) {
            return "its settings";
        }
        if (c.equals(there)) return null;
        List<String> out = new ArrayList<>();
        try {
            for (java.lang.reflect.RecordComponent rc : FFConfig.class.getRecordComponents()) {
                Object v = rc.getAccessor().invoke(there), w = rc.getAccessor().invoke(c);
                if (!Objects.equals(v, w) && out.size() < 3) out.add(rc.getName() + " " + v + " there, " + w + " in the checkpoint");
            }
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("FFConfig's accessors are public", e);
        }
        return out.isEmpty() ? "its settings" : String.join("; ", out);
    }

    public Path folder() {
        return folder;
    }

    public String name() {
        return folder.getFileName().toString();
    }

    public Path checkpointFile() {
        return folder.resolve(RunFolder.CHECKPOINT);
    }

    public RunStatus status() {
        return status;
    }

    /** Epochs whose row and checkpoint are both on disk. */
    public int epochsDone() {
        return epochsDone;
    }

    /** The rows written so far (after a resume: the kept ones first). */
    public List<EpochMetrics> metrics() {
        return List.copyOf(rows);
    }

    public RunProvenance provenance() {
        return provenance;
    }

    /**
     * Records a finished epoch: its metrics row, then (when {@code checkpoint} is not null) the
     * checkpoint taken right after it, then the epochs done. See the class comment for the order.
     */
    public void epochEnded(EpochMetrics m, TrainingState checkpoint) {
        ensureOpen();
        JsonLines.append(folder.resolve(RunFolder.METRICS), RunJson.GSON.toJson(RunJson.metrics(m)));
        rows.add(m);
        if (checkpoint != null) {
            Checkpoints.saveState(checkpoint, checkpointFile());
            epochsDone = checkpoint.epoch();
            batchInEpoch = checkpoint.batchInEpoch();
            writeRunInfo();
        }
        writeCsv();
    }

    /** Writes a checkpoint anywhere in an epoch (pause, stop, window close): no row changes. */
    public void checkpoint(TrainingState s) {
        ensureOpen();
        Checkpoints.saveState(s, checkpointFile());
        epochsDone = s.epoch();
        batchInEpoch = s.batchInEpoch();
        writeRunInfo();
    }

    /** Appends a live setting change to {@code events.jsonl}. */
    public void event(RunEvent e) {
        ensureOpen();
        JsonLines.append(folder.resolve(RunFolder.EVENTS), RunJson.GSON.toJson(RunJson.event(e)));
    }

    /** The speed settings changed mid-run (threads, backend): {@code config.json} follows. */
    public void configChanged(FFConfig c) {
        ensureOpen();
        config = Objects.requireNonNull(c);
        writeConfig();
    }

    /** The run is complete: the final model, {@code result.json}, status finished. */
    public void finished(TestResult t, FFNetwork network, double wallSeconds) {
        ensureOpen();
        Checkpoints.saveModel(network, folder.resolve(RunFolder.MODEL));
        writeAtomically(folder.resolve(RunFolder.RESULT), RunJson.GSON.toJson(RunJson.result(t, wallSeconds, config)));
        epochsDone = config.epochs();
        batchInEpoch = 0;
        setStatus(RunStatus.FINISHED, String.format("finished: %d/%d test errors (energy)", t.energyErrorsTest(), t.testCases()));
    }

    /** The run stopped and can be resumed from its checkpoint. */
    public void stopped(String why) {
        setStatus(RunStatus.STOPPED, why);
    }

    /** Training failed; the last good checkpoint stays. */
    public void diverged(String why) {
        setStatus(RunStatus.DIVERGED, why);
    }

    /** Back to running (a stopped run continued by the same writer). */
    public void running() {
        setStatus(RunStatus.RUNNING, "");
    }

    private void setStatus(RunStatus s, String why) {
        ensureOpen();
        status = s;
        message = why == null ? "" : why;
        writeRunInfo();
    }

    /**
     * Deletes what this writer created, for a start that failed before its first epoch: the
     * folder if it made it, else the run files of a new run (a resumed run's files stay).
     * Closes the writer.
     */
    public void abandon() {
        if (closed) return;
        closed = true;
        if (createdFolder) deleteQuietly(folder);
        else if (newRun) deleteWritten(folder);
        if (newRun) claim.giveUp();   // a lock file it made goes too
        else release();
    }

    /**
     * Deletes the run files of a new run in a folder that existed before it (which held none
     * of them, or a dead run's that was started over). {@code run.lock} is left to the claim,
     * which removes it only if it made it.
     */
    private static void deleteWritten(Path folder) {
        for (String f : List.of(RunFolder.CONFIG, RunFolder.RUN, RunFolder.METRICS, RunFolder.METRICS_CSV, RunFolder.EVENTS,
                RunFolder.CHECKPOINT, RunFolder.MODEL, RunFolder.RESULT)) {
            try {
                Files.deleteIfExists(folder.resolve(f));
            } catch (IOException ignored) {
                // best effort: the start failed anyway, and its own message is what the user sees
            }
        }
    }

    /** For tests: ends like a killed process, releasing the lock and writing nothing more. */
    void simulateCrash() {
        closed = true;
        release();
    }

    /** Releases the lock; a run still marked running is marked stopped first. */
    @Override
    public void close() {
        if (closed) return;
        try {
            if (status == RunStatus.RUNNING)
                setStatus(RunStatus.STOPPED, "stopped at epoch " + epochsDone + (batchInEpoch > 0 ? ", batch " + batchInEpoch : ""));
        } finally {
            closed = true;
            release();
        }
    }

    // ------------------------------------------------------------------------------------------

    private void ensureOpen() {
        if (closed) throw new IllegalStateException("the run writer of " + folder + " is closed");
    }

    private void release() {
        claim.release();
    }

    private void writeConfig() {
        writeAtomically(folder.resolve(RunFolder.CONFIG), RunJson.GSON.toJson(RunJson.config(config)));
    }

    private void writeCsv() {
        try {
            MetricsCsv.write(rows, folder.resolve(RunFolder.METRICS_CSV));
        } catch (IOException e) {
            throw new RunFileException(folder.resolve(RunFolder.METRICS_CSV), "cannot write: " + reason(e), e);
        }
    }

    private void writeRunInfo() {
        RunJson.RunInfo info = new RunJson.RunInfo(status, message, epochsDone, batchInEpoch, Instant.now(), provenance);
        writeAtomically(folder.resolve(RunFolder.RUN), RunJson.GSON.toJson(RunJson.runInfo(info)));
    }

    private static void writeAtomically(Path file, String text) {
        try {
            AtomicFiles.writeString(file, text);
        } catch (IOException e) {
            throw new RunFileException(file, "cannot write: " + reason(e), e);
        }
    }

    /** Keeps the rows of epochs before {@code epochs} (the last row of each epoch, in epoch order). */
    private static List<EpochMetrics> cutMetrics(Path folder, int epochs) {
        Path file = folder.resolve(RunFolder.METRICS);
        List<EpochMetrics> all = JsonLines.read(file, RunJson::metrics);
        Map<Integer, EpochMetrics> byEpoch = new LinkedHashMap<>();
        for (EpochMetrics m : all) if (m.epoch() < epochs) byEpoch.put(m.epoch(), m);
        List<EpochMetrics> kept = new ArrayList<>(byEpoch.values());
        kept.sort((a, b) -> Integer.compare(a.epoch(), b.epoch()));
        if (Files.exists(file)) {
            List<String> lines = new ArrayList<>();
            for (EpochMetrics m : kept) lines.add(RunJson.GSON.toJson(RunJson.metrics(m)));
            JsonLines.rewrite(file, lines);
        }
        return kept;
    }

    /** Keeps the events that took effect at or before batch {@code batchCounter}. */
    private static void cutEvents(Path folder, long batchCounter) {
        Path file = folder.resolve(RunFolder.EVENTS);
        if (!Files.exists(file)) return;
        List<String> lines = new ArrayList<>();
        for (RunEvent e : JsonLines.read(file, RunJson::event))
            if (e.batchCounter() <= batchCounter) lines.add(RunJson.GSON.toJson(RunJson.event(e)));
        JsonLines.rewrite(file, lines);
    }

    // ---- claiming a folder -----------------------------------------------------------------

    /** The names of the files a run folder holds ({@link RunFolder}). */
    private static final List<String> RUN_FILES = List.of(RunFolder.CONFIG, RunFolder.RUN, RunFolder.LOCK, RunFolder.METRICS,
            RunFolder.METRICS_CSV, RunFolder.EVENTS, RunFolder.CHECKPOINT, RunFolder.MODEL, RunFolder.RESULT);

    /**
     * A folder claimed by this process: its {@code run.lock} locked, whether the folder (or the
     * lock file) was made for it, and the lock file's earlier content.
     */
    private record Claim(Path folder, Path key, FileChannel channel, FileLock lock, boolean createdFolder, boolean createdLock, byte[] before) {
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
                closeQuietly(channel);
            }
        }
    }

    /**
     * Claims {@code folder} for one writer: creates it if it does not exist, then takes the OS
     * lock on its {@code run.lock} and writes the holder into it ({@code pid N on host H since
     * T}). Only the process holding the lock may look at, write or delete anything else in the
     * folder. A second claimant is refused with one line naming the holder.
     */
    private static Claim claim(Path folder) {
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
            throw new RunFileException(folder, "cannot create the run folder: " + reason(e), e);
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
            requireRegularOrMissing(lockFile);
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
                throw new RunFileException(folder, "cannot claim the run folder: " + reason(e), e);
            }
            FileLock lock = tryLock(ch);
            if (lock == null) {
                String holder = holder(ch);
                closeQuietly(ch);
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
                throw new RunFileException(folder, "cannot claim the run folder: " + reason(e), e);
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

    /** Refuses a run file that is a link, a pipe, a device or a folder: a writer would write through it or hang on it. */
    private static void requireRegularOrMissing(Path file) {
        if (Files.exists(file, LinkOption.NOFOLLOW_LINKS) && !Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS))
            throw new RunFileException(file, "is not a regular file (a link, pipe, device or folder); a run's files must be plain files");
    }

    /** Refuses a folder that holds anything but {@code run.lock}: it is someone's, not a run's. */
    private static void requireEmpty(Path folder) throws IOException {
        for (String name : entries(folder))
            if (!name.equals(RunFolder.LOCK))
                throw new RunFileException(folder, "is not empty and holds no run; choose an empty or new folder");
    }

    private static List<String> entries(Path folder) throws IOException {
        List<String> out = new ArrayList<>();
        try (DirectoryStream<Path> s = Files.newDirectoryStream(folder)) {
            for (Path p : s) out.add(p.getFileName().toString());
        }
        return out;
    }

    /** A temporary file of an interrupted write of a run file ({@code config.json.123.tmp}), as {@link AtomicFiles} names them. */
    private static boolean isRunTemporary(String name) {
        if (!name.endsWith(AtomicFiles.TMP_SUFFIX)) return false;
        for (String f : RUN_FILES) if (name.startsWith(f + ".")) return true;
        return false;
    }

    /** Removes the temporary files of interrupted writes of run files (and no other file). */
    private static void removeRunTemporaries(Path folder) throws IOException {
        for (String name : entries(folder)) {
            Path p = folder.resolve(name);
            if (isRunTemporary(name) && Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS)) Files.deleteIfExists(p);
        }
    }

    /** A run file's text, read only if it is a regular file of a run file's size. */
    private static String readRunFile(Path file) throws IOException {
        if (!Files.isRegularFile(file)) throw new RunFileException(file, "is not a regular file");
        long size = Files.size(file);
        if (size > JsonLines.MAX_BYTES) throw new RunFileException(file, "is " + size + " bytes, more than a run file may have");
        try {
            return StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(Files.readAllBytes(file))).toString();
        } catch (java.nio.charset.CharacterCodingException e) {
            throw new RunFileException(file, "is not UTF-8 text");
        }
    }

    /** An I/O failure in the user's words. */
    static String reason(Exception e) {
        if (e instanceof AccessDeniedException) return "permission denied";
        if (e instanceof NoSuchFileException) return "no such file or folder";
        if (e instanceof FileAlreadyExistsException) return "a file of that name is in the way";
        if (e instanceof java.nio.file.NotDirectoryException) return "a file is where a folder belongs";
        if (e instanceof java.nio.file.DirectoryNotEmptyException) return "a folder is where a file belongs";
        if (e instanceof FileSystemException f) return f.getReason() != null ? f.getReason() : "input/output error";
        return e.getMessage() == null ? "input/output error" : e.getMessage();
    }

    private static void closeQuietly(FileChannel ch) {
        try {
            if (ch != null) ch.close();
        } catch (IOException ignored) {
            // closing a lock channel cannot lose data
        }
    }

    static void deleteQuietly(Path folder) {
        try {
            RunStore.deleteTree(folder);
        } catch (IOException ignored) {
            // best effort cleanup of a start that failed; the failure's own message is reported
        }
    }
}
