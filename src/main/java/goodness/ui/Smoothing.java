package goodness.ui;

/**
 * The charts' smoothing: an exponential moving average, debiased as TensorBoard's is, so the
 * first points are not pulled towards zero. With weight w, s_i = w·s_{i-1} + (1 - w)·y_i from
 * s_{-1} = 0, then divided by 1 - w^(i+1); w = 0 returns the values unchanged.
 */
public final class Smoothing {
    private Smoothing() {
    }

    /** A new array: the smoothed values of {@code y} (NaN values are carried through, not mixed in). */
    public static double[] ema(double[] y, double weight) {
        if (!(weight >= 0 && weight < 1)) throw new IllegalArgumentException("smoothing weight must be in [0, 1), got " + weight);
        double[] out = new double[y.length];
        double acc = 0, debias = 1;
        for (int i = 0; i < y.length; i++) {
            if (!Double.isFinite(y[i])) {
                out[i] = y[i];
                continue;
            }
            acc = weight * acc + (1 - weight) * y[i];
            debias *= weight;
            out[i] = acc / (1 - debias);
        }
        return out;
    }
}
