package goodness.ui.inside;

import goodness.ff.scoring.GoodnessHistogram;
import static goodness.ui.FxTestSupport.fx;
import static goodness.ui.FxTestSupport.waitFor;
import goodness.ff.FFConfig;
import goodness.ff.NegativeMode;
import goodness.ff.Recipe;
import goodness.service.ServiceState;
import goodness.service.ServiceTestSupport;
import goodness.ui.GoodnessApp;
import goodness.ui.HeadlessAppTest;
import goodness.ui.Picture;
import goodness.ui.config.ConfigEditor;
import javafx.scene.Node;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.testfx.api.FxRobot;


import static org.junit.jupiter.api.Assertions.*;

/** The Inside tab, headless (Monocle): its panels, their updates during a short run, and no samples while it is hidden. */
class InsideTabTest extends HeadlessAppTest {
    @BeforeAll
    static void recipeAEvaluatedEveryThirdEpoch() {
        // Recipe A on 1000 images, evaluated every third epoch (per-layer errors need an evaluation;
        // each scores 10k valid images × 10 labels). The tests stop the run after three epochs,
        // before the final test-set evaluation.
        GoodnessApp.setInitialConfig(ServiceTestSupport.tiny(50).toBuilder().evalEvery(3).build());
    }

    private InsideViewModel inside() {
        return app.viewModel().inside();
    }

    private void selectTab(FxRobot robot, String text) {
        TabPane tabs = robot.lookup(".tab-pane").queryAs(TabPane.class);
        fx(() -> {
            for (Tab t : tabs.getTabs()) if (t.getText().equals(text)) tabs.getSelectionModel().select(t);
            return null;
        });
    }

    @Test
    void theInsideTabShowsItsPanelsAndUpdatesDuringAShortRun(FxRobot robot) {
        selectTab(robot, "Inside");
        fx(() -> {
            app.viewModel().config().negativesProperty().set(NegativeMode.MASK);
            return null;
        });
        for (String id : new String[] {"#negativesStrip", "#receptiveFields", "#unitChoice", "#chart-layerErrors", "#chart-updateRatio"})
            assertTrue(robot.lookup(id).tryQuery().isPresent(), id + " is shown");
        // Before a run the two charts have no data, and say what fills them.
        org.jfree.chart.fx.ChartViewer errors = robot.lookup("#chart-layerErrors").query();
        assertEquals(InsidePane.NO_EVALUATION_YET, fx(() -> errors.getChart().getXYPlot().getNoDataMessage()));
        assertEquals(0, (int) fx(() -> errors.getChart().getXYPlot().getDataset().getSeriesCount()), "no series before a run");
        robot.clickOn("#startButton");
        waitFor("the strip and the fields", 60, () -> inside().stripUpdates() >= 2 && inside().fieldUpdates() >= 1);
        stopAfterThreeEpochs(robot);

        // The strip: 16 cases of hybrids with their masks and sources, the mask rows showing.
        assertEquals(InsideViewModel.STRIP_CASES, (int) fx(() -> inside().strip().size()));
        InsideViewModel.StripCase first = fx(() -> inside().strip().get(0));
        assertNotNull(first.mask(), "mask negatives show their mask");
        assertNotNull(first.sourceA());
        assertEquals(28, first.negative().width());
        assertEquals(NegativeMode.MASK, fx(() -> inside().stripModeProperty().get()));
        Node maskHeader = fx(() -> robot.lookup("#negativesStrip").queryAs(javafx.scene.layout.GridPane.class).getChildren().stream()
                .filter(n -> n instanceof javafx.scene.control.Label l && l.getText().equals("mask")).findFirst().orElseThrow());
        assertTrue(maskHeader.isVisible(), "mask rows are visible in mask mode");

        // Receptive fields: 10 × 10 tiles of 28 × 28 with 1-pixel gaps.
        Picture fields = fx(() -> inside().fieldsProperty().get());
        assertNotNull(fields);
        assertEquals(10 * 29 - 1, fields.width());
        assertEquals(10 * 29 - 1, fields.height());

        // Goodness over time: one column per epoch and bin; the curves gained a point per epoch.
        int epochs = fx(() -> inside().epochCount());
        assertTrue(epochs >= 3);
        Picture strip = fx(() -> inside().goodnessStrip(0));
        assertEquals(epochs, strip.width());
        assertEquals(GoodnessHistogram.BINS, strip.height());
        assertTrue(robot.lookup("#goodnessStrip3").tryQuery().isPresent(), "one heat strip per layer");
        assertEquals(4, (int) fx(() -> inside().errorCurves().getSeriesCount()), "three layers alone + the recipe's energy");
        assertEquals(3, (int) fx(() -> inside().updateRatios().getSeriesCount()));
        assertEquals(epochs, (int) fx(() -> inside().updateRatios().getSeries(0).getItemCount()));
        assertFalse(fx(() -> inside().perClassTextProperty().get()).isEmpty());
    }

