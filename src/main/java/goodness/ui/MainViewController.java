package goodness.ui;

import goodness.data.Dataset;
import goodness.ff.NamedPreset;
import goodness.ff.NegativeMode;
import goodness.service.ServiceState;
import goodness.ui.config.ConfigPane;
import goodness.ui.config.ConfigViewModel;
import goodness.ui.draw.CanvasPane;
import goodness.ui.gallery.GalleryPane;
import goodness.ui.inside.InsidePane;
import goodness.ui.runs.RunsPane;
import goodness.ui.training.ChartsPane;
import goodness.ui.experiment.ExperimentPane;
import javafx.application.Platform;
import javafx.beans.binding.Bindings;
import javafx.fxml.FXML;
import javafx.scene.control.Alert;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.MenuButton;
import javafx.scene.control.MenuItem;
import javafx.scene.control.Tooltip;
import javafx.scene.input.KeyCombination;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.Slider;
import javafx.scene.control.Spinner;
import javafx.scene.control.SpinnerValueFactory;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.control.TextField;
import javafx.stage.DirectoryChooser;
import javafx.stage.FileChooser;
import javafx.stage.Window;

import java.io.File;
import java.nio.file.Path;
import java.util.Locale;

/** Binds MainView.fxml to the {@link MainViewModel}; file dialogs and alerts live here, nothing else. */
public final class MainViewController {
    private final MainViewModel vm;

    @FXML private ComboBox<Dataset> datasetBox;
    @FXML private ComboBox<NamedPreset> presetBox;
    @FXML private ComboBox<NegativeMode> negativesBox;
    @FXML private ComboBox<String> phasesBox;
    @FXML private Spinner<Integer> epochsSpinner, threadsSpinner;
    @FXML private TextField seedField;
    @FXML private Slider gainSlider;
    @FXML private Label gainLabel, fashionCaveat, stateLabel, epochLabel, batchLabel, speedLabel, etaLabel, statusLabel, errorLabel;
    @FXML private Button startButton, pauseButton, resumeButton, stepButton, stopButton, slowStepButton;
    private goodness.ui.training.SlowMotionWindow slowWindow;
    @FXML private MenuButton resetButton;
    @FXML private Button saveButton, loadButton;
    @FXML private MenuItem saveCheckpointItem, loadCheckpointItem, saveModelItem, exportCsvItem, exportPngItem, openExperimentItem, exitItem, importRunItem;
    @FXML private ProgressBar batchBar;
    @FXML private TabPane tabs;
    @FXML private Tab canvasTab;
    @FXML private Tab chartsTab;
    @FXML private ChartsPane chartsPane;
    @FXML private CanvasPane canvasPane;
    @FXML private GalleryPane galleryPane;
    @FXML private ConfigPane configPane;
    @FXML private RunsPane runsPane;
    @FXML private Tab runsTab;
    @FXML private Label configProblemLabel;
    @FXML private Tab insideTab;
    @FXML private InsidePane insidePane;
    @FXML private Tab playgroundTab;
    @FXML private goodness.ui.playground.PlaygroundPane playgroundPane;

    /** Show errors in an Alert (off in tests, where a dialog would only get in the way). */
    static volatile boolean alerts = true;
    /** Test hook: receives every error the window would show in a dialog (instead of the dialog). */
    static volatile java.util.function.Consumer<String> alertSink;

    public MainViewController(MainViewModel vm) {
        this.vm = vm;
    }

    /** Replaces the Negatives box's choices, keeping the form's mode (a new item list clears a ComboBox's value). */
    private void offerNegatives(java.util.List<NegativeMode> choices) {
        if (negativesBox.getItems().equals(choices)) return;
        NegativeMode keep = vm.config().negativesProperty().get();
        negativesBox.getItems().setAll(choices);
        if (keep != null && choices.contains(keep)) negativesBox.setValue(keep);
    }

