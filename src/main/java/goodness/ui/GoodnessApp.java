package goodness.ui;

import goodness.data.DatasetLoader;
import goodness.ff.FFConfig;
import javafx.application.Application;
import javafx.fxml.FXMLLoader;
import javafx.scene.Parent;
import javafx.scene.Scene;
import javafx.stage.Stage;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.function.Supplier;

/**
 * The Goodness lab window. Starts usable at once: the bundled model (loaded in the background)
 * answers the drawing canvas, and a recipe-A run on MNIST is ready to start.
 */
public final class GoodnessApp extends Application {
    /** Test hook: the config the window starts with (null = recipe A defaults). */
    static volatile FFConfig initialConfig;
    /** Test hook: where the data sets are (null = {@link DatasetLoader#defaultDataRoot()}). */
    static volatile Supplier<Path> dataRoot;

    private static final System.Logger LOG = System.getLogger(GoodnessApp.class.getName());
    /** Changes are written at most this often (a dragged window changes its geometry every frame). */
    private static final javafx.util.Duration SAVE_DELAY = javafx.util.Duration.seconds(1);

    private MainViewModel vm;
    private Stage stage;
    private AppPreferences preferences;
    /** What the file holds or will hold; updated on the FX thread as the user changes things. */
    private AppPreferences.Values stored = AppPreferences.Values.DEFAULTS;
    private javafx.animation.PauseTransition saveLater;
    private volatile boolean preferencesClosed;
    /** The store folder --runs-dir named: for this start only, not stored as the user's choice. */
    private Path commandLineRunsDir;

    public static void setInitialConfig(FFConfig c) {
        initialConfig = c;
    }

