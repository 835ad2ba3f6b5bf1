package goodness.ui.training;

import goodness.ff.FFConfig;
import goodness.ff.NegativeMode;
import goodness.ff.Phase;
import goodness.ff.PhaseSchedule;
import goodness.ff.training.BatchSnapshot;
import goodness.ff.training.EpochMetrics;
import goodness.service.TrainingEvent;
import goodness.ui.RunSeries;
import goodness.ui.SeriesModel;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.testfx.api.FxToolkit;
import org.testfx.util.WaitForAsyncUtils;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.*;

/** The charts' datasets, fed with synthetic events on the FX thread (headless, no window). */
class ChartsViewModelTest {
    private static final int LAYERS = 3, BATCHES = 500;
    private static final FFConfig CONFIG = FFConfig.hinton();

    @BeforeAll
    static void startToolkit() throws Exception {
        FxToolkit.registerPrimaryStage();
    }

    private static <T> T fx(Callable<T> c) throws Exception {
        return WaitForAsyncUtils.asyncFx(c).get();
    }

    private static TrainingEvent.BatchProgress progress(int epoch, int batch, double cost) {
        List<Double> goodness = List.of(1000.0, 1100.0, 1200.0);
        float[] g = {900f, 1000f, 1100f};
        BatchSnapshot s = new BatchSnapshot(epoch, batch, BATCHES, cost, List.of(10, 20, 30), goodness, goodness,
                List.of(g, g, g), List.of(g, g, g), List.of(1000.0, 1000.0, 1000.0), Phase.JOINT, NegativeMode.HARD, 5000);
        return new TrainingEvent.BatchProgress(s, (long) epoch * BATCHES + batch, 5000, 60);
    }

    private static TrainingEvent.EpochCompleted epochEnd(int epoch, double cost) {
        List<Double> three = List.of(1.0, 2.0, 3.0);
        EpochMetrics m = new EpochMetrics(epoch, 1.0, cost, List.of(100, 200, 300), three, three, three,
                null, null, null, null, null, 8.0, 0.0, 6000, NegativeMode.HARD, PhaseSchedule.unseparated(), 50_000, 10_000);
        return new TrainingEvent.EpochCompleted(m, (long) (epoch + 1) * BATCHES, 125);
    }

    private static TrainingEvent.RunStarted started() {
        return new TrainingEvent.RunStarted(CONFIG, BATCHES, 50_000, 10_000, 10_000, 0, 0, false);
    }

    @Test
    void anUnsupervisedRunsReadoutOnlyEpochsAreMarkedWhereTheyBegin() throws Exception {
        FFConfig unsupervised = FFConfig.hintonUnsupervised().toBuilder().epochs(6).readoutEpochs(2).build();
        ChartsViewModel charts = fx(ChartsViewModel::new);
        fx(() -> { charts.apply(List.of(new TrainingEvent.RunStarted(unsupervised, BATCHES, 50_000, 10_000, 10_000, 0, 0, false))); return null; });
        List<org.jfree.chart.plot.ValueMarker> marks = fx(() -> {
            var m = charts.rendered().get(ChartsViewModel.ERRORS).getXYPlot().getDomainMarkers(org.jfree.chart.ui.Layer.FOREGROUND);
            List<org.jfree.chart.plot.ValueMarker> out = new ArrayList<>();
            if (m != null) for (Object o : m) out.add((org.jfree.chart.plot.ValueMarker) o);
            return out;
        });
        assertEquals(1, marks.size(), "one line");
        assertEquals(6.0, marks.get(0).getValue(), "at the end of the last FF epoch (epoch points sit at their end)");
        assertTrue(marks.get(0).getLabel().contains("readout only"), marks.get(0).getLabel());

        fx(() -> { charts.apply(List.of(started())); return null; });
        var none = fx(() -> charts.rendered().get(ChartsViewModel.ERRORS).getXYPlot().getDomainMarkers(org.jfree.chart.ui.Layer.FOREGROUND));
        assertTrue(none == null || none.isEmpty(), "a recipe-A run has no such stage");
    }