    @FXML
    private void initialize() {
        ConfigViewModel form = vm.config();
        datasetBox.getItems().setAll(Dataset.values());
        datasetBox.valueProperty().bindBidirectional(form.datasetProperty());
        presetBox.getItems().setAll(NamedPreset.values());
        presetBox.setTooltip(new javafx.scene.control.Tooltip(ConfigViewModel.presetHelp()));
        presetBox.valueProperty().bindBidirectional(form.presetProperty());
        // Only what the preset's recipe accepts (the recurrent recipe: no mask hybrids).
        negativesBox.getItems().setAll(ConfigViewModel.negativeChoices(form.presetProperty().get()));
        form.presetProperty().addListener((o, a, b) -> offerNegatives(ConfigViewModel.negativeChoices(b)));
        negativesBox.valueProperty().bindBidirectional(form.negativesProperty());
        negativesBox.disableProperty().bind(form.negativesFixedProperty());
        phasesBox.getItems().setAll("none", "1:1", "10:10", "100:100", "10:1:scaled");
        phasesBox.valueProperty().bindBidirectional(form.phasesProperty());
        epochsSpinner.setValueFactory(new SpinnerValueFactory.IntegerSpinnerValueFactory(1, 100_000, form.epochsProperty().get()));
        epochsSpinner.valueProperty().addListener((o, a, b) -> form.epochsProperty().set(b));
        form.epochsProperty().addListener((o, a, b) -> epochsSpinner.getValueFactory().setValue(b.intValue()));
        threadsSpinner.setValueFactory(new SpinnerValueFactory.IntegerSpinnerValueFactory(1, Math.max(2, Runtime.getRuntime().availableProcessors()), form.threadsProperty().get()));
        threadsSpinner.valueProperty().addListener((o, a, b) -> form.threadsProperty().set(b));
        // A resumed run's live settings come back from the service: the controls follow them.
        form.threadsProperty().addListener((o, a, b) -> threadsSpinner.getValueFactory().setValue(b.intValue()));
        form.rateScaleProperty().addListener((o, a, b) -> {
            double log2 = Math.log(b.doubleValue()) / Math.log(2);
            if (Math.abs(gainSlider.getValue() - log2) > 1e-9) gainSlider.setValue(log2);
        });
        seedField.textProperty().bindBidirectional(form.seedProperty());
        gainSlider.valueChangingProperty().addListener((o, a, changing) -> {
            if (!changing) applyGain();
        });
        gainSlider.valueProperty().addListener((o, a, b) -> {
            gainLabel.setText(String.format(Locale.ROOT, "Learning-rate gain ×%.2f", Math.pow(2, b.doubleValue())));
            if (!gainSlider.isValueChanging()) applyGain();
        });
        gainLabel.setText("Learning-rate gain ×1.00");
        fashionCaveat.visibleProperty().bind(form.fashionCaveatProperty());
        fashionCaveat.managedProperty().bind(form.fashionCaveatProperty());

        var state = vm.stateProperty();
        var active = Bindings.createBooleanBinding(() -> state.get().active(), state);
        datasetBox.disableProperty().bind(active);
        presetBox.disableProperty().bind(active);
        epochsSpinner.disableProperty().bind(active);
        seedField.disableProperty().bind(active);
        // An invalid field keeps Start (and Step, which may start a run) disabled; the field says why.
        startButton.disableProperty().bind(active.or(form.validProperty().not()));
        pauseButton.disableProperty().bind(state.isNotEqualTo(ServiceState.RUNNING));
        resumeButton.disableProperty().bind(state.isNotEqualTo(ServiceState.PAUSED));
        stepButton.disableProperty().bind(state.isEqualTo(ServiceState.LOADING).or(active.not().and(form.validProperty().not())));
        slowStepButton.disableProperty().bind(stepButton.disableProperty().or(state.isEqualTo(ServiceState.RUNNING)));
        slowStepButton.setTooltip(new Tooltip("Train one batch and show it stage by stage: the positive pass, the negative pass, the update (pause a running run first)"));
        configProblemLabel.textProperty().bind(form.problemProperty());
        configProblemLabel.visibleProperty().bind(form.validProperty().not());
        configProblemLabel.managedProperty().bind(form.validProperty().not());
        form.problemFieldProperty().addListener((o, a, b) -> {
            markInvalid(seedField, "seed".equals(b));
            markInvalid(phasesBox, "phases".equals(b));
        });
        stopButton.disableProperty().bind(active.not());
        resetButton.disableProperty().bind(state.isEqualTo(ServiceState.LOADING));

        stateLabel.textProperty().bind(Bindings.createStringBinding(() -> state.get() == ServiceState.LOADING ? "loading…" : state.get().name().toLowerCase(Locale.ROOT), state));
        epochLabel.textProperty().bind(Bindings.createStringBinding(() -> vm.totalEpochsProperty().get() == 0 ? "epoch –"
                : "epoch " + Math.min(vm.epochProperty().get() + 1, vm.totalEpochsProperty().get()) + "/" + vm.totalEpochsProperty().get(),
                vm.epochProperty(), vm.totalEpochsProperty()));
        batchBar.progressProperty().bind(vm.batchProgressProperty());
        batchLabel.textProperty().bind(vm.batchTextProperty());
        speedLabel.textProperty().bind(Bindings.createStringBinding(() -> vm.samplesPerSecondProperty().get() > 0
                ? String.format(Locale.ROOT, "%,.0f samples/s", vm.samplesPerSecondProperty().get()) : "", vm.samplesPerSecondProperty()));
        etaLabel.textProperty().bind(vm.etaProperty());
        statusLabel.textProperty().bind(vm.statusTextProperty());
        errorLabel.textProperty().bind(vm.errorMessageProperty());
        // Every reported error, also one identical to the last, shows its dialog.
        vm.errorsReportedProperty().addListener((o, a, b) -> {
            String message = vm.errorMessageProperty().get();
            if (message == null || message.isBlank()) return;
            var sink = alertSink;
            if (sink != null) {
                sink.accept(message);
            } else if (alerts) {
                Alert alert = new Alert(Alert.AlertType.ERROR, message);
                alert.setHeaderText("Goodness");
                alert.initOwner(window());
                alert.show();
            }
        });

        installKeys();

        chartsPane.bind(vm.charts(), vm.figures());
        chartsPane.bindWelcome(vm.welcomeProperty(), startButton.disableProperty(), startButton::fire);
        vm.setConfirmDiscard(message -> {
            if (!alerts) return true;
            Alert a = new Alert(Alert.AlertType.CONFIRMATION, message, javafx.scene.control.ButtonType.CANCEL, javafx.scene.control.ButtonType.OK);
            a.setHeaderText("Discard the run?");
            a.initOwner(window());
            return a.showAndWait().filter(b -> b == javafx.scene.control.ButtonType.OK).isPresent();
        });
        // Charts behind another tab are not redrawn (each redraw takes CPU from training); the
        // Runs tab shows two of them.
        // Plain listeners on the tabs, not a listener on `chartsTab.selected.or(runsTab.selected)`:
        // such a binding is held only weakly by the properties it observes, so a garbage
        // collection would end its updates and leave the charts redrawing behind every tab
        // (behind the Inside tab that costs training about 9 %).
        Runnable chartsShown = () -> vm.charts().setShown(chartsTab.isSelected() || runsTab.isSelected());
        chartsTab.selectedProperty().addListener((o, a, b) -> chartsShown.run());
        runsTab.selectedProperty().addListener((o, a, b) -> chartsShown.run());
        chartsShown.run();
        // The tab follows the view model's choice (a stored preference at start) and tells it the user's.
        selectTab(vm.selectedTabProperty().get());
        tabs.getSelectionModel().selectedItemProperty().addListener((o, a, b) -> {
            if (b != null && b.getId() != null) vm.selectedTabProperty().set(b.getId());
        });
        vm.selectedTabProperty().addListener((o, a, b) -> selectTab(b));
        runsPane.bind(vm.runs(), vm.charts(), vm.figures());
        vm.runs().refresh();
        runsTab.selectedProperty().addListener((o, a, b) -> {
            if (b) vm.runs().refresh();
        });
        // Fresh training weights within an epoch only while the Draw tab can use them.
        vm.setLiveModelWanted(canvasTab.isSelected());
        canvasTab.selectedProperty().addListener((o, a, b) -> vm.setLiveModelWanted(b));
        chartsPane.setLayers(vm.layerCountProperty().get());
        vm.layerCountProperty().addListener((o, a, b) -> chartsPane.setLayers(b.intValue()));
        canvasPane.bind(vm.canvas(), vm.figures());
        configPane.bind(form);
        // The Inside tab's samples are made by the engine only while the tab shows.
        insidePane.bind(vm.inside(), vm.figures(), vm.charts()::liveCaption);
        vm.inside().shownProperty().bind(insideTab.selectedProperty());
        // The Playground trains only while its tab shows; its first run starts when it first does.
        playgroundPane.bind(vm.playground());
        vm.playground().shownProperty().bind(playgroundTab.selectedProperty());
        galleryPane.bind(vm.gallery(), () -> vm.canvas().currentModel(), (pixels, description) -> {
            vm.canvas().showTestDigit(pixels, description);
            tabs.getSelectionModel().select(canvasTab);
        });
    }

