package goodness.ff.negatives;

import goodness.ff.FFConfig;
import goodness.ff.NegativeMode;

/** The same image with a label drawn uniformly from the nine wrong classes (never the true one). */
public final class RandomWrongLabels implements NegativeStrategy {

    @Override public NegativeMode mode() { return NegativeMode.RANDOM; }

    @Override public boolean keepsImages() { return true; }

    @Override
    public void makeNegatives(NegativeBatch b) {
        System.arraycopy(b.images, 0, b.negImages, 0, b.rows * FFConfig.IMAGE_PIXELS);
        for (int i = 0; i < b.rows; i++) {
            int k = b.rng.nextInt(FFConfig.LABELS - 1);
            b.negLabels[i] = k >= b.labels[i] ? k + 1 : k;
        }
    }
}
