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
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
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
 * stale temporary files are removed whenever a writer opens the folder.
 *
 * <p>Not thread-safe: one thread (the training thread) calls it.
 */
public final class RunWriter implements AutoCloseable {
    private final Path folder;
    private final boolean createdFolder;
    private final FileChannel lockChannel;
    private final FileLock lock;
    private final List<EpochMetrics> rows;
    private FFConfig config;
    private RunProvenance provenance;
    private RunStatus status = RunStatus.RUNNING;
    private String message = "";
    private int epochsDone, batchInEpoch;
    private boolean closed;

    private RunWriter(Path folder, boolean createdFolder, FileChannel lockChannel, FileLock lock, FFConfig config,
                      RunProvenance provenance, List<EpochMetrics> rows, int epochsDone, int batchInEpoch) {
        this.folder = folder;
        this.createdFolder = createdFolder;
        this.lockChannel = lockChannel;
        this.lock = lock;
        this.config = config;
        this.provenance = provenance;
        this.rows = new ArrayList<>(rows);
        this.epochsDone = epochsDone;
        this.batchInEpoch = batchInEpoch;
    }

    /**
     * Starts a new run in {@code folder} (created if needed; it must not hold a run already).
     *
     * @throws RunFileException if the folder is a file, already holds a run, is in use, or cannot be written
     */
    public static RunWriter create(Path folder, FFConfig config, RunProvenance provenance) {
        Objects.requireNonNull(config);
        Objects.requireNonNull(provenance);
        if (Files.exists(folder) && !Files.isDirectory(folder))
            throw new RunFileException(folder, "exists and is a file, not a run folder");
        boolean holdsRun = Files.exists(folder.resolve(RunFolder.CONFIG)) || Files.exists(folder.resolve(RunFolder.RUN));
        if (holdsRun && Files.exists(folder.resolve(RunFolder.CHECKPOINT)))
            throw new RunFileException(folder, "already holds a run; choose another folder, or continue it with --resume "
                    + folder.resolve(RunFolder.CHECKPOINT));
        if (holdsRun && RunStore.isLocked(folder))
            throw new RunFileException(folder, "is in use: another process (or window) is training this run");
        // A run that ended before its first checkpoint has nothing to continue from: it is started over.
        if (holdsRun) deleteWritten(folder);
        boolean created = !Files.exists(folder);
        try {
            Files.createDirectories(folder);
        } catch (IOException e) {
            throw new RunFileException(folder, "cannot create the run folder: " + e.getMessage(), e);
        }
        FileChannel ch = null;
        try {
            ch = openLock(folder);
            FileLock lock = acquire(folder, ch);
            RunWriter w = new RunWriter(folder, created, ch, lock, config, provenance, List.of(), 0, 0);
            AtomicFiles.removeStaleTemporaries(folder);
            w.writeConfig();
            w.writeRunInfo();
            return w;
        } catch (IOException | RuntimeException e) {
            closeQuietly(ch);
            if (created) deleteQuietly(folder);
            else deleteWritten(folder);
            if (e instanceof RunFileException r) throw r;
            throw new RunFileException(folder, "cannot start the run: " + e.getMessage(), e);
        }
    }

    /**
     * Continues a run from {@code state}, a checkpoint taken at {@code state.epoch()} /
     * {@code state.batchInEpoch()}: the metrics rows and events after that point (written by the
     * process that was interrupted) are dropped, {@code config.json} gets the state's config,
     * and the resumption is added to the provenance. {@code folder} may be the checkpoint's own
     * run folder or a new one (then {@code newProvenance} describes it).
     *
     * @param from          the checkpoint file resumed from, for the provenance
     * @param newProvenance used when {@code folder} has no {@code run.json} yet
     */
    public static RunWriter resume(Path folder, TrainingState state, Path from, RunProvenance newProvenance) {
        if (Files.exists(folder) && !Files.isDirectory(folder))
            throw new RunFileException(folder, "exists and is a file, not a run folder");
        Path fromFolder = from.toAbsolutePath().normalize().getParent();
        if (!folder.toAbsolutePath().normalize().equals(fromFolder) && Files.exists(folder.resolve(RunFolder.CONFIG)))
            throw new RunFileException(folder, "already holds another run; resume into the checkpoint's own folder or a new one");
        boolean created = !Files.exists(folder);
        FileChannel ch = null;
        try {
            Files.createDirectories(folder);
            ch = openLock(folder);
            FileLock lock = acquire(folder, ch);
            AtomicFiles.removeStaleTemporaries(folder);
            Path runFile = folder.resolve(RunFolder.RUN);
            RunProvenance p = Files.exists(runFile) ? RunJson.runInfo(Files.readString(runFile), runFile).provenance() : newProvenance;
            p = p.withResume(new ResumePoint(from.toString(), state.epoch(), state.batchInEpoch(), state.batchCounter(), Instant.now()));
            List<EpochMetrics> kept = cutMetrics(folder, state.epoch());
            cutEvents(folder, state.batchCounter());
            RunWriter w = new RunWriter(folder, created, ch, lock, state.config(), p, kept, state.epoch(), state.batchInEpoch());
            w.writeConfig();
            w.writeCsv();
            w.writeRunInfo();
            return w;
        } catch (IOException | RuntimeException e) {
            closeQuietly(ch);
            if (created) deleteQuietly(folder);
            if (e instanceof RunFileException r) throw r;
            throw new RunFileException(folder, "cannot resume the run: " + e.getMessage(), e);
        }
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
     * folder if it made it, else the files it wrote. Closes the writer.
     */
    public void abandon() {
        if (closed) return;
        closed = true;
        release();
        if (createdFolder) deleteQuietly(folder);
        else deleteWritten(folder);
    }

    /** Deletes the files a new run writes first, in a folder that existed before it. */
    private static void deleteWritten(Path folder) {
        for (String f : List.of(RunFolder.CONFIG, RunFolder.RUN, RunFolder.METRICS, RunFolder.METRICS_CSV, RunFolder.EVENTS, RunFolder.LOCK)) {
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
        try {
            if (lock.isValid()) lock.release();
        } catch (IOException ignored) {
            // the channel is closed next, which releases it anyway
        }
        closeQuietly(lockChannel);
    }

    private void writeConfig() {
        writeAtomically(folder.resolve(RunFolder.CONFIG), RunJson.GSON.toJson(RunJson.config(config)));
    }

    private void writeCsv() {
        try {
            MetricsCsv.write(rows, folder.resolve(RunFolder.METRICS_CSV));
        } catch (IOException e) {
            throw new RunFileException(folder.resolve(RunFolder.METRICS_CSV), "cannot write: " + e.getMessage(), e);
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
            throw new RunFileException(file, "cannot write: " + e.getMessage(), e);
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

    private static FileChannel openLock(Path folder) throws IOException {
        return FileChannel.open(folder.resolve(RunFolder.LOCK), StandardOpenOption.CREATE, StandardOpenOption.WRITE, StandardOpenOption.READ);
    }

    /** Takes the run's lock; a reader probing it at the same moment only delays this by a few ms. */
    private static FileLock acquire(Path folder, FileChannel ch) throws IOException {
        for (int attempt = 0; attempt < 40; attempt++) {
            try {
                FileLock l = ch.tryLock();
                if (l != null) return l;
            } catch (OverlappingFileLockException e) {
                // held in this process: by a reader's probe (brief) or by another writer (not released)
            }
            try {
                Thread.sleep(25);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        throw new RunFileException(folder, "is in use: another process (or window) is training this run");
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