    private static void markInvalid(javafx.scene.Node n, boolean invalid) {
        if (!invalid) n.getStyleClass().remove("invalid");
        else if (!n.getStyleClass().contains("invalid")) n.getStyleClass().add("invalid");
    }

    private void applyGain() {
        vm.config().rateScaleProperty().set(Math.pow(2, gainSlider.getValue()));
    }

    /** Selects the tab with this id; an id no tab has (a preference from another build) changes nothing. */
    private void selectTab(String id) {
        if (id == null) return;
        tabs.getTabs().stream().filter(t -> id.equals(t.getId())).findFirst()
                .ifPresent(t -> tabs.getSelectionModel().select(t));
    }

    /*
     * Keyboard. Every combination holds the shortcut key (Ctrl, Cmd on macOS): a plain letter,
     * Space or an arrow would be taken by the seed field, the spinners and the combo boxes
     * while they have focus. Step is Shortcut+T, not Shortcut+Right, since text fields use
     * Ctrl+Right to move by words. Pause and Resume share Shortcut+P: only one of the two is
     * enabled at a time, so the combination toggles.
     */
    static final KeyCombination SAVE_CHECKPOINT = KeyCombination.keyCombination("Shortcut+S");
    static final KeyCombination LOAD_CHECKPOINT = KeyCombination.keyCombination("Shortcut+O");
    static final KeyCombination SAVE_MODEL = KeyCombination.keyCombination("Shortcut+Shift+S");
    static final KeyCombination EXPORT_CSV = KeyCombination.keyCombination("Shortcut+E");
    static final KeyCombination EXPORT_PNG = KeyCombination.keyCombination("Shortcut+Shift+E");
    static final KeyCombination OPEN_EXPERIMENT = KeyCombination.keyCombination("Shortcut+Shift+O");
    static final KeyCombination EXIT = KeyCombination.keyCombination("Shortcut+Q");
    static final KeyCombination IMPORT_RUN = KeyCombination.keyCombination("Shortcut+I");
    static final KeyCombination START = KeyCombination.keyCombination("Shortcut+Enter");
    static final KeyCombination PAUSE_RESUME = KeyCombination.keyCombination("Shortcut+P");
    static final KeyCombination STEP = KeyCombination.keyCombination("Shortcut+T");
    static final KeyCombination STOP = KeyCombination.keyCombination("Shortcut+Period");

