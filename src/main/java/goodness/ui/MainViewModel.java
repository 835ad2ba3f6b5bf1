package goodness.ui;

import goodness.data.Dataset;
import goodness.ff.FFConfig;
import goodness.ff.NegativeMode;
import goodness.ff.PhaseSchedule;
import goodness.ff.training.EpochMetrics;
import goodness.ff.training.ReceptiveFields;
import goodness.runs.StoredRun;
import goodness.service.EventBatcher;
import goodness.service.ServiceState;
import goodness.service.TrainingEvent;
import goodness.service.TrainingService;
import goodness.ui.config.ConfigViewModel;
import goodness.ui.draw.CanvasViewModel;
import goodness.ui.gallery.GalleryViewModel;
import goodness.ui.inside.InsideViewModel;
import goodness.ui.runs.RunsViewModel;
import goodness.ui.training.ChartsViewModel;
import javafx.beans.binding.Bindings;
import goodness.ui.experiment.ExperimentViewModel;
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

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * The window's state as JavaFX properties, and the run's controls. Talks to the
 * {@link TrainingService} (commands return at once) and receives its events in batches on the
 * FX thread, through an {@link EventBatcher}. Nothing here computes: it applies snapshots, and
 * hands background work to the app's one {@link BackgroundTasks} worker. The form that describes
 * the next run is the {@link ConfigViewModel}'s; the File menu's work is {@link FileActions}'.
 */
public final class MainViewModel {
    /** How often the Draw tab gets fresh training weights within an epoch. */
    private static final Duration LIVE_SNAPSHOT_INTERVAL = Duration.ofSeconds(3);

    private final TrainingService service;
    private final EventBatcher batcher;
    private final BackgroundTasks tasks = new BackgroundTasks();
    private final ChartsViewModel charts = new ChartsViewModel();
    private final CanvasViewModel canvas = new CanvasViewModel();
    private final GalleryViewModel gallery;
    private final RunsViewModel runs;
    /** "Open experiment…": folders are read on the worker, never on the FX thread. */
    private final ExperimentViewModel experiment = new ExperimentViewModel(tasks, tasks::fx);
    private final InsideViewModel inside;
    private final goodness.ui.playground.PlaygroundViewModel playground =
            new goodness.ui.playground.PlaygroundViewModel(tasks, tasks::fx, goodness.ui.playground.PlaygroundViewModel.initialSettings());
    private final ConfigViewModel config;
    private final FileActions files;
    private final FigureActions figures;

    private final ObjectProperty<ServiceState> state = new SimpleObjectProperty<>(ServiceState.IDLE);
    private final BooleanProperty runActive = new SimpleBooleanProperty(false);
    private final IntegerProperty epoch = new SimpleIntegerProperty(0);
    private final IntegerProperty totalEpochs = new SimpleIntegerProperty(0);
    private final DoubleProperty batchProgress = new SimpleDoubleProperty(0);
    private final StringProperty batchText = new SimpleStringProperty("");
    private final DoubleProperty samplesPerSecond = new SimpleDoubleProperty(0);
    private final StringProperty eta = new SimpleStringProperty("");
    private final StringProperty statusText = new SimpleStringProperty("ready");
    private final StringProperty errorMessage = new SimpleStringProperty();
    private final IntegerProperty errorsReported = new SimpleIntegerProperty(0);
    private final IntegerProperty layerCount = new SimpleIntegerProperty(0);
    /** The selected tab's id ({@code chartsTab}, {@code runsTab}, …): the window follows it and keeps it across starts. */
    private final StringProperty selectedTab = new SimpleStringProperty("chartsTab");
    /** The Training tab's banner before the first run of a first start ("" when hidden). */
    private final StringProperty welcome = new SimpleStringProperty("");
    private final ObservableList<EpochMetrics> history = FXCollections.observableArrayList();
    private final ObservableList<TrainingEvent.SettingChanged> settingChanges = FXCollections.observableArrayList();
    /** A note for the next state change's status line (said once), or null. */
    private String pendingNotice;
    private Predicate<String> confirmDiscard = m -> true;
    /** Epochs of the live run in the store when the Runs tab was last listed. */
    private int storedEpochs = -1;
    private volatile boolean closed;

