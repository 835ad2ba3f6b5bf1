package goodness.service;

import goodness.data.DataSplits;
import goodness.ff.FFConfig;
import goodness.ff.FFNetwork;
import goodness.ff.NegativeMode;
import goodness.ff.PhaseSchedule;
import goodness.ff.io.Checkpoints;
import goodness.ff.scoring.TestResult;
import goodness.ff.training.BatchSnapshot;
import goodness.ff.training.EpochMetrics;
import goodness.ff.training.Trainer;
import goodness.ff.training.Trainers;
import goodness.ff.training.TrainingDivergedException;
import goodness.ff.training.TrainingState;
import goodness.runs.CodeVersion;
import goodness.runs.RunEvent;
import goodness.runs.RunFolder;
import goodness.runs.RunProvenance;
import goodness.runs.RunStatus;
import goodness.runs.RunStore;
import goodness.runs.RunWriter;
import goodness.runs.StoredRun;
import goodness.runs.TrainingRun;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;

/**
 * What the {@link TrainingService}'s commands do, on its worker thread: one run at a time, trained
 * by the {@link TrainingRun} loop, recorded in its run folder ({@link RunStorage}), reported as
 * {@link TrainingEvent}s. The volatile fields are what the service's queries read from any thread;
 * everything else belongs to the worker thread.
 */
final class TrainingWorker {
    private static final System.Logger LOG = System.getLogger(TrainingWorker.class.getName());

    final List<TrainingListener> listeners = new CopyOnWriteArrayList<>();
    final List<EpochMetrics> history = new CopyOnWriteArrayList<>();
    final AtomicReference<TrainingEvent.ModelSnapshot> latestModel = new AtomicReference<>();
    volatile ServiceState state = ServiceState.IDLE;
    volatile FFConfig config;
    volatile long progressIntervalNanos = 50_000_000L;
    volatile long snapshotIntervalNanos = 3_000_000_000L;
    volatile Path runsDir = RunStore.defaultRoot();
    volatile LiveSettings liveSettings;
    volatile TrainingService.InsideRequest inside = TrainingService.InsideRequest.NONE;

    // Worker thread only.
    private final Engine engine;
    private final RunStorage storage = new RunStorage(this::emit, () -> trainer() == null ? 0 : trainer().batchInEpoch());
    private final InsideSampler insideSampler = new InsideSampler(this::emit);
    private TrainingRun loop;
    private int stepTarget = -1;
    private long lastProgress, lastSnapshot, runStartNanos;

    TrainingWorker(FFConfig initial, Supplier<Path> dataRoot) {
        this.config = initial;
        this.engine = new Engine(dataRoot);
    }

    RunStore store() {
        Path d = runsDir;
        return d == null ? null : new RunStore(d);
    }

    String runName() {
        return storage.name();
    }

    // ------------------------------------------------------------------------------------------
    // Commands.

    void inside(TrainingService.InsideRequest r) {
        if (trainer() == null) return;
        trainer().setNegativeDetails(r.negatives());
        insideSampler.reset();
        insideSampler.publish(trainer(), r, System.nanoTime(), true);
    }

    void start(FFConfig c, CompletableFuture<Void> f) {
        if (state.active()) {
            f.completeExceptionally(new IllegalStateException("a run is already " + state.name().toLowerCase()));
            return;
        }
        if (c != null) config = c;
        if (doStart(config)) f.complete(null);
        else f.completeExceptionally(new IllegalStateException("the run could not start"));
    }

    void pause() {
        if (state == ServiceState.RUNNING) {
            stepTarget = -1;
            autosave();
            setState(ServiceState.PAUSED, "paused at epoch " + trainer().epoch() + ", batch " + trainer().batchInEpoch());
        }
    }

    void resume() {
        if (state == ServiceState.PAUSED) {
            stepTarget = -1;
            setState(ServiceState.RUNNING, "");
        }
    }

    void stepEpoch() {
        if (!state.active() && !doStart(config)) return;
        if (trainer().finished()) return;
        stepTarget = trainer().epoch() + 1;
        if (state != ServiceState.RUNNING) setState(ServiceState.RUNNING, "stepping to the end of epoch " + trainer().epoch());
    }