    private void installKeys() {
        // Menu items show their accelerators themselves; the menu bar registers them on the scene.
        saveCheckpointItem.setAccelerator(SAVE_CHECKPOINT);
        loadCheckpointItem.setAccelerator(LOAD_CHECKPOINT);
        saveModelItem.setAccelerator(SAVE_MODEL);
        exportCsvItem.setAccelerator(EXPORT_CSV);
        exportPngItem.setAccelerator(EXPORT_PNG);
        openExperimentItem.setAccelerator(OPEN_EXPERIMENT);
        exitItem.setAccelerator(EXIT);
        importRunItem.setAccelerator(IMPORT_RUN);
        // Buttons have no accelerator display of their own: their tooltips name the keys.
        tip(startButton, "Start a run", START);
        tip(pauseButton, "Pause the run", PAUSE_RESUME);
        tip(resumeButton, "Resume the paused run", PAUSE_RESUME);
        tip(stepButton, "Train one epoch, then pause", STEP);
        tip(stopButton, "Stop the run", STOP);
        tip(saveButton, "Save a checkpoint", SAVE_CHECKPOINT);
        tip(loadButton, "Load a checkpoint or model", LOAD_CHECKPOINT);
        // The scene exists only once the view is placed in the window.
        tabs.sceneProperty().addListener((o, old, scene) -> {
            if (scene == null) return;
            var keys = scene.getAccelerators();
            keys.put(START, () -> fireIfEnabled(startButton));
            keys.put(PAUSE_RESUME, () -> {
                if (!fireIfEnabled(pauseButton)) fireIfEnabled(resumeButton);
            });
            keys.put(STEP, () -> fireIfEnabled(stepButton));
            keys.put(STOP, () -> fireIfEnabled(stopButton));
        });
    }

    private static void tip(Button button, String what, KeyCombination keys) {
        button.setTooltip(new Tooltip(what + " (" + keys.getDisplayText() + ")"));
    }

    /** Does what a click does: nothing on a disabled button (the disabled state is the rule for when an action applies). */
    private static boolean fireIfEnabled(Button button) {
        if (button.isDisabled()) return false;
        button.fire();
        return true;
    }

    private Window window() {
        return tabs.getScene() == null ? null : tabs.getScene().getWindow();
    }

    @FXML private void start() { vm.errorMessageProperty().set(""); vm.start(); }
    @FXML private void pause() { vm.pause(); }
    @FXML private void resume() { vm.resume(); }
    @FXML private void step() { vm.errorMessageProperty().set(""); vm.step(); }

