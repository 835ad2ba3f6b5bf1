package goodness.service;

import goodness.data.DataSplits;
import goodness.ff.FFConfig;
import goodness.ff.FFNetwork;
import goodness.ff.NegativeMode;
import goodness.ff.PhaseSchedule;
import goodness.ff.backend.MatrixBackend;
import goodness.ff.io.Checkpoints;
import goodness.ff.negatives.NegativesSample;
import goodness.ff.scoring.TestResult;
import goodness.ff.training.BatchSnapshot;
import goodness.ff.training.EpochMetrics;
import goodness.ff.training.ReceptiveFields;
import goodness.ff.training.Trainer;
import goodness.ff.training.Trainers;
import goodness.ff.training.TrainingState;
import goodness.runs.CodeVersion;
import goodness.runs.RunEvent;
import goodness.runs.RunFolder;
import goodness.runs.RunProvenance;
import goodness.runs.RunStatus;
import goodness.runs.RunStore;
import goodness.runs.RunWriter;
import goodness.runs.StoredRun;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.atomic.AtomicReference;
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

    private final Supplier<Path> dataRoot;
    private final LinkedBlockingQueue<Cmd> queue = new LinkedBlockingQueue<>();
    private final List<TrainingListener> listeners = new CopyOnWriteArrayList<>();
    private final List<EpochMetrics> history = new CopyOnWriteArrayList<>();
    private final AtomicReference<TrainingEvent.ModelSnapshot> latestModel = new AtomicReference<>();
    private final Thread worker;

    private volatile ServiceState state = ServiceState.IDLE;
    private volatile FFConfig config;
    private volatile boolean shutdown;
    private volatile long progressIntervalNanos = 50_000_000L;
    private volatile long snapshotIntervalNanos = 3_000_000_000L;
    private volatile Path runsDir = RunStore.defaultRoot();
    private volatile String runName;
    private volatile LiveSettings liveSettings;
    private volatile InsideRequest inside = InsideRequest.NONE;

    // Worker-thread only.
    private Trainer trainer;
    private MatrixBackend backend;
    private DataSplits data;
    private DataKey dataKey;
    private RunWriter run;
    private int stepTarget = -1;
    private long lastProgress, lastSnapshot, runStartNanos, lastNegatives, lastFields;

    /** A queued command: its name (for error reports), its action, and the future to fail if it cannot run. */
    private record Cmd(String name, Runnable action, CompletableFuture<?> future) {
    }

    private record DataKey(Path root, goodness.data.Dataset dataset, goodness.data.SplitKind split, int trainLimit) {
    }

    /**
     * @param initial  the config a plain {@link #start()} uses until another one is given
     * @param dataRoot where the data sets are (called on the worker thread, when a run starts)
     */
    public TrainingService(FFConfig initial, Supplier<Path> dataRoot) {
        this.config = Objects.requireNonNull(initial);
        this.dataRoot = Objects.requireNonNull(dataRoot);
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
        return state;
    }

    /** The config of the run in progress (with its live settings), or the one the next start uses. */
    public FFConfig config() {
        return config;
    }

    /** The latest network copy published by the run (epoch ends, and every few seconds), or null. */
    public TrainingEvent.ModelSnapshot latestModel() {
        return latestModel.get();
    }

    /** Metrics of every epoch of the current run so far (for a resumed run, its stored epochs first). */
    public List<EpochMetrics> history() {
        return List.copyOf(history);
    }

    /** The live settings of the current run (restored ones after a load or resume), or null before any run. */
    public LiveSettings liveSettings() {
        return liveSettings;
    }

    public boolean isAlive() {
        return worker.isAlive();
    }

    public void addListener(TrainingListener l) {
        listeners.add(Objects.requireNonNull(l));
    }

    public void removeListener(TrainingListener l) {
        listeners.remove(l);
    }

    /** How often a {@link TrainingEvent.BatchProgress} is emitted at most (default 50 ms). */
    public void setProgressInterval(Duration d) {
        progressIntervalNanos = d.toNanos();
    }

    /** For {@link #setSnapshotInterval}: model snapshots at epoch ends only. */
    public static final Duration EPOCH_ENDS_ONLY = Duration.ofNanos(Long.MAX_VALUE);

    /**
     * How often a model snapshot is taken within an epoch at most (default 3 s; epoch ends
     * always; {@link #EPOCH_ENDS_ONLY} for none within an epoch). Each snapshot copies the
     * network (11 MB for recipe A), so a client that does not show predictions turns them off.
     */
    public void setSnapshotInterval(Duration d) {
        snapshotIntervalNanos = d.toNanos();
    }

    /**
     * The run store new runs are written to (a preference; default {@link RunStore#defaultRoot()}).
     * {@code null} keeps runs in memory only. Takes effect at the next start, load or resume.
     */
    public void setRunsDir(Path dir) {
        runsDir = dir;
    }

    /** The run store's folder, or null when runs are kept in memory only. */
    public Path runsDir() {
        return runsDir;
    }

    /** The run store, or null when runs are kept in memory only. */
    public RunStore store() {
        Path d = runsDir;
        return d == null ? null : new RunStore(d);
    }

    /** The folder name (in the store) of the run in progress or last run, or null if it is not stored. */
    public String runName() {
        return runName;
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
    /** At most this often: negatives strip (4 a second), receptive fields (every 2 s: a few times per recipe-A epoch). */
    static final long NEGATIVES_INTERVAL_NANOS = 250_000_000L, FIELDS_INTERVAL_NANOS = 2_000_000_000L;

    /**
     * Sets what the Inside view shows (any thread). Takes effect at the next batch; a view that
     * opens on a paused run gets its samples at once.
     */
    public void setInsideRequest(InsideRequest r) {
        inside = Objects.requireNonNull(r);
        submit("inside", null, () -> {
            if (trainer == null) return;
            trainer.setNegativeDetails(r.negatives());
            lastNegatives = lastFields = 0;
            publishInside(System.nanoTime(), true);
        });
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
        submit("start", f, () -> {
            if (state.active()) {
                f.completeExceptionally(new IllegalStateException("a run is already " + state.name().toLowerCase()));
                return;
            }
            if (c != null) config = c;
            if (doStart(config)) f.complete(null);
            else f.completeExceptionally(new IllegalStateException("the run could not start"));
        });
        return f;
    }

    /** Pauses at the next batch boundary and autosaves the run's checkpoint there. */
    public void pause() {
        submit("pause", null, () -> {
            if (state == ServiceState.RUNNING) {
                stepTarget = -1;
                autosave();
                setState(ServiceState.PAUSED, "paused at epoch " + trainer.epoch() + ", batch " + trainer.batchInEpoch());
            }
        });
    }

    public void resume() {
        submit("resume", null, () -> {
            if (state == ServiceState.PAUSED) {
                stepTarget = -1;
                setState(ServiceState.RUNNING, "");
            }
        });
    }

    /**
     * Trains to the end of the next epoch boundary (the rest of the epoch in progress, or one
     * whole epoch at a boundary), then pauses. With no active run, starts one first.
     */
    public void stepEpoch() {
        submit("step", null, () -> {
            if (!state.active() && !doStart(config)) return;
            if (trainer.finished()) return;
            stepTarget = trainer.epoch() + 1;
            if (state != ServiceState.RUNNING) setState(ServiceState.RUNNING, "stepping to the end of epoch " + trainer.epoch());
        });
    }

    /** Ends the run: its checkpoint is saved and it stays in the store as stopped (resumable). */
    public void stop() {
        submit("stop", null, () -> {
            if (state.active()) {
                stepTarget = -1;
                String msg = "stopped at epoch " + trainer.epoch() + ", batch " + trainer.batchInEpoch();
                endRun(RunStatus.STOPPED, msg);
                setState(ServiceState.STOPPED, msg);
            }
        });
    }

    /**
     * Leaves the run (it stays in the store: an active one is saved and marked stopped) and
     * readies a new one; {@code newSeed} draws a fresh seed for it.
     */
    public void reset(boolean newSeed) {
        submit("reset", null, () -> {
            if (state.active()) endRun(RunStatus.STOPPED, "left at epoch " + trainer.epoch() + ", batch " + trainer.batchInEpoch() + " (reset)");
            closeTrainer();
            history.clear();
            stepTarget = -1;
            if (newSeed) config = config.toBuilder().seed(Math.floorMod(System.nanoTime() ^ 0x5DEECE66DL, 1_000_000L)).build();
            emit(new TrainingEvent.RunReset(config));
            setState(ServiceState.IDLE, newSeed ? "reset with new seed " + config.seed() : "reset (seed " + config.seed() + ")");
        });
    }

    /** Changes the config of the next run (no effect on an active run; use the live setters for that). */
    public void configure(FFConfig c) {
        Objects.requireNonNull(c);
        submit("configure", null, () -> {
            if (!state.active()) config = c;
        });
    }

    public void setNegativeMode(NegativeMode mode) {
        Objects.requireNonNull(mode);
        submit("negatives", null, () -> {
            NegativeMode old = liveRun() ? trainer.negativeMode() : config.negatives();
            if (old == mode) return;
            if (liveRun()) trainer.setNegativeMode(mode);
            config = config.toBuilder().negatives(mode).build();
            settingChanged("negatives", old.id(), mode.id());
        });
    }

    public void setPhases(PhaseSchedule phases) {
        Objects.requireNonNull(phases);
        submit("phases", null, () -> {
            PhaseSchedule old = liveRun() ? trainer.phases() : config.phases();
            if (old.equals(phases)) return;
            if (liveRun()) trainer.setPhases(phases);
            config = config.toBuilder().phases(phases).build();
            settingChanged("phases", old.toString(), phases.toString());
        });
    }

    /** Multiplier on every learning rate (the "gain" knob; 1 = the recipe). */
    public void setRateScale(double scale) {
        submit("rateScale", null, () -> {
            if (!(scale > 0) || !Double.isFinite(scale)) {
                emit(new TrainingEvent.Failed("rateScale", "the learning-rate gain must be a finite value > 0, got " + scale));
                return;
            }
            if (!liveRun()) return;
            double old = trainer.rateScale();
            if (old == scale) return;
            trainer.setRateScale(scale);
            settingChanged("rateScale", fmt(old), fmt(scale));
        });
    }

    /**
     * Threads of the matrix products. A live run is continued on a new backend from its exact
     * state at the batch boundary (the engine's resume path), so nothing is lost.
     */
    public void setThreads(int threads) {
        submit("threads", null, () -> {
            int old = config.threads();
            if (old == threads) return;
            FFConfig next;
            try {
                next = config.toBuilder().threads(threads).build();
            } catch (RuntimeException e) {
                emit(new TrainingEvent.Failed("threads", message(e)));
                return;
            }
            if (liveRun()) {
                try {
                    // The trainer keeps the run's own config (its live settings are in its state); only the threads change.
                    install(withConfig(trainer.state(), trainer.config().toBuilder().threads(threads).build()));
                } catch (RuntimeException e) {
                    LOG.log(System.Logger.Level.WARNING, "could not move the run to " + threads + " threads", e);
                    emit(new TrainingEvent.Failed("threads", message(e)));
                    return;
                }
                if (run != null) store(() -> run.configChanged(trainer.state().config()));
            }
            config = next;
            settingChanged("threads", Integer.toString(old), Integer.toString(threads));
        });
    }

    /** Writes the full training state at the next batch boundary (also after stop or finish). */
    public CompletableFuture<Path> saveCheckpoint(Path file) {
        CompletableFuture<Path> f = new CompletableFuture<>();
        submit("save", f, () -> {
            if (trainer == null) throw new IllegalStateException("there is no training run to save");
            Checkpoints.saveState(trainer.state(), file);
            emit(new TrainingEvent.CheckpointSaved(file, trainer.epoch(), trainer.batchInEpoch()));
            f.complete(file);
        });
        return f;
    }

    /** Writes the current weights only (a model file for prediction). */
    public CompletableFuture<Path> saveModel(Path file) {
        CompletableFuture<Path> f = new CompletableFuture<>();
        submit("saveModel", f, () -> {
            if (trainer == null) throw new IllegalStateException("there is no training run to save");
            Checkpoints.saveModel(trainer.network(), file);
            f.complete(file);
        });
        return f;
    }

    /**
     * Saves the active run's checkpoint into its run folder now, at the next batch boundary (what
     * the window calls before it closes, if it wants to know the run is saved; {@link #shutdown}
     * saves it too). Completes with the checkpoint file, or null when no stored run is active.
     */
    public CompletableFuture<Path> autosaveNow() {
        CompletableFuture<Path> f = new CompletableFuture<>();
        submit("autosave", f, () -> f.complete(state.active() ? autosave() : null));
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
        submit("load", f, () -> {
            TrainingState s = Checkpoints.loadState(file);
            Path parent = file.toAbsolutePath().getParent();
            boolean inRunFolder = parent != null && Files.exists(parent.resolve(RunFolder.CONFIG));
            continueFrom(s, file, inRunFolder ? parent : null, "loaded " + file.getFileName());
            f.complete(s);
        });
        return f;
    }

    /**
     * Continues stored run {@code name} (stopped or diverged) exactly where its checkpoint
     * stands: paused, with its live settings restored ({@link TrainingEvent.LiveSettingsRestored})
     * and its earlier epochs sent as {@link TrainingEvent.HistoryRestored}.
     */
    public CompletableFuture<StoredRun> resumeRun(String name) {
        CompletableFuture<StoredRun> f = new CompletableFuture<>();
        submit("resumeRun", f, () -> {
            RunStore store = store();
            if (store == null) throw new IllegalStateException("runs are kept in memory only (no runs folder is set)");
            if (state.active() && name.equals(runName)) throw new IllegalStateException("run " + name + " is the one in progress");
            StoredRun r = store.load(name);
            if (!r.summary().resumable())
                throw new IllegalStateException("run " + name + " is " + r.summary().status().id() + "; only a stopped or diverged run can be resumed");
            if (r.checkpoint() == null)
                throw new IllegalStateException("run " + name + " has no checkpoint (it ended before its first epoch)");
            TrainingState s = Checkpoints.loadState(r.checkpoint());
            continueFrom(s, r.checkpoint(), r.folder(), "resumed " + name);
            f.complete(store.load(name));
        });
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
            emit(new TrainingEvent.Failed(c.name(), message(e)));
        }
    }

    private void loop() {
        try {
            while (!shutdown) {
                Cmd cmd = state == ServiceState.RUNNING ? queue.poll() : queue.take();
                if (cmd != null) {
                    run(cmd);
                    continue;
                }
                trainStep();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            // Autosave: the active run is checkpointed where it stands and left as stopped.
            try {
                if (state.active() && trainer != null)
                    endRun(RunStatus.STOPPED, "the app closed at epoch " + trainer.epoch() + ", batch " + trainer.batchInEpoch());
                else closeRun();
            } catch (RuntimeException | Error e) {
                LOG.log(System.Logger.Level.WARNING, "could not save the run on shutdown", e);
            }
            closeTrainer();
            if (state.active()) state = ServiceState.STOPPED;
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

    private void trainStep() {
        try {
            if (trainer.batchInEpoch() < trainer.batchesPerEpoch()) {
                trainer.setNegativeDetails(inside.negatives());
                trainer.trainBatch();
                long now = System.nanoTime();
                boolean last = trainer.batchInEpoch() == trainer.batchesPerEpoch();
                publishInside(now, false);
                if (now - lastProgress >= progressIntervalNanos || last) {
                    lastProgress = now;
                    emitProgress();
                }
                if (!last && now - lastSnapshot >= snapshotIntervalNanos) publishSnapshot();
                if (!last) return;
            }
            EpochMetrics m = trainer.finishEpoch();
            history.add(m);
            // The row and the checkpoint that follows it are on disk before anyone hears of the epoch.
            if (run != null) {
                TrainingState s = trainer.state();
                store(() -> run.epochEnded(m, s));
                emitStored();
            }
            double gain = m.gain() * trainer.rateScale();
            emit(new TrainingEvent.EpochCompleted(m, trainer.batchCounter(), trainer.config().epochs(), gain,
                    gain * trainer.config().learningRate()));
            publishSnapshot();
            if (trainer.finished()) {
                setState(ServiceState.RUNNING, "evaluating the test set…");
                TestResult t = trainer.evaluateTest();
                emit(new TrainingEvent.TestEvaluated(t));
                stepTarget = -1;
                if (run != null) {
                    double wall = (System.nanoTime() - runStartNanos) / 1e9;
                    store(() -> run.finished(t, trainer.network(), wall));
                    emitStored();
                    closeRun();
                }
                setState(ServiceState.FINISHED, String.format("finished: %d/%d test errors (energy)", t.energyErrorsTest(), t.testCases()));
            } else if (stepTarget >= 0 && trainer.epoch() >= stepTarget) {
                stepTarget = -1; // the epoch end just checkpointed the run
                setState(ServiceState.PAUSED, "paused after epoch " + (trainer.epoch() - 1));
            }
        } catch (RuntimeException | Error e) {
            // The last good checkpoint (the last epoch end) stays; the run is kept as diverged.
            String msg = message(e);
            if (e instanceof goodness.ff.training.TrainingDivergedException) LOG.log(System.Logger.Level.WARNING, "training diverged: " + msg);
            else LOG.log(System.Logger.Level.WARNING, "training failed: " + msg, e);
            emit(new TrainingEvent.Failed("train", msg));
            if (run != null) {
                store(() -> run.diverged(msg));
                emitStored();
                closeRun();
            }
            closeTrainer();
            stepTarget = -1;
            setState(ServiceState.FAILED, msg + (runName != null ? " (run " + runName + " kept in the store as diverged)" : ""));
        }
    }

    /** Creates the trainer for {@code c} and its run folder; on failure reports it and leaves the state FAILED. */
    private boolean doStart(FFConfig c) {
        closeRun();
        closeTrainer();
        history.clear();
        stepTarget = -1;
        runName = null;
        setState(ServiceState.LOADING, "loading " + c.dataset().folder() + "…");
        try {
            install(c);
        } catch (RuntimeException | Error e) {
            LOG.log(System.Logger.Level.DEBUG, "the run could not start", e);
            emit(new TrainingEvent.Failed("start", message(e)));
            setState(ServiceState.FAILED, message(e));
            return false;
        }
        RunStore store = store();
        if (store != null) openRun(() -> RunWriter.create(store.newRunFolder(c), c, provenance(c)));
        lastProgress = lastSnapshot = runStartNanos = System.nanoTime();
        liveSettings = new LiveSettings(trainer.negativeMode(), trainer.phases(), trainer.rateScale(), c.threads());
        emitRunStarted(false);
        emitStored();
        setState(ServiceState.RUNNING, "");
        return true;
    }

    /**
     * Replaces any run by {@code s} (a checkpoint), paused, its run folder {@code folder}
     * continued (or a new one in the store when null).
     */
    private void continueFrom(TrainingState s, Path from, Path folder, String what) {
        ServiceState before = state;
        setState(ServiceState.LOADING, what + "…");
        if (before.active() && trainer != null) endRun(RunStatus.STOPPED, "left at epoch " + trainer.epoch() + ", batch " + trainer.batchInEpoch());
        else closeRun();
        // The config carries the live settings the checkpoint holds, so that views show them as they are.
        FFConfig c = s.config().toBuilder().negatives(s.negatives()).phases(s.phases()).build();
        try {
            install(s);
        } catch (RuntimeException | Error e) {
            // The run that was open is saved and stopped (above); it stays resumable from the store.
            setState(trainer != null ? ServiceState.STOPPED : ServiceState.IDLE, "");
            throw e;
        }
        config = c;
        history.clear();
        stepTarget = -1;
        runName = null;
        List<TrainingEvent.SettingChanged> changes = new ArrayList<>();
        RunStore store = store();
        if (!trainer.finished() && (folder != null || store != null)) {
            Path target = folder != null ? folder : store.newRunFolder(c);
            openRun(() -> RunWriter.resume(target, trainer.state(), from, provenance(c)));
            // The folder's checkpoint is exactly the state continued from (an autosave of the run left may have replaced it).
            if (run != null) store(() -> run.checkpoint(trainer.state()));
        }
        if (run != null) {
            history.addAll(run.metrics());
            try {
                StoredRun stored = new RunStore(run.folder().getParent()).load(run.name());
                for (RunEvent e : stored.events())
                    changes.add(new TrainingEvent.SettingChanged(e.epoch(), e.batch(), e.batchesPerEpoch(), e.batchCounter(),
                            e.setting(), e.oldValue(), e.newValue()));
            } catch (RuntimeException e) {
                LOG.log(System.Logger.Level.WARNING, "could not read the stored events of " + run.name(), e);
            }
        }
        lastProgress = lastSnapshot = runStartNanos = System.nanoTime();
        liveSettings = new LiveSettings(trainer.negativeMode(), trainer.phases(), trainer.rateScale(), c.threads());
        emitRunStarted(true);
        emit(new TrainingEvent.LiveSettingsRestored(liveSettings));
        if (run != null) emit(new TrainingEvent.HistoryRestored(run.name(), history, changes));
        emit(new TrainingEvent.CheckpointLoaded(from, trainer.epoch(), trainer.batchInEpoch()));
        emitStored();
        publishSnapshot();
        setState(trainer.finished() ? ServiceState.FINISHED : ServiceState.PAUSED,
                what + " at epoch " + trainer.epoch() + ", batch " + trainer.batchInEpoch());
    }

    /**
     * The one create-backend / create-or-resume / swap / close sequence: a trainer for a new run
     * of {@code c}, on a new backend; the old trainer is closed only once the new one exists, so
     * on failure it is still in place.
     */
    private void install(FFConfig c) {
        swapIn(c, null);
    }

    /** The same for continuing {@code s} exactly (a load, a resume, a thread-count change). */
    private void install(TrainingState s) {
        swapIn(s.config(), s);
    }

    private void swapIn(FFConfig c, TrainingState s) {
        DataSplits d = dataFor(c);
        MatrixBackend nb = Trainers.backendFor(c);
        Trainer nt;
        try {
            nt = s != null ? Trainers.resume(s, d, nb) : Trainers.create(c, d, nb);
        } catch (RuntimeException | Error e) {
            nb.close();
            throw e;
        }
        Trainer ot = trainer;
        MatrixBackend ob = backend;
        trainer = nt;
        backend = nb;
        if (s == null) config = c;
        closeQuietly(ot, ob);
    }

    private static TrainingState withConfig(TrainingState s, FFConfig c) {
        return new TrainingState(c, s.network(), s.epoch(), s.batchInEpoch(), s.batchCounter(), s.order(), s.rngState(),
                s.negatives(), s.phases(), s.rateScale(), s.buffers(), s.accumulators());
    }

    private RunProvenance provenance(FFConfig c) {
        DataSplits d = trainer.data();
        return new RunProvenance("app", CodeVersion.current(), Instant.now(), c.seed(), dataRoot.get().toAbsolutePath().toString(),
                c.dataset().folder(), Trainers.splitOf(c.recipe()).name(), d.train().count(), d.valid().count(), d.test().count(), List.of());
    }

    /** Opens the run's writer; if the store cannot be written the run goes on in memory, and the user is told. */
    private void openRun(Supplier<RunWriter> open) {
        try {
            run = open.get();
            runName = run.name();
        } catch (RuntimeException e) {
            run = null;
            runName = null;
            LOG.log(System.Logger.Level.WARNING, "the run is not stored", e);
            emit(new TrainingEvent.Failed("store", message(e) + "; the run goes on without being stored"));
        }
    }

    /** A write to the store; if it fails, the run goes on unstored and the user is told once. */
    private void store(Runnable write) {
        if (run == null) return;
        try {
            write.run();
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, "could not write to run " + run.name(), e);
            emit(new TrainingEvent.Failed("store", message(e) + "; the run goes on without being stored"));
            RunWriter w = run;
            run = null;
            try {
                w.close();
            } catch (RuntimeException again) {
                LOG.log(System.Logger.Level.WARNING, "could not close run " + w.name(), again);
            }
        }
    }

    /** Checkpoints the active run into its folder; returns the file, or null when the run is not stored. */
    private Path autosave() {
        if (run == null || trainer == null) return null;
        TrainingState s = trainer.state();
        store(() -> run.checkpoint(s));
        emitStored();
        return run == null ? null : run.checkpointFile();
    }

    /** Saves the active run where it stands, records its end ({@code status}, {@code why}) and closes its writer. */
    private void endRun(RunStatus status, String why) {
        if (run == null) return;
        autosave();
        if (status == RunStatus.STOPPED) store(() -> run.stopped(why));
        else store(() -> run.diverged(why));
        emitStored();
        closeRun();
    }

    private void closeRun() {
        RunWriter w = run;
        run = null;
        if (w == null) return;
        try {
            w.close();
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, "could not close run " + w.name(), e);
            emit(new TrainingEvent.Failed("store", message(e)));
        }
    }

    private void emitStored() {
        if (run != null) emit(new TrainingEvent.RunStored(run.name(), run.folder(), run.status(), run.epochsDone(), trainerBatch()));
    }

    private int trainerBatch() {
        return trainer == null ? 0 : trainer.batchInEpoch();
    }

    private DataSplits dataFor(FFConfig c) {
        Path root = dataRoot.get();
        DataKey key = new DataKey(root, c.dataset(), Trainers.splitOf(c.recipe()), c.trainLimit());
        if (!key.equals(dataKey)) {
            data = null;
            data = Trainers.loadData(root, c);
            dataKey = key;
        }
        return data;
    }

    private void emitRunStarted(boolean resumed) {
        DataSplits d = trainer.data();
        emit(new TrainingEvent.RunStarted(config, trainer.batchesPerEpoch(), d.train().count(), d.valid().count(),
                d.test().count(), trainer.epoch(), trainer.batchInEpoch(), resumed));
    }

    private void emitProgress() {
        BatchSnapshot s = trainer.batchSnapshot();
        double rate = s.samplesPerSecond();
        emit(new TrainingEvent.BatchProgress(s, trainer.batchCounter(), rate,
                etaSeconds(trainer.config(), trainer.epoch(), trainer.batchInEpoch(), trainer.batchesPerEpoch(), rate, history)));
    }

    /**
     * Time to the end of the run: the batches left at the current speed, plus the evaluations
     * left (the periodic ones and the final test-set one) at the mean time the run's evaluations
     * took so far (none counted before the first one has been measured); NaN without a speed.
     */
    static double etaSeconds(FFConfig c, int epoch, int batchInEpoch, int batchesPerEpoch, double samplesPerSecond,
                             List<EpochMetrics> history) {
        if (!(samplesPerSecond > 0)) return Double.NaN;
        long batchesLeft = (long) (c.epochs() - epoch) * batchesPerEpoch - batchInEpoch;
        double seconds = batchesLeft * (double) c.batchSize() / samplesPerSecond;
        double evalSum = 0;
        int evals = 0;
        for (EpochMetrics m : history) {
            if (m.evalSeconds() > 0) {
                evalSum += m.evalSeconds();
                evals++;
            }
        }
        if (evals > 0) seconds += evaluationsLeft(c, epoch) * (evalSum / evals);
        return seconds;
    }

    /** Periodic evaluations in epochs {@code from}..end, plus the final test-set evaluation. */
    static int evaluationsLeft(FFConfig c, int from) {
        int n = 1;
        if (c.evalEvery() > 0) for (int e = from; e < c.epochs(); e++) if ((e + 1) % c.evalEvery() == 0) n++;
        return n;
    }

    private void publishSnapshot() {
        lastSnapshot = System.nanoTime();
        FFNetwork copy = trainer.snapshot();
        TrainingEvent.ModelSnapshot m = new TrainingEvent.ModelSnapshot(copy, trainer.epoch(), trainer.batchInEpoch());
        latestModel.set(m);
        emit(m);
    }

    /** The Inside view's samples, throttled; only what the view asks for, nothing when it is closed. */
    private void publishInside(long now, boolean force) {
        InsideRequest r = inside;
        if (r.negatives() && (force || now - lastNegatives >= NEGATIVES_INTERVAL_NANOS)) {
            NegativesSample s = trainer.negativesSample();
            if (s != null) {
                lastNegatives = now;
                emit(new TrainingEvent.NegativesSampled(s));
            }
        }
        if (r.receptiveFields() && (force || now - lastFields >= FIELDS_INTERVAL_NANOS)) {
            lastFields = now;
            int[] units = r.mostActive() ? null : ReceptiveFields.fixedUnits(trainer.network().width(0), FIELD_UNITS);
            emit(new TrainingEvent.ReceptiveFieldsSampled(trainer.receptiveFields(units, FIELD_UNITS)));
        }
    }

    private boolean liveRun() {
        return trainer != null && state.active();
    }

    private void settingChanged(String what, String oldValue, String newValue) {
        TrainingEvent.SettingChanged e = trainer != null && state.active()
                ? new TrainingEvent.SettingChanged(trainer.epoch(), trainer.batchInEpoch(), trainer.batchesPerEpoch(),
                        trainer.batchCounter(), what, oldValue, newValue)
                : new TrainingEvent.SettingChanged(0, 0, 1, 0, what, oldValue, newValue);
        if (trainer != null && state.active()) {
            liveSettings = new LiveSettings(trainer.negativeMode(), trainer.phases(), trainer.rateScale(), config.threads());
            // Checkpoint first, then the log line: a resume never finds a change its checkpoint lacks
            // (a crash in between loses the line, not the setting).
            if (run != null) {
                autosave();
                store(() -> run.event(new RunEvent(e.epoch(), e.batch(), e.batchesPerEpoch(), e.batchCounter(),
                        what, oldValue, newValue, Instant.now())));
            }
        }
        emit(e);
    }

    private void setState(ServiceState to, String message) {
        ServiceState from = state;
        state = to;
        if (from != to || !message.isEmpty()) emit(new TrainingEvent.StateChanged(from, to, message));
    }

    private void emit(TrainingEvent e) {
        for (TrainingListener l : listeners) {
            try {
                l.onEvent(e);
            } catch (RuntimeException ex) {
                // A listener must not stop training; its failure is logged, not rethrown.
                LOG.log(System.Logger.Level.WARNING, "a training listener failed on " + e.getClass().getSimpleName(), ex);
            }
        }
    }

    private void closeTrainer() {
        Trainer t = trainer;
        MatrixBackend b = backend;
        trainer = null;
        backend = null;
        closeQuietly(t, b);
    }

    private static void closeQuietly(Trainer t, MatrixBackend b) {
        try {
            if (t != null) t.close();
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, "closing a trainer failed", e);
        }
        try {
            if (b != null) b.close();
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, "closing a matrix backend failed", e);
        }
    }

    private static String fmt(double v) {
        return String.format(java.util.Locale.ROOT, "%.3g", v);
    }

    static String message(Throwable e) {
        String m = e.getMessage();
        if (m == null || m.isBlank()) m = e.getClass().getSimpleName();
        if (e instanceof UnsupportedOperationException) m = "not available yet: " + m;
        if (e instanceof OutOfMemoryError) m = goodness.data.HeapBudget.outOfMemoryMessage();
        return m;
    }
}
