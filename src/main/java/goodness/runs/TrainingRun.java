package goodness.runs;

import goodness.ff.FFNetwork;
import goodness.ff.scoring.TestResult;
import goodness.ff.training.EpochMetrics;
import goodness.ff.training.Trainer;
import goodness.ff.training.TrainingDivergedException;
import goodness.ff.training.TrainingState;

import java.util.Objects;

/**
 * The training loop of every run, as the recipe reads: train the epoch's batches; at its end take
 * the epoch's metrics (the trainer evaluates on its own cadence), record them and, as the
 * checkpoint policy asks, the state; after the last epoch score the test set and record the
 * finished run. A run that diverges, or fails in any other way, is recorded as diverged: its last
 * checkpoint stays, and the failure is rethrown to the caller.
 *
 * <p>The CLI runs it to the end ({@link #run}); the app's service {@link #step steps} it one
 * batch at a time between its commands; the experiment runner trains each cell with it. What is
 * recorded where is the caller's {@link Record}; what is shown is its {@link Listener}.
 *
 * <p>Not thread-safe: called from the thread that owns the trainer.
 */
public final class TrainingRun {

    /** Where a run's progress is kept: a run folder ({@link #of(RunWriter)}) or a cell's checkpoint. */
    public interface Record {
        /** The epoch's metrics and, when not null, the state right after it (to be checkpointed). */
        void epochEnded(EpochMetrics metrics, TrainingState checkpoint);

        /** The last epoch is done and the test set scored ({@link FinalTest#FULL} runs; the others end with their {@link Ending}). */
        void finished(TestResult test, FFNetwork network, double wallSeconds);

        /** The run stopped early on request; it resumes from its last checkpoint. */
        void stopped(String why);

        /** Training failed; the last checkpoint stays. */
        void diverged(String why);

        /** The run folder of the run store. */
        static Record of(RunWriter writer) {
            Objects.requireNonNull(writer);
            return new Record() {
                @Override public void epochEnded(EpochMetrics metrics, TrainingState checkpoint) { writer.epochEnded(metrics, checkpoint); }
                @Override public void finished(TestResult test, FFNetwork network, double wallSeconds) { writer.finished(test, network, wallSeconds); }
                @Override public void stopped(String why) { writer.stopped(why); }
                @Override public void diverged(String why) { writer.diverged(why); }
            };
        }
    }

    /** What a caller shows of the run; called after the record has what the call reports. */
    public interface Listener {
        /** A batch was trained; after the epoch's last one the epoch ends next. */
        default void batchTrained(Trainer trainer) { }

        /** An epoch ended and is recorded. */
        default void epochEnded(EpochMetrics metrics, Trainer trainer) { }

        /** The last epoch is recorded; the test set is scored next (it takes a few seconds). */
        default void testing(Trainer trainer) { }

        /** The run is finished and recorded. */
        default void finished(Ending ending, Trainer trainer) { }
    }

    /** What the final evaluation scores. */
    public enum FinalTest {
        /** Training and test errors, energy and (recipe A) softmax, with the test set's confusion matrix. */
        FULL,
        /** Energy errors on the test set only: what an experiment cell keeps. */
        TEST_ERRORS
    }

    /** How a finished run ended: the full test result ({@link FinalTest#FULL} only, else null) and its energy test errors. */
    public record Ending(TestResult test, int energyTestErrors, int testCases, double wallSeconds) {
    }

    /** What one {@link #step()} did. */
    public enum Step { BATCH, EPOCH, FINISHED }

    /** How {@link #run} returned: the run finished, or it stopped after the epochs it was given. */
    public enum Outcome { FINISHED, STOPPED }

    private final Trainer trainer;
    private final Record record;
    private final Listener listener;
    private final int checkpointEvery;
    private final FinalTest finalTest;
    private final long startNanos;
    private int epochsEnded;
    private Ending ending;

    /**
     * @param checkpointEvery the state is recorded after every this many epochs (counted from the
     *                        run's start), after the last epoch, and where {@link #run} stops
     */
    public TrainingRun(Trainer trainer, Record record, Listener listener, int checkpointEvery, FinalTest finalTest) {
        this(trainer, record, listener, checkpointEvery, finalTest, System.nanoTime());
    }

