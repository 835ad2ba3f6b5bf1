package goodness.ui.inside;

import goodness.ff.NegativeMode;
import goodness.ff.PhaseSchedule;
import goodness.ff.training.EpochMetrics;
import goodness.service.TrainingEvent;
import goodness.ui.Picture;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

/**
 * Which set the Inside tab's per-layer errors come from (no window: the view model alone): the
 * valid split when the run has one (recipe A), else the test set its evaluation scored
 * (recipe B), else the training subset (recipe-B runs recorded before the test fields existed).
 */
class InsideViewModelTest {
    private static final List<Double> TWO = List.of(1.0, 2.0);

    private static EpochMetrics row(int epoch, Integer valid, List<Integer> validPerLayer, List<Integer> validPerClass,
                                    Integer test, List<Integer> testPerLayer, List<Integer> testPerClass) {
        return new EpochMetrics(epoch, 1.0, 1.0, List.of(10, 20), TWO, TWO, TWO, 50, valid, null, TWO, List.of(), 1, 1, 1,
                NegativeMode.RANDOM, PhaseSchedule.unseparated(), 1000, valid == null ? 0 : 2000, List.of(400, 300),
                validPerLayer, validPerClass, TWO, null, test, test == null ? 0 : 4000, testPerLayer, testPerClass);
    }

    private static InsideViewModel apply(EpochMetrics... rows) {
        InsideViewModel vm = new InsideViewModel(r -> { });
        for (EpochMetrics m : rows) vm.apply(List.of(new TrainingEvent.EpochCompleted(m, m.epoch() + 1L, 10)));
        return vm;
    }

    private static double y(InsideViewModel vm, String series, int item) {
        return vm.errorCurves().getSeries(series).getY(item).doubleValue();
    }

    @Test
    void beforeAnyRunTheFieldsAreTheDrawTabModelsAndARunReplacesThemUntilItIsReset() {
        goodness.ff.FFConfig config = goodness.ff.FFConfig.hinton();
        goodness.ff.FFNetwork model = goodness.ff.FFNetwork.initialise(config, new goodness.ff.SeededRandom(1));
        goodness.ff.training.ReceptiveFields modelFields = goodness.ff.training.ReceptiveFields.strongestOf(model, 100);
        InsideViewModel vm = new InsideViewModel(r -> { });
        vm.shownProperty().set(true);
        assertNull(vm.fieldsProperty().get(), "nothing known yet");

        vm.setModelFields(modelFields, "bundled model (hinton-plus)");
        Picture shownBefore = vm.fieldsProperty().get();
        assertNotNull(shownBefore);
        assertEquals(10 * 29 - 1, shownBefore.width(), "ten tiles of 28 pixels a row, one apart");
        assertEquals(10 * 29 - 1, shownBefore.height(), "100 units: ten rows");
        assertTrue(vm.fieldsTextProperty().get().startsWith("No run yet: layer 1 of the bundled model (hinton-plus), its 100 units with the largest weights"),
                vm.fieldsTextProperty().get());
        assertFalse(vm.runBegunProperty().get(), "the most active / fixed choice is about a run's units: it does not apply yet");

        vm.apply(List.of(new TrainingEvent.RunStarted(config, 500, 50_000, 10_000, 10_000, 0, 0, false)));
        assertNull(vm.fieldsProperty().get(), "a run's own network replaces the model's fields");
        assertTrue(vm.runBegunProperty().get(), "the unit choice applies to the run's fields");
        assertEquals("", vm.fieldsTextProperty().get());
        vm.setModelFields(modelFields, "model other.ffm");
        assertNull(vm.fieldsProperty().get(), "a model opened for the Draw tab during a run does not cover the run's fields");
        vm.apply(List.of(new TrainingEvent.ReceptiveFieldsSampled(modelFields)));
        assertTrue(vm.fieldsTextProperty().get().startsWith("Epoch -1, batch -1"), "the run's fields, as sampled: " + vm.fieldsTextProperty().get());

        vm.apply(List.of(new TrainingEvent.RunReset(config)));
        assertFalse(vm.runBegunProperty().get());
        assertNotNull(vm.fieldsProperty().get());
        assertTrue(vm.fieldsTextProperty().get().startsWith("No run yet: layer 1 of the model other.ffm"), "after a reset, the latest model's: "
                + vm.fieldsTextProperty().get());
    }

