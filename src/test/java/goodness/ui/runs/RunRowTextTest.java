package goodness.ui.runs;

import goodness.ff.training.EpochMetrics;
import goodness.runs.ValidErrors;
import goodness.ui.ReferenceRun;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** What the Runs table's valid column says (no window needed). */
class RunRowTextTest {

    @Test
    void theBestValidCellIsOneEpochsPairWithThatEpoch() {
        assertEquals("79 / 92 @199", RunRows.validText(new ValidErrors(199, 79, 92)));
        assertEquals("- / 40 @3", RunRows.validText(new ValidErrors(3, null, 40)), "a score the run did not measure");
        assertEquals("", RunRows.validText(null));
    }

    @Test
    void itsTooltipNamesTheCasesAndTheLastEvaluationWhenItDiffers() {
        assertEquals("Fewest energy errors at epoch 379: 80 / 89 (energy / softmax) of 10000\n"
                        + "Last evaluation, epoch 399 (the run's final weights): 80 / 91",
                RunRows.validDetail(new ValidErrors(379, 80, 89), new ValidErrors(399, 80, 91), 10_000).replace(System.lineSeparator(), "\n"));
        assertEquals("Fewest energy errors at epoch 199: 79 / 92 (energy / softmax) of 10000",
                RunRows.validDetail(new ValidErrors(199, 79, 92), new ValidErrors(199, 79, 92), 10_000));
        assertEquals("", RunRows.validDetail(null, null, 10_000));
    }

    @Test
    void theReferenceRowShowsTheSeedLogsBestEnergyEvaluation() {
        EpochMetrics best = null;
        for (EpochMetrics m : ReferenceRun.metrics())
            if (m.energyErrorsValid() != null && (best == null || m.energyErrorsValid() < best.energyErrorsValid())) best = m;
        RunsViewModel.RunRow row = RunRows.referenceRow();
        assertEquals(best.energyErrorsValid(), row.bestValidErrors());
        assertEquals(best.energyErrorsValid() + " / " + best.softmaxErrorsValid() + " @" + best.epoch(), row.bestValid());
    }
}