    public MainViewModel(FFConfig initial, Supplier<Path> dataRoot) {
        this.service = new TrainingService(initial, dataRoot);
        runActive.bind(Bindings.createBooleanBinding(() -> state.get().active(), state));
        this.config = new ConfigViewModel(initial, runActive, new ConfigViewModel.LiveControls() {
            @Override public void setNegativeMode(NegativeMode mode) { service.setNegativeMode(mode); }
            @Override public void setPhases(PhaseSchedule phases) { service.setPhases(phases); }
            @Override public void setRateScale(double scale) { service.setRateScale(scale); }
            @Override public void setThreads(int threads) { service.setThreads(threads); }
        });
        this.gallery = new GalleryViewModel(tasks, dataRoot);
        this.runs = new RunsViewModel(tasks, this::reportError, charts, service::runName);
        this.files = new FileActions(service, tasks, canvas, charts, history, statusText::set, this::reportError, this::leavingRun);
        this.figures = new FigureActions(tasks, statusText::set, this::reportError);
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
        // fields are copied out on the worker: a million weights are not the FX thread's work).
        canvas.setOnBundledModel((net, name) -> tasks.execute(() -> {
            var f = ReceptiveFields.strongestOf(net, TrainingService.FIELD_UNITS);
            tasks.fx(() -> inside.setModelFields(f, name));
        }));
        // Four chart updates a second: live enough to watch, and it leaves the cores to training
        // (on 2 cores every redraw competes with the BLAS threads).
        this.batcher = new EventBatcher(tasks::fx, this::apply, 250);
        service.addListener(batcher);
        // The empty charts say when their first points come, which depends on the next run's config.
        tasks.fx(() -> charts.setNextRunConfig(initial));
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

    // ------------------------------------------------------------------------------------------
    // First start.

    /** The banner's call to action, before the runs it names are listed. */
    public static final String WELCOME = "Press Start to train a network: its curves appear on these charts as it learns.";

    /**
     * The window's first start: the Training tab asks for Start and, once the Runs tab has listed
     * them, overlays the run that produced the bundled model (an example) and the published seed
     * 000 log, so the charts show what a finished run looks like. Where the app has no examples
     * nothing is overlaid. The banner goes when a run starts; the overlaid runs stay selected in
     * the Runs tab, where they can be cleared.
     */
    public void showWelcome() {
        welcome.set(WELCOME);
        runs.whenListed(rows -> {
            RunsViewModel.RunRow bundled = RunsViewModel.bundledModelRow(rows);
            RunsViewModel.RunRow reference = rows.stream().filter(RunsViewModel.RunRow::reference).findFirst().orElse(null);
            if (welcome.get().isEmpty() || bundled == null || reference == null || !runs.selected().isEmpty()) return;
            runs.selected().setAll(bundled.name(), reference.name());
            welcome.set(welcomeText(bundled, reference));
        });
    }

    /** The banner naming the overlaid runs and their test errors. */
    static String welcomeText(RunsViewModel.RunRow bundled, RunsViewModel.RunRow reference) {
        return String.format(Locale.ROOT, "Press Start to train a network. Shown until then: the run that made the bundled model"
                        + " (%s, %d epochs, test errors %s, energy / softmax) and the published seed 000 log (recipe A, %d epochs, %s)."
                        + " The Runs tab lists them with the other examples.",
                bundled.preset(), bundled.epochsDone(), bundled.test(), reference.epochsDone(), reference.test());
    }

    // ------------------------------------------------------------------------------------------
    // Commands.

    /** The config the form describes; a clear message (and null) if a field is invalid. */
    public FFConfig buildConfig() {
        FFConfig c = config.build();
        if (c == null) reportError(config.problemProperty().get());
        return c;
    }

    /**
     * Continues a stored run where its checkpoint stands, paused, its earlier epochs on the charts.
     */
    public void resumeStored(StoredRun r) {
        if (state.get().active()) {
            reportError("a run is " + state.get().name().toLowerCase(Locale.ROOT) + ": stop it before resuming " + r.name());
            return;
        }
        if (!leavingRun("run " + r.name() + " is resumed")) return;
        reportService(service.resumeRun(r.name()), "resumed " + r.name() + " (paused; press Resume)");
    }

    /** When the Runs tab lists the current run: "" once it has an epoch, else the check box it needs. */
    private String listedWhen() {
        return history.isEmpty() ? " with \"" + RunsViewModel.SHOW_FIRST_EPOCH_STOPS + "\" ticked" : "";
    }

    /**
     * Before an action replaces the current run: never discards it silently. A stored run stays
     * in the store (autosaved), which the next status line says, once; a run with progress that
     * is not stored (the store could not be written) is discarded only if the user confirms.
     *
     * @return whether to go on
     */
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
    public void setConfirmDiscard(Predicate<String> confirm) {
        confirmDiscard = confirm;
    }

    /** Shows an error (a dialog in the window), also when it is the same message as the last one. */
    public void reportError(String message) {
        errorMessage.set(message);
        errorsReported.set(errorsReported.get() + 1);
    }

    public CompletableFuture<Void> start() {
        FFConfig c = buildConfig();
        if (c == null) return CompletableFuture.failedFuture(new IllegalArgumentException(config.problemProperty().get()));
        if (!leavingRun("a new run starts")) return CompletableFuture.failedFuture(new IllegalStateException("cancelled"));
        CompletableFuture<Void> f = service.start(c);
        double gain = config.rateScaleProperty().get();
        if (gain != 1.0) service.setRateScale(gain);
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

    /**
     * Trains one batch and shows it stage by stage ({@link #slowMotion()}), starting a run first
     * if there is none; the run is left paused.
     */
    public java.util.concurrent.CompletableFuture<goodness.ff.training.SlowMotionBatch> stepBatchSlowly() {
        if (!state.get().active()) {
            FFConfig c = buildConfig();
            if (c == null || !leavingRun("a new run starts")) return java.util.concurrent.CompletableFuture.failedFuture(new IllegalStateException("cancelled"));
            service.configure(c);
        }
        var f = service.stepBatchSlowly();
        f.whenComplete((b, e) -> tasks.fx(() -> {
            if (e == null) slowMotion.show(b);
            else reportError(BackgroundTasks.message(e));
        }));
        return f;
    }

    /** The batch last stepped in slow motion, stage by stage. */
    public goodness.ui.training.SlowMotionViewModel slowMotion() {
        return slowMotion;
    }

    private final goodness.ui.training.SlowMotionViewModel slowMotion = new goodness.ui.training.SlowMotionViewModel();

    public void stop() {
        service.stop();
    }

    public void reset(boolean newSeed) {
        if (!leavingRun("reset")) return;
        service.reset(newSeed);
    }

    /** A service command's outcome in the status line (its failure arrives as an event, shown once). */
    private <T> void reportService(CompletableFuture<T> f, String ok) {
        f.whenComplete((v, e) -> {
            if (e == null) tasks.fx(() -> statusText.set(ok));
        });
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
        tasks.shutdown();
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
                if (s.to().active()) welcome.set("");
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
                totalEpochs.set(r.config().totalEpochs());
                epoch.set(r.epoch());
                layerCount.set(r.config().layerCount());
                batchProgress.set((double) r.batchInEpoch() / r.batchesPerEpoch());
                if (r.resumed()) config.showRun(r.config());
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
                config.showLiveSettings(l.settings());
            } else if (e instanceof TrainingEvent.RunReset r) {
                history.clear();
                settingChanges.clear();
                config.seedProperty().set(Long.toString(r.config().seed()));
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
                statusText.set(String.format(Locale.ROOT, "finished: test errors %d/%d (%s)%s%s", r.headlineErrorsTest(), r.testCases(), r.headline(),
                        r.energyErrorsTest() != null && r.softmaxErrorsTest() != null ? ", " + r.softmaxErrorsTest() + " (softmax)" : "",
                        config.datasetProperty().get() == Dataset.FASHION ? " — Fashion-MNIST: not the official split" : ""));
            } else if (e instanceof TrainingEvent.Failed f) {
                reportError(f.message());
            } else if (e instanceof TrainingEvent.CheckpointSaved s) {
                statusText.set("checkpoint saved: " + s.path().getFileName() + " (epoch " + s.epoch() + ", batch " + s.batch() + ")");
            }
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
    public ConfigViewModel config() { return config; }
    FileActions files() { return files; }
    /** The charts' and pictures' export and copy actions (their context menus). */
    public FigureActions figures() { return figures; }
    public ChartsViewModel charts() { return charts; }
    public CanvasViewModel canvas() { return canvas; }
    public GalleryViewModel gallery() { return gallery; }
    public ExperimentViewModel experiment() { return experiment; }
    public RunsViewModel runs() { return runs; }
    public StringProperty selectedTabProperty() { return selectedTab; }
    /** The Training tab's first-start banner ("" when hidden); see {@link #showWelcome()}. */
    public StringProperty welcomeProperty() { return welcome; }
    /** The worker for file I/O the window itself does (its preferences file). */
    BackgroundTasks tasks() { return tasks; }
    public InsideViewModel inside() { return inside; }
    public goodness.ui.playground.PlaygroundViewModel playground() { return playground; }
    public ObjectProperty<ServiceState> stateProperty() { return state; }
    public BooleanProperty runActiveProperty() { return runActive; }
    public IntegerProperty epochProperty() { return epoch; }
    public IntegerProperty totalEpochsProperty() { return totalEpochs; }
    public DoubleProperty batchProgressProperty() { return batchProgress; }
    public StringProperty batchTextProperty() { return batchText; }
    public DoubleProperty samplesPerSecondProperty() { return samplesPerSecond; }
    public StringProperty etaProperty() { return eta; }
    public StringProperty statusTextProperty() { return statusText; }
    public StringProperty errorMessageProperty() { return errorMessage; }
    /** Counts errors shown, so that the same message twice still shows a dialog each time. */
    public IntegerProperty errorsReportedProperty() { return errorsReported; }
    public IntegerProperty layerCountProperty() { return layerCount; }
    public ObservableList<EpochMetrics> history() { return history; }
    public ObservableList<TrainingEvent.SettingChanged> settingChanges() { return settingChanges; }
}
