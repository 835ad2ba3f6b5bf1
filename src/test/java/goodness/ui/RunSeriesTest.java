package goodness.ui;

import goodness.ff.NegativeMode;
import goodness.ff.Phase;
import goodness.ff.PhaseSchedule;
import goodness.ff.training.BatchSnapshot;
import goodness.ff.training.EpochMetrics;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

/** One run's chart series, without a window: live tail, epoch points, wall time. */
class RunSeriesTest {
    private static final int BATCHES = 100;

    static EpochMetrics epoch(int e, double cost, double trainSeconds, double evalSeconds, Integer validErrors) {
        List<Double> g = List.of(1.0, 2.0, 3.0);
        return new EpochMetrics(e, 1.0 - e * 0.1, cost, List.of(10 * e, 20, 30), g, g, g, validErrors == null ? null : 900, validErrors,
                validErrors == null ? null : validErrors + 1, validErrors == null ? null : g, validErrors == null ? null : List.of(0.1, 0.2),
                trainSeconds, evalSeconds, 1000, NegativeMode.HARD, PhaseSchedule.unseparated(), 50_000, 10_000);
    }

    static BatchSnapshot progress(int e, int batch, double cost, double samplesPerSecond) {
        List<Double> g = List.of(1.0, 2.0, 3.0);
        float[] f = {1f};
        return new BatchSnapshot(e, batch, BATCHES, cost, List.of(5, 5, 5), g, g, List.of(f, f, f), List.of(f, f, f), g,
                Phase.JOINT, NegativeMode.HARD, samplesPerSecond);
    }

    @Test
    void theEpochPointReplacesTheLiveTailOfThatEpochOnly() {
        RunSeries s = new RunSeries("r", "r", 3);
        s.addEpoch(epoch(0, 50, 10, 0, null));
        s.addProgress(progress(1, 25, 40, 100), 10);
        s.addProgress(progress(1, 50, 38, 100), 10);
        s.addProgress(progress(1, 100, 36, 100), 10);
        assertEquals(4, s.points(RunSeries.COST, "trainlogcost").size());
        // Running pairwise counts are scaled to a whole epoch: 5 errors in 25 of 100 batches -> 20.
        assertEquals(20.0, s.points(RunSeries.PAIRWISE, "layer 1").get(1).value(), 1e-12);
        s.addEpoch(epoch(1, 35, 10, 0, null));
        List<RunSeries.Point> cost = s.points(RunSeries.COST, "trainlogcost");
        assertEquals(2, cost.size());
        assertEquals(List.of(1.0, 2.0), cost.stream().map(RunSeries.Point::epoch).toList());
        assertEquals(35.0, cost.get(1).value());
        assertEquals(2, s.epochsDone());
    }

    @Test
    void wallTimeAddsUpTrainingAndEvaluationAndLiveTailsUseTheRunningSpeed() {
        RunSeries s = new RunSeries("r", "r", 3);
        s.addEpoch(epoch(0, 50, 8, 0, null));
        s.addEpoch(epoch(1, 40, 8, 4, 300));
        assertEquals(8.0, s.points(RunSeries.COST, "trainlogcost").get(0).seconds());
        assertEquals(20.0, s.points(RunSeries.COST, "trainlogcost").get(1).seconds());
        // 50 batches of 10 cases at 100 cases/s: 5 s into epoch 2.
        s.addProgress(progress(2, 50, 30, 100), 10);
        assertEquals(25.0, s.points(RunSeries.COST, "trainlogcost").get(2).seconds(), 1e-12);
        assertEquals(14.0, s.secondsAt(1.5), 1e-12, "halfway between the ends of epochs 0 (8 s) and 1 (20 s)");
        // The gain is drawn from each epoch's start to its end; an epoch's start replaces the previous end.
        List<RunSeries.Point> gain = s.points(RunSeries.GAIN, "gain");
        assertEquals(List.of(new RunSeries.Point(0, 0, 1.0), new RunSeries.Point(1, 8, 0.9), new RunSeries.Point(2, 20, 0.9)), gain);
    }

    @Test
    void evaluationsAreErrorRatesInPercentAndRmsPerLayer() {
        RunSeries s = RunSeries.of("r", "r", 3, List.of(epoch(0, 50, 1, 0, null), epoch(1, 40, 1, 1, 250)));
        assertEquals(1, s.points(RunSeries.ERRORS, "energy valid").size());
        assertEquals(2.5, s.points(RunSeries.ERRORS, "energy valid").get(0).value(), 1e-12);
        assertEquals(1.8, s.points(RunSeries.ERRORS, "energy train").get(0).value(), 1e-12);
        assertEquals(0.2, s.points(RunSeries.RMS, "suprms L3").get(0).value(), 1e-12, "suprms belong to layers 2..");
        assertEquals(List.of("rms L1", "rms L2", "rms L3", "suprms L2", "suprms L3"), s.seriesNames(RunSeries.RMS));
    }
}
