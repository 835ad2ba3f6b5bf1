package goodness.ui.training;

import goodness.ff.FFConfig;
import goodness.ff.NegativeMode;
import goodness.ff.TestData;
import goodness.ff.backend.EjmlBackend;
import goodness.ff.training.SlowMotionBatch;
import goodness.ff.training.Trainer;
import goodness.ff.training.Trainers;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

/** The slow-motion view of one batch: three stages, each with what it says it shows. */
class SlowMotionViewModelTest {

    /** A real batch of a small recipe-A network, taken apart as the service does. */
    private static SlowMotionBatch oneBatch() {
        FFConfig c = TestData.tiny().hiddenSizes(List.of(30, 20)).batchSize(50).negatives(NegativeMode.HARD).build();
        try (Trainer t = Trainers.create(c, TestData.small(500, 100), new EjmlBackend(1))) {
            var before = t.snapshot();
            t.trainBatch();
            return SlowMotionBatch.of(0, 0, before, t.network(), t.batchSnapshot(), c.temperature(), 16);
        }
    }

    @Test
    void theStagesComeInTheRecipesOrderAndBackAndNextStopAtTheEnds() {
        SlowMotionViewModel vm = new SlowMotionViewModel();
        assertFalse(vm.canNextProperty().get(), "nothing to step through before a batch");
        vm.show(oneBatch());
        assertEquals(SlowMotionViewModel.POSITIVE, vm.stageProperty().get());
        assertTrue(vm.titleProperty().get().endsWith("1 of 3: positive pass"), vm.titleProperty().get());
        assertFalse(vm.canBackProperty().get());
        vm.next();
        assertTrue(vm.titleProperty().get().endsWith("2 of 3: negative pass"));
        assertTrue(vm.textProperty().get().contains("(hard)"), vm.textProperty().get());
        vm.next();
        assertTrue(vm.titleProperty().get().endsWith("3 of 3: the update"));
        assertFalse(vm.canNextProperty().get());
        vm.next();
        assertEquals(SlowMotionViewModel.UPDATE, vm.stageProperty().get(), "Next stops at the update");
        vm.back();
        vm.back();
        vm.back();
        assertEquals(SlowMotionViewModel.POSITIVE, vm.stageProperty().get(), "Back stops at the positive pass");
    }

    @Test
    void aPassStagePlotsEveryCaseOfEveryLayerAgainstItsThresholdAndCountsTheRightOnes() {
        SlowMotionBatch b = oneBatch();
        SlowMotionViewModel vm = new SlowMotionViewModel();
        vm.show(b);
        assertEquals(2, vm.goodness().getSeriesCount(), "one series per layer");
        for (int l = 0; l < 2; l++) {
            var s = vm.goodness().getSeries(l);
            assertEquals(50, s.getItemCount(), "every case of the batch");
            float[] g = b.positive().get(l);
            double max = 0;
            for (float v : g) max = Math.max(max, v);
            assertEquals(max / b.threshold().get(l), s.getY(49).doubleValue(), 1e-6, "sorted: the last is the largest, over θ");
            int right = 0;
            for (float v : g) if (v > b.threshold().get(l)) right++;
            assertEquals(right / 50.0, b.rightShare(l, true), 1e-9, "p > 0.5 exactly when G > θ");
            assertTrue(vm.textProperty().get().contains(String.format(java.util.Locale.ROOT, "layer %d: mean G", l + 1)));
        }
    }

    @Test
    void theUpdateStageShowsTheUnitsThatMovedMostAsPictures() {
        SlowMotionBatch b = oneBatch();
        assertEquals(16, b.units().length);
        for (int k = 1; k < 16; k++) {
            double prev = 0, cur = 0;
            for (float v : b.unitChanges().get(k - 1)) prev += v * v;
            for (float v : b.unitChanges().get(k)) cur += v * v;
            assertTrue(prev >= cur, "most changed first");
        }
        for (double r : b.changeRatio()) assertTrue(r > 0 && r < 1, "a batch moves every layer a little: " + r);
        SlowMotionViewModel vm = new SlowMotionViewModel();
        vm.show(b);
        assertTrue(vm.unitChangesProperty().get().isEmpty(), "no pictures on a pass stage");
        vm.next();
        vm.next();
        assertEquals(16, vm.unitChangesProperty().get().size());
        assertEquals(28, vm.unitChangesProperty().get().get(0).width());
        assertEquals(0, vm.goodness().getSeriesCount(), "the update stage has no goodness plot");
        assertTrue(vm.textProperty().get().contains("layer 2: rms(ΔW) / rms(W)"), vm.textProperty().get());
    }
}
