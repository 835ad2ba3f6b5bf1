package goodness.service;

import goodness.ff.FFConfig;
import goodness.ff.NegativeMode;
import goodness.ff.PhaseSchedule;
import goodness.ff.training.EpochMetrics;
import goodness.ff.training.TrainingState;
import goodness.runs.RunStore;
import goodness.runs.RunWriter;
import goodness.runs.StoredRun;
import goodness.runs.TrainingRun;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.function.Supplier;

/**
 * Runs the Forward-Forward engine on one background thread ({@value #THREAD_NAME}, a daemon).
 *
 * <p>Every command is a method that only enqueues and returns at once; the worker thread runs
 * the commands in order between two batches, so live settings (negative mode, phases, rate
 * gain, threads) take effect at the next batch boundary and are reported as
 * {@link TrainingEvent.SettingChanged} with the batch counter. Commands are valid in any state
 * and any order: one that does not apply (pause while idle, resume while running, start while a
 * run is active) is ignored, and any exception of the engine is caught on the worker and
 * reported as a {@link TrainingEvent.Failed}; the service then stays usable.
 *
 * <p><b>The run store.</b> Every run is written into the run store ({@link #runsDir()},
 * {@code runs/} under the working folder by default) as a run folder, the same format the CLI
 * writes ({@link RunWriter}): a checkpoint at every epoch end and on pause, stop, reset and
 * shutdown (autosave), every live setting change, the status (finished, stopped, diverged with
 * its message). A process killed mid-epoch loses at most that epoch; the run then reads as
 * stopped and {@link #resumeRun} continues it exactly where its checkpoint stands.
 *
 * <p>No JavaFX here: listeners get events on the worker thread and must hand them on quickly
 * (see {@link EventBatcher}).
 */
public final class TrainingService implements AutoCloseable {
    public static final String THREAD_NAME = "goodness-trainer";
    private static final System.Logger LOG = System.getLogger(TrainingService.class.getName());

    private final LinkedBlockingQueue<Cmd> queue = new LinkedBlockingQueue<>();
    private final TrainingWorker w;
    private final Thread worker;
    private volatile boolean shutdown;

    /** A queued command: its name (for error reports), its action, and the future to fail if it cannot run. */
    private record Cmd(String name, Runnable action, CompletableFuture<?> future) {
    }

    /**
     * @param initial  the config a plain {@link #start()} uses until another one is given
     * @param dataRoot where the data sets are (called on the worker thread, when a run starts)
     */
    public TrainingService(FFConfig initial, Supplier<Path> dataRoot) {
        this.w = new TrainingWorker(Objects.requireNonNull(initial), Objects.requireNonNull(dataRoot));
        worker = new Thread(this::loop, THREAD_NAME);
        worker.setDaemon(true);
        worker.start();
        // The worker is a daemon: when the process exits (window closed, System.exit) this hook
        // lets it finish the batch in progress and save the run before the JVM goes.
        exitHook = new Thread(() -> {
            shutdown();
            awaitTermination(EXIT_SAVE_WAIT);
        }, THREAD_NAME + "-exit");
        try {
            Runtime.getRuntime().addShutdownHook(exitHook);
        } catch (IllegalStateException e) {
            LOG.log(System.Logger.Level.INFO, "the JVM is already exiting; the run is not saved at exit");
        }
    }

    /** How long the JVM's exit waits for the worker's last save. */
    private static final Duration EXIT_SAVE_WAIT = Duration.ofSeconds(20);
    private final Thread exitHook;

    // ------------------------------------------------------------------------------------------
    // Queries (any thread).

    public ServiceState state() {
        return w.state;
    }

    /** The config of the run in progress (with its live settings), or the one the next start uses. */
    public FFConfig config() {
        return w.config;
    }

    /** The latest network copy published by the run (epoch ends, and every few seconds), or null. */
    public TrainingEvent.ModelSnapshot latestModel() {
        return w.latestModel.get();
    }

    /** Metrics of every epoch of the current run so far (for a resumed run, its stored epochs first). */
    public List<EpochMetrics> history() {
        return List.copyOf(w.history);
    }

    /** The live settings of the current run (restored ones after a load or resume), or null before any run. */
    public LiveSettings liveSettings() {
        return w.liveSettings;
    }

    public boolean isAlive() {
        return worker.isAlive();
    }

    public void addListener(TrainingListener l) {
        w.listeners.add(Objects.requireNonNull(l));
    }

