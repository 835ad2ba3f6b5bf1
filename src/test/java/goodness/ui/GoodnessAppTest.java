package goodness.ui;

import goodness.ff.NegativeMode;
import static goodness.ui.FxTestSupport.fx;
import static goodness.ui.FxTestSupport.waitFor;
import goodness.service.ServiceState;
import goodness.service.ServiceTestSupport;
import goodness.service.TrainingEvent;
import goodness.ui.draw.CanvasPane;
import goodness.ui.draw.DrawingCanvas;
import goodness.ui.draw.CanvasViewModel;
import goodness.ui.gallery.GalleryPane;
import goodness.ui.training.ChartsViewModel;
import javafx.event.Event;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.input.MouseButton;
import javafx.scene.input.MouseEvent;
import javafx.scene.layout.VBox;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.Start;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.*;

/** The window, headless (Monocle): start, live charts, live negative-mode toggle, drawing, shutdown. */
class GoodnessAppTest extends HeadlessAppTest {
    private static final List<Throwable> uncaught = Collections.synchronizedList(new ArrayList<>());
    private static Thread.UncaughtExceptionHandler previous;

    @BeforeAll
    static void catchUncaught() {
        previous = Thread.getDefaultUncaughtExceptionHandler();
        Thread.setDefaultUncaughtExceptionHandler((t, e) -> uncaught.add(e));
    }

    @AfterAll
    static void restoreUncaughtHandler() {
        Thread.setDefaultUncaughtExceptionHandler(previous);
    }

    /** Also fails a test after which the app left an uncaught exception, closing included. */
    @Override
    @AfterEach
    protected void closeApp() throws Exception {
        super.closeApp();
        assertTrue(uncaught.isEmpty(), () -> "uncaught: " + uncaught);
    }

    private MainViewModel vm() {
        return app.viewModel();
    }

    @Test
    void theAppStarts(FxRobot robot) {
        assertEquals("Goodness", stage.getTitle());
        assertTrue(stage.isShowing());
        assertNotNull(robot.lookup("#startButton").queryButton());
        assertEquals(ServiceState.IDLE, vm().stateProperty().get());
        waitFor("bundled model", 30, () -> vm().canvas().currentModel() != null);
        assertTrue(fx(() -> vm().canvas().modelTextProperty().get()).contains("bundled"));
        // The Draw tab's "Predict with" box was relabelled when the bundled model came.
        var modelBox = (javafx.scene.control.ChoiceBox<?>) fx(() -> stage.getScene().lookup("#modelChoice"));
        assertEquals("bundled model (hinton-plus)", fx(() -> {
            modelBox.applyCss();
            return ((javafx.scene.control.Label) modelBox.lookup(".label")).getText();
        }));
        // Every chart of every tab offers its figure: export (PNG, SVG) and copy.
        for (String id : List.of("chart-cost", "chart-histogram", "runs-chart-errors", "chart-energy", "chart-layerErrors", "chart-updateRatio")) {
            var viewer = (org.jfree.chart.fx.ChartViewer) fx(() -> stage.getScene().lookup("#" + id));
            assertNotNull(viewer, id);
            assertEquals(List.of("exportFigure", "copyFigure"), fx(() -> viewer.getContextMenu().getItems().stream().map(javafx.scene.control.MenuItem::getId).toList()), id);
        }
        assertTrue(fx(() -> vm().canvas().figureCaption()).startsWith("Model: bundled model (hinton-plus) (hinton-plus, mnist; "),
                "the energy chart's caption names the model and its settings");
    }

