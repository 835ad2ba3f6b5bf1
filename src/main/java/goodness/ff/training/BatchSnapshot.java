package goodness.ff.training;

import goodness.ff.NegativeMode;
import goodness.ff.Phase;

import java.util.List;

/**
 * An immutable view of training progress inside an epoch, for live charts: the running figures
 * of the epoch so far and the last batch's goodness distributions.
 *
 * @param epoch             epoch in progress (0-based)
 * @param batch             batches done in this epoch
 * @param batchesPerEpoch   batches in an epoch
 * @param runningCost       trainlogcost of the epoch so far, scaled to a full epoch's convention
 * @param runningPairwise   per layer, pairwise errors so far in this epoch
 * @param meanGoodnessPos   per layer, mean positive goodness so far in this epoch
 * @param meanGoodnessNeg   per layer, mean negative goodness so far in this epoch
 * @param lastPos           per layer, the last batch's positive goodness of every case
 * @param lastNeg           per layer, the last batch's negative goodness of every case
 * @param threshold         per layer, the goodness threshold (in the same units as goodness)
 * @param phase             the phase of the last batch
 * @param negatives         the negative mode of the last batch
 * @param samplesPerSecond  training speed over the epoch so far
 */
public record BatchSnapshot(int epoch, int batch, int batchesPerEpoch, double runningCost,
                            List<Integer> runningPairwise, List<Double> meanGoodnessPos, List<Double> meanGoodnessNeg,
                            List<float[]> lastPos, List<float[]> lastNeg, List<Double> threshold,
                            Phase phase, NegativeMode negatives, double samplesPerSecond) {
}
