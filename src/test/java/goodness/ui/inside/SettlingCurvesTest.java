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
    void eachEpochAddsItsTrueAndBestWrongLineAndOnlyTheLastEpochsAreKept() {
        InsideViewModel vm = new InsideViewModel(r -> { });
        SettlingCurves s = vm.settling();
        assertFalse(s.presentProperty().get(), "nothing to show before a recurrent epoch ends");
        vm.apply(List.of(curve(0), curve(1)));
        assertTrue(s.presentProperty().get());
        assertEquals(4, s.lines().getSeriesCount(), "two lines per epoch");
        assertEquals("epoch 1 true", s.lines().getSeriesKey(2));
        assertEquals("epoch 1 wrong", s.lines().getSeriesKey(3));
        assertEquals(4, s.lines().getItemCount(2), "iterations 0..3");
        assertEquals(103.0, s.lines().getYValue(2, 3), 1e-9);
        assertEquals(103.0, s.lines().getYValue(3, 3), 1e-9);
        assertEquals(2, s.scoreFrom());
        assertEquals(3, s.scoreTo());

        for (int e = 2; e < 9; e++) vm.apply(List.of(curve(e)));
        assertEquals(2 * SettlingCurves.EPOCHS_SHOWN, s.lines().getSeriesCount());
        assertEquals("epoch " + (9 - SettlingCurves.EPOCHS_SHOWN) + " true", s.lines().getSeriesKey(0), "the oldest shown epoch first");
        assertEquals(100 + 8 * 3.0, s.lines().getYValue(2 * SettlingCurves.EPOCHS_SHOWN - 2, 3), 1e-9, "the latest epoch last");
        assertTrue(s.textProperty().get().startsWith("Epoch 8, first 100 validation images: at iteration 3 the true label's goodness is 124.0, the best wrong label's 103.0 (gap 21.0"),
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
