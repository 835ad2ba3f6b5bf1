package goodness.ui;

import goodness.ff.training.EpochMetrics;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

/** The built-in seed 000 run holds the published log's figures (values copied from the log by hand). */
class ReferenceRunTest {
    private final List<EpochMetrics> log = ReferenceRun.metrics();

    @Test
    void everyEpochOfTheLogIsThereInOrder() {
        assertEquals(125, log.size());
        for (int e = 0; e < 125; e++) assertEquals(e, log.get(e).epoch());
    }

    @Test
    void perEpochLinesMatchTheLog() {
        // "ep:   0 gain: 1.000 trainlogcost: 61.8054 PairwiseErrs: 5921, 5906, 6414"
        assertEquals(61.8054, log.get(0).trainLogCost());
        assertEquals(List.of(5921, 5906, 6414), log.get(0).pairwiseErrors());
        // "ep:  49 gain: 1.000 trainlogcost: ..." and the schedule's end "ep: 124 gain: 0.024 trainlogcost: 0.4454 PairwiseErrs: 19, 0, 0"
        assertEquals(0.024, log.get(124).gain());
        assertEquals(0.4454, log.get(124).trainLogCost());
        assertEquals(List.of(19, 0, 0), log.get(124).pairwiseErrors());
        assertEquals(1.0, log.get(3).gain());
        assertEquals(16.5810, log.get(3).trainLogCost(), 1e-12);
    }

    @Test
    void theEvaluationBlocksAreOnEveryFifthEpoch() {
        for (EpochMetrics m : log) assertEquals(m.epoch() % 5 == 4, m.hasEvaluation(), "epoch " + m.epoch());
        EpochMetrics e4 = log.get(4);
        // "Energy-based errs: Train 2127/50000 Valid 438/10000", "Softmax-based errs: Valid 370/10000"
        assertEquals(2127, e4.energyErrorsTrain());
        assertEquals(438, e4.energyErrorsValid());
        assertEquals(370, e4.softmaxErrorsValid());
        assertEquals(List.of(0.0403, 0.0361, 0.0409), e4.rms());
        assertEquals(List.of(0.0403, 0.0218), e4.suprms());
        assertEquals(50_000, e4.trainCases());
        assertEquals(10_000, e4.validCases());
        EpochMetrics last = log.get(124);
        assertEquals(150, last.energyErrorsValid());
        assertEquals(166, last.softmaxErrorsValid());
        assertEquals(List.of(0.0385, 0.0235, 0.0269), last.rms());
    }

    @Test
    void itsSeriesHaveNoWallTimeSoTheyAreLeftOutOfAWallTimeAxis() {
        RunSeries s = ReferenceRun.series();
        assertEquals(125, s.points(RunSeries.COST, "trainlogcost").size());
        assertEquals(25, s.points(RunSeries.ERRORS, "energy valid").size());
        assertEquals(4.38, s.points(RunSeries.ERRORS, "energy valid").get(0).value(), 1e-12);
        assertEquals(0, s.pointCount(RunSeries.GOODNESS), "the log has no goodness");
        SeriesModel m = new SeriesModel();
        m.addOverlay(s);
        m.setXAxis(SeriesModel.XAxis.WALL_TIME);
        assertTrue(m.drawn(RunSeries.COST).isEmpty());
    }

    @Test
    void itsConfigIsRecipeAWithTheSeedsCaveats() {
        assertEquals(0.0, ReferenceRun.config().peerLambda());
        assertTrue(ReferenceRun.config().topLayerTerm());
    }
}