    @Test
    void aShortRunMakesTheChartsGainPointsAndExports(FxRobot robot, @TempDir Path dir) throws Exception {
        assertEquals(0, (int) fx(() -> vm().charts().pointCount(ChartsViewModel.COST)));
        javafx.scene.control.ChoiceBox<Integer> histogramLayer = robot.lookup("#histogramLayer").queryAs(javafx.scene.control.ChoiceBox.class);
        assertTrue(fx(histogramLayer::isDisabled), "no layers to choose before a run");
        robot.clickOn("#startButton");
        waitFor("finished", 60, () -> vm().stateProperty().get() == ServiceState.FINISHED);
        assertFalse(fx(histogramLayer::isDisabled));
        assertEquals(List.of(1, 2, 3), fx(() -> List.copyOf(histogramLayer.getItems())), "the run's layers");
        assertTrue(fx(() -> vm().charts().pointCount(ChartsViewModel.COST)) >= 3, "cost points");
        assertTrue(fx(() -> vm().charts().pointCount(ChartsViewModel.GOODNESS)) >= 6 * 3, "goodness points");
        assertTrue(fx(() -> vm().charts().pointCount(ChartsViewModel.PAIRWISE)) >= 3 * 3, "pairwise points");
        assertEquals(3, (int) fx(() -> vm().history().size()));
        assertEquals(2, (int) fx(() -> vm().charts().chart(ChartsViewModel.HISTOGRAM).getXYPlot().getDataset().getSeriesCount()));

        Path csv = dir.resolve("metrics.csv");
        fx(() -> vm().files().exportMetricsCsv(csv)).get(20, TimeUnit.SECONDS);
        assertEquals(4, Files.readAllLines(csv).size(), "header + 3 epochs");
        waitFor("the status line", 10, () -> vm().statusTextProperty().get().equals("metrics written to metrics.csv"));
        List<Path> figures = fx(() -> vm().files().exportCharts(dir.resolve("figures"))).get(20, TimeUnit.SECONDS);
        waitFor("the status line", 10, () -> vm().statusTextProperty().get().equals("7 charts written to " + dir.resolve("figures") + " (PNG and SVG)"));
        assertEquals(14, figures.size(), "each chart as PNG and as SVG");
        for (Path p : figures) assertTrue(Files.size(p) > 1000, p + " is a figure");
        assertTrue(Files.readString(dir.resolve("figures/cost.svg")).contains("Run: "), "the caption names the run");

        // The canvas switched to the training model; the gallery evaluates it on the test set.
        waitFor("training model", 10, () -> vm().canvas().modelChoiceProperty().get() == CanvasViewModel.ModelChoice.TRAINING);
        robot.clickOn("Gallery");
        assertEquals(GalleryPane.NOT_EVALUATED, fx(() -> robot.lookup("#galleryFilter").queryLabeled().getText()),
                "before an evaluation the empty panel says what fills it");
        robot.clickOn("#evaluateButton");
        GalleryPane gallery = robot.lookup(".gallery-pane").query();
        waitFor("evaluation", 60, () -> vm().gallery().evaluationProperty().get() != null);
        assertEquals(100 + 20, (int) fx(() -> gallery.confusionGrid().getChildren().size()), "10x10 cells + headers");
        assertTrue(fx(() -> gallery.thumbnails().getChildren().size()) > 0, "misclassified digits shown");
        assertTrue(fx(() -> robot.lookup("#galleryFilter").queryLabeled().getText()).startsWith("Misclassified: "));
        VBox thumb = (VBox) fx(() -> gallery.thumbnails().getChildren().get(0));
        robot.clickOn(thumb);
        waitFor("test digit predicted", 20, () -> vm().canvas().resultProperty().get() != null
                && vm().canvas().resultProperty().get().prediction() != null);
        assertTrue(fx(() -> vm().canvas().sourceTextProperty().get()).startsWith("test image"));
    }

    @Test
    void togglingTheNegativeModeMidRunIsAppliedAndMarked(FxRobot robot) {
        fx(() -> {
            vm().config().epochsProperty().set(500);
            return null;
        });
        robot.clickOn("#startButton");
        waitFor("running batches", 60, () -> vm().stateProperty().get() == ServiceState.RUNNING && vm().batchProgressProperty().get() > 0);
        @SuppressWarnings("unchecked")
        ComboBox<NegativeMode> box = robot.lookup("#negativesBox").queryComboBox();
        fx(() -> {
            box.setValue(NegativeMode.MASK);
            return null;
        });
        waitFor("setting event", 30, () -> !vm().settingChanges().isEmpty());
        TrainingEvent.SettingChanged c = fx(() -> vm().settingChanges().get(0));
        assertEquals("negatives", c.what());
        assertEquals("mask", c.newValue());
        assertEquals(NegativeMode.MASK, vm().service().config().negatives());
        assertTrue(c.batchCounter() > 0);
        assertEquals(1, (int) fx(() -> vm().charts().markers().size()));
        waitFor("the marker drawn", 10, () -> vm().charts().markerCount(ChartsViewModel.COST) == 1
                && vm().charts().markerCount(ChartsViewModel.GOODNESS) == 1);
        // Later batches train with the new mode.
        waitFor("a batch with mask negatives", 30, () -> vm().service().history().size() > 0 || vm().batchProgressProperty().get() > 0);
        robot.clickOn("#stopButton");
        waitFor("stopped", 30, () -> vm().stateProperty().get() == ServiceState.STOPPED);
    }