    /**
     * Trains one batch and takes it apart ({@link goodness.ff.training.SlowMotionBatch}), then
     * pauses: with no active run, starts one first. The batch goes through the same loop as every
     * other (an epoch's end is recorded as usual); only a copy of the network is taken before it.
     */
    void stepBatchSlowly(CompletableFuture<goodness.ff.training.SlowMotionBatch> f) {
        if (!state.active() && !doStart(config)) {
            f.completeExceptionally(new IllegalStateException("the run could not start"));
            return;
        }
        if (trainer().finished()) {
            f.completeExceptionally(new IllegalStateException("the run is finished: there is no batch left to step"));
            return;
        }
        stepTarget = -1;
        Trainer t = trainer();
        int epoch = t.epoch(), batch = t.batchInEpoch();
        goodness.ff.FFNetwork before = t.snapshot();
        if (state == ServiceState.PAUSED) setState(ServiceState.RUNNING, "stepping batch " + batch + " of epoch " + epoch);
        trainStep();
        if (state == ServiceState.FAILED) {
            f.completeExceptionally(new IllegalStateException("the batch failed: see the status line"));
            return;
        }
        var slow = goodness.ff.training.SlowMotionBatch.of(epoch, batch, before, t.network(), t.batchSnapshot(), t.config().temperature(), 16);
        emitProgress();
        publishSnapshot();
        if (state == ServiceState.RUNNING) setState(ServiceState.PAUSED, "paused after stepping batch " + batch + " of epoch " + epoch);
        f.complete(slow);
    }

    void stop() {
        if (state.active()) {
            stepTarget = -1;
            String msg = "stopped at epoch " + trainer().epoch() + ", batch " + trainer().batchInEpoch();
            endRun(RunStatus.STOPPED, msg);
            setState(ServiceState.STOPPED, msg);
        }
    }

    void reset(boolean newSeed) {
        if (state.active()) endRun(RunStatus.STOPPED, "left at epoch " + trainer().epoch() + ", batch " + trainer().batchInEpoch() + " (reset)");
        engine.close();
        history.clear();
        stepTarget = -1;
        if (newSeed) config = config.toBuilder().seed(Math.floorMod(System.nanoTime() ^ 0x5DEECE66DL, 1_000_000L)).build();
        emit(new TrainingEvent.RunReset(config));
        setState(ServiceState.IDLE, newSeed ? "reset with new seed " + config.seed() : "reset (seed " + config.seed() + ")");
    }

    void configure(FFConfig c) {
        if (!state.active()) config = c;
    }

    void setNegativeMode(NegativeMode mode) {
        NegativeMode old = liveRun() ? trainer().negativeMode() : config.negatives();
        if (old == mode) return;
        if (liveRun()) trainer().setNegativeMode(mode);
        config = config.toBuilder().negatives(mode).build();
        settingChanged("negatives", old.id(), mode.id());
    }

    void setPhases(PhaseSchedule phases) {
        PhaseSchedule old = liveRun() ? trainer().phases() : config.phases();
        if (old.equals(phases)) return;
        if (liveRun()) trainer().setPhases(phases);
        config = config.toBuilder().phases(phases).build();
        settingChanged("phases", old.toString(), phases.toString());
    }

    void setRateScale(double scale) {
        if (!(scale > 0) || !Double.isFinite(scale)) {
            emit(new TrainingEvent.Failed("rateScale", "the learning-rate gain must be a finite value > 0, got " + scale));
            return;
        }
        if (!liveRun()) return;
        double old = trainer().rateScale();
        if (old == scale) return;
        trainer().setRateScale(scale);
        settingChanged("rateScale", fmt(old), fmt(scale));
    }