    /** One batch, then its window: positive pass, negative pass, update, one stage at a time. */
    @FXML private void stepBatchSlowly() {
        vm.errorMessageProperty().set("");
        if (slowWindow == null) slowWindow = new goodness.ui.training.SlowMotionWindow(window(), vm.slowMotion(), vm::stepBatchSlowly);
        vm.stepBatchSlowly().thenRun(() -> javafx.application.Platform.runLater(slowWindow::show));
    }
    @FXML private void stop() { vm.stop(); }
    @FXML private void resetSameSeed() { vm.reset(false); }
    @FXML private void resetNewSeed() { vm.reset(true); }

    @FXML
    private void saveCheckpoint() {
        FileChooser fc = chooser("Save checkpoint", "Training checkpoint", "*.bin");
        fc.setInitialFileName("checkpoint.bin");
        File f = fc.showSaveDialog(window());
        if (f != null) vm.files().saveCheckpoint(f.toPath());
    }

    @FXML
    private void loadCheckpoint() {
        FileChooser fc = chooser("Load checkpoint or model", "Checkpoint or model", "*.bin", "*.ffm");
        File f = fc.showOpenDialog(window());
        if (f == null) return;
        if (f.getName().endsWith(".ffm")) vm.files().loadModel(f.toPath());
        else vm.files().loadCheckpoint(f.toPath());
    }

    @FXML
    private void saveModel() {
        FileChooser fc = chooser("Save model", "Model (weights only)", "*.ffm");
        fc.setInitialFileName("model.ffm");
        File f = fc.showSaveDialog(window());
        if (f != null) vm.files().saveModel(f.toPath());
    }

    @FXML
    private void exportCsv() {
        FileChooser fc = chooser("Export metrics", "CSV", "*.csv");
        fc.setInitialFileName("metrics.csv");
        File f = fc.showSaveDialog(window());
        if (f != null) vm.files().exportMetricsCsv(f.toPath());
    }

    @FXML
    private void exportPng() {
        DirectoryChooser dc = new DirectoryChooser();
        dc.setTitle("Export every chart as PNG and SVG into…");
        File d = dc.showDialog(window());
        if (d != null) vm.files().exportCharts(d.toPath());
    }

    /** A run written by Export… (or {@code goodness runs export}) added to the store; the Runs tab shows it selected. */
    @FXML
    private void importRun() {
        vm.runs().archives().importRun(suggested -> {
            FileChooser fc = chooser("Import run", "Run archive (zip)", "*.zip");
            return java.util.Optional.ofNullable(fc.showOpenDialog(window())).map(File::toPath);
        }).thenAccept(imported -> {
            if (imported != null) Platform.runLater(() -> selectTab(runsTab.getId()));
        });
    }

    /** The experiment window (made on first use, then reused). */
    private javafx.stage.Stage experimentStage;

    @FXML
    private void openExperiment() {
        DirectoryChooser dc = new DirectoryChooser();
        dc.setTitle("Open an experiment folder (results.md, results.png)");
        File bundled = new File("assets/experiments");
        if (bundled.isDirectory()) dc.setInitialDirectory(bundled.getAbsoluteFile());
        File d = dc.showDialog(window());
        if (d == null) return;
        showExperiment(d.toPath());
    }

    /** Opens {@code dir} in the experiment window (tests call this; the menu item asks for the folder first). */
    void showExperiment(Path dir) {
        if (experimentStage == null) {
            ExperimentPane pane = new ExperimentPane();
            pane.bind(vm.experiment());
            experimentStage = new javafx.stage.Stage();
            experimentStage.setTitle("Goodness — experiment");
            experimentStage.initOwner(window());
            experimentStage.setScene(new javafx.scene.Scene(pane, 1000, 860));
            // Follows the folder while the window is open: an experiment still running rewrites its
            // table and plot after every cell (the check itself runs on the background executor).
            javafx.animation.Timeline follow = new javafx.animation.Timeline(
                    new javafx.animation.KeyFrame(javafx.util.Duration.seconds(5), e -> vm.experiment().refreshIfChanged()));
            follow.setCycleCount(javafx.animation.Animation.INDEFINITE);
            experimentStage.setOnShown(e -> follow.play());
            experimentStage.setOnHidden(e -> follow.stop());
        }
        vm.experiment().open(dir);
        experimentStage.show();
        experimentStage.toFront();
    }

    javafx.stage.Stage experimentStage() {
        return experimentStage;
    }

    @FXML
    private void exit() {
        Window w = window();
        if (w != null) w.hide();
        else Platform.exit();
    }

    private static FileChooser chooser(String title, String description, String... patterns) {
        FileChooser fc = new FileChooser();
        fc.setTitle(title);
        fc.getExtensionFilters().add(new FileChooser.ExtensionFilter(description, patterns));
        return fc;
    }
}