    /**
     * The same, for a run whose wall time began earlier ({@link System#nanoTime()} then): a run
     * moved to a new trainer mid-way (other threads) keeps counting from its start.
     */
    public TrainingRun(Trainer trainer, Record record, Listener listener, int checkpointEvery, FinalTest finalTest, long startNanos) {
        if (checkpointEvery < 1) throw new IllegalArgumentException("checkpoints must come every 1 or more epochs, got " + checkpointEvery);
        this.trainer = Objects.requireNonNull(trainer);
        this.record = Objects.requireNonNull(record);
        this.listener = Objects.requireNonNull(listener);
        this.checkpointEvery = checkpointEvery;
        this.finalTest = Objects.requireNonNull(finalTest);
        this.startNanos = startNanos;
    }

    /** How the run ended, or null while it trains. */
    public Ending ending() {
        return ending;
    }

    /**
     * Trains one batch; after the epoch's last batch ends the epoch, and after the run's last
     * epoch finishes the run. A run that is already finished only finishes (scores the test set)
     * if it has not yet.
     */
    public Step step() {
        return guarded(() -> {
            if (!trainer.finished()) {
                trainer.trainBatch();
                listener.batchTrained(trainer);
                if (trainer.batchInEpoch() < trainer.batchesPerEpoch()) return Step.BATCH;
                endEpoch(false);
                if (!trainer.finished()) return Step.EPOCH;
            }
            if (ending == null) finish();
            return Step.FINISHED;
        });
    }

    /**
     * Trains until the run is finished, or until {@code maxEpochs} more epochs have ended; in the
     * second case the state after the last of them is recorded and the run is recorded as
     * stopped with {@code whyStopped}.
     */
    public Outcome run(int maxEpochs, String whyStopped) {
        if (maxEpochs < 1) throw new IllegalArgumentException("a run trains at least 1 epoch at a time, got " + maxEpochs);
        int target = epochsEnded + maxEpochs;
        return guarded(() -> {
            while (!trainer.finished()) {
                trainer.trainBatch();
                listener.batchTrained(trainer);
                if (trainer.batchInEpoch() < trainer.batchesPerEpoch()) continue;
                boolean stop = epochsEnded + 1 >= target && trainer.epoch() + 1 < trainer.config().totalEpochs();
                endEpoch(stop);
                if (stop) {
                    record.stopped(whyStopped);
                    return Outcome.STOPPED;
                }
            }
            if (ending == null) finish();
            return Outcome.FINISHED;
        });
    }

    private void endEpoch(boolean stopping) {
        EpochMetrics m = trainer.finishEpoch();
        epochsEnded++;
        boolean save = stopping || trainer.finished() || trainer.epoch() % checkpointEvery == 0;
        record.epochEnded(m, save ? trainer.state() : null);
        listener.epochEnded(m, trainer);
    }

    private void finish() {
        listener.testing(trainer);
        TestResult full = finalTest == FinalTest.FULL ? trainer.evaluateTest() : null;
        int errors = full != null ? full.headlineErrorsTest() : trainer.testErrors();
        int cases = trainer.data().test().count();
        double wall = (System.nanoTime() - startNanos) / 1e9;
        if (full != null) record.finished(full, trainer.network(), wall);
        ending = new Ending(full, errors, cases, wall);
        listener.finished(ending, trainer);
    }

    private <T> T guarded(java.util.function.Supplier<T> body) {
        try {
            return body.get();
        } catch (TrainingDivergedException e) {
            record.diverged(e.getMessage());
            throw e;
        } catch (RuntimeException | Error e) {
            record.diverged(describe(e));
            throw e;
        }
    }

    /** A failure in the user's words, for the run's status line. */
    public static String describe(Throwable e) {
        if (e instanceof OutOfMemoryError) return goodness.data.HeapBudget.outOfMemoryMessage();
        String m = e.getMessage();
        if (m == null || m.isBlank()) m = "training failed (" + e.getClass().getSimpleName() + ")";
        return m;
    }
}