    @Test
    void drawingAStrokeGivesAPredictionAndTenEnergyBars(FxRobot robot) {
        waitFor("bundled model", 30, () -> vm().canvas().currentModel() != null);
        robot.clickOn("Draw");
        CanvasPane pane = robot.lookup(".canvas-pane").query();
        DrawingCanvas canvas = pane.canvas();
        // A "1": one vertical stroke, as mouse events (press, drags, release). The path is
        // AppDrawings' (scripts/drawing-expectations.sh predicts the same stroke with any model file); an
        // event's coordinates are the scene's, so each point goes through the canvas's transform.
        List<double[]> path = goodness.drawings.AppDrawings.verticalOnePath();
        fx(() -> {
            for (int i = 0; i < path.size(); i++) {
                javafx.geometry.Point2D p = canvas.localToScene(path.get(i)[0], path.get(i)[1]);
                Event.fireEvent(canvas, mouse(i == 0 ? MouseEvent.MOUSE_PRESSED : MouseEvent.MOUSE_DRAGGED, p.getX(), p.getY()));
            }
            javafx.geometry.Point2D last = canvas.localToScene(path.get(path.size() - 1)[0], path.get(path.size() - 1)[1]);
            Event.fireEvent(canvas, mouse(MouseEvent.MOUSE_RELEASED, last.getX(), last.getY()));
            return null;
        });
        List<float[]> drawn = fx(canvas::strokes);
        assertEquals(1, drawn.size());
        assertArrayEquals(goodness.drawings.AppDrawings.verticalOneStroke(), drawn.get(0), 1e-3f, "the canvas received AppDrawings' stroke");
        // Predictions run newest-wins while the stroke grows: wait for the one of the whole stroke.
        waitFor("the prediction of the finished stroke", 20,
                () -> fx(() -> vm().canvas().upToDate()) && pane.energyDataset().getColumnCount() == 10);
        Label label = pane.predictionLabel();
        String text = fx(label::getText);
        assertTrue(text.matches("\\d"), "prediction label: " + text);
        assertEquals(10, (int) fx(() -> pane.energyDataset().getColumnCount()));
        assertEquals(Integer.parseInt(text), (int) fx(pane::winnerIndex));
        assertEquals(Integer.toString(goodness.drawings.AppDrawings.VERTICAL_ONE_LABEL), text, "a vertical stroke is a 1 for the bundled model");
        // The prediction's own time is shown (measured, not asserted: tests assert no wall-clock times).
        var r = fx(() -> vm().canvas().resultProperty().get());
        assertTrue(r.millis() >= 0, "a measured time");
        String timing = fx(() -> robot.lookup("#timingLabel").queryLabeled().getText());
        assertTrue(timing.contains("ms"), "timing label: " + timing);
        // Undo empties the canvas and the prediction.
        robot.clickOn("#undoButton");
        waitFor("cleared", 10, () -> pane.energyDataset().getColumnCount() == 0);
        assertEquals(0, canvas.strokeCount());
    }

    @Test
    void pauseResumeStopAndClosingWhileTrainingLeaveNoThread(FxRobot robot) {
        fx(() -> {
            vm().config().epochsProperty().set(500);
            return null;
        });
        robot.clickOn("#startButton");
        waitFor("running", 60, () -> vm().stateProperty().get() == ServiceState.RUNNING && vm().batchProgressProperty().get() > 0);
        robot.clickOn("#pauseButton");
        waitFor("paused", 30, () -> vm().stateProperty().get() == ServiceState.PAUSED);
        robot.clickOn("#resumeButton");
        waitFor("running again", 30, () -> vm().stateProperty().get() == ServiceState.RUNNING);
        robot.clickOn("#stopButton");
        waitFor("stopped", 30, () -> vm().stateProperty().get() == ServiceState.STOPPED);
        robot.clickOn("#startButton");
        waitFor("running a new run", 60, () -> vm().stateProperty().get() == ServiceState.RUNNING);
        assertFalse(ServiceTestSupport.trainerThreads().isEmpty());
        // Close the window while training: the FX thread comes back (fx() fails if it hangs) and
        // the trainer ends.
        fx(() -> {
            stage.close();
            return null;
        });
        ServiceTestSupport.await("trainer ended", java.time.Duration.ofSeconds(20), () -> ServiceTestSupport.trainerThreads().isEmpty());
        assertTrue(uncaught.isEmpty(), () -> "uncaught: " + uncaught);
    }

