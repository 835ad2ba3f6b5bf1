package goodness.ff.training;

import goodness.data.DataSplits;
import goodness.data.HeapBudget;
import goodness.ff.FFConfig;
import goodness.ff.InvalidConfigException;
import goodness.ff.Recipe;

import java.util.Locale;

/**
 * How much heap a training run of a config needs, estimated from the config alone before
 * anything is allocated, so that a config whose layers cannot fit is refused with the figure
 * and the heap's size instead of dying half-way through allocating with an
 * {@link OutOfMemoryError}. The estimate follows the trainers' allocations (float32 throughout):
 * <ul>
 *   <li><b>parameters and optimiser state</b>: the weights, biases and readouts P, times 2 for
 *       recipe A (weights + momentum) or 7 for recipe B (weights + Adam's two moments for each of
 *       the three phases), plus one copy of the network for the app's prediction snapshot;</li>
 *   <li><b>batch buffers</b>: per layer, the stacked positive/neutral and negative activations
 *       (6 B × width for A, 4 B × (fan-in + width) for B), the gradient buffers (2 B × widest,
 *       widest fan-in × widest), the batch's images;</li>
 *   <li><b>evaluation buffers</b>: the scorer's 250-image blocks of ten labels (2 × 2500 × width
 *       per layer and the inputs) and the per-image scores;</li>
 *   <li><b>data</b>: the loaded images as floats.</li>
 * </ul>
 * It is an estimate to within some tens of percent, not an accounting: its job is to tell
 * "fits" from "cannot possibly fit" before the first allocation.
 */
public final class TrainingMemory {
    private static final int SCORER_ROWS = 250 * FFConfig.LABELS;

    /** The estimate, in bytes, by part. */
    public record Estimate(long parameters, long buffers, long data) {
        public long total() {
            return parameters + buffers + data;
        }
    }

    private TrainingMemory() {
    }

    /** The estimate for training {@code config} on {@code images} loaded images (train + valid + test). */
    public static Estimate estimate(FFConfig config, long images) {
        long params = 0, batchActivations = 0, scorer = 0;
        long b = config.batchSize();
        int in = FFConfig.IMAGE_PIXELS, maxIn = in, maxW = 0;
        boolean hinton = config.recipe() == Recipe.HINTON, recurrent = config.recipe() == Recipe.RECURRENT;
        int iterations = recurrent ? config.recurrentSettings().iterations() : 0;
        for (int l = 0; l < config.layerCount(); l++) {
            int w = config.width(l);
            params += (long) in * w + w + (hinton && l >= 1 ? (long) w * FFConfig.LABELS : 0);
            // The recurrent recipe: V_l; per layer its pass's four 2B-row buffers, the T iterations' inputs and deltas, the scorer's four 1,000-row buffers.
            if (recurrent) params += (long) (l + 1 < config.layerCount() ? config.width(l + 1) : FFConfig.LABELS) * w;
            batchActivations += recurrent ? (8 + 4L * iterations) * b * w : hinton ? 6 * b * w : 4 * b * ((long) in + w);
            scorer += recurrent ? 4L * 1000 * w : 2L * SCORER_ROWS * w + 2L * 250 * w;
            maxIn = Math.max(maxIn, in);
            maxW = Math.max(maxW, w);
            in = w;
        }
        if (config.topLayerTerm()) params += (long) in * FFConfig.LABELS;
        long copies = hinton || recurrent ? 2 + 1 : 7 + 1;
        long buffers = batchActivations + 2 * b * maxIn + 2 * b * maxW + (long) maxIn * maxW
                + 3 * b * FFConfig.IMAGE_PIXELS + scorer + (long) SCORER_ROWS * FFConfig.IMAGE_PIXELS * 2
                + images * FFConfig.LABELS * (config.layerCount() + 2);
        return new Estimate(4 * copies * params, 4 * buffers, 4 * images * FFConfig.IMAGE_PIXELS);
    }

    /**
     * Refuses a run that cannot fit this JVM's heap, before anything is allocated.
     *
     * @throws InvalidConfigException naming {@code hiddenSizes}, with the estimate and the heap's size
     */
    public static void requireFits(FFConfig config, DataSplits data) {
        long images = (long) data.train().count() + data.valid().count() + data.test().count();
        Estimate e = estimate(config, images);
        long heap = HeapBudget.maxHeap();
        if (e.total() > heap)
            throw new InvalidConfigException("hiddenSizes", String.format(Locale.ROOT,
                    "training %s with batch %d needs about %s of memory (weights and optimiser state %s, batch and evaluation buffers %s, data %s), "
                            + "more than this JVM's heap of at most %s; use narrower layers or a smaller batch, or give the JVM more heap (java -Xmx...)",
                    shape(config), config.batchSize(), HeapBudget.megabytes(e.total()), HeapBudget.megabytes(e.parameters()),
                    HeapBudget.megabytes(e.buffers()), HeapBudget.megabytes(e.data()), HeapBudget.megabytes(heap)));
    }

    private static String shape(FFConfig c) {
        StringBuilder s = new StringBuilder().append(FFConfig.IMAGE_PIXELS);
        for (int h : c.hiddenSizes()) s.append('-').append(h);
        return s.toString();
    }
}