    @Test
    void recipeBsCurvesAreItsTestErrorsInPercentOfTheTestCases() {
        List<Integer> perClass = List.of(1, 2, 3, 4, 5, 6, 7, 8, 9, 55);
        InsideViewModel vm = apply(row(0, null, null, null, 100, List.of(800, 400), perClass));
        assertTrue(vm.errorsTitleProperty().get().startsWith("Test-set errors"), vm.errorsTitleProperty().get());
        assertEquals(20.0, y(vm, "L1 alone", 0), 1e-12, "800 of 4000 test cases");
        assertEquals(10.0, y(vm, "L2 alone", 0), 1e-12);
        assertEquals(2.5, y(vm, InsideViewModel.COMBINED, 0), 1e-12, "the energy's 100 test errors");
        assertEquals("Test errors per class after epoch 0:  0: 1, 1: 2, 2: 3, 3: 4, 4: 5, 5: 6, 6: 7, 7: 8, 8: 9, 9: 55 (of 4000 test cases)",
                vm.perClassTextProperty().get());
    }

    @Test
    void aValidSplitComesFirstAndOlderRecipeBRowsFallBackToTheTrainingSubset() {
        InsideViewModel a = apply(row(0, 60, List.of(200, 100), java.util.Collections.nCopies(10, 6), 90, List.of(1, 1), null));
        assertTrue(a.errorsTitleProperty().get().startsWith("Valid errors"), a.errorsTitleProperty().get());
        assertEquals(10.0, y(a, "L1 alone", 0), 1e-12, "200 of 2000 valid cases");
        assertEquals(3.0, y(a, InsideViewModel.COMBINED, 0), 1e-12);
        assertTrue(a.perClassTextProperty().get().startsWith("Valid errors per class"), a.perClassTextProperty().get());

        InsideViewModel b = apply(row(0, null, null, null, null, null, null));
        assertTrue(b.errorsTitleProperty().get().startsWith("Train-subset errors"), b.errorsTitleProperty().get());
        assertEquals(40.0, y(b, "L1 alone", 0), 1e-12, "400 of 1000 training cases");
        assertEquals(5.0, y(b, InsideViewModel.COMBINED, 0), 1e-12, "the energy's 50 training errors");
        assertEquals("", b.perClassTextProperty().get(), "no per-class errors on the training subset");
    }

    @Test
    void aResumedRunsPanelsContinueFromItsStoredEpochsWithTheEnergyAsTheFirstSeries() {
        InsideViewModel vm = new InsideViewModel(r -> { });
        EpochMetrics e0 = row(0, 60, List.of(200, 100), java.util.Collections.nCopies(10, 6), null, null, null);
        EpochMetrics e1 = row(1, 40, List.of(150, 80), java.util.Collections.nCopies(10, 4), null, null, null);
        TrainingEvent.SettingChanged toMasks = new TrainingEvent.SettingChanged(1, 0, 10, 10, "negatives", "RANDOM", "MASK");
        vm.apply(List.of(new TrainingEvent.HistoryRestored("run", List.of(e0, e1), List.of(toMasks))));
        assertEquals(2, vm.epochCount(), "both stored epochs");
        assertEquals(2, vm.errorCurves().getSeries(InsideViewModel.COMBINED).getItemCount());
        assertEquals(2.0, y(vm, InsideViewModel.COMBINED, 1), 1e-12, "40 of 2000 valid cases at epoch 1");
        assertEquals(2, vm.updateRatios().getSeries(0).getItemCount());
        assertEquals(InsideViewModel.COMBINED, vm.errorCurves().getSeriesKey(0), "the view draws series 0 on top");

        // The run then goes on from there.
        EpochMetrics e2 = row(2, 30, List.of(120, 70), java.util.Collections.nCopies(10, 3), null, null, null);
        vm.apply(List.of(new TrainingEvent.EpochCompleted(e2, 30, 10)));
        assertEquals(3, vm.epochCount());
        assertEquals(3, vm.errorCurves().getSeries("L1 alone").getItemCount());
    }

