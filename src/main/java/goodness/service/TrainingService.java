package goodness.service;

import goodness.data.DataSplits;
import goodness.ff.BatchSnapshot;
import goodness.ff.Checkpoints;
import goodness.ff.EpochMetrics;
import goodness.ff.FFConfig;
import goodness.ff.FFNetwork;
import goodness.ff.NegativeMode;
import goodness.ff.PhaseSchedule;
import goodness.ff.TestResult;
import goodness.ff.Trainer;
import goodness.ff.Trainers;
import goodness.ff.TrainingState;
import goodness.ff.backend.MatrixBackend;

import java.nio.file.Path;
import java.time.Duration;
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
 * <p>No JavaFX here: listeners get events on the worker thread and must hand them on quickly
 * (see {@link EventBatcher}).
 */
public final class TrainingService implements AutoCloseable {
    public static final String THREAD_NAME = "goodness-trainer";

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

    // Worker-thread only.
    private Trainer trainer;
    private MatrixBackend backend;
    private DataSplits data;
    private DataKey dataKey;
    private int stepTarget = -1;
    private long lastProgress, lastSnapshot;

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
    }

    // ------------------------------------------------------------------------------------------
    // Queries (any thread).

    public ServiceState state() {
        return state;
    }

    /** The config of the run in progress, or the one the next start uses. */
    public FFConfig config() {
        return config;
    }

    /** The latest network copy published by the run (epoch ends, and every few seconds), or null. */
    public TrainingEvent.ModelSnapshot latestModel() {
        return latestModel.get();
    }

    /** Metrics of every epoch of the current run so far. */
    public List<EpochMetrics> history() {
        return List.copyOf(history);
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

    public void pause() {
        submit("pause", null, () -> {
            if (state == ServiceState.RUNNING) {
                stepTarget = -1;
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

    /** Ends the run; its last state can still be saved. */
    public void stop() {
        submit("stop", null, () -> {
            if (state.active()) {
                stepTarget = -1;
                setState(ServiceState.STOPPED, "stopped at epoch " + trainer.epoch() + ", batch " + trainer.batchInEpoch());
            }
        });
    }

    /** Discards the run; {@code newSeed} draws a fresh seed for the next one. */
    public void reset(boolean newSeed) {
        submit("reset", null, () -> {
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
                TrainingState s = trainer.state();
                TrainingState moved = new TrainingState(next, s.network(), s.epoch(), s.batchInEpoch(), s.batchCounter(),
                        s.order(), s.rngState(), s.negatives(), s.phases(), s.rateScale(), s.buffers(), s.accumulators());
                MatrixBackend nb = null;
                try {
                    nb = Trainers.backendFor(next);
                    Trainer nt = Trainers.resume(moved, data, nb);
                    Trainer ot = trainer;
                    MatrixBackend ob = backend;
                    trainer = nt;
                    backend = nb;
                    closeQuietly(ot, ob);
                } catch (RuntimeException e) {
                    if (nb != null) nb.close();
                    emit(new TrainingEvent.Failed("threads", message(e)));
                    return;
                }
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

    /** Replaces any run by the checkpointed one, paused where it stopped. */
    public CompletableFuture<TrainingState> loadCheckpoint(Path file) {
        CompletableFuture<TrainingState> f = new CompletableFuture<>();
        submit("load", f, () -> {
            TrainingState s = Checkpoints.loadState(file);
            ServiceState before = state;
            setState(ServiceState.LOADING, "loading " + file.getFileName() + "…");
            MatrixBackend nb = null;
            try {
                DataSplits d = dataFor(s.config());
                nb = Trainers.backendFor(s.config());
                Trainer nt = Trainers.resume(s, d, nb);
                closeTrainer();
                trainer = nt;
                backend = nb;
                // The run's live settings, not its starting ones: the next live change compares against these.
                config = s.config().toBuilder().negatives(nt.negativeMode()).phases(nt.phases()).build();
            } catch (RuntimeException e) {
                if (nb != null) nb.close();
                setState(trainer != null && before.active() ? ServiceState.PAUSED : before == ServiceState.LOADING ? ServiceState.IDLE : before, "");
                throw e;
            }
            history.clear();
            stepTarget = -1;
            emitRunStarted(true);
            emit(new TrainingEvent.CheckpointLoaded(file, trainer.epoch(), trainer.batchInEpoch()));
            publishSnapshot();
            setState(trainer.finished() ? ServiceState.FINISHED : ServiceState.PAUSED,
                    "loaded " + file.getFileName() + " at epoch " + trainer.epoch() + ", batch " + trainer.batchInEpoch());
            f.complete(s);
        });
        return f;
    }

    /** Ends the worker after the batch in progress (never waits); see {@link #awaitTermination}. */
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

    @Override
    public void close() {
        shutdown();
        awaitTermination(Duration.ofSeconds(5));
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
            closeTrainer();
            if (state.active()) state = ServiceState.STOPPED;
            // Commands still queued are not run against a closed service: their futures fail.
            for (Cmd c; (c = queue.poll()) != null; ) {
                if (c.future() != null) c.future().completeExceptionally(new IllegalStateException("the training service is shut down"));
            }
        }
    }

    private void trainStep() {
        try {
            if (trainer.batchInEpoch() < trainer.batchesPerEpoch()) {
                trainer.trainBatch();
                long now = System.nanoTime();
                boolean last = trainer.batchInEpoch() == trainer.batchesPerEpoch();
                if (now - lastProgress >= progressIntervalNanos || last) {
                    lastProgress = now;
                    emitProgress();
                }
                if (!last && now - lastSnapshot >= snapshotIntervalNanos) publishSnapshot();
                if (!last) return;
            }
            EpochMetrics m = trainer.finishEpoch();
            history.add(m);
            emit(new TrainingEvent.EpochCompleted(m, trainer.batchCounter(), trainer.config().epochs()));
            publishSnapshot();
            if (trainer.finished()) {
                setState(ServiceState.RUNNING, "evaluating the test set…");
                TestResult t = trainer.evaluateTest();
                emit(new TrainingEvent.TestEvaluated(t));
                stepTarget = -1;
                setState(ServiceState.FINISHED, String.format("finished: %d/%d test errors (energy)", t.energyErrorsTest(), t.testCases()));
            } else if (stepTarget >= 0 && trainer.epoch() >= stepTarget) {
                stepTarget = -1;
                setState(ServiceState.PAUSED, "paused after epoch " + (trainer.epoch() - 1));
            }
        } catch (RuntimeException | Error e) {
            emit(new TrainingEvent.Failed("train", message(e)));
            closeTrainer();
            stepTarget = -1;
            setState(ServiceState.FAILED, message(e));
        }
    }

    /** Creates the trainer for {@code c}; on failure reports it and leaves the state FAILED. */
    private boolean doStart(FFConfig c) {
        closeTrainer();
        history.clear();
        stepTarget = -1;
        setState(ServiceState.LOADING, "loading " + c.dataset().folder() + "…");
        MatrixBackend nb = null;
        try {
            DataSplits d = dataFor(c);
            nb = Trainers.backendFor(c);
            trainer = Trainers.create(c, d, nb);
            backend = nb;
            config = c;
        } catch (RuntimeException | Error e) {
            if (nb != null) nb.close();
            trainer = null;
            backend = null;
            emit(new TrainingEvent.Failed("start", message(e)));
            setState(ServiceState.FAILED, message(e));
            return false;
        }
        lastProgress = lastSnapshot = System.nanoTime();
        emitRunStarted(false);
        setState(ServiceState.RUNNING, "");
        return true;
    }

    private DataSplits dataFor(FFConfig c) {
        Path root = dataRoot.get();
        DataKey key = new DataKey(root, c.dataset(), Trainers.splitOf(c.preset()), c.trainLimit());
        if (!key.equals(dataKey)) {
            data = null;
            data = Trainers.loadData(root, c);
            dataKey = key;
        }
        return data;
    }

    private void emitRunStarted(boolean resumed) {
        DataSplits d = trainer.data();
        emit(new TrainingEvent.RunStarted(trainer.config(), trainer.batchesPerEpoch(), d.train().count(), d.valid().count(),
                d.test().count(), trainer.epoch(), trainer.batchInEpoch(), resumed));
        if (resumed) emit(new TrainingEvent.LiveSettingsRestored(new LiveSettings(trainer.negativeMode(), trainer.phases(), trainer.rateScale(), trainer.config().threads())));
    }

    private void emitProgress() {
        BatchSnapshot s = trainer.batchSnapshot();
        double rate = s.samplesPerSecond();
        long remaining = (long) (trainer.config().epochs() - trainer.epoch()) * trainer.batchesPerEpoch() - trainer.batchInEpoch();
        double eta = rate > 0 ? remaining * (double) trainer.config().batchSize() / rate : Double.NaN;
        emit(new TrainingEvent.BatchProgress(s, trainer.batchCounter(), rate, eta));
    }

    private void publishSnapshot() {
        lastSnapshot = System.nanoTime();
        FFNetwork copy = trainer.snapshot();
        TrainingEvent.ModelSnapshot m = new TrainingEvent.ModelSnapshot(copy, trainer.epoch(), trainer.batchInEpoch());
        latestModel.set(m);
        emit(m);
    }

    private boolean liveRun() {
        return trainer != null && state.active();
    }

    private void settingChanged(String what, String oldValue, String newValue) {
        if (trainer != null && state.active()) {
            emit(new TrainingEvent.SettingChanged(trainer.epoch(), trainer.batchInEpoch(), trainer.batchesPerEpoch(),
                    trainer.batchCounter(), what, oldValue, newValue));
        } else {
            emit(new TrainingEvent.SettingChanged(0, 0, 1, 0, what, oldValue, newValue));
        }
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
                // A listener must not stop training; it is its own job to report problems.
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
        } catch (RuntimeException ignored) {
            // nothing to do
        }
        try {
            if (b != null) b.close();
        } catch (RuntimeException ignored) {
            // nothing to do
        }
    }

    private static String fmt(double v) {
        return String.format(java.util.Locale.ROOT, "%.3g", v);
    }

    static String message(Throwable e) {
        String m = e.getMessage();
        if (m == null || m.isBlank()) m = e.getClass().getSimpleName();
        if (e instanceof UnsupportedOperationException) m = "not available yet: " + m;
        return m;
    }
}