    void setThreads(int threads) {
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
                // The trainer() keeps the run's own config (its live settings are in its state); only the threads change.
                engine.install(trainer().state().withConfig(trainer().config().toBuilder().threads(threads).build()));
                newLoop();
            } catch (RuntimeException e) {
                LOG.log(System.Logger.Level.WARNING, "could not move the run to " + threads + " threads", e);
                emit(new TrainingEvent.Failed("threads", message(e)));
                return;
            }
            storage.write(w -> w.configChanged(trainer().state().config()));
        }
        config = next;
        settingChanged("threads", Integer.toString(old), Integer.toString(threads));
    }

    void saveCheckpoint(Path file, CompletableFuture<Path> f) {
        if (trainer() == null) throw new IllegalStateException("there is no training run to save");
        goodness.data.UserFiles.checkOutput(file, java.util.List.of());   // never over a pipe, a device or a folder
        Checkpoints.saveState(trainer().state(), file);
        emit(new TrainingEvent.CheckpointSaved(file, trainer().epoch(), trainer().batchInEpoch()));
        f.complete(file);
    }

    void saveModel(Path file, CompletableFuture<Path> f) {
        if (trainer() == null) throw new IllegalStateException("there is no training run to save");
        goodness.data.UserFiles.checkOutput(file, java.util.List.of());
        Checkpoints.saveModel(trainer().network(), file);
        f.complete(file);
    }

    void loadCheckpoint(Path file, CompletableFuture<TrainingState> f) {
        TrainingState s = Checkpoints.loadState(file);
        Path parent = file.toAbsolutePath().getParent();
        boolean inRunFolder = parent != null && Files.exists(parent.resolve(RunFolder.CONFIG));
        continueFrom(s, file, inRunFolder ? parent : null, "loaded " + file.getFileName());
        f.complete(s);
    }

    void resumeRun(String name, CompletableFuture<StoredRun> f) {
        RunStore store = store();
        if (store == null) throw new IllegalStateException("runs are kept in memory only (no runs folder is set)");
        if (state.active() && name.equals(storage.name())) throw new IllegalStateException("run " + name + " is the one in progress");
        StoredRun r = store.load(name);
        if (!r.summary().resumable())
            throw new IllegalStateException("run " + name + " is " + r.summary().status().id() + "; only a stopped or diverged run can be resumed");
        if (r.checkpoint() == null)
            throw new IllegalStateException("run " + name + " has no checkpoint (it ended before its first epoch)");
        TrainingState s = Checkpoints.loadState(r.checkpoint());
        continueFrom(s, r.checkpoint(), r.folder(), "resumed " + name);
        f.complete(store.load(name));
    }

    /** At shutdown: the active run is checkpointed where it stands and left as stopped. */
    void saveOnExit() {
        // Autosave: the active run is checkpointed where it stands and left as stopped.
        try {
            if (state.active() && trainer() != null)
                endRun(RunStatus.STOPPED, "the app closed at epoch " + trainer().epoch() + ", batch " + trainer().batchInEpoch());
            else storage.close();
        } catch (RuntimeException | Error e) {
            LOG.log(System.Logger.Level.WARNING, "could not save the run on shutdown", e);
        }
        engine.close();
        if (state.active()) state = ServiceState.STOPPED;
    }

    boolean running() {
        return state == ServiceState.RUNNING;
    }

    /** A command failed: its name and why. */
    void failed(String command, Throwable e) {
        emit(new TrainingEvent.Failed(command, message(e)));
    }

    private Trainer trainer() {
        return engine.trainer();
    }

    /** One batch of the active run (and the epoch's or the run's end after its last). */
    void trainStep() {
        try {
            trainer().setNegativeDetails(inside.negatives());
            loop.step();
        } catch (RuntimeException | Error e) {
            // The loop has recorded the run as diverged; its last good checkpoint (the last epoch end) stays.
            String msg = message(e);
            if (e instanceof TrainingDivergedException) LOG.log(System.Logger.Level.WARNING, "training diverged: " + msg);
            else LOG.log(System.Logger.Level.WARNING, "training failed: " + msg, e);
            emit(new TrainingEvent.Failed("train", msg));
            storage.close();
            engine.close();
            stepTarget = -1;
            String name = storage.name();
            setState(ServiceState.FAILED, msg + (name != null ? " (run " + name + " kept in the store as diverged)" : ""));
        }
    }

    /** What the service shows of the run the loop trains. */
    private final class LoopEvents implements TrainingRun.Listener {
        @Override
        public void batchTrained(Trainer t) {
            long now = System.nanoTime();
            boolean last = t.batchInEpoch() == t.batchesPerEpoch();
            insideSampler.publish(t, inside, now, false);
            if (now - lastProgress >= progressIntervalNanos || last) {
                lastProgress = now;
                emitProgress();
            }
            if (!last && now - lastSnapshot >= snapshotIntervalNanos) publishSnapshot();
        }

        @Override
        public void epochEnded(EpochMetrics m, Trainer t) {
            history.add(m);
            double gain = m.gain() * t.rateScale();
            emit(new TrainingEvent.EpochCompleted(m, t.batchCounter(), t.config().totalEpochs(), gain, gain * t.config().learningRate()));
            insideSampler.settling(t, engine.backend(), m.epoch());
            publishSnapshot();
            if (!t.finished() && stepTarget >= 0 && t.epoch() >= stepTarget) {
                stepTarget = -1; // the epoch end just checkpointed the run
                setState(ServiceState.PAUSED, "paused after epoch " + (t.epoch() - 1));
            }
        }

        @Override
        public void testing(Trainer t) {
            setState(ServiceState.RUNNING, "evaluating the test set…");
        }

        @Override
        public void finished(TrainingRun.Ending end, Trainer t) {
            TestResult r = end.test();
            emit(new TrainingEvent.TestEvaluated(r));
            stepTarget = -1;
            setState(ServiceState.FINISHED, String.format("finished: %d/%d test errors (%s)", r.headlineErrorsTest(), r.testCases(), r.headline()));
        }
    }

    /** The training loop over the installed trainer, recording into the run's folder; the run's wall time counts from its start. */
    private void newLoop() {
        loop = new TrainingRun(trainer(), storage, new LoopEvents(), 1, TrainingRun.FinalTest.FULL, runStartNanos);
    }

    /** Creates the trainer for {@code c} and its run folder; on failure reports it and leaves the state FAILED. */
    private boolean doStart(FFConfig c) {
        storage.close();
        engine.close();
        history.clear();
        stepTarget = -1;
        storage.forget();
        setState(ServiceState.LOADING, "loading " + c.dataset().folder() + "…");
        try {
            engine.install(c);
            config = c;
        } catch (RuntimeException | Error e) {
            LOG.log(System.Logger.Level.DEBUG, "the run could not start", e);
            emit(new TrainingEvent.Failed("start", message(e)));
            setState(ServiceState.FAILED, message(e));
            return false;
        }
        RunStore store = store();
        if (store != null) storage.open(() -> RunWriter.create(store.newRunFolder(c), c, provenance(c)));
        lastProgress = lastSnapshot = runStartNanos = System.nanoTime();
        newLoop();
        liveSettings = new LiveSettings(trainer().negativeMode(), trainer().phases(), trainer().rateScale(), c.threads());
        emitRunStarted(false);
        storage.emitStored();
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
        if (before.active() && trainer() != null) endRun(RunStatus.STOPPED, "left at epoch " + trainer().epoch() + ", batch " + trainer().batchInEpoch());
        else storage.close();
        // The config carries the live settings the checkpoint holds, so that views show them as they are.
        FFConfig c = s.config().toBuilder().negatives(s.negatives()).phases(s.phases()).build();
        try {
            engine.install(s);
        } catch (RuntimeException | Error e) {
            // The run that was open is saved and stopped (above); it stays resumable from the store.
            setState(trainer() != null ? ServiceState.STOPPED : ServiceState.IDLE, "");
            throw e;
        }
        config = c;
        history.clear();
        stepTarget = -1;
        storage.forget();
        List<TrainingEvent.SettingChanged> changes = new ArrayList<>();
        RunStore store = store();
        if (!trainer().finished() && (folder != null || store != null)) {
            Path target = folder != null ? folder : store.newRunFolder(c);
            storage.open(() -> RunWriter.resume(target, trainer().state(), from, provenance(c)));
            // The folder's checkpoint is exactly the state continued from (an autosave of the run left may have replaced it).
            storage.write(w -> w.checkpoint(trainer().state()));
        }
        RunWriter run = storage.writer();
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
        newLoop();
        liveSettings = new LiveSettings(trainer().negativeMode(), trainer().phases(), trainer().rateScale(), c.threads());
        emitRunStarted(true);
        emit(new TrainingEvent.LiveSettingsRestored(liveSettings));
        if (run != null) emit(new TrainingEvent.HistoryRestored(run.name(), history, changes));
        emit(new TrainingEvent.CheckpointLoaded(from, trainer().epoch(), trainer().batchInEpoch()));
        storage.emitStored();
        publishSnapshot();
        setState(trainer().finished() ? ServiceState.FINISHED : ServiceState.PAUSED,
                what + " at epoch " + trainer().epoch() + ", batch " + trainer().batchInEpoch());
    }

    private RunProvenance provenance(FFConfig c) {
        DataSplits d = trainer().data();
        return new RunProvenance("app", CodeVersion.current(), Instant.now(), c.seed(), engine.dataRoot().toAbsolutePath().toString(),
                c.dataset().folder(), Trainers.splitOf(c.recipe()).name(), d.train().count(), d.valid().count(), d.test().count(), List.of());
    }

    /** Checkpoints the active run into its folder; returns the file, or null when the run is not stored. */
    private Path autosave() {
        return trainer() == null ? null : storage.checkpoint(trainer().state());
    }

    /** Saves the active run where it stands, records its end ({@code status}, {@code why}) and closes its folder. */
    private void endRun(RunStatus status, String why) {
        if (storage.isOpen()) storage.end(trainer().state(), status, why);
    }

    private void emitRunStarted(boolean resumed) {
        DataSplits d = trainer().data();
        emit(new TrainingEvent.RunStarted(config, trainer().batchesPerEpoch(), d.train().count(), d.valid().count(),
                d.test().count(), trainer().epoch(), trainer().batchInEpoch(), resumed));
    }

    private void emitProgress() {
        BatchSnapshot s = trainer().batchSnapshot();
        double rate = s.samplesPerSecond();
        emit(new TrainingEvent.BatchProgress(s, trainer().batchCounter(), rate,
                TrainingEta.seconds(trainer().config(), trainer().epoch(), trainer().batchInEpoch(), trainer().batchesPerEpoch(), rate, history)));
    }

    private void publishSnapshot() {
        lastSnapshot = System.nanoTime();
        FFNetwork copy = trainer().snapshot();
        TrainingEvent.ModelSnapshot m = new TrainingEvent.ModelSnapshot(copy, trainer().epoch(), trainer().batchInEpoch());
        latestModel.set(m);
        emit(m);
    }

    private boolean liveRun() {
        return trainer() != null && state.active();
    }

    private void settingChanged(String what, String oldValue, String newValue) {
        TrainingEvent.SettingChanged e = trainer() != null && state.active()
                ? new TrainingEvent.SettingChanged(trainer().epoch(), trainer().batchInEpoch(), trainer().batchesPerEpoch(),
                        trainer().batchCounter(), what, oldValue, newValue)
                : new TrainingEvent.SettingChanged(0, 0, 1, 0, what, oldValue, newValue);
        if (trainer() != null && state.active()) {
            liveSettings = new LiveSettings(trainer().negativeMode(), trainer().phases(), trainer().rateScale(), config.threads());
            // Checkpoint first, then the log line: a resume never finds a change its checkpoint lacks
            // (a crash in between loses the line, not the setting).
            if (storage.isOpen()) {
                autosave();
                storage.write(w -> w.event(new RunEvent(e.epoch(), e.batch(), e.batchesPerEpoch(), e.batchCounter(),
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

    private static String fmt(double v) {
        return String.format(java.util.Locale.ROOT, "%.3g", v);
    }

    static String message(Throwable e) {
        return TrainingService.message(e);
    }
}
