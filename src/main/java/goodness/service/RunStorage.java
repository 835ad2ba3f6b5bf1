package goodness.service;

import goodness.ff.FFNetwork;
import goodness.ff.scoring.TestResult;
import goodness.ff.training.EpochMetrics;
import goodness.ff.training.TrainingState;
import goodness.runs.RunStatus;
import goodness.runs.RunWriter;
import goodness.runs.TrainingRun;

import java.nio.file.Path;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * The app's run in its run folder. A disk that fails never stops training: the first write that
 * fails closes the folder, the run goes on in memory, and the user is told once. Worker thread
 * only, except {@link #name()}.
 */
final class RunStorage implements TrainingRun.Record {
    private static final System.Logger LOG = System.getLogger(RunStorage.class.getName());

    private final Consumer<TrainingEvent> emit;
    private RunWriter run;
    private volatile String name;
    /** The batch the run stands at, for {@link TrainingEvent.RunStored}. */
    private final java.util.function.IntSupplier batchInEpoch;

    RunStorage(Consumer<TrainingEvent> emit, java.util.function.IntSupplier batchInEpoch) {
        this.emit = emit;
        this.batchInEpoch = batchInEpoch;
    }

    /** The folder name of the run in progress or last run, or null if it is not stored. */
    String name() {
        return name;
    }

    boolean isOpen() {
        return run != null;
    }

    RunWriter writer() {
        return run;
    }

    /** Opens the run's folder; if the store cannot be written the run goes on in memory, and the user is told. */
    void open(Supplier<RunWriter> open) {
        try {
            run = open.get();
            name = run.name();
        } catch (RuntimeException e) {
            run = null;
            name = null;
            LOG.log(System.Logger.Level.WARNING, "the run is not stored", e);
            emit.accept(new TrainingEvent.Failed("store", TrainingService.message(e) + "; the run goes on without being stored"));
        }
    }

    /** Forgets the last run's name (a new run is being set up). */
    void forget() {
        name = null;
    }

    /** A write to the folder; if it fails, the run goes on unstored and the user is told once. */
    void write(Consumer<RunWriter> write) {
        if (run == null) return;
        try {
            write.accept(run);
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, "could not write to run " + run.name(), e);
            emit.accept(new TrainingEvent.Failed("store", TrainingService.message(e) + "; the run goes on without being stored"));
            RunWriter w = run;
            run = null;
            try {
                w.close();
            } catch (RuntimeException again) {
                LOG.log(System.Logger.Level.WARNING, "could not close run " + w.name(), again);
            }
        }
    }

    /** Checkpoints the run where it stands (pause, stop, setting change); the file, or null when not stored. */
    Path checkpoint(TrainingState s) {
        if (run == null) return null;
        write(w -> w.checkpoint(s));
        emitStored();
        return run == null ? null : run.checkpointFile();
    }

    /** Saves the run where it stands, records its end ({@code status}, {@code why}) and closes the folder. */
    void end(TrainingState s, RunStatus status, String why) {
        if (run == null) return;
        checkpoint(s);
        if (status == RunStatus.STOPPED) write(w -> w.stopped(why));
        else write(w -> w.diverged(why));
        emitStored();
        close();
    }

    void close() {
        RunWriter w = run;
        run = null;
        if (w == null) return;
        try {
            w.close();
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, "could not close run " + w.name(), e);
            emit.accept(new TrainingEvent.Failed("store", TrainingService.message(e)));
        }
    }

    void emitStored() {
        if (run != null) emit.accept(new TrainingEvent.RunStored(run.name(), run.folder(), run.status(), run.epochsDone(), batchInEpoch.getAsInt()));
    }

    // The training loop's record: each write tolerant, each followed by the stored state.

    @Override
    public void epochEnded(EpochMetrics metrics, TrainingState checkpoint) {
        if (run == null) return;
        write(w -> w.epochEnded(metrics, checkpoint));
        emitStored();
    }

    @Override
    public void finished(TestResult test, FFNetwork network, double wallSeconds) {
        if (run == null) return;
        write(w -> w.finished(test, network, wallSeconds));
        emitStored();
        close();
    }

    @Override
    public void stopped(String why) {
        if (run == null) return;
        write(w -> w.stopped(why));
        emitStored();
    }

    @Override
    public void diverged(String why) {
        if (run == null) return;
        write(w -> w.diverged(why));
        emitStored();
        close();
    }
}
