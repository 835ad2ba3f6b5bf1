package goodness.ff.negatives;

import goodness.ff.FFConfig;
import goodness.ff.NegativeMode;

/**
 * The first cases of one trained batch, positive and negative, exactly as the trainer used them:
 * for the Inside view's negatives strip. Pixels are raw ([0,1], 784 per image, label pixels
 * not embedded); the labels are the ones the trainer embedded. Arrays are private copies that
 * nobody writes to after construction.
 *
 * @param epoch             epoch of the batch
 * @param batch             index of the batch in its epoch
 * @param mode              the negative mode that made these negatives
 * @param cases             number of cases shown
 * @param positives         the positive images, cases × 784
 * @param labels            their true labels
 * @param negatives         the negative images as the network received them, cases × 784
 * @param negativeLabels    the labels embedded in the negatives
 * @param chosenProbability hard negatives: the probability of each sampled wrong label under
 *                          the model's belief; null for the other modes
 * @param masks             mask hybrids: each hybrid's mask (1 = pixel from source a), cases × 784; else null
 * @param sourceA           mask hybrids: the first source image of each hybrid, cases × 784; else null
 * @param sourceB           mask hybrids: the second source image; else null
 */
public record NegativesSample(int epoch, int batch, NegativeMode mode, int cases, float[] positives, int[] labels,
                              float[] negatives, int[] negativeLabels, float[] chosenProbability,
                              float[] masks, float[] sourceA, float[] sourceB) {

    /** Copies the details of {@code b}'s first {@code b.detailRows} cases (made in {@code mode}). */
    public static NegativesSample of(NegativeBatch b, NegativeMode mode, int epoch, int batch) {
        int n = Math.min(b.detailRows, b.rows), dim = FFConfig.IMAGE_PIXELS;
        float[] pos = java.util.Arrays.copyOf(b.images, n * dim);
        float[] neg = java.util.Arrays.copyOf(b.negImages, n * dim);
        int[] labels = java.util.Arrays.copyOf(b.labels, n), negLabels = java.util.Arrays.copyOf(b.negLabels, n);
        float[] prob = mode == NegativeMode.HARD ? java.util.Arrays.copyOf(b.chosenProbability, n) : null;
        float[] masks = null, a = null, bb = null;
        if (mode == NegativeMode.MASK) {
            masks = java.util.Arrays.copyOf(b.masks, n * dim);
            a = new float[n * dim];
            bb = new float[n * dim];
            for (int i = 0; i < n; i++) {
                b.trainingSet.copyImage(b.sourceA[i], a, i * dim);
                b.trainingSet.copyImage(b.sourceB[i], bb, i * dim);
            }
        }
        return new NegativesSample(epoch, batch, mode, n, pos, labels, neg, negLabels, prob, masks, a, bb);
    }
}
