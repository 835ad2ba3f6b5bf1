package goodness.ff.training;

import goodness.ff.FFMath;
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
        apply(m, null, rows, p, rng);
    }

    /**
     * Dropout with one mask for a layer's normalised output {@code n} and its states {@code s}
     * (both modified: the same elements zeroed, the kept ones scaled by 1/(1 − p)), then
     * {@code goodness[i]} = Σ_j s_ij² of the dropped states, so that the layer is scored on what
     * survived. Draws exactly the bits {@link #applyInPlace(FMatrixRMaj, int, double, SeededRandom)}
     * draws: n gets the same mask either way.
     */
    public static void applyInPlace(FMatrixRMaj n, FMatrixRMaj s, float[] goodness, int rows, double p, SeededRandom rng) {
        if (p <= 0) return;
        if (s.numCols != n.numCols) throw new IllegalArgumentException("dropout: n has " + n.numCols + " columns but s has " + s.numCols);
        apply(n, s, rows, p, rng);
        int w = s.numCols;
        for (int i = 0; i < rows; i++) goodness[i] = FFMath.sumOfSquares(s.data, i * w, w);
    }

    /** The mask drawn for {@code m}'s elements, applied to {@code also} at the same places if it is not null. */
    private static void apply(FMatrixRMaj m, FMatrixRMaj also, int rows, double p, SeededRandom rng) {
        if (p <= 0) return;
        if (!(p < 1)) throw new IllegalArgumentException("dropout rate must be in [0, 1), got " + p);
        long dropBelow = (long) (p * 4294967296.0); // an element is dropped when its 32 bits are below this
        float keepScale = (float) (1.0 / (1.0 - p));
        float[] d = m.data, e = also == null ? null : also.data;
        int n = rows * m.numCols;
        int i = 0;
        // Each element's factor is 0 or 1/(1 − p); a dropped element becomes exactly 0 (the inputs are finite).
        for (; i + 1 < n; i += 2) {
            long bits = rng.nextLong();
            float f0 = (bits >>> 32) < dropBelow ? 0f : keepScale, f1 = (bits & 0xFFFFFFFFL) < dropBelow ? 0f : keepScale;
            d[i] *= f0;
            d[i + 1] *= f1;
            if (e != null) {
                e[i] *= f0;
                e[i + 1] *= f1;
            }
        }
        if (i < n) {
            float f = (rng.nextLong() >>> 32) < dropBelow ? 0f : keepScale;
            d[i] *= f;
            if (e != null) e[i] *= f;
        }
    }
}
