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

    private MainViewModel vm;
    private Stage stage;

    public static void setInitialConfig(FFConfig c) {
        initialConfig = c;
    }

    @Override
    public void start(Stage stage) {
        this.stage = stage;
        FFConfig config = initialConfig != null ? initialConfig : FFConfig.hinton();
        Supplier<Path> root = dataRoot != null ? dataRoot : DatasetLoader::defaultDataRoot;
        vm = new MainViewModel(config, root);
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
        stage.show();
        vm.files().loadBundledModel();
        applyArguments(getParameters() == null ? java.util.Map.of() : getParameters().getNamed());
        // --experiment=DIR: open an experiment folder at start (as File > Open experiment… does).
        String experiment = getParameters() == null ? null : getParameters().getNamed().get("experiment");
        if (experiment != null && controller[0] != null) controller[0].showExperiment(Path.of(experiment));
    }

    /**
     * Command-line options of the window ({@code mvn -q javafx:run -Djavafx.args="..."}):
     * {@code --runs-dir=DIR} the run store to list and write, {@code --compare=NAME,NAME,...}
     * opens the Runs tab with those runs overlaid ({@value ReferenceRun#ID} or "reference" for
     * the seed's log). An unknown run name is reported like any error.
     */
    private void applyArguments(java.util.Map<String, String> named) {
        String dir = named.get("runs-dir");
        if (dir != null && !dir.isBlank()) vm.runs().rootProperty().set(Path.of(dir));
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
        if (vm != null) vm.shutdown(Duration.ofSeconds(1));
    }

    @Override
    public void stop() {
        shutdown();
    }
}