    @Test
    void theTrainingChartsKnowTheyAreHiddenBehindOtherTabsAlsoAfterGarbageCollections(FxRobot robot) {
        // A listener-only binding on the tabs' properties would be collected here, and the
        // charts would then go on redrawing behind every other tab.
        for (int i = 0; i < 3; i++) System.gc();
        selectTab(robot, "Inside");
        assertFalse(fx(() -> app.viewModel().charts().isShown()), "behind the Inside tab");
        selectTab(robot, "Runs");
        assertTrue(fx(() -> app.viewModel().charts().isShown()), "the Runs tab shows two of them");
        selectTab(robot, "Draw");
        assertFalse(fx(() -> app.viewModel().charts().isShown()), "behind the Draw tab");
        selectTab(robot, "Training");
        assertTrue(fx(() -> app.viewModel().charts().isShown()), "on their own tab");
    }

    @Test
    void nothingIsSampledWhileTheTabIsHidden(FxRobot robot) {
        selectTab(robot, "Training");
        robot.clickOn("#startButton");
        stopAfterThreeEpochs(robot);
        assertEquals(0, (long) fx(() -> inside().stripUpdates()), "no negatives strip while hidden");
        assertEquals(0, (long) fx(() -> inside().fieldUpdates()), "no receptive fields while hidden");
        assertTrue(fx(() -> inside().epochCount()) >= 3, "the per-epoch metrics are recorded all the same");
    }

    @Test
    void aRecipeBRunsPerLayerCurvesAreItsTestSetErrors(FxRobot robot) {
        selectTab(robot, "Inside");
        // As a user would: the SLEEP preset, then smaller layers and one Adam step in the Config tab.
        FFConfig sleep = fx(() -> {
            app.viewModel().config().presetProperty().set(goodness.ff.NamedPreset.SLEEP);
            ConfigEditor editor = app.viewModel().config().editor();
            editor.field("hiddenSizes").textProperty().set("60, 40");
            editor.field("stepsPerBatch").textProperty().set("1");
            editor.field("evalEvery").textProperty().set("1");
            app.viewModel().config().epochsProperty().set(2);
            return app.viewModel().buildConfig();
        });
        assertNotNull(sleep, "the form describes a valid recipe-B config");
        assertEquals(Recipe.SLEEP, sleep.recipe());
        robot.clickOn("#startButton");
        waitFor("two evaluated epochs", 120, () -> inside().epochCount() >= 2);

        // Two layers alone and the energy, on the test set (10,000 cases: recipe B has no validation split).
        assertEquals(3, (int) fx(() -> inside().errorCurves().getSeriesCount()), "two layers alone + the recipe's energy");
        for (int k = 0; k < 3; k++) {
            int series = k;
            assertEquals(2, (int) fx(() -> inside().errorCurves().getSeries(series).getItemCount()), "a point per evaluation, series " + k);
        }
        assertTrue(fx(() -> inside().errorsTitleProperty().get()).startsWith("Test-set errors"), fx(() -> inside().errorsTitleProperty().get()));
        String perClass = fx(() -> inside().perClassTextProperty().get());
        assertTrue(perClass.startsWith("Test errors per class after epoch 1:") && perClass.endsWith("(of 10000 test cases)"), perClass);
        javafx.scene.control.Label title = robot.lookup((Node n) -> n instanceof javafx.scene.control.Label l
                && l.getText() != null && l.getText().startsWith("Test-set errors")).queryAs(javafx.scene.control.Label.class);
        assertTrue(fx(title::isVisible), "the chart's title says it is the test set");
        waitFor("finished", 60, () -> app.viewModel().stateProperty().get() == ServiceState.FINISHED);
    }

    private void stopAfterThreeEpochs(FxRobot robot) {
        waitFor("three epochs", 90, () -> inside().epochCount() >= 3);
        robot.clickOn("#stopButton");
        waitFor("stopped", 60, () -> app.viewModel().stateProperty().get() == ServiceState.STOPPED);
    }
}
