package goodness.ff;

import goodness.data.LabeledImages;

/**
 * The working data of one batch's negative-data step; owned and reused by a trainer.
 *
 * <p>Inputs (read, not modified by strategies): {@code images} (the batch's positive images,
 * raw pixels in [0,1], {@code rows × 784}), {@code labels} (their true labels), {@code beliefs}
 * ({@code rows × 10} logits of the model's belief in each label, or null when the preset has
 * none), {@code trainingSet} (source of the second image of mask hybrids) and {@code rng}.
 * Outputs (written by strategies): {@code negImages} (raw pixels, {@code rows × 784}) and
 * {@code negLabels}.
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

    public NegativeBatch(int capacity) {
        images = new float[capacity * FFConfig.IMAGE_PIXELS];
        labels = new int[capacity];
        negImages = new float[capacity * FFConfig.IMAGE_PIXELS];
        negLabels = new int[capacity];
    }
}