    @Test
    void recipeBRunsFromTheWindowAndAnInvalidFieldShowsAnError(FxRobot robot) {
        // Recipe B (the SLEEP preset) is a live choice like recipe A.
        fx(() -> {
            vm().config().presetProperty().set(goodness.ff.NamedPreset.SLEEP);
            return null;
        });
        robot.clickOn("#startButton");
        waitFor("recipe B training", 90, () -> vm().stateProperty().get() == ServiceState.RUNNING && vm().batchProgressProperty().get() > 0
                || !vm().service().history().isEmpty());
        assertEquals(goodness.ff.Recipe.SLEEP, vm().service().config().recipe());
        robot.clickOn("#stopButton");
        // A recipe-B epoch ends with a test-set evaluation (10,000 images, EJML backend here), which a stop waits for.
        waitFor("stopped", 180, () -> !vm().stateProperty().get().active());

        // A seed that is not a number is refused at the field: Start stays disabled and says why.
        fx(() -> {
            vm().config().seedProperty().set("forty-two");
            return null;
        });
        Button start = robot.lookup("#startButton").queryButton();
        assertTrue(fx(start::isDisabled));
        assertTrue(fx(() -> robot.lookup("#configProblemLabel").queryLabeled().getText()).contains("seed"));
        assertTrue(fx(() -> robot.lookup("#seedField").query().getStyleClass().contains("invalid")));
        fx(() -> {
            vm().config().seedProperty().set("42");
            return null;
        });
        assertFalse(fx(start::isDisabled));
        assertFalse(fx(() -> robot.lookup("#seedField").query().getStyleClass().contains("invalid")));
    }

    @Test
    void anInvalidHyperParameterIsMarkedAtItsFieldAndKeepsStartDisabled(FxRobot robot) {
        robot.clickOn("Config");
        javafx.scene.control.TextField rate = robot.lookup("#config-learningRate").queryAs(javafx.scene.control.TextField.class);
        Button start = robot.lookup("#startButton").queryButton();
        assertFalse(fx(start::isDisabled));
        fx(() -> {
            rate.setText("-0.5");
            return null;
        });
        String shown = fx(() -> robot.lookup("#config-error-learningRate").queryLabeled().getText());
        assertEquals("invalid learningRate: must be > 0, got -0.5", shown, "FFConfig's validator message, at the field");
        assertTrue(fx(() -> rate.getStyleClass().contains("invalid")));
        assertTrue(fx(start::isDisabled));
        assertTrue(fx(() -> robot.lookup("#stepButton").queryButton().isDisabled()), "Step would start a run too");
        // Not a number at all: the same place says so.
        fx(() -> {
            rate.setText("fast");
            return null;
        });
        assertTrue(fx(() -> robot.lookup("#config-error-learningRate").queryLabeled().getText()).contains("must be a number"));
        // The preset's defaults are one click away, and valid.
        robot.clickOn("#configDefaults");
        assertEquals("0.01", fx(rate::getText));
        assertEquals("", fx(() -> robot.lookup("#config-error-learningRate").queryLabeled().getText()));
        assertFalse(fx(start::isDisabled));
        // Every edited value reaches the run's config.
        fx(() -> {
            robot.lookup("#config-peerLambda").queryAs(javafx.scene.control.TextField.class).setText("0");
            robot.lookup("#config-batchSize").queryAs(javafx.scene.control.TextField.class).setText("50");
            return null;
        });
        goodness.ff.FFConfig c = fx(() -> vm().buildConfig());
        assertEquals(0.0, c.peerLambda());
        assertEquals(50, c.batchSize());
    }

    @Test
    void theSameErrorTwiceShowsItsDialogTwice() {
        List<String> shown = Collections.synchronizedList(new ArrayList<>());
        MainViewController.alertSink = shown::add;
        try {
            fx(() -> {
                vm().reportError("cannot read x.bin: truncated");
                vm().reportError("cannot read x.bin: truncated");
                return null;
            });
            assertEquals(List.of("cannot read x.bin: truncated", "cannot read x.bin: truncated"), shown);
        } finally {
            MainViewController.alertSink = null;
        }
    }