    private static goodness.ff.negatives.NegativesSample sample(NegativeMode mode, int cases) {
        int dim = 784;
        float[] pos = new float[cases * dim], neg = new float[cases * dim], masks = new float[cases * dim], a = new float[cases * dim], b = new float[cases * dim];
        for (int i = 0; i < pos.length; i++) {
            pos[i] = (i % 97) / 97f;
            neg[i] = (i % 89) / 89f;
            masks[i] = (i % 83) / 83f;
            a[i] = (i % 79) / 79f;
            b[i] = (i % 73) / 73f;
        }
        boolean mask = mode == NegativeMode.MASK;
        return new goodness.ff.negatives.NegativesSample(2, 40, mode, cases, pos, new int[cases], neg, new int[cases], new float[cases],
                mask ? masks : null, mask ? a : null, mask ? b : null);
    }

    @Test
    void theStripExportsAtOnePixelPerInputPixelWithItsRowsOfTilesOnePixelApart() {
        InsideViewModel vm = new InsideViewModel(r -> { });
        vm.shownProperty().set(true);
        assertNull(vm.stripPicture(), "nothing to export before a batch is sampled");
        var hard = sample(NegativeMode.HARD, 3);
        vm.apply(List.of(new TrainingEvent.NegativesSampled(hard)));
        Picture p = vm.stripPicture();
        assertEquals(3 * 29 - 1, p.width(), "three cases, 28 pixels each, one apart");
        assertEquals(2 * 29 - 1, p.height(), "positive and negative rows");
        Picture negativeOfCase1 = goodness.ui.ColorMaps.grayDigit(hard.negatives(), 784);
        for (int y = 0; y < 28; y++)
            for (int x = 0; x < 28; x++) assertEquals(negativeOfCase1.pixel(x, y), p.pixel(29 + x, 29 + y), "case 1's negative at " + x + "," + y);
        assertEquals(goodness.ui.ColorMaps.BACKGROUND, p.pixel(28, 10), "the gap between two cases");

        var mask = sample(NegativeMode.MASK, 2);
        vm.apply(List.of(new TrainingEvent.NegativesSampled(mask)));
        p = vm.stripPicture();
        assertEquals(5 * 29 - 1, p.height(), "with mask negatives: positive, negative, mask, source a, source b");
        Picture sourceBOfCase1 = goodness.ui.ColorMaps.grayDigit(mask.sourceB(), 784);
        assertEquals(sourceBOfCase1.pixel(27, 27), p.pixel(29 + 27, 4 * 29 + 27));
    }

    @Test
    void anUnsupervisedRunsHybridsShowNoLabelForTheNetworkSeesNone() {
        InsideViewModel vm = new InsideViewModel(r -> { });
        vm.shownProperty().set(true);
        goodness.ff.FFConfig config = goodness.ff.FFConfig.hintonUnsupervised();
        vm.apply(List.of(new TrainingEvent.RunStarted(config, 500, 50_000, 10_000, 10_000, 0, 0, false)));
        vm.apply(List.of(new TrainingEvent.NegativesSampled(sample(NegativeMode.MASK, 2))));
        assertEquals("", vm.strip().get(0).negativeLabel(), "the hybrid's drawn label never enters the network");
        assertTrue(vm.stripTextProperty().get().contains("no label enters"), vm.stripTextProperty().get());

        vm.apply(List.of(new TrainingEvent.RunStarted(goodness.ff.FFConfig.hinton().toBuilder().negatives(NegativeMode.MASK).build(), 500, 50_000, 10_000, 10_000, 0, 0, false)));
        vm.apply(List.of(new TrainingEvent.NegativesSampled(sample(NegativeMode.MASK, 2))));
        assertFalse(vm.strip().get(0).negativeLabel().isEmpty(), "a supervised run's hybrids carry their label");
    }
}
