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
    private final RunFolderLock.Claim claim;
    private final List<EpochMetrics> rows;
    private FFConfig config;
    private RunProvenance provenance;
    private RunStatus status = RunStatus.RUNNING;
    private String message = "";
    private int epochsDone, batchInEpoch;
    private boolean closed;

    private RunWriter(Path folder, boolean createdFolder, boolean newRun, RunFolderLock.Claim claim, FFConfig config,
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
        RunFolderLock.Claim claim = RunFolderLock.claim(folder);
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
        RunFolderLock.Claim claim = RunFolderLock.claim(folder);
        try {
            ResumeTarget.check(folder, state, from);
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
        epochsDone = config.totalEpochs();
        batchInEpoch = 0;
        setStatus(RunStatus.FINISHED, String.format("finished: %d/%d test errors (%s)", t.headlineErrorsTest(), t.testCases(), t.headline()));
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

    /** The index a listing reads instead of {@code metrics.jsonl}: this writer's rows are the file's lines. */
    private MetricsIndex metricsIndex() {
        Path file = folder.resolve(RunFolder.METRICS);
        try {
            long bytes = Files.exists(file, LinkOption.NOFOLLOW_LINKS) ? Files.size(file) : 0;
            return new MetricsIndex(bytes, rows.stream().map(MetricsScan.Row::of).toList());
        } catch (IOException e) {
            return null; // a listing reads the file itself
        }
    }

    private void writeRunInfo() {
        RunJson.RunInfo info = new RunJson.RunInfo(status, message, epochsDone, batchInEpoch, Instant.now(), provenance, metricsIndex());
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
    static final List<String> RUN_FILES = List.of(RunFolder.CONFIG, RunFolder.RUN, RunFolder.LOCK, RunFolder.METRICS,
            RunFolder.METRICS_CSV, RunFolder.EVENTS, RunFolder.CHECKPOINT, RunFolder.MODEL, RunFolder.RESULT, RunFolder.IMPORTED);

    /** Whether a live process (this one included) holds the run's lock ({@link RunFolderLock#isLocked}). */
    static boolean isLocked(Path dir) {
        return RunFolderLock.isLocked(dir);
    }

    /** Refuses a run file that is a link, a pipe, a device or a folder: a writer would write through it or hang on it. */
    static void requireRegularOrMissing(Path file) {
        if (Files.exists(file, LinkOption.NOFOLLOW_LINKS) && !Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS))
            throw new RunFileException(file, "is not a regular file (a link, pipe, device or folder); a run's files must be plain files");
    }

    /** Refuses a folder that holds anything but {@code run.lock}: it is someone's, not a run's. */
    static void requireEmpty(Path folder) throws IOException {
        for (String name : entries(folder))
            if (!name.equals(RunFolder.LOCK))
                throw new RunFileException(folder, "is not empty and holds no run; choose an empty or new folder");
    }

    static List<String> entries(Path folder) throws IOException {
        List<String> out = new ArrayList<>();
        try (DirectoryStream<Path> s = Files.newDirectoryStream(folder)) {
            for (Path p : s) out.add(p.getFileName().toString());
        }
        return out;
    }

    /** A temporary file of an interrupted write of a run file ({@code config.json.123.tmp}), as {@link AtomicFiles} names them. */
    static boolean isRunTemporary(String name) {
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
    static String readRunFile(Path file) throws IOException {
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

    static void closeQuietly(FileChannel ch) {
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
