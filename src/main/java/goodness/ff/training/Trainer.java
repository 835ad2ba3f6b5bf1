package goodness.ff.training;

import goodness.data.DataSplits;
import goodness.ff.FFConfig;
import goodness.ff.FFNetwork;
import goodness.ff.NegativeMode;
import goodness.ff.PhaseSchedule;
import goodness.ff.negatives.NegativesSample;
import goodness.ff.scoring.TestResult;

/**
 * A Forward-Forward training run, driven one batch at a time so that a caller (the CLI loop, the
 * GUI's background service) can pause, stop, snapshot and change live settings at any batch
 * boundary. The loop every caller writes:
 *
 * <pre>{@code
 * while (!trainer.finished()) {
 *     while (trainer.batchInEpoch() < trainer.batchesPerEpoch()) trainer.trainBatch();
 *     EpochMetrics m = trainer.finishEpoch();
 * }
 * TestResult t = trainer.evaluateTest();
 * }</pre>
 * written once, with checkpoints, recording and failure handling, in {@code goodness.runs.TrainingRun}.
 *
 * Not thread-safe: every method is called from the one training thread. Other threads read
 * {@link #snapshot()} copies taken on that thread.
 */
public interface Trainer extends AutoCloseable {

    FFConfig config();

    DataSplits data();

    /** Completed epochs (the epoch in progress is this number, 0-based). */
    int epoch();

    int batchesPerEpoch();

    /** Batches done in the epoch in progress. */
    int batchInEpoch();

    /** Total batches trained since the run began (never resets; drives the phase schedule). */
    long batchCounter();

    boolean finished();

    /** Trains the next batch of the epoch in progress. */
    void trainBatch();

    /** Ends the epoch after its last batch: runs the evaluation cadence and returns the epoch's metrics. */
    EpochMetrics finishEpoch();

    /** The figures of the epoch so far, for live charts. */
    BatchSnapshot batchSnapshot();

    /** The live network (training thread only). */
    FFNetwork network();

    /** A deep copy of the current network, safe to hand to another thread. */
    default FFNetwork snapshot() {
        return network().copy();
    }

    /** Errors on the training and test sets with the current network, plus a confusion matrix. */
    TestResult evaluateTest();

    /** Energy errors on the whole test set with the current network: {@link #evaluateTest()}'s test figure, without the rest. */
    int testErrors();

    /** Live setting: negative data from the next batch on. */
    void setNegativeMode(NegativeMode mode);

    NegativeMode negativeMode();

    /** Live setting: phase schedule from the next batch on (the batch counter is kept). */
    void setPhases(PhaseSchedule phases);

    PhaseSchedule phases();

    /** Live setting: a multiplier on every learning rate from the next batch on (1 = the recipe). */
    void setRateScale(double scale);

    double rateScale();

    // Inside view: off unless asked, so that a batch copies nothing for it.

    /**
     * Whether batches from the next one on record the details of their first
     * {@link goodness.ff.negatives.NegativeBatch#DETAIL_CAPACITY} negatives (masks, source images, chosen
     * probabilities) for {@link #negativesSample()}. Off by default.
     */
    void setNegativeDetails(boolean on);

    /** The last trained batch's first cases and the negatives the trainer used for them; null without details. */
    NegativesSample negativesSample();

    /**
     * Layer-1 weights of {@code count} units: the ones most active on the last batch's positive
     * data ({@code units == null}), or the given units.
     */
    ReceptiveFields receptiveFields(int[] units, int count);

    /** The full training state, for a checkpoint (taken at a batch boundary). */
    TrainingState state();

    @Override
    void close();
}
