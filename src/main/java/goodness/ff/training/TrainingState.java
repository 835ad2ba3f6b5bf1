package goodness.ff.training;

import goodness.ff.FFConfig;
import goodness.ff.FFNetwork;
import goodness.ff.NegativeMode;
import goodness.ff.PhaseSchedule;

import java.util.Map;
import java.util.TreeMap;

/**
 * Everything needed to continue a run exactly where it stopped: the config, the network, the
 * optimiser buffers (momentum or Adam moments, peer means), the cursor (epoch, batch, batch
 * counter, data order), the RNG state, the live settings, and the running sums of the epoch in
 * progress. Written by {@link goodness.ff.io.Checkpoints}. Arrays are shared, not copied: take
 * it on the training thread and write it before the next batch.
 *
 * @param buffers       named optimiser buffers (sorted by name)
 * @param accumulators  named running sums of the epoch in progress (sorted by name)
 */
public record TrainingState(FFConfig config, FFNetwork network, int epoch, int batchInEpoch, long batchCounter,
                            int[] order, long[] rngState, NegativeMode negatives, PhaseSchedule phases, double rateScale,
                            Map<String, float[]> buffers, Map<String, double[]> accumulators) {

    public TrainingState {
        buffers = new TreeMap<>(buffers);
        accumulators = new TreeMap<>(accumulators);
    }

    /**
     * The same state under another config of the same network (threads, backend, or a recipe-B
     * run's longer epochs): the network is re-labelled with it, its weights shared, not copied.
     */
    public TrainingState withConfig(FFConfig c) {
        FFNetwork n = network;
        return new TrainingState(c, FFNetwork.of(c, n.weights, n.biases, n.readout, n.topLayer, n.topDown), epoch, batchInEpoch, batchCounter,
                order, rngState, negatives, phases, rateScale, buffers, accumulators);
    }
}