    @Test
    void liveTailPointsAreReplacedByTheEpochPointWhenTheEpochEnds() throws Exception {
        ChartsViewModel charts = fx(ChartsViewModel::new);
        List<TrainingEvent> epoch0 = new ArrayList<>(List.of(started()));
        // The service always reports the epoch's last batch (x = 1.0, where the epoch point goes).
        for (int b = 50; b <= BATCHES; b += 50) epoch0.add(progress(0, b, 30.0 - b / 100.0));
        fx(() -> { charts.apply(epoch0); return null; });
        assertEquals(10, (int) fx(() -> charts.seriesPointCount(ChartsViewModel.COST, "trainlogcost")),
                "during epoch 0 the running cost is drawn every update");

        fx(() -> { charts.apply(List.of(epochEnd(0, 25.0), progress(1, 100, 20.0), progress(1, 200, 19.0))); return null; });
        List<RunSeries.Point> cost = fx(() -> List.copyOf(charts.model().live().points(ChartsViewModel.COST, "trainlogcost")));
        assertEquals(3, cost.size(), "epoch 0's point plus epoch 1's live tail of two");
        assertEquals(1.0, cost.get(0).epoch());
        assertEquals(25.0, cost.get(0).value(), "the epoch's own trainlogcost, not a running figure");
        assertEquals(1.2, cost.get(1).epoch(), 1e-12);

        fx(() -> { charts.apply(List.of(epochEnd(1, 18.0))); return null; });
        cost = fx(() -> List.copyOf(charts.model().live().points(ChartsViewModel.COST, "trainlogcost")));
        assertEquals(2, cost.size());
        assertEquals(18.0, cost.get(1).value());
        // Every per-layer series of the live-tail charts is pruned the same way.
        assertEquals(2, (int) fx(() -> charts.seriesPointCount(ChartsViewModel.PAIRWISE, "layer 3")));
        assertEquals(2, (int) fx(() -> charts.seriesPointCount(ChartsViewModel.GOODNESS, "L2 negative")));
        assertEquals(2 * LAYERS * 2, (int) fx(() -> charts.pointCount(ChartsViewModel.GOODNESS)));
    }

    @Test
    void hiddenChartsKeepTheirDataButAreNotRedrawnUntilShown() throws Exception {
        ChartsViewModel charts = fx(ChartsViewModel::new);
        fx(() -> { charts.setShown(false); return null; });
        fx(() -> { charts.apply(List.of(started(), progress(0, 100, 30.0), epochEnd(0, 25.0))); return null; });
        assertEquals(1, (int) fx(() -> charts.seriesPointCount(ChartsViewModel.COST, "trainlogcost")), "data still arrives");
        assertEquals(0, (long) fx(charts::redrawCount), "nothing redrawn while hidden");
        assertEquals(0, (int) fx(() -> charts.drawnPointCount(ChartsViewModel.COST)), "the chart's dataset is not rebuilt while hidden");

        fx(() -> { charts.setShown(true); return null; });
        assertEquals(1, (long) fx(charts::redrawCount), "showing redraws what changed, once");
        assertEquals(1, (int) fx(() -> charts.drawnPointCount(ChartsViewModel.COST)));
        for (String name : charts.charts().keySet()) assertTrue(fx(() -> charts.chart(name).isNotify()), name + " draws once shown");
    }

