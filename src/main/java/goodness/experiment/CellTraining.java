package goodness.experiment;

import goodness.data.DataSplits;
import goodness.ff.FFConfig;
import goodness.ff.FFNetwork;
import goodness.ff.io.Checkpoints;
import goodness.ff.scoring.TestResult;
import goodness.ff.training.EpochMetrics;
import goodness.ff.training.Trainer;
import goodness.ff.training.Trainers;
import goodness.ff.training.TrainingState;
import goodness.runs.TrainingRun;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Trains the cells of one experiment invocation, each from scratch or from its checkpoint in
 * {@code partial/}, and counts the epochs this invocation has trained so that it can stop after
 * {@link ExperimentOptions#stopAfterEpochs()} of them.
 */
final class CellTraining {
    private final ExperimentOptions options;
    private final ExperimentFolder folder;
    private final ExperimentListener listener;
    private int epochsThisRun;

    CellTraining(ExperimentOptions options, ExperimentFolder folder, ExperimentListener listener) {
        this.options = options;
        this.folder = folder;
        this.listener = listener;
    }

    /** Epochs trained by this invocation so far, over all its cells. */
    int epochsThisRun() {
        return epochsThisRun;
    }

    /**
     * Trains one cell, continuing from its checkpoint when an earlier invocation was cut off;
     * returns null when {@link ExperimentOptions#stopAfterEpochs()} stopped it (its checkpoint is
     * then on disk). The loop is the runs' own ({@link TrainingRun}); a cell keeps its checkpoint in
     * {@code partial/} after every epoch that does not end it, and its energy test errors at the end.
     */
    CellResult train(Cell cell, Budget budget, DataSplits data, int index, int total) throws IOException {
        FFConfig config = options.configOf(cell);
        Path ckpt = folder.partialCheckpoint(cell, budget), secondsFile = folder.partialSeconds(cell, budget);
        TrainingState state = null;
        CellTime before = CellTime.ZERO;
        if (Files.exists(ckpt)) {
            state = Checkpoints.loadState(ckpt);
            if (!sameRun(state.config(), config))
                throw new IllegalArgumentException(ckpt + " is the checkpoint of a different configuration; delete it to start the cell afresh");
            state = state.withConfig(config);
            if (Files.exists(secondsFile)) before = CellTime.read(secondsFile);
            listener.continuing(cell, ckpt, state.epoch());
        }
        long t0 = System.nanoTime();
        double cpu0 = CellTime.processCpuSeconds();
        CellTime spentBefore = before;
        try (Trainer trainer = state != null ? Trainers.resume(state, data, Trainers.backendFor(config))
                : Trainers.create(config, data, Trainers.backendFor(config))) {
            int epochsLeft = options.stopAfterEpochs() - epochsThisRun;
            if (!trainer.finished() && epochsLeft <= 0) {
                listener.cellTrainingEnded(cell);
                return null;
            }
            // The cell's checkpoint and its time so far, after every epoch that does not end it.
            TrainingRun.Record partial = new TrainingRun.Record() {
                @Override
                public void epochEnded(EpochMetrics metrics, TrainingState checkpoint) {
                    epochsThisRun++;
                    if (checkpoint == null || checkpoint.epoch() >= checkpoint.config().totalEpochs()) return;
                    try {
                        Files.createDirectories(ckpt.getParent());
                        Checkpoints.saveState(checkpoint, ckpt);
                        spentBefore.plus(t0, cpu0).write(secondsFile);
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                }

                @Override public void finished(TestResult test, FFNetwork network, double wallSeconds) { }
                @Override public void stopped(String why) { }
                @Override public void diverged(String why) { }
            };
            int all = trainer.batchesPerEpoch() * config.totalEpochs();
            long startBatches = trainer.batchCounter();
            TrainingRun.Listener progress = new TrainingRun.Listener() {
                @Override
                public void batchTrained(Trainer t) {
                    long done = t.batchCounter();
                    double secs = (System.nanoTime() - t0) / 1e9;
                    listener.batchTrained(cell, index, total, done, all,
                            (done - startBatches) * config.batchSize() / secs, (all - done) * secs / (done - startBatches));
                }

                @Override
                public void testing(Trainer t) {
                    listener.cellTrainingEnded(cell);
                }
            };
            TrainingRun loop = new TrainingRun(trainer, partial, progress, 1, TrainingRun.FinalTest.TEST_ERRORS);
            if (loop.run(Math.max(1, epochsLeft), "") == TrainingRun.Outcome.STOPPED) {
                listener.cellTrainingEnded(cell);
                return null;
            }
            CellTime spent = spentBefore.plus(t0, cpu0);
            return new CellResult(cell, budget, loop.ending().energyTestErrors(), data.test().count(), spent.wall(), spent.cpu());
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
    }

    /** A checkpoint continues a cell only if it was made for the same run (speed settings aside). */
    private static boolean sameRun(FFConfig a, FFConfig b) {
        return a.toBuilder().threads(b.threads()).backend(b.backend()).build().equals(b);
    }
}
