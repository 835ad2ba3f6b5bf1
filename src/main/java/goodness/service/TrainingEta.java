package goodness.service;

import goodness.ff.FFConfig;
import goodness.ff.training.EpochMetrics;

import java.util.List;

/** The time a run has left, for the progress line. */
final class TrainingEta {
    private TrainingEta() {
    }

    /**
     * Time to the end of the run: the batches left at the current speed, plus the evaluations
     * left (the periodic ones and the final test-set one) at the mean time the run's evaluations
     * took so far (none counted before the first one has been measured); NaN without a speed.
     */
    static double seconds(FFConfig c, int epoch, int batchInEpoch, int batchesPerEpoch, double samplesPerSecond,
                          List<EpochMetrics> history) {
        if (!(samplesPerSecond > 0)) return Double.NaN;
        long batchesLeft = (long) (c.totalEpochs() - epoch) * batchesPerEpoch - batchInEpoch;
        double seconds = batchesLeft * (double) c.batchSize() / samplesPerSecond;
        double evalSum = 0;
        int evals = 0;
        for (EpochMetrics m : history) {
            if (m.evalSeconds() > 0) {
                evalSum += m.evalSeconds();
                evals++;
            }
        }
        if (evals > 0) seconds += evaluationsLeft(c, epoch) * (evalSum / evals);
        return seconds;
    }

    /** Periodic evaluations in epochs {@code from}..end, plus the final test-set evaluation. */
    static int evaluationsLeft(FFConfig c, int from) {
        int n = 1;
        if (c.evalEvery() > 0) for (int e = from; e < c.totalEpochs(); e++) if ((e + 1) % c.evalEvery() == 0) n++;
        return n;
    }
}
