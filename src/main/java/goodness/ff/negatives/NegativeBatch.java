package goodness.ff.negatives;

import goodness.data.LabeledImages;
import goodness.ff.FFConfig;
import goodness.ff.SeededRandom;

/**
 * The working data of one batch's negative-data step; owned and reused by a trainer.
 *
 * <p>Inputs (read, not modified by strategies): {@code images} (the batch's positive images,
 * raw pixels in [0,1], {@code rows × 784}), {@code labels} (their true labels), {@code beliefs}
 * ({@code rows × 10} logits of the model's belief in each label, or null when the preset has
 * none), {@code trainingSet} (source of the second image of mask hybrids) and {@code rng}.
 * Outputs (written by strategies): {@code negImages} (raw pixels, {@code rows × 784}) and
 * {@code negLabels}.
 *
 * <p>Details for the Inside view, recorded by strategies only for the first {@code detailRows}
 * cases (0, the default, records nothing): hard negatives the probability with which the
 * sampled label was chosen; mask hybrids the mask and the indices of the two source images in
 * {@code trainingSet}. The arrays are allocated once; a batch without details writes none of them.
 */
public final class NegativeBatch {
    public int rows;
    public final float[] images;
    public final int[] labels;
    public float[] beliefs;
    public LabeledImages trainingSet;
    public SeededRandom rng;
    public final float[] negImages;
    public final int[] negLabels;

    /** Cases the strategy records details for (at most {@link #DETAIL_CAPACITY}). */
    public int detailRows;
    public static final int DETAIL_CAPACITY = 16;
    /** Hard negatives: the probability of the sampled wrong label under the model's belief. */
    public final float[] chosenProbability = new float[DETAIL_CAPACITY];
    /** Mask hybrids: the mask (1 = pixel from source a), 784 per case. */
    public final float[] masks = new float[DETAIL_CAPACITY * FFConfig.IMAGE_PIXELS];
    /** Mask hybrids: the indices of source images a and b in {@code trainingSet}. */
    public final int[] sourceA = new int[DETAIL_CAPACITY], sourceB = new int[DETAIL_CAPACITY];

    public NegativeBatch(int capacity) {
        images = new float[capacity * FFConfig.IMAGE_PIXELS];
        labels = new int[capacity];
        negImages = new float[capacity * FFConfig.IMAGE_PIXELS];
        negLabels = new int[capacity];
    }
}
