package goodness.runs;

import goodness.ff.NegativeMode;
import goodness.ff.PhaseSchedule;
import goodness.ff.training.EpochMetrics;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

class ValidErrorsTest {

    private static EpochMetrics row(int epoch, Integer energy, Integer softmax) {
        return new EpochMetrics(epoch, 1.0, 1.0, List.of(0, 0, 0), List.of(), List.of(), List.of(), null, energy, softmax,
                List.of(), List.of(), 1.0, 0.0, 1.0, NegativeMode.HARD, PhaseSchedule.unseparated(), 100, 100);
    }

    @Test
    void theBestEvaluationIsTheFewestEnergyErrorsWithThatEpochsSoftmax() {
        // Fewest softmax errors (89) come from another epoch than the fewest energy errors (80):
        // the pair shown must be one epoch's, as only one set of weights per epoch exists.
        List<EpochMetrics> rows = List.of(row(19, 120, 130), row(39, null, null), row(59, 80, 95), row(79, 84, 89), row(99, 81, 91));
        assertEquals(new ValidErrors(59, 80, 95), ValidErrors.best(rows));
    }

    @Test
    void aTieGoesToFewerSoftmaxErrorsThenToTheEarlierEpoch() {
        assertEquals(new ValidErrors(79, 80, 91), ValidErrors.best(List.of(row(59, 80, 95), row(79, 80, 91), row(99, 85, 80))));
        assertEquals(new ValidErrors(59, 80, 91), ValidErrors.best(List.of(row(59, 80, 91), row(79, 80, 91))));
    }

    @Test
    void oneTextForAPairOfCountsInEveryRunListing() {
        assertEquals("79 / 92 @199", new ValidErrors(199, 79, 92).text());
        assertEquals("- / 40 @3", new ValidErrors(3, null, 40).text(), "a score the run did not measure");
        assertEquals("60 / - @3", new ValidErrors(3, 60, null).text());
        assertEquals("150 / 163", ErrorPair.text(150, 163));
        assertEquals("", ErrorPair.text(null, null), "no figure at all: the listing decides what an empty cell shows");
    }

    @Test
    void aRunWithoutEnergyFiguresIsRankedBySoftmax() {
        assertEquals(new ValidErrors(2, null, 40), ValidErrors.best(List.of(row(1, null, 50), row(2, null, 40), row(3, null, 45))));
        assertEquals(new ValidErrors(3, 60, null), ValidErrors.best(List.of(row(1, null, 10), row(3, 60, null))),
                "a measured energy figure ranks before a missing one");
    }

    @Test
    void theLastEvaluationIsTheFinalWeights() {
        List<EpochMetrics> rows = List.of(row(19, 120, 130), row(39, 80, 89), row(40, null, null), row(59, 83, 92), row(60, null, null));
        assertEquals(new ValidErrors(59, 83, 92), ValidErrors.last(rows));
    }

    @Test
    void aRunNeverEvaluatedHasNeither() {
        List<EpochMetrics> rows = List.of(row(0, null, null), row(1, null, null));
        assertNull(ValidErrors.best(rows));
        assertNull(ValidErrors.last(rows));
        assertNull(ValidErrors.best(List.of()));
    }
}
