package goodness.ff.negatives;

import goodness.data.LabeledImages;
import goodness.ff.FFConfig;
import goodness.ff.NegativeMode;
import goodness.ff.SeededRandom;

/**
 * Hybrid images (seed 003, after Hinton): two random training images a and b are mixed under a
 * mask made of random bits (p = 0.5) blurred five times with the 3×3 kernel
 * outer([1/4, 1/2, 1/4], [1/4, 1/2, 1/4]) (zero padding) and thresholded: mask = blurred < 0.5;
 * hybrid = mask·a + (1 − mask)·b. The blur gives the mask large coherent regions, so a hybrid
 * has digit-like local strokes but no digit-like global shape. Each hybrid carries a label drawn
 * uniformly from all ten classes.
 */
public final class MaskHybrids implements NegativeStrategy {
    public static final int SIDE = 28;
    private final float[] mask = new float[SIDE * SIDE];
    private final float[] tmp = new float[SIDE * SIDE];

    @Override public NegativeMode mode() { return NegativeMode.MASK; }

    @Override
    public void makeNegatives(NegativeBatch b) {
        LabeledImages set = b.trainingSet;
        if (set == null || set.count() < 1) throw new IllegalStateException("mask negatives need a training set to draw images from");
        float[] src = set.pixels();
        int dim = FFConfig.IMAGE_PIXELS;
        for (int i = 0; i < b.rows; i++) {
            int ia = b.rng.nextInt(set.count()), ib = b.rng.nextInt(set.count());
            makeMask(b.rng, mask);
            int oa = ia * dim, ob = ib * dim, o = i * dim;
            for (int j = 0; j < dim; j++) {
                float m = mask[j];
                b.negImages[o + j] = m * src[oa + j] + (1 - m) * src[ob + j];
            }
            b.negLabels[i] = b.rng.nextInt(FFConfig.LABELS);
            if (i < b.detailRows) {
                System.arraycopy(mask, 0, b.masks, i * dim, dim);
                b.sourceA[i] = ia;
                b.sourceB[i] = ib;
            }
        }
    }

    /** Fills {@code out} (28×28, modified) with a binary blurred-random-bits mask of 0s and 1s. */
    public void makeMask(SeededRandom rng, float[] out) {
        for (int j = 0; j < SIDE * SIDE; j++) out[j] = rng.nextBit() ? 1f : 0f;
        for (int k = 0; k < 5; k++) blur(out, tmp);
        for (int j = 0; j < SIDE * SIDE; j++) out[j] = out[j] < 0.5f ? 1f : 0f;
    }

    /** One separable pass of the [1/4, 1/2, 1/4] kernel in each direction, zero padding; img modified. */
    static void blur(float[] img, float[] tmp) {
        for (int y = 0; y < SIDE; y++) {
            for (int x = 0; x < SIDE; x++) {
                float l = x > 0 ? img[y * SIDE + x - 1] : 0f, r = x < SIDE - 1 ? img[y * SIDE + x + 1] : 0f;
                tmp[y * SIDE + x] = 0.25f * l + 0.5f * img[y * SIDE + x] + 0.25f * r;
            }
        }
        for (int y = 0; y < SIDE; y++) {
            for (int x = 0; x < SIDE; x++) {
                float u = y > 0 ? tmp[(y - 1) * SIDE + x] : 0f, d = y < SIDE - 1 ? tmp[(y + 1) * SIDE + x] : 0f;
                img[y * SIDE + x] = 0.25f * u + 0.5f * tmp[y * SIDE + x] + 0.25f * d;
            }
        }
    }
}
