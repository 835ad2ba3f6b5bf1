package goodness.experiment;

import goodness.data.DataSplits;
import goodness.ff.FFConfig;
import goodness.ff.FFNetwork;
import goodness.ff.io.Checkpoints;
import goodness.ff.training.SleepTrainer;
import goodness.ff.training.Trainer;
import goodness.ff.training.Trainers;
import goodness.ff.training.TrainingState;

import java.io.IOException;
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
     * then on disk). The cell's whole training loop: create or resume the trainer, train batch by
     * batch and epoch by epoch, checkpoint after every unfinished epoch, then count test errors.
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
            state = withConfig(state, config);
            if (Files.exists(secondsFile)) before = CellTime.read(secondsFile);
            listener.continuing(cell, ckpt, state.epoch());
        }
        long t0 = System.nanoTime();
        double cpu0 = CellTime.processCpuSeconds();
        try (Trainer trainer = state != null ? Trainers.resume(state, data, Trainers.backendFor(config))
                : Trainers.create(config, data, Trainers.backendFor(config))) {
            int perEpoch = trainer.batchesPerEpoch(), all = perEpoch * config.epochs();
            long startBatches = trainer.batchCounter();
            while (!trainer.finished()) {
                if (epochsThisRun >= options.stopAfterEpochs()) {
                    listener.cellTrainingEnded(cell);
                    return null;
                }
                while (trainer.batchInEpoch() < perEpoch) {
                    trainer.trainBatch();
                    long doneBatches = trainer.batchCounter();
                    double secs = (System.nanoTime() - t0) / 1e9;
                    listener.batchTrained(cell, index, total, doneBatches, all,
                            (doneBatches - startBatches) * config.batchSize() / secs, (all - doneBatches) * secs / (doneBatches - startBatches));
                }
                trainer.finishEpoch();
                epochsThisRun++;
                if (!trainer.finished()) {
                    Files.createDirectories(ckpt.getParent());
                    Checkpoints.saveState(trainer.state(), ckpt);
                    before.plus(t0, cpu0).write(secondsFile);
                }
            }
            listener.cellTrainingEnded(cell);
            int errors = trainer instanceof SleepTrainer s ? s.testErrors(null) : trainer.evaluateTest().energyErrorsTest();
            CellTime spent = before.plus(t0, cpu0);
            return new CellResult(cell, budget, errors, data.test().count(), spent.wall(), spent.cpu());
        }
    }

    /** A checkpoint continues a cell only if it was made for the same run (speed settings aside). */
    private static boolean sameRun(FFConfig a, FFConfig b) {
        return a.toBuilder().threads(b.threads()).backend(b.backend()).build().equals(b);
    }

    /** The checkpoint's state under this invocation's speed settings (threads, backend). */
    private static TrainingState withConfig(TrainingState s, FFConfig c) {
        FFNetwork n = s.network();
        return new TrainingState(c, FFNetwork.of(c, n.weights, n.biases, n.readout, n.topLayer), s.epoch(), s.batchInEpoch(),
                s.batchCounter(), s.order(), s.rngState(), s.negatives(), s.phases(), s.rateScale(), s.buffers(), s.accumulators());
    }
}