    /** How often a {@link TrainingEvent.BatchProgress} is emitted at most (default 50 ms). */
    public void setProgressInterval(Duration d) {
        w.progressIntervalNanos = d.toNanos();
    }

    /** For {@link #setSnapshotInterval}: model snapshots at epoch ends only. */
    public static final Duration EPOCH_ENDS_ONLY = Duration.ofNanos(Long.MAX_VALUE);

    /**
     * How often a model snapshot is taken within an epoch at most (default 3 s; epoch ends
     * always; {@link #EPOCH_ENDS_ONLY} for none within an epoch). Each snapshot copies the
     * network (11 MB for recipe A), so a client that does not show predictions turns them off.
     */
    public void setSnapshotInterval(Duration d) {
        w.snapshotIntervalNanos = d.toNanos();
    }

    /**
     * The run store new runs are written to (a preference; default {@link RunStore#defaultRoot()}).
     * {@code null} keeps runs in memory only. Takes effect at the next start, load or resume.
     */
    public void setRunsDir(Path dir) {
        w.runsDir = dir;
    }

    /** The run store's folder, or null when runs are kept in memory only. */
    public Path runsDir() {
        return w.runsDir;
    }

    /** The run store, or null when runs are kept in memory only. */
    public RunStore store() {
        return w.store();
    }

    /** The folder name (in the store) of the run in progress or last run, or null if it is not stored. */
    public String runName() {
        return w.runName();
    }

    /**
     * What the Inside view shows, and so what the engine must publish: the negatives strip
     * (details of each batch's first negatives are recorded and copied a few times a second),
     * the receptive fields (layer-1 weights of 100 units, copied a few times an epoch; the most
     * active units or a fixed set). {@link #NONE}: nothing is recorded or copied.
     */
    public record InsideRequest(boolean negatives, boolean receptiveFields, boolean mostActive) {
        public static final InsideRequest NONE = new InsideRequest(false, false, true);
    }

    /** Receptive fields shown: the first ones of this many units. */
    public static final int FIELD_UNITS = 100;

    /**
     * Sets what the Inside view shows (any thread). Takes effect at the next batch; a view that
     * opens on a paused run gets its samples at once.
     */
    public void setInsideRequest(InsideRequest r) {
        w.inside = Objects.requireNonNull(r);
        submit("inside", null, () -> w.inside(r));
    }

    // ------------------------------------------------------------------------------------------
    // Commands (any thread; they enqueue and return).

    /** Starts a new run with the current config (ignored while a run is active). */
    public CompletableFuture<Void> start() {
        return start(null);
    }

    /** Starts a new run with {@code c} (ignored, completing exceptionally, while a run is active). */
    public CompletableFuture<Void> start(FFConfig c) {
        CompletableFuture<Void> f = new CompletableFuture<>();
        submit("start", f, () -> w.start(c, f));
        return f;
    }

    /** Pauses at the next batch boundary and autosaves the run's checkpoint there. */
    public void pause() {
        submit("pause", null, () -> w.pause());
    }

    public void resume() {
        submit("resume", null, () -> w.resume());
    }

    /**
     * Trains to the end of the next epoch boundary (the rest of the epoch in progress, or one
     * whole epoch at a boundary), then pauses. With no active run, starts one first.
     */
    public void stepEpoch() {
        submit("step", null, () -> w.stepEpoch());
    }

    /**
     * Trains one batch and returns it taken apart for the slow-motion view, leaving the run
     * paused; with no active run, starts one first.
     */
    public CompletableFuture<goodness.ff.training.SlowMotionBatch> stepBatchSlowly() {
        CompletableFuture<goodness.ff.training.SlowMotionBatch> f = new CompletableFuture<>();
        submit("stepBatch", f, () -> w.stepBatchSlowly(f));
        return f;
    }

    /** Ends the run: its checkpoint is saved and it stays in the store as stopped (resumable). */
    public void stop() {
        submit("stop", null, () -> w.stop());
    }

    /**
     * Leaves the run (it stays in the store: an active one is saved and marked stopped) and
     * readies a new one; {@code newSeed} draws a fresh seed for it.
     */
    public void reset(boolean newSeed) {
        submit("reset", null, () -> w.reset(newSeed));
    }

    /** Changes the config of the next run (no effect on an active run; use the live setters for that). */
    public void configure(FFConfig c) {
        Objects.requireNonNull(c);
        submit("configure", null, () -> w.configure(c));
    }

    public void setNegativeMode(NegativeMode mode) {
        Objects.requireNonNull(mode);
        submit("negatives", null, () -> w.setNegativeMode(mode));
    }

