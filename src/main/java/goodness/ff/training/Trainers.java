package goodness.ff.training;

import goodness.data.DataSplits;
import goodness.data.DatasetLoader;
import goodness.data.SplitKind;
import goodness.ff.FFConfig;
import goodness.ff.Recipe;
import goodness.ff.backend.Backends;
import goodness.ff.backend.MatrixBackend;

import java.nio.file.Path;
import java.util.Map;

/** Creates the trainer of a config's preset, and loads the data a config asks for. */
public final class Trainers {
    private Trainers() {
    }

    /** A new run. The trainer owns {@code backend} from here on and closes it. */
    public static Trainer create(FFConfig config, DataSplits data, MatrixBackend backend) {
        return switch (config.recipe()) {
            case HINTON -> config.unsupervised() ? new UnsupervisedTrainer(config, data, backend) : new HintonTrainer(config, data, backend);
            case SLEEP -> new SleepTrainer(config, data, backend);
            case RECURRENT -> new RecurrentTrainer(config, data, backend);
        };
    }

    /** Continues a checkpointed run exactly where it stopped. */
    public static Trainer resume(TrainingState state, DataSplits data, MatrixBackend backend) {
        return switch (state.config().recipe()) {
            case HINTON -> state.config().unsupervised() ? UnsupervisedTrainer.resume(state, data, backend) : HintonTrainer.resume(state, data, backend);
            case SLEEP -> SleepTrainer.resume(state, data, backend);
            case RECURRENT -> RecurrentTrainer.resume(state, data, backend);
        };
    }

    /**
     * What a checkpoint of a run of {@code config} holds besides the network and the cursor: the
     * optimiser buffers and the epoch's sums, name → length. {@link goodness.ff.io.Checkpoints}
     * checks a file against it, so a checkpoint that could not resume is refused when it is read.
     */
    public static Map<String, Integer> checkpointBuffers(FFConfig config) {
        return switch (config.recipe()) {
            case HINTON -> HintonTrainer.checkpointBuffers(config);
            case SLEEP -> SleepTrainer.checkpointBuffers(config);
            case RECURRENT -> RecurrentTrainer.checkpointBuffers(config);
        };
    }

    public static Map<String, Integer> checkpointAccumulators(FFConfig config) {
        Map<String, Integer> sizes = new java.util.TreeMap<>(EpochTally.checkpointAccumulators(config.layerCount()));
        if (config.recipe() == Recipe.SLEEP) sizes.putAll(SleepTrainer.checkpointAccumulators(config));
        return sizes;
    }

    /** Checkpoint accumulators that files written before them may lack (restored as zeros). */
    public static java.util.Set<String> optionalCheckpointAccumulators() {
        return EpochTally.optionalCheckpointAccumulators();
    }

    /** The split each preset trains on: A and the recurrent recipe 50k/10k/10k (seed 000), B all 60k + test (seed 003). */
    public static SplitKind splitOf(Recipe preset) {
        return preset == Recipe.SLEEP ? SplitKind.FULL : SplitKind.HINTON;
    }

    /** The data a run of {@code config} trains on; the split must hold at least one batch. */
    public static DataSplits loadData(Path dataRoot, FFConfig config) {
        return DatasetLoader.load(dataRoot, config.dataset(), splitOf(config.recipe()), config.trainLimit(), config.batchSize());
    }

    /**
     * The valid and test sets for evaluating a model of {@code config}, judged as
     * {@link #loadData} judges them (same split, same minimum), but keeping one training image.
     */
    public static DataSplits loadEvalData(Path dataRoot, FFConfig config) {
        return DatasetLoader.load(dataRoot, config.dataset(), splitOf(config.recipe()), 1, config.batchSize());
    }

    public static MatrixBackend backendFor(FFConfig config) {
        return Backends.create(config.backend(), config.threads());
    }
}
