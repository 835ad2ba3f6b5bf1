package goodness.ff.negatives;

import goodness.ff.FFConfig;
import goodness.ff.FFMath;
import goodness.ff.NegativeMode;

/**
 * Recipe A step 3: the same image with a wrong label sampled from the model's own belief over
 * the nine wrong classes. The true class's logit is lowered by 1000 (so it gets probability ~0),
 * the logits go through a max-subtracted softmax, and one uniform draw per case picks a label by
 * inverse CDF. Rounding can leave the cumulative sum just below the draw; then the last class
 * with non-zero probability is taken, which is never the true one.
 */
public final class HardNegatives implements NegativeStrategy {
    private final float[] scratch = new float[FFConfig.LABELS];
    private final float[] probs = new float[FFConfig.LABELS];

    @Override public NegativeMode mode() { return NegativeMode.HARD; }

    @Override public boolean keepsImages() { return true; }

    @Override
    public void makeNegatives(NegativeBatch b) {
        if (b.beliefs == null) throw new IllegalStateException("hard negatives need the model's beliefs (logits) for the batch");
        System.arraycopy(b.images, 0, b.negImages, 0, b.rows * FFConfig.IMAGE_PIXELS);
        for (int i = 0; i < b.rows; i++) {
            int c = sampleWrongLabel(b.beliefs, i * FFConfig.LABELS, b.labels[i], b.rng.nextDouble());
            b.negLabels[i] = c;
            if (i < b.detailRows) b.chosenProbability[i] = probs[c];   // probs: the softmax this sample was drawn from
        }
    }

    /**
     * Samples a wrong label from {@code logits[o..o+10)} (not modified) with the uniform draw
     * {@code u} in [0,1). Public for tests.
     */
    public int sampleWrongLabel(float[] logits, int o, int trueLabel, double u) {
        System.arraycopy(logits, o, scratch, 0, FFConfig.LABELS);
        scratch[trueLabel] -= 1000f;
        FFMath.softmax10(scratch, 0, probs);
        double cum = 0;
        int lastNonZero = -1;
        for (int c = 0; c < FFConfig.LABELS; c++) {
            if (c == trueLabel || probs[c] <= 0f) continue;
            lastNonZero = c;
            cum += probs[c];
            if (u < cum) return c;
        }
        if (lastNonZero >= 0) return lastNonZero;
        // Every wrong class underflowed to 0 (cannot happen with finite logits): fall back to uniform.
        int k = (int) (u * (FFConfig.LABELS - 1));
        return k >= trueLabel ? k + 1 : k;
    }
}