    public void setPhases(PhaseSchedule phases) {
        Objects.requireNonNull(phases);
        submit("phases", null, () -> w.setPhases(phases));
    }

    /** Multiplier on every learning rate (the "gain" knob; 1 = the recipe). */
    public void setRateScale(double scale) {
        submit("rateScale", null, () -> w.setRateScale(scale));
    }

    /**
     * Threads of the matrix products. A live run is continued on a new backend from its exact
     * state at the batch boundary (the engine's resume path), so nothing is lost.
     */
    public void setThreads(int threads) {
        submit("threads", null, () -> w.setThreads(threads));
    }

    /** Writes the full training state at the next batch boundary (also after stop or finish). */
    public CompletableFuture<Path> saveCheckpoint(Path file) {
        CompletableFuture<Path> f = new CompletableFuture<>();
        submit("save", f, () -> w.saveCheckpoint(file, f));
        return f;
    }

    /** Writes the current weights only (a model file for prediction). */
    public CompletableFuture<Path> saveModel(Path file) {
        CompletableFuture<Path> f = new CompletableFuture<>();
        submit("saveModel", f, () -> w.saveModel(file, f));
        return f;
    }

    /**
     * Replaces any run by the checkpointed one, paused where it stopped, with its live settings.
     * A checkpoint in a run folder continues that run (its earlier epochs come back as
     * {@link TrainingEvent.HistoryRestored}); any other becomes a new run in the store that
     * records where it was resumed from.
     */
    public CompletableFuture<TrainingState> loadCheckpoint(Path file) {
        CompletableFuture<TrainingState> f = new CompletableFuture<>();
        submit("load", f, () -> w.loadCheckpoint(file, f));
        return f;
    }

    /**
     * Continues stored run {@code name} (stopped or diverged) exactly where its checkpoint
     * stands: paused, with its live settings restored ({@link TrainingEvent.LiveSettingsRestored})
     * and its earlier epochs sent as {@link TrainingEvent.HistoryRestored}.
     */
    public CompletableFuture<StoredRun> resumeRun(String name) {
        CompletableFuture<StoredRun> f = new CompletableFuture<>();
        submit("resumeRun", f, () -> w.resumeRun(name, f));
        return f;
    }

    /** Ends the worker after the batch in progress, saving an active run first (never waits); see {@link #awaitTermination}. */
    public void shutdown() {
        if (shutdown) return;
        shutdown = true;
        queue.add(new Cmd("shutdown", () -> { }, null));
    }

    /** Waits at most {@code timeout} for the worker to end; true if it has. */
    public boolean awaitTermination(Duration timeout) {
        try {
            worker.join(Math.max(1, timeout.toMillis()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return !worker.isAlive();
    }

    /** {@link #shutdown()}, then waits up to 10 s for the worker (and its last autosave). */
    @Override
    public void close() {
        shutdown();
        awaitTermination(Duration.ofSeconds(10));
    }

    // ------------------------------------------------------------------------------------------
    // Worker.

    private void submit(String name, CompletableFuture<?> f, Runnable action) {
        if (shutdown) {
            if (f != null) f.completeExceptionally(new IllegalStateException("the training service is shut down"));
            return;
        }
        queue.add(new Cmd(name, action, f));
    }

    private void run(Cmd c) {
        try {
            c.action().run();
        } catch (RuntimeException | Error e) {
            LOG.log(System.Logger.Level.DEBUG, "command " + c.name() + " failed", e);
            if (c.future() != null) c.future().completeExceptionally(e);
            w.failed(c.name(), e);
        }
    }

    private void loop() {
        try {
            while (!shutdown) {
                Cmd cmd = w.running() ? queue.poll() : queue.take();
                if (cmd != null) {
                    run(cmd);
                    continue;
                }
                w.trainStep();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            w.saveOnExit();
            try {
                if (exitHook != null) Runtime.getRuntime().removeShutdownHook(exitHook);
            } catch (IllegalStateException e) {
                // the JVM is exiting: the hook is what waits for this thread
            }
            // Commands still queued are not run against a closed service: their futures fail.
            for (Cmd c; (c = queue.poll()) != null; ) {
                if (c.future() != null) c.future().completeExceptionally(new IllegalStateException("the training service is shut down"));
            }
        }
    }

    /** A failure in the user's words, for a {@link TrainingEvent.Failed} or a status line. */
    static String message(Throwable e) {
        String m = TrainingRun.describe(e);
        return e instanceof UnsupportedOperationException ? "not available yet: " + m : m;
    }
}
