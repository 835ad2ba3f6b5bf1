package goodness.ff.training;

import goodness.ff.SeededRandom;
import org.ejml.data.FMatrixRMaj;

/**
 * Inverted dropout for the hinton-plus preset: each element is zeroed with probability p and the
 * kept ones are scaled by 1/(1 − p), so that a layer's expected input is the same in training as
 * at evaluation, where no dropout is applied. The masks come from the run's seeded generator,
 * so a run and its resumed continuation draw the same masks.
 */
public final class Dropout {
    private Dropout() {
    }

    /**
     * Applies dropout to the first {@code rows} rows of {@code m} in place (modified). Each element
     * takes 32 random bits (two elements per draw of the generator).
     */
    public static void applyInPlace(FMatrixRMaj m, int rows, double p, SeededRandom rng) {
        if (p <= 0) return;
        if (!(p < 1)) throw new IllegalArgumentException("dropout rate must be in [0, 1), got " + p);
        long dropBelow = (long) (p * 4294967296.0); // an element is dropped when its 32 bits are below this
        float keepScale = (float) (1.0 / (1.0 - p));
        float[] d = m.data;
        int n = rows * m.numCols;
        int i = 0;
        for (; i + 1 < n; i += 2) {
            long bits = rng.nextLong();
            d[i] = (bits >>> 32) < dropBelow ? 0f : d[i] * keepScale;
            d[i + 1] = (bits & 0xFFFFFFFFL) < dropBelow ? 0f : d[i + 1] * keepScale;
        }
        if (i < n) d[i] = (rng.nextLong() >>> 32) < dropBelow ? 0f : d[i] * keepScale;
    }
}
