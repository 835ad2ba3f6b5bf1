package goodness.service;

import goodness.ff.FFConfig;
import goodness.ff.FFNetwork;
import goodness.ff.negatives.NegativesSample;
import goodness.ff.scoring.TestResult;
import goodness.ff.training.BatchSnapshot;
import goodness.ff.training.EpochMetrics;
import goodness.ff.training.ReceptiveFields;
import goodness.runs.RunStatus;

import java.nio.file.Path;
import java.util.List;

/**
 * What the {@link TrainingService} reports. Every event is immutable (or, for the network
 * snapshot, a private deep copy nobody writes to) and may be handed to any thread.
 */
public sealed interface TrainingEvent {

    /** The state machine moved; {@code message} explains it for a status bar (may be empty). */
    record StateChanged(ServiceState from, ServiceState to, String message) implements TrainingEvent {
    }

    /** A run (new or resumed) is ready: charts reset, sizes known. */
    record RunStarted(FFConfig config, int batchesPerEpoch, int trainCases, int validCases, int testCases,
                      int epoch, int batchInEpoch, boolean resumed) implements TrainingEvent {
    }

    /** The run was discarded; {@code config} is what the next start uses. */
    record RunReset(FFConfig config) implements TrainingEvent {
    }

    /**
     * Progress within an epoch.
     *
     * @param samplesPerSecond training speed over recent batches (wall clock, service side)
     * @param etaSeconds       estimated time to the end of the run (training batches only), or NaN
     */
    record BatchProgress(BatchSnapshot snapshot, long batchCounter, double samplesPerSecond, double etaSeconds)
            implements TrainingEvent {
        /** Fractional epoch for chart x axes: epoch + batch / batchesPerEpoch. */
        public double x() {
            return snapshot.epoch() + (double) snapshot.batch() / Math.max(1, snapshot.batchesPerEpoch());
        }
    }

    /**
     * An epoch ended; everything the engine records for it.
     *
     * @param appliedGain the learning-rate gain the epoch ended with, as applied: recipe A's
     *                    schedule ({@code metrics.gain()}) times the live gain slider; recipe B:
     *                    the slider
     * @param appliedRate the learning rate that gain gives: A's weight learning rate ε·gain, B's
     *                    Adam step size·gain (before B's positive-phase scaling, if any)
     */
    record EpochCompleted(EpochMetrics metrics, long batchCounter, int totalEpochs, double appliedGain, double appliedRate)
            implements TrainingEvent {
        /** Without the live gain: the schedule's gain, rate unknown. */
        public EpochCompleted(EpochMetrics metrics, long batchCounter, int totalEpochs) {
            this(metrics, batchCounter, totalEpochs, metrics.gain(), Double.NaN);
        }

        /** Chart x of the end of this epoch. */
        public double x() {
            return metrics.epoch() + 1;
        }
    }

    /**
     * A live setting took effect at a batch boundary (before the batch {@code batchCounter}).
     *
     * @param what     "negatives", "phases", "rateScale" or "threads"
     */
    record SettingChanged(int epoch, int batch, int batchesPerEpoch, long batchCounter, String what,
                          String oldValue, String newValue) implements TrainingEvent {
        public double x() {
            return epoch + (double) batch / Math.max(1, batchesPerEpoch);
        }

        public String label() {
            return what + ": " + oldValue + "→" + newValue;
        }
    }

    /** A deep copy of the network, for the drawing canvas and the gallery. */
    record ModelSnapshot(FFNetwork network, int epoch, int batch) implements TrainingEvent {
    }

    /**
     * Inside view: the first cases of the batch just trained and the negatives the trainer used
     * for them. Published only while a view asks for them ({@link TrainingService#setInsideRequest}).
     */
    record NegativesSampled(NegativesSample sample) implements TrainingEvent {
    }

    /** Inside view: layer-1 weights of 100 units. Published only while a view asks for them. */
    record ReceptiveFieldsSampled(ReceptiveFields fields) implements TrainingEvent {
    }

    /**
     * Inside view, recurrent runs only: at an epoch's end, how the network settles on the first
     * {@value InsideSampler#SETTLING_IMAGES} validation images (the true label's goodness and the
     * best wrong label's, per iteration).
     */
    record SettlingSampled(goodness.ff.scoring.SettlingCurve curve) implements TrainingEvent {
    }

    /** The run finished and the test set was evaluated. */
    record TestEvaluated(TestResult result) implements TrainingEvent {
    }

    record CheckpointSaved(Path path, int epoch, int batch) implements TrainingEvent {
    }

    record CheckpointLoaded(Path path, int epoch, int batch) implements TrainingEvent {
    }

    /**
     * The live settings a loaded or resumed run continues with (from its checkpoint): a view
     * shows them as they are, without sending them back as changes.
     */
    record LiveSettingsRestored(LiveSettings settings) implements TrainingEvent {
    }

    /**
     * A resumed run's stored history (its epochs and live setting changes before the checkpoint
     * it continues from), sent once after its {@link RunStarted}.
     */
    record HistoryRestored(String runName, List<EpochMetrics> metrics, List<SettingChanged> changes) implements TrainingEvent {
        public HistoryRestored {
            metrics = List.copyOf(metrics);
            changes = List.copyOf(changes);
        }
    }

    /**
     * The run was written to the run store: created, autosaved (a checkpoint at an epoch end, on
     * pause, stop or close), or its status changed.
     *
     * @param epoch epochs done when its checkpoint was taken
     * @param batch batches of the epoch in progress in that checkpoint
     */
    record RunStored(String name, Path folder, RunStatus status, int epoch, int batch) implements TrainingEvent {
    }

    /**
     * Something went wrong: a run that could not start or diverged (then a
     * {@link StateChanged} to FAILED follows), or a command that could not be done.
     *
     * @param command the command that failed ("start", "train", "save", "load", ...)
     */
    record Failed(String command, String message) implements TrainingEvent {
    }
}