    @Test
    void anExportThatCannotBeWrittenShowsItsDialog(@TempDir Path dir) throws Exception {
        List<String> shown = Collections.synchronizedList(new ArrayList<>());
        MainViewController.alertSink = shown::add;
        try {
            Path blocked = Files.writeString(dir.resolve("not-a-folder"), "x").resolve("metrics.csv");
            var written = fx(() -> vm().files().exportMetricsCsv(blocked));
            assertThrows(ExecutionException.class, () -> written.get(20, TimeUnit.SECONDS));
            waitFor("the error dialog", 10, () -> !shown.isEmpty());
            assertTrue(shown.get(0).startsWith("cannot write " + blocked + ": "), shown.get(0));
        } finally {
            MainViewController.alertSink = null;
        }
    }

    @Test
    void loadingACheckpointShowsItsLiveSettingsWithoutSendingStaleOnesBack(FxRobot robot, @TempDir Path dir) {
        fx(() -> {
            vm().config().epochsProperty().set(500);
            return null;
        });
        robot.clickOn("#startButton");
        waitFor("running", 60, () -> vm().stateProperty().get() == ServiceState.RUNNING && vm().batchProgressProperty().get() > 0);
        fx(() -> {
            vm().config().negativesProperty().set(NegativeMode.MASK);
            vm().config().phasesProperty().set("10:10");
            vm().config().rateScaleProperty().set(0.5);
            return null;
        });
        waitFor("three setting changes", 30, () -> vm().settingChanges().size() == 3);
        robot.clickOn("#pauseButton");
        waitFor("paused", 30, () -> vm().stateProperty().get() == ServiceState.PAUSED);
        Path file = dir.resolve("cp.bin");
        waitFor("saved", 30, () -> {
            vm().files().saveCheckpoint(file);
            return true;
        });
        waitFor("checkpoint on disk", 30, () -> Files.exists(file));
        robot.clickOn("#stopButton");
        waitFor("stopped", 30, () -> vm().stateProperty().get() == ServiceState.STOPPED);
        // Back to other values in the controls, as if a new run were being prepared.
        fx(() -> {
            vm().config().negativesProperty().set(NegativeMode.HARD);
            vm().config().phasesProperty().set("none");
            vm().config().rateScaleProperty().set(1.0);
            return null;
        });
        fx(() -> {
            vm().files().loadCheckpoint(file);
            return null;
        });
        waitFor("loaded", 60, () -> vm().stateProperty().get() == ServiceState.PAUSED && vm().service().latestModel() != null
                && vm().config().negativesProperty().get() == NegativeMode.MASK);
        assertEquals("10:10", fx(() -> vm().config().phasesProperty().get()));
        assertEquals(0.5, fx(() -> vm().config().rateScaleProperty().get()));
        assertEquals(-1.0, fx(() -> robot.lookup("#gainSlider").queryAs(javafx.scene.control.Slider.class).getValue()), 1e-9,
                "the gain slider (log2) shows x0.5");
        // Nothing stale went back: the service still has the checkpoint's live settings after a
        // round of commands, and it reported no setting change since the load.
        int changes = fx(() -> vm().settingChanges().size());
        List<goodness.ff.training.BatchSnapshot> batches = Collections.synchronizedList(new ArrayList<>());
        vm().service().addListener(e -> {
            if (e instanceof TrainingEvent.BatchProgress p) batches.add(p.snapshot());
        });
        robot.clickOn("#resumeButton");
        waitFor("batches after the load", 30, () -> batches.size() >= 2);
        waitFor("running", 30, () -> vm().stateProperty().get() == ServiceState.RUNNING);
        robot.clickOn("#pauseButton");
        waitFor("paused", 30, () -> vm().stateProperty().get() == ServiceState.PAUSED);
        assertEquals(NegativeMode.MASK, vm().service().config().negatives());
        assertEquals("10:10", vm().service().config().phases().toString());
        assertEquals(changes, (int) fx(() -> vm().settingChanges().size()), "no setting was sent back to the service");
        for (goodness.ff.training.BatchSnapshot b : List.copyOf(batches)) assertEquals(NegativeMode.MASK, b.negatives(), "trained with the restored mode");
    }

    private static MouseEvent mouse(javafx.event.EventType<MouseEvent> type, double x, double y) {
        return new MouseEvent(type, x, y, x, y, MouseButton.PRIMARY, 1, false, false, false, false,
                true, false, false, true, false, false, null);
    }
}
