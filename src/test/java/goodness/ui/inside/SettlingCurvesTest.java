package goodness.ui.inside;

import goodness.ff.scoring.SettlingCurve;
import goodness.service.TrainingEvent;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

/** The Inside tab's settling chart data (no window: the view model alone). */
class SettlingCurvesTest {

    /** Epoch e: the true label's goodness 100 + e·t, the best wrong one's 100 + t. */
    private static TrainingEvent curve(int epoch) {
        double[] right = new double[4], wrong = new double[4];
        for (int t = 0; t < 4; t++) {
            right[t] = 100 + epoch * t;
            wrong[t] = 100 + t;
        }
        return new TrainingEvent.SettlingSampled(new SettlingCurve(epoch, 100, right, wrong, 2, 3));
    }

    @Test
    void eachEpochAddsItsGapLineAndOnlyTheLastEpochsAreKept() {
        InsideViewModel vm = new InsideViewModel(r -> { });
        SettlingCurves s = vm.settling();
        assertFalse(s.presentProperty().get(), "nothing to show before a recurrent epoch ends");
        vm.apply(List.of(curve(0), curve(2)));
        assertTrue(s.presentProperty().get());
        assertEquals(2, s.lines().getSeriesCount(), "one line per epoch");
        assertEquals("epoch 2", s.lines().getSeriesKey(1));
        assertEquals(4, s.lines().getItemCount(1), "iterations 0..3");
        assertEquals(0.0, s.lines().getYValue(1, 0), 1e-9, "t = 0: no gap");
        assertEquals((100 + 2 * 3) - (100 + 3), s.lines().getYValue(1, 3), 1e-9, "the true label's goodness minus the best wrong one's");
        assertEquals(2, s.scoreFrom());
        assertEquals(3, s.scoreTo());

        for (int e = 3; e < 12; e++) vm.apply(List.of(curve(e)));
        assertEquals(SettlingCurves.EPOCHS_SHOWN, s.lines().getSeriesCount());
        assertEquals("epoch " + (12 - SettlingCurves.EPOCHS_SHOWN), s.lines().getSeriesKey(0), "the oldest shown epoch first");
        assertEquals("epoch 11", s.lines().getSeriesKey(SettlingCurves.EPOCHS_SHOWN - 1), "the latest epoch last");
        assertTrue(s.textProperty().get().startsWith("Epoch 11, first 100 validation images: at iteration 3 the true label's goodness is 133.0, the best wrong label's 103.0 (gap 30.0)"),
                s.textProperty().get());
    }

    @Test
    void aNewRunClearsTheChart() {
        InsideViewModel vm = new InsideViewModel(r -> { });
        vm.apply(List.of(curve(0)));
        vm.apply(List.of(new TrainingEvent.RunStarted(goodness.ff.FFConfig.recurrent(), 500, 50_000, 10_000, 10_000, 0, 0, false)));
        assertEquals(0, vm.settling().lines().getSeriesCount());
        assertFalse(vm.settling().presentProperty().get());
        assertEquals("", vm.settling().textProperty().get());
    }
}