    @Override
    public void start(Stage stage) {
        this.stage = stage;
        FFConfig config = initialConfig != null ? initialConfig : FFConfig.hinton();
        Supplier<Path> root = dataRoot != null ? dataRoot : DatasetLoader::defaultDataRoot;
        vm = new MainViewModel(config, root);
        // Read once, before the first frame, so the window opens as it was left (a small capped file).
        preferences = AppPreferences.forUser();
        boolean firstStart = preferences.firstStart();
        stored = preferences.read();
        applyPreferences(stored);
        FXMLLoader loader = new FXMLLoader(GoodnessApp.class.getResource("MainView.fxml"));
        MainViewController[] controller = new MainViewController[1];
        loader.setControllerFactory(type -> {
            if (type == MainViewController.class) return controller[0] = new MainViewController(vm);
            throw new IllegalArgumentException("unexpected controller " + type);
        });
        Parent root0;
        try {
            root0 = loader.load();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        // Never larger than the screen (a headless Monocle screen is 1280×800).
        var bounds = javafx.stage.Screen.getPrimary().getVisualBounds();
        // Larger where the screen allows (the Runs tab puts a table, a comparison and two charts side by side).
        double width = Math.min(bounds.getWidth(), Math.max(1280, Math.min(1520, bounds.getWidth() - 80)));
        double height = Math.min(bounds.getHeight(), Math.max(860, Math.min(940, bounds.getHeight() - 60)));
        Scene scene = new Scene(root0, width, height);
        // Cleared below if the stored position is on no screen, so the window opens centred.
        boolean place = applyGeometry(stage, stored);
        scene.getStylesheets().add(GoodnessApp.class.getResource("MainView.css").toExternalForm());
        stage.setTitle("Goodness");
        stage.setScene(scene);
        // Closing the window never discards a run silently: a stored one is autosaved by the
        // service's shutdown; one the store could not take is discarded only if the user confirms.
        stage.setOnCloseRequest(e -> {
            if (!vm.leavingRun("closing the window")) e.consume();
        });
        // Closing the window while training: stop the worker without blocking the FX thread for long.
        stage.setOnHidden(e -> shutdown());
        StartupProbe.arm(stage);
        stage.show();
        if (!place) stage.centerOnScreen();
        if (Boolean.TRUE.equals(stored.maximized())) stage.setMaximized(true);
        followPreferences();
        vm.files().loadBundledModel();
        java.util.Map<String, String> named = getParameters() == null ? java.util.Map.of() : getParameters().getNamed();
        applyArguments(named);
        // A first start opens on something worth seeing (runs named with --compare win).
        if (firstStart && !named.containsKey("compare")) vm.showWelcome();
        // --experiment=DIR: open an experiment folder at start (as File > Open experiment… does).
        String experiment = getParameters() == null ? null : getParameters().getNamed().get("experiment");
        if (experiment != null && controller[0] != null) controller[0].showExperiment(Path.of(experiment));
    }

    /**
     * Command-line options of the window ({@code mvn -q javafx:run -Djavafx.args="..."}):
     * {@code --runs-dir=DIR} the run store to list and write, {@code --compare=NAME,NAME,...}
     * opens the Runs tab with those runs overlaid ({@value ReferenceRun#ID} or "reference" for
     * the seed's log), {@code --preset=NAME} the preset the form starts from ({@link goodness.ff.NamedPreset}),
     * {@code --model=FILE.ffm} the model the Draw and Gallery tabs use (as File > Load… does).
     * An unknown run or preset name, or a model file that cannot be read, is reported like any error.
     */
    private void applyArguments(java.util.Map<String, String> named) {
        String preset = named.get("preset");
        if (preset != null && !preset.isBlank()) {
            try {
                vm.config().presetProperty().set(goodness.ff.NamedPreset.parse(preset));
            } catch (goodness.ff.InvalidConfigException e) {
                vm.reportError("--preset: " + e.getMessage());
            }
        }
        String model = named.get("model");
        if (model != null && !model.isBlank()) vm.files().loadModelArgument(model);
        String dir = named.get("runs-dir");
        if (dir != null && !dir.isBlank()) {
            commandLineRunsDir = Path.of(dir);
            vm.runs().rootProperty().set(commandLineRunsDir);
        }
        String compare = named.get("compare");
        if (compare != null && !compare.isBlank()) {
            java.util.List<String> names = new java.util.ArrayList<>();
            for (String n : compare.split(",")) {
                n = n.trim();
                if (!n.isEmpty()) names.add(n.equals("reference") ? ReferenceRun.ID : n);
            }
            vm.runs().selected().setAll(names);
            var tabs = (javafx.scene.control.TabPane) stage.getScene().lookup("#tabs");
            if (tabs != null) tabs.getTabs().stream().filter(t -> "runsTab".equals(t.getId())).findFirst()
                    .ifPresent(t -> tabs.getSelectionModel().select(t));
        }
    }

    public MainViewModel viewModel() {
        return vm;
    }

    public Stage stage() {
        return stage;
    }

    /** Idempotent; waits at most one second for the trainer (it is a daemon thread either way). */
    public void shutdown() {
        savePreferencesNow();
        if (saveLater != null) saveLater.stop();
        if (stageListener != null && stage != null) {
            stage.xProperty().removeListener(stageListener);
            stage.yProperty().removeListener(stageListener);
            stage.widthProperty().removeListener(stageListener);
            stage.heightProperty().removeListener(stageListener);
            stage.maximizedProperty().removeListener(stageListener);
            stageListener = null;
        }
        if (vm != null) vm.shutdown(Duration.ofSeconds(1));
    }

    // ------------------------------------------------------------------------------------------
    // Preferences: what the user set survives a restart.

    /** The stored values that belong to the view models; each one out of place is skipped on its own. */
    private void applyPreferences(AppPreferences.Values p) {
        if (p.tab() != null) vm.selectedTabProperty().set(p.tab());
        if (p.smoothing() != null) vm.charts().smoothingProperty().set(p.smoothing());
        if (p.xAxisChoice() != null) vm.charts().xAxisProperty().set(p.xAxisChoice());
        // An explicit store folder (the goodness.runsDir property, --runs-dir) wins over the stored one.
        String forced = System.getProperty(goodness.runs.RunStore.DIR_PROPERTY);
        if (forced == null || forced.isBlank()) {
            Path dir = storedRunsDir(p, preferences.file(), vm.runs().rootProperty().get());
            if (dir != null) vm.runs().rootProperty().set(dir);
        }
    }

    /** The stored run store folder if it is still a folder; else null, and one log line if one was stored. */
    static Path storedRunsDir(AppPreferences.Values p, Path file, Path fallback) {
        if (p.runsDir() == null) return null;
        Path dir;
        try {
            dir = Path.of(p.runsDir());
        } catch (java.nio.file.InvalidPathException e) {
            LOG.log(System.Logger.Level.WARNING, "the run store folder in " + file + " is not a valid path (" + e.getMessage() + "); using " + fallback);
            return null;
        }
        if (java.nio.file.Files.isDirectory(dir)) return dir;
        LOG.log(System.Logger.Level.WARNING, "the run store folder " + dir + " in " + file + " no longer exists; using " + fallback);
        return null;
    }

    /**
     * The stored size (never larger than the screen it lands on) and position (only if the window
     * would show on some screen: a monitor unplugged since must not leave it out of reach).
     *
     * @return whether a stored position was applied
     */
    private static boolean applyGeometry(Stage stage, AppPreferences.Values p) {
        if (p.width() == null || p.height() == null) return false;
        double w = p.width(), h = p.height();
        if (p.x() != null && p.y() != null) {
            // The title bar's strip must be on a screen, where the user can grab it.
            var titleBar = new javafx.geometry.Rectangle2D(p.x(), p.y(), w, 40);
            for (javafx.stage.Screen screen : javafx.stage.Screen.getScreens()) {
                var b = screen.getVisualBounds();
                if (!b.intersects(titleBar)) continue;
                double overlap = Math.min(b.getMaxX(), p.x() + w) - Math.max(b.getMinX(), p.x());
                if (overlap < 100) continue;
                stage.setWidth(Math.min(w, b.getWidth()));
                stage.setHeight(Math.min(h, b.getHeight()));
                stage.setX(Math.max(b.getMinX(), Math.min(p.x(), b.getMaxX() - 100)));
                stage.setY(Math.max(b.getMinY(), Math.min(p.y(), b.getMaxY() - 40)));
                return true;
            }
        }
        var b = javafx.stage.Screen.getPrimary().getVisualBounds();
        stage.setWidth(Math.min(w, b.getWidth()));
        stage.setHeight(Math.min(h, b.getHeight()));
        return false;
    }

    /**
     * The listener on the stage's geometry; removed on shutdown, since a stage can outlive its app
     * (a test reuses one primary stage) and would otherwise keep every closed app in memory.
     */
    private javafx.beans.InvalidationListener stageListener;

    /** Every later change is recorded and written a second after the last one (and on close). */
    private void followPreferences() {
        saveLater = new javafx.animation.PauseTransition(SAVE_DELAY);
        saveLater.setOnFinished(e -> {
            AppPreferences.Values v = snapshot();
            vm.tasks().execute(() -> write(v));
        });
        Runnable changed = () -> {
            if (!preferencesClosed) saveLater.playFromStart();
        };
        javafx.beans.InvalidationListener any = o -> changed.run();
        stageListener = any;
        vm.selectedTabProperty().addListener(any);
        vm.charts().smoothingProperty().addListener(any);
        vm.charts().xAxisProperty().addListener(any);
        vm.runs().rootProperty().addListener(any);
        stage.xProperty().addListener(any);
        stage.yProperty().addListener(any);
        stage.widthProperty().addListener(any);
        stage.heightProperty().addListener(any);
        stage.maximizedProperty().addListener(any);
        stored = snapshot();
    }

    /** The current values (FX thread). A maximised window keeps the geometry it had before, to go back to. */
    private AppPreferences.Values snapshot() {
        boolean maximized = stage.isMaximized();
        boolean geometry = !maximized && !stage.isIconified() && stage.getWidth() > 0 && stage.getHeight() > 0;
        Path runs = vm.runs().rootProperty().get();
        String forced = System.getProperty(goodness.runs.RunStore.DIR_PROPERTY);
        // A folder forced for this start (system property, --runs-dir) is not the user's choice: the stored one stays.
        boolean forcedHere = runs == null || runs.equals(commandLineRunsDir)
                || (forced != null && !forced.isBlank() && runs.equals(goodness.runs.RunStore.defaultRoot()));
        String runsDir = forcedHere ? stored.runsDir() : runs.toAbsolutePath().toString();
        return new AppPreferences.Values(runsDir,
                geometry ? stage.getX() : stored.x(), geometry ? stage.getY() : stored.y(),
                geometry ? stage.getWidth() : stored.width(), geometry ? stage.getHeight() : stored.height(),
                maximized, vm.selectedTabProperty().get(), vm.charts().smoothingProperty().get(),
                vm.charts().xAxisProperty().get().name());
    }

    private void write(AppPreferences.Values v) {
        try {
            preferences.write(v);
        } catch (java.io.IOException | RuntimeException e) {
            // Not worth a dialog: the window works the same, only the next start opens with defaults.
            LOG.log(System.Logger.Level.WARNING, "cannot write the preferences file " + preferences.file() + ": " + BackgroundTasks.message(e));
        }
    }

    /**
     * On close: the last changes are written on the worker, waited for at most a second (the
     * worker may be busy; the window is closing either way).
     */
    private void savePreferencesNow() {
        if (preferencesClosed || saveLater == null || vm == null) return;
        preferencesClosed = true;
        AppPreferences.Values v;
        if (javafx.application.Platform.isFxApplicationThread()) {
            saveLater.stop();
            v = snapshot();
        } else {
            var f = new java.util.concurrent.CompletableFuture<AppPreferences.Values>();
            javafx.application.Platform.runLater(() -> {
                saveLater.stop();
                f.complete(snapshot());
            });
            try {
                v = f.get(5, java.util.concurrent.TimeUnit.SECONDS);
            } catch (Exception e) {
                return;
            }
        }
        try {
            vm.tasks().supply(() -> {
                write(v);
                return null;
            }).get(1, java.util.concurrent.TimeUnit.SECONDS);
        } catch (Exception e) {
            LOG.log(System.Logger.Level.WARNING, "the preferences file " + preferences.file() + " was not written on close: " + BackgroundTasks.message(e));
        }
    }

    @Override
    public void stop() {
        shutdown();
    }
}
