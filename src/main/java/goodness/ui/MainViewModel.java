package goodness.ui;

import goodness.data.Dataset;
import goodness.ff.FFConfig;
import goodness.ff.NamedPreset;
import goodness.ff.NegativeMode;
import goodness.ff.PhaseSchedule;
import goodness.ff.training.EpochMetrics;
import goodness.service.EventBatcher;
import goodness.service.MetricsCsv;
import goodness.service.ServiceState;
import goodness.service.TrainingEvent;
import goodness.service.TrainingService;
import goodness.ui.experiment.ExperimentViewModel;
import javafx.application.Platform;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.DoubleProperty;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleDoubleProperty;
import javafx.beans.property.SimpleIntegerProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;

/**
 * The window's state as JavaFX properties. Talks to the {@link TrainingService} (commands return
 * at once) and receives its events in batches on the FX thread, through an {@link EventBatcher}
 * (at most ten updates a second). Nothing here computes: it only applies snapshots.
 */
public final class MainViewModel {
    private final TrainingService service;
    private final EventBatcher batcher;
    private final FFConfig initial;
    private final ChartsViewModel charts = new ChartsViewModel();
    private final CanvasViewModel canvas = new CanvasViewModel();
    private final GalleryViewModel gallery;
    /** The app's one executor for background work of the view models (run store reads and writes, the Gallery's evaluation). */
    private final java.util.concurrent.ExecutorService tasks = java.util.concurrent.Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "goodness-tasks");
        t.setDaemon(true);
        return t;
    });
    private final RunsViewModel runs;
    /** "Open experiment…": folders are read on the app's task executor, never on the FX thread. */
    private final ExperimentViewModel experiment = new ExperimentViewModel(tasks, MainViewModel::runLaterSafely);
    private final InsideViewModel inside;

    private final ObjectProperty<ServiceState> state = new SimpleObjectProperty<>(ServiceState.IDLE);
    private final IntegerProperty epoch = new SimpleIntegerProperty(0);
    private final IntegerProperty totalEpochs = new SimpleIntegerProperty(0);
    private final DoubleProperty batchProgress = new SimpleDoubleProperty(0);
    private final StringProperty batchText = new SimpleStringProperty("");
    private final DoubleProperty samplesPerSecond = new SimpleDoubleProperty(0);
    private final StringProperty eta = new SimpleStringProperty("");
    private final ObjectProperty<Dataset> dataset = new SimpleObjectProperty<>();
    /** The named preset (hinton, hinton-plus, sleep) whose defaults the form starts from. */
    private final ObjectProperty<NamedPreset> preset = new SimpleObjectProperty<>();
    private final ObjectProperty<NegativeMode> negatives = new SimpleObjectProperty<>();
    private final StringProperty phases = new SimpleStringProperty();
    private final IntegerProperty epochs = new SimpleIntegerProperty();
    private final StringProperty seed = new SimpleStringProperty();
    private final DoubleProperty rateScale = new SimpleDoubleProperty(1.0);
    private final IntegerProperty threads = new SimpleIntegerProperty();
    private final StringProperty statusText = new SimpleStringProperty("ready");
    private final StringProperty errorMessage = new SimpleStringProperty();
    private final BooleanProperty fashionCaveat = new SimpleBooleanProperty(false);
    private final IntegerProperty layerCount = new SimpleIntegerProperty(0);
    private final ObservableList<EpochMetrics> history = FXCollections.observableArrayList();
    private final ObservableList<TrainingEvent.SettingChanged> settingChanges = FXCollections.observableArrayList();
    private final ConfigEditor configEditor = new ConfigEditor();
    private final StringProperty configProblem = new SimpleStringProperty("");
    private final StringProperty configProblemField = new SimpleStringProperty("");
    private final BooleanProperty configValid = new SimpleBooleanProperty(true);
    private final BooleanProperty runActive = new SimpleBooleanProperty(false);
    private final IntegerProperty errorsReported = new SimpleIntegerProperty(0);
    /** A note for the next state change's status line (said once), or null. */
    private String pendingNotice;
    private java.util.function.Predicate<String> confirmDiscard = m -> true;
    /** True while the controls are set from the service (a resumed run): nothing is sent back. */
    private boolean syncingFromService;
    /** Epochs of the live run in the store when the Runs tab was last listed. */
    private int storedEpochs = -1;
    private volatile boolean closed;
    /** How often the Draw tab gets fresh training weights within an epoch. */
    private static final Duration LIVE_SNAPSHOT_INTERVAL = Duration.ofSeconds(3);

    public MainViewModel(FFConfig initial, Supplier<Path> dataRoot) {
        this.initial = initial;
        this.service = new TrainingService(initial, dataRoot);
        this.gallery = new GalleryViewModel(this::runInBackground, dataRoot);
        this.runs = new RunsViewModel(this::runInBackground, this::reportError, charts, service::runName);
        // The Runs tab's folder is where new runs go too (one store for listing and writing).
        service.setRunsDir(runs.rootProperty().get());
        runs.rootProperty().addListener((o, a, b) -> service.setRunsDir(b));
        runs.setOpenModel((net, what) -> {
            canvas.setBundledModel(net, what);
            canvas.choose(CanvasViewModel.ModelChoice.BUNDLED);
        });
        runs.setResume(this::resumeStored);
        this.inside = new InsideViewModel(service::setInsideRequest);
        // Before any run, the Inside tab shows what the Draw tab's model learned in layer 1 (its
        // fields are copied out on the task executor: a million weights are not the FX thread's work).
        canvas.setOnBundledModel((net, name) -> runInBackground(() -> {
            var f = goodness.ff.training.ReceptiveFields.strongestOf(net, TrainingService.FIELD_UNITS);
            runLaterSafely(() -> inside.setModelFields(f, name));
        }));
        // Four chart updates a second: live enough to watch, and it leaves the cores to training
        // (on 2 cores every redraw competes with the BLAS threads).
        this.batcher = new EventBatcher(MainViewModel::runLaterSafely, this::apply, 250);
        service.addListener(batcher);
        dataset.set(initial.dataset());
        preset.set(NamedPreset.of(initial));
        negatives.set(initial.negatives());
        phases.set(initial.phases().toString());
        epochs.set(initial.epochs());
        seed.set(Long.toString(initial.seed()));
        threads.set(initial.threads());
        fashionCaveat.bind(dataset.isEqualTo(Dataset.FASHION));
        runActive.bind(javafx.beans.binding.Bindings.createBooleanBinding(() -> state.get().active(), state));
        configEditor.load(initial);
        // Live settings: forwarded at once; the service applies them at the next batch boundary.
        // Not while the controls are being set from the service (they would send stale values back).
        negatives.addListener((o, a, b) -> {
            if (b != null && !syncingFromService) service.setNegativeMode(b);
        });
        phases.addListener((o, a, b) -> {
            if (syncingFromService) return;
            try {
                service.setPhases(PhaseSchedule.parse(b));
            } catch (IllegalArgumentException e) {
                // Shown at the field by validate(); the run keeps its phases.
            }
        });
        rateScale.addListener((o, a, b) -> {
            if (!syncingFromService) service.setRateScale(b.doubleValue());
        });
        threads.addListener((o, a, b) -> {
            if (!syncingFromService) service.setThreads(b.intValue());
        });
        preset.addListener((o, a, b) -> {
            if (b != null && !state.get().active() && !syncingFromService) {
                FFConfig d = base(b);
                negatives.set(d.negatives());
                phases.set(d.phases().toString());
                epochs.set(d.epochs());
                configEditor.load(d);
            }
        });
        // Every edit re-validates the whole form, so Start is enabled exactly when it would start.
        // (Change listeners: an invalidation listener would go quiet on a property validate() did not read.)
        for (javafx.beans.value.ObservableValue<?> o : List.<javafx.beans.value.ObservableValue<?>>of(dataset, preset, negatives, phases, epochs, seed, threads))
            o.addListener((ob, a, b) -> validate());
        for (ConfigEditor.Field f : configEditor.fields()) f.textProperty().addListener((ob, a, b) -> validate());
        validate();
    }

    /**
     * Builds the config the form describes and records the outcome: {@link #configValidProperty},
     * the message ({@link #configProblemProperty}) and the field it is about, marked in the
     * editor when the editor holds it.
     */
    private FFConfig validate() {
        try {
            FFConfig c = tryBuildConfig();
            configProblem.set("");
            configProblemField.set("");
            configEditor.mark("", "");
            configValid.set(true);
            return c;
        } catch (goodness.ff.InvalidConfigException e) {
            configProblem.set(e.getMessage());
            configProblemField.set(e.field());
            configEditor.mark(e.field(), e.getMessage());
        } catch (IllegalArgumentException e) {
            configProblem.set(e.getMessage());
            configProblemField.set("phases");
            configEditor.mark("", "");
        }
        configValid.set(false);
        return null;
    }

    /**
     * Whether a view that predicts with the training weights is showing. Only then does the
     * service snapshot the weights within an epoch (every 3 s); otherwise at epoch ends only.
     * Measured in the GUI: a snapshot every 3 s (11 MB of 4 MB arrays, humongous for G1) started
     * a concurrent GC cycle each time, CPU taken from the training threads.
     */
    public void setLiveModelWanted(boolean wanted) {
        service.setSnapshotInterval(wanted ? LIVE_SNAPSHOT_INTERVAL : TrainingService.EPOCH_ENDS_ONLY);
    }

    private static void runLaterSafely(Runnable r) {
        Platform.runLater(r);
    }

    // ------------------------------------------------------------------------------------------
    // Commands.

    /** The config the form describes; a clear message (and null) if a field is invalid. */
    public FFConfig buildConfig() {
        FFConfig c = validate();
        if (c == null) reportError(configProblem.get());
        return c;
    }

    /** The form's config: the editor's fields over the preset's, then the left panel's; throws naming the field. */
    private FFConfig tryBuildConfig() {
        long s;
        try {
            s = Long.parseLong(seed.get() == null ? "" : seed.get().trim());
        } catch (NumberFormatException e) {
            throw new goodness.ff.InvalidConfigException("seed", "must be a whole number, got '" + seed.get() + "'");
        }
        PhaseSchedule p;
        try {
            p = PhaseSchedule.parse(phases.get() == null ? "" : phases.get());
        } catch (IllegalArgumentException e) {
            throw new goodness.ff.InvalidConfigException("phases", e.getMessage());
        }
        FFConfig.Builder b = base(preset.get()).toBuilder();
        configEditor.applyTo(b);
        return b.dataset(dataset.get()).epochs(epochs.get()).seed(s).negatives(negatives.get()).phases(p).threads(threads.get()).build();
    }

    /**
     * Continues a stored run where its checkpoint stands, paused, its earlier epochs on the charts.
     */
    public void resumeStored(goodness.runs.StoredRun r) {
        if (state.get().active()) {
            reportError("a run is " + state.get().name().toLowerCase(Locale.ROOT) + ": stop it before resuming " + r.name());
            return;
        }
        if (!leavingRun("run " + r.name() + " is resumed")) return;
        reportService(service.resumeRun(r.name()), "resumed " + r.name() + " (paused; press Resume)");
    }

    /** Runs view-model work on the app's task executor; once the window closes, new work is dropped. */
    private void runInBackground(Runnable r) {
        try {
            tasks.execute(r);
        } catch (java.util.concurrent.RejectedExecutionException e) {
            // The app is closing (the executor is shut down): nothing is waiting for this result.
        }
    }

    /**
     * Before an action replaces the current run: never discards it silently. A stored run stays
     * in the store (autosaved), which the next status line says, once; a run with progress that
     * is not stored (the store could not be written) is discarded only if the user confirms.
     *
     * @return whether to go on
     */
    /** When the Runs tab lists the current run: "" once it has an epoch, else the check box it needs. */
    private String listedWhen() {
        return history.isEmpty() ? " with \"" + RunsViewModel.SHOW_FIRST_EPOCH_STOPS + "\" ticked" : "";
    }

    boolean leavingRun(String action) {
        ServiceState s = state.get();
        if (s == ServiceState.IDLE) return true;
        String name = service.runName();
        if (name != null) {
            pendingNotice = "run " + name + " stays in the store (Runs tab" + listedWhen() + ")";
            return true;
        }
        if (history.isEmpty() && epoch.get() == 0 && batchProgress.get() == 0) return true;
        return confirmDiscard.test("The current run is not in the run store, so " + action + " discards it. Go on?");
    }

    /** How the window asks before discarding a run that is not stored (a dialog; tests answer themselves). */
    public void setConfirmDiscard(java.util.function.Predicate<String> confirm) {
        confirmDiscard = confirm;
    }

    /** Puts the preset's defaults back into the config editor (the left panel's fields stay). */
    public void loadPresetDefaults() {
        if (state.get().active()) return;
        configEditor.load(base(preset.get()));
    }

    /** Shows an error (a dialog in the window), also when it is the same message as the last one. */
    public void reportError(String message) {
        errorMessage.set(message);
        errorsReported.set(errorsReported.get() + 1);
    }

    /**
     * The named preset's config (the factory {@code train --preset} uses), keeping the launch
     * config's sizes when the preset is the launch one, and its data and speed limits otherwise.
     */
    private FFConfig base(NamedPreset p) {
        if (p == NamedPreset.of(initial)) return initial;
        return FFConfig.named(p.id()).toBuilder().trainLimit(initial.trainLimit()).backend(initial.backend()).threads(initial.threads()).build();
    }

    public CompletableFuture<Void> start() {
        FFConfig c = buildConfig();
        if (c == null) return CompletableFuture.failedFuture(new IllegalArgumentException(configProblem.get()));
        if (!leavingRun("a new run starts")) return CompletableFuture.failedFuture(new IllegalStateException("cancelled"));
        CompletableFuture<Void> f = service.start(c);
        if (rateScale.get() != 1.0) service.setRateScale(rateScale.get());
        return f;
    }

    public void pause() {
        service.pause();
    }

    public void resume() {
        service.resume();
    }

    public void step() {
        if (!state.get().active()) {
            FFConfig c = buildConfig();
            if (c == null) return;
            if (!leavingRun("a new run starts")) return;
            service.configure(c);
        }
        service.stepEpoch();
    }

    public void stop() {
        service.stop();
    }

    public void reset(boolean newSeed) {
        if (!leavingRun("reset")) return;
        service.reset(newSeed);
    }

    public CompletableFuture<Path> saveCheckpoint(Path file) {
        return reportService(service.saveCheckpoint(file), "saved " + file.getFileName());
    }

    public CompletableFuture<?> loadCheckpoint(Path file) {
        if (!leavingRun("the checkpoint replaces the run")) return CompletableFuture.failedFuture(new IllegalStateException("cancelled"));
        return reportService(service.loadCheckpoint(file), "loaded " + file.getFileName());
    }

    /** Saves the weights: of the run if there is one, else of the model the canvas uses. */
    public CompletableFuture<Path> saveModel(Path file) {
        if (service.state() != ServiceState.IDLE && service.state() != ServiceState.FAILED)
            return reportService(service.saveModel(file), "saved model " + file.getFileName());
        var net = canvas.currentModel();
        if (net == null) return CompletableFuture.failedFuture(new IllegalStateException("there is no model to save"));
        return report(CompletableFuture.supplyAsync(() -> {
            goodness.ff.io.Checkpoints.saveModel(net, file);
            return file;
        }), "saved model " + file.getFileName());
    }

    /** Loads a model file (weights only) for the canvas and the gallery. */
    public CompletableFuture<?> loadModel(Path file) {
        return report(CompletableFuture.supplyAsync(() -> goodness.ff.io.Checkpoints.loadModel(file)), "loaded model " + file.getFileName())
                .thenAccept(net -> Platform.runLater(() -> canvas.setBundledModel(net, "model " + file.getFileName())));
    }

    /**
     * A service command's outcome: success in the status line. Its failure is not reported here:
     * the service reports every failed command as a {@link TrainingEvent.Failed} as well, and
     * one failure must show one dialog.
     */
    private <T> CompletableFuture<T> reportService(CompletableFuture<T> f, String ok) {
        return f.whenComplete((v, e) -> {
            if (e == null) Platform.runLater(() -> statusText.set(ok));
        });
    }

    /** Work of the view model itself (not the service's): success in the status line, a failure in a dialog. */
    private <T> CompletableFuture<T> report(CompletableFuture<T> f, String ok) {
        return f.whenComplete((v, e) -> Platform.runLater(() -> {
            if (e == null) statusText.set(ok);
            else reportError(rootMessage(e));
        }));
    }

    static String rootMessage(Throwable e) {
        while ((e instanceof java.util.concurrent.CompletionException || e instanceof java.util.concurrent.ExecutionException) && e.getCause() != null)
            e = e.getCause();
        if (e instanceof OutOfMemoryError) return goodness.data.HeapBudget.outOfMemoryMessage();
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }

    public void exportMetricsCsv(Path file) throws IOException {
        MetricsCsv.write(List.copyOf(history), file);
    }

    public List<Path> exportChartsPng(Path dir) throws IOException {
        return charts.exportPng(dir, 900, 540);
    }

    /** Stops everything without blocking the FX thread for long (at most {@code wait}). */
    public void shutdown(Duration wait) {
        if (closed) return;
        closed = true;
        String name = service.runName();
        if (name != null && state.get() != ServiceState.IDLE)
            System.out.println("Goodness: run " + name + " stays in the store " + service.runsDir() + " (saved on close; the Runs tab lists it"
                    + listedWhen() + ")");
        service.shutdown();
        batcher.close();
        canvas.shutdown();
        tasks.shutdownNow();
        service.awaitTermination(wait);
    }

    // ------------------------------------------------------------------------------------------
    // Events (FX thread).

    void apply(List<TrainingEvent> events) {
        if (closed) return;
        charts.apply(events);
        inside.apply(events);
        for (TrainingEvent e : events) {
            if (e instanceof TrainingEvent.StateChanged s) {
                state.set(s.to());
                String text = !s.message().isEmpty() ? s.message() : s.to().name().toLowerCase(Locale.ROOT);
                if (pendingNotice != null && s.to() != ServiceState.LOADING) {
                    text = text + " — " + pendingNotice;
                    pendingNotice = null;
                }
                statusText.set(text);
                if (!s.to().active()) runs.refresh();
            } else if (e instanceof TrainingEvent.RunStarted r) {
                history.clear();
                settingChanges.clear();
                totalEpochs.set(r.config().epochs());
                epoch.set(r.epoch());
                layerCount.set(r.config().layerCount());
                batchProgress.set((double) r.batchInEpoch() / r.batchesPerEpoch());
                if (r.resumed()) syncFromService(() -> {
                    dataset.set(r.config().dataset());
                    preset.set(NamedPreset.of(r.config()));
                    epochs.set(r.config().epochs());
                    seed.set(Long.toString(r.config().seed()));
                    configEditor.load(r.config());
                });
            } else if (e instanceof TrainingEvent.RunStored r) {
                charts.setLiveLabel(r.name());
                if (r.epoch() != storedEpochs) {
                    storedEpochs = r.epoch();
                    runs.refresh();
                }
            } else if (e instanceof TrainingEvent.HistoryRestored h) {
                history.setAll(h.metrics());
                settingChanges.setAll(h.changes());
            } else if (e instanceof TrainingEvent.LiveSettingsRestored l) {
                syncFromService(() -> {
                    negatives.set(l.settings().negatives());
                    phases.set(l.settings().phases().toString());
                    rateScale.set(l.settings().rateScale());
                    threads.set(l.settings().threads());
                });
            } else if (e instanceof TrainingEvent.RunReset r) {
                history.clear();
                settingChanges.clear();
                seed.set(Long.toString(r.config().seed()));
                epoch.set(0);
                batchProgress.set(0);
                batchText.set("");
                eta.set("");
                samplesPerSecond.set(0);
            } else if (e instanceof TrainingEvent.BatchProgress p) {
                var s = p.snapshot();
                epoch.set(s.epoch());
                batchProgress.set((double) s.batch() / s.batchesPerEpoch());
                batchText.set("batch " + s.batch() + "/" + s.batchesPerEpoch());
                samplesPerSecond.set(p.samplesPerSecond());
                eta.set(formatEta(p.etaSeconds()));
            } else if (e instanceof TrainingEvent.EpochCompleted m) {
                history.add(m.metrics());
                // The console gets the seed-style line too, with the epoch's speed (for comparing with the CLI).
                System.out.printf(Locale.ROOT, "%s%n  (%.1f s, %.0f samples/s)%n", m.metrics().seedStyle(),
                        m.metrics().trainSeconds(), m.metrics().samplesPerSecond());
                epoch.set(m.metrics().epoch() + 1);
            } else if (e instanceof TrainingEvent.SettingChanged s) {
                settingChanges.add(s);
                statusText.set(String.format(Locale.ROOT, "%s at epoch %d, batch %d (batch #%d)", s.label(), s.epoch(), s.batch(), s.batchCounter()));
            } else if (e instanceof TrainingEvent.ModelSnapshot m) {
                canvas.setTrainingModel(m.network(), m.epoch(), m.batch());
            } else if (e instanceof TrainingEvent.TestEvaluated t) {
                var r = t.result();
                statusText.set(String.format(Locale.ROOT, "finished: test errors %d/%d (energy)%s%s", r.energyErrorsTest(), r.testCases(),
                        r.softmaxErrorsTest() != null ? ", " + r.softmaxErrorsTest() + " (softmax)" : "",
                        dataset.get() == Dataset.FASHION ? " — Fashion-MNIST: not the official split" : ""));
            } else if (e instanceof TrainingEvent.Failed f) {
                reportError(f.message());
            } else if (e instanceof TrainingEvent.CheckpointSaved s) {
                statusText.set("checkpoint saved: " + s.path().getFileName() + " (epoch " + s.epoch() + ", batch " + s.batch() + ")");
            }
        }
    }

    /** Sets controls from the service's state without sending the values back to it. */
    private void syncFromService(Runnable r) {
        boolean was = syncingFromService;
        syncingFromService = true;
        try {
            r.run();
        } finally {
            syncingFromService = was;
        }
    }

    static String formatEta(double seconds) {
        if (!Double.isFinite(seconds) || seconds < 0) return "";
        long s = Math.round(seconds);
        return s >= 3600 ? String.format(Locale.ROOT, "ETA %d:%02d:%02d", s / 3600, s / 60 % 60, s % 60)
                : String.format(Locale.ROOT, "ETA %d:%02d", s / 60, s % 60);
    }

    // ------------------------------------------------------------------------------------------
    // Properties.

    public TrainingService service() { return service; }
    public ChartsViewModel charts() { return charts; }
    public CanvasViewModel canvas() { return canvas; }
    public GalleryViewModel gallery() { return gallery; }
    public ExperimentViewModel experiment() { return experiment; }
    public RunsViewModel runs() { return runs; }
    public InsideViewModel inside() { return inside; }
    public ObjectProperty<ServiceState> stateProperty() { return state; }
    public IntegerProperty epochProperty() { return epoch; }
    public IntegerProperty totalEpochsProperty() { return totalEpochs; }
    public DoubleProperty batchProgressProperty() { return batchProgress; }
    public StringProperty batchTextProperty() { return batchText; }
    public DoubleProperty samplesPerSecondProperty() { return samplesPerSecond; }
    public StringProperty etaProperty() { return eta; }
    public ObjectProperty<Dataset> datasetProperty() { return dataset; }
    public ObjectProperty<NamedPreset> presetProperty() { return preset; }
    public ObjectProperty<NegativeMode> negativesProperty() { return negatives; }
    public StringProperty phasesProperty() { return phases; }
    public IntegerProperty epochsProperty() { return epochs; }
    public StringProperty seedProperty() { return seed; }
    public DoubleProperty rateScaleProperty() { return rateScale; }
    public IntegerProperty threadsProperty() { return threads; }
    public StringProperty statusTextProperty() { return statusText; }
    public StringProperty errorMessageProperty() { return errorMessage; }
    public BooleanProperty fashionCaveatProperty() { return fashionCaveat; }
    public IntegerProperty layerCountProperty() { return layerCount; }
    public ObservableList<EpochMetrics> history() { return history; }
    public ConfigEditor configEditor() { return configEditor; }
    /** The form's problem ("" while the config is valid); Start and Step stay disabled while there is one. */
    public StringProperty configProblemProperty() { return configProblem; }
    /** The FFConfig field (or "seed", "phases") the problem is about, "" if none. */
    public StringProperty configProblemFieldProperty() { return configProblemField; }
    public BooleanProperty configValidProperty() { return configValid; }
    public BooleanProperty runActiveProperty() { return runActive; }
    /** Counts errors shown, so that the same message twice still shows a dialog each time. */
    public IntegerProperty errorsReportedProperty() { return errorsReported; }
    public ObservableList<TrainingEvent.SettingChanged> settingChanges() { return settingChanges; }
}