    @Test
    void updatesFasterThanTheRedrawBudgetAreDrawnTogetherLater() throws Exception {
        ChartsViewModel charts = fx(ChartsViewModel::new);
        fx(() -> { charts.apply(List.of(started())); return null; });
        long first = fx(charts::redrawCount);
        assertEquals(1, first, "the first update is drawn at once");
        // Two more updates straight after: inside the minimum gap, so they wait for one later redraw.
        fx(() -> { charts.apply(List.of(progress(0, 100, 30.0))); return null; });
        fx(() -> { charts.apply(List.of(progress(0, 200, 29.0))); return null; });
        assertTrue(fx(charts::redrawPending));
        assertEquals(1, (long) fx(charts::redrawCount));
        assertEquals(2, (int) fx(() -> charts.pointCount(ChartsViewModel.COST)), "the model has both points");
        assertEquals(0, (int) fx(() -> charts.drawnPointCount(ChartsViewModel.COST)), "the changed chart waits");

        // The throttle draws the pending changes on its own timer, without a further event.
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> !fx(charts::redrawPending));
        assertEquals(2, (long) fx(charts::redrawCount), "both updates in one redraw");
        assertEquals(2, (int) fx(() -> charts.drawnPointCount(ChartsViewModel.COST)));
        assertTrue(fx(() -> charts.chart(ChartsViewModel.COST).isNotify()));
    }

    @Test
    void overlaidRunsAddTheirSeriesToEveryChartUnderTheirOwnNames() throws Exception {
        ChartsViewModel charts = fx(ChartsViewModel::new);
        fx(() -> { charts.apply(List.of(started(), epochEnd(0, 25.0))); return null; });
        RunSeries other = RunSeries.of("hard-run", "hard", LAYERS, List.of(evaluated(0, 30.0), evaluated(1, 20.0)));
        fx(() -> { charts.setOverlays(List.of(other)); return null; });
        waitDrawn(charts);
        List<String> cost = fx(() -> charts.drawnSeriesNames(ChartsViewModel.COST));
        assertEquals(List.of("this run · trainlogcost", "hard · trainlogcost"), cost);
        assertTrue(fx(() -> charts.drawnSeriesNames(ChartsViewModel.ERRORS)).contains("hard · energy valid"));
        assertEquals(1 + 2, (int) fx(() -> charts.drawnPointCount(ChartsViewModel.COST)));

        fx(() -> { charts.setOverlays(List.of()); return null; });
        waitDrawn(charts);
        assertEquals(List.of("trainlogcost"), fx(() -> charts.drawnSeriesNames(ChartsViewModel.COST)), "back to the live run alone");
    }

    @Test
    void viewOptionsSmoothLogAndWallTimeRebuildTheCharts() throws Exception {
        ChartsViewModel charts = fx(ChartsViewModel::new);
        fx(() -> { charts.apply(List.of(started(), epochEnd(0, 25.0), epochEnd(1, 18.0), epochEnd(2, 12.0))); return null; });
        fx(() -> { charts.smoothingProperty().set(0.6); return null; });
        waitDrawn(charts);
        assertEquals(List.of("trainlogcost (raw)", "trainlogcost"), fx(() -> charts.drawnSeriesNames(ChartsViewModel.COST)),
                "the raw line stays, behind the smoothed one");

        assertTrue(fx(() -> charts.rangeAxisIsLog(ChartsViewModel.ERRORS)), "errors start on a log axis");
        fx(() -> { charts.logErrorsProperty().set(false); charts.logCostProperty().set(true); return null; });
        assertFalse(fx(() -> charts.rangeAxisIsLog(ChartsViewModel.ERRORS)));
        assertTrue(fx(() -> charts.rangeAxisIsLog(ChartsViewModel.COST)));

        fx(() -> { charts.xAxisProperty().set(SeriesModel.XAxis.WALL_TIME); return null; });
        waitDrawn(charts);
        assertEquals("wall time (s)", fx(() -> charts.xAxisLabel(ChartsViewModel.COST)));
        var data = fx(() -> ((org.jfree.data.xy.XYSeriesCollection) charts.chart(ChartsViewModel.COST).getXYPlot().getDataset()).getSeries(1));
        assertEquals(8.0 * 3, fx(() -> data.getX(2).doubleValue()), 1e-9, "the third epoch ends after three epochs of 8 s");
    }

    @Test
    void zoomingOneChartsXRangeZoomsThemAllAndResetUndoesIt() throws Exception {
        ChartsViewModel charts = fx(ChartsViewModel::new);
        fx(() -> { charts.apply(List.of(started(), epochEnd(0, 25.0), epochEnd(1, 18.0), epochEnd(2, 12.0))); return null; });
        waitDrawn(charts);
        fx(() -> { charts.chart(ChartsViewModel.ERRORS).getXYPlot().getDomainAxis().setRange(0.5, 2.5); return null; });
        for (String c : RunSeries.CHARTS) {
            var range = fx(() -> charts.chart(c).getXYPlot().getDomainAxis().getRange());
            assertEquals(0.5, range.getLowerBound(), 1e-12, c);
            assertEquals(2.5, range.getUpperBound(), 1e-12, c);
        }
        fx(() -> { charts.resetZoom(); return null; });
        for (String c : RunSeries.CHARTS) assertTrue(fx(() -> charts.chart(c).getXYPlot().getDomainAxis().isAutoRange()), c);
        assertTrue(fx(() -> charts.chart(ChartsViewModel.COST).getXYPlot().getDomainAxis().getRange().getUpperBound()) >= 3.0);
    }

    /** Waits until the throttle has drawn every pending change (it redraws on its own timer). */
    private static void waitDrawn(ChartsViewModel charts) throws Exception {
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> !fx(charts::redrawPending));
    }

    private static EpochMetrics evaluated(int epoch, double cost) {
        List<Double> three = List.of(1.0, 2.0, 3.0);
        return new EpochMetrics(epoch, 1.0, cost, List.of(100, 200, 300), three, three, three,
                500, 400, 300, three, List.of(0.5, 0.5), 8.0, 2.0, 6000, NegativeMode.HARD, PhaseSchedule.unseparated(), 50_000, 10_000);
    }

    @Test
    void theChartsChangeOnlyOnTheFxThread() {
        ChartsViewModel charts = new ChartsViewModel();
        assertThrows(IllegalStateException.class, () -> charts.apply(List.of(started())));
    }

    @Test
    void aRecipeBRunDrawsItsPerEpochTestErrors() throws Exception {
        FFConfig sleep = FFConfig.sleep();
        ChartsViewModel charts = fx(ChartsViewModel::new);
        List<Double> three = List.of(1.0, 2.0, 3.0);
        List<TrainingEvent> events = new ArrayList<>(List.of(new TrainingEvent.RunStarted(sleep, 117, 60_000, 0, 10_000, 0, 0, false)));
        int[] testErrors = {1500, 800, 9020};  // a separated run that collapses in its third epoch
        for (int e = 0; e < 3; e++) {
            EpochMetrics m = new EpochMetrics(e, 1.0, 1.5, List.of(10, 20, 30), three, three, three, 1000, null, null, three, List.of(),
                    20.0, 3.0, 3000, NegativeMode.RANDOM, PhaseSchedule.symmetric(8), 10_000, 0, null, null, null, null, null, testErrors[e], 10_000, null, null);
            events.add(new TrainingEvent.EpochCompleted(m, (long) (e + 1) * 117, 10));
        }
        fx(() -> { charts.apply(events); return null; });
        var errors = fx(() -> (org.jfree.data.xy.XYSeriesCollection) charts.chart(ChartsViewModel.ERRORS).getXYPlot().getDataset());
        var test = fx(() -> errors.getSeries("energy test"));
        assertEquals(3, test.getItemCount());
        for (int e = 0; e < 3; e++) {
            assertEquals(e + 1.0, test.getX(e).doubleValue(), 1e-12, "one point at the end of each epoch");
            assertEquals(testErrors[e] / 100.0, test.getY(e).doubleValue(), 1e-9, "test error in percent");
        }
        // Recipe A keeps its test set for the end of the run: no empty test series in its legend.
        ChartsViewModel a = fx(ChartsViewModel::new);
        fx(() -> { a.apply(List.of(started())); return null; });
        assertEquals(-1, (int) fx(() -> a.seriesPointCount(ChartsViewModel.ERRORS, "energy test")));
    }

    @Test
    void beforeARunEveryChartSaysWhatWillFillIt() throws Exception {
        ChartsViewModel charts = fx(ChartsViewModel::new);
        for (String name : charts.charts().keySet()) {
            String m = fx(() -> charts.noDataMessage(name));
            assertNotNull(m, name);
            assertTrue(m.startsWith("Start a run: ") && m.length() > "Start a run: ".length() + 10, name + ": " + m);
        }
        assertTrue(fx(() -> charts.noDataMessage(ChartsViewModel.HISTOGRAM)).contains("once a batch has trained"));
        // the interval is not known yet: no number
        assertFalse(fx(() -> charts.noDataMessage(ChartsViewModel.ERRORS)).matches(".*\\d.*"));
    }

    @Test
    void theErrorChartNamesTheFirstEvaluatedEpochOnceTheConfigIsKnown() throws Exception {
        int every = CONFIG.evalEvery();
        assertTrue(every > 1, "the test assumes an interval over one epoch");
        String expected = "first evaluation after epoch " + every + " (every " + every + " epochs)";
        ChartsViewModel charts = fx(ChartsViewModel::new);
        fx(() -> { charts.setNextRunConfig(CONFIG); return null; });
        assertEquals("Start a run: " + expected, fx(() -> charts.noDataMessage(ChartsViewModel.ERRORS)));
        fx(() -> { charts.apply(List.of(started())); return null; });
        assertEquals("F" + expected.substring(1), fx(() -> charts.noDataMessage(ChartsViewModel.ERRORS)));
        assertFalse(fx(() -> charts.noDataMessage(ChartsViewModel.COST)).startsWith("Start a run"));
        fx(() -> { charts.apply(List.of(new TrainingEvent.RunReset(CONFIG))); return null; });
        assertEquals("Start a run: " + expected, fx(() -> charts.noDataMessage(ChartsViewModel.ERRORS)));
    }

    @Test
    void anIntervalThatNeverEvaluatesIsSaidSo() {
        FFConfig none = CONFIG.toBuilder().evalEvery(0).build();
        assertTrue(EmptyChartText.message(ChartsViewModel.ERRORS, none, false).contains("no evaluation during the run"));
        FFConfig tooRare = CONFIG.toBuilder().evalEvery(CONFIG.epochs() + 1).build();
        assertTrue(EmptyChartText.message(ChartsViewModel.RMS, tooRare, true).startsWith("No evaluation during the run"));
    }
}
