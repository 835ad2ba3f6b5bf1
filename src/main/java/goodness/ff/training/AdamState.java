package goodness.ff.training;

/**
 * One Adam optimiser state for one layer's parameters (W in×out and b): first and second moments
 * and the step count. Recipe B keeps three of these per layer (joint, positive-only,
 * negative-only); a step of one phase reads and writes only its own state, so the moments of the
 * awake phase never see sleep gradients and vice versa.
 *
 * <p>The update is PyTorch's {@code torch.optim.Adam} with bias correction, written as
 * {@code p ← p − (lr / (1 − β1^t)) · m / (sqrt(v) / sqrt(1 − β2^t) + eps)}, fused into one pass
 * over the parameters so that a step allocates nothing. Descent: {@code dW} is dLoss/dW.
 */
public final class AdamState {
    public static final double BETA1 = 0.9, BETA2 = 0.999, EPS = 1e-8;

    final float[] mW, vW, mb, vb;
    long steps;

    public AdamState(int in, int out) {
        mW = new float[in * out];
        vW = new float[in * out];
        mb = new float[out];
        vb = new float[out];
    }

    /** Number of steps this state has taken. */
    public long steps() {
        return steps;
    }

    /**
     * One Adam step on {@code w} (first {@code nW} entries, modified) and {@code b} (modified) with
     * gradients {@code dW} and {@code db} (not modified) and step size {@code lr}.
     */
    public void step(float[] w, int nW, float[] b, float[] dW, float[] db, double lr) {
        steps++;
        double bc1 = 1 - Math.pow(BETA1, steps), bc2 = 1 - Math.pow(BETA2, steps);
        float stepSize = (float) (lr / bc1);
        float invSqrtBc2 = (float) (1 / Math.sqrt(bc2));
        update(w, mW, vW, dW, nW, stepSize, invSqrtBc2);
        update(b, mb, vb, db, b.length, stepSize, invSqrtBc2);
    }

    private static void update(float[] p, float[] m, float[] v, float[] g, int n, float stepSize, float invSqrtBc2) {
        final float b1 = (float) BETA1, c1 = (float) (1 - BETA1), b2 = (float) BETA2, c2 = (float) (1 - BETA2), eps = (float) EPS;
        for (int k = 0; k < n; k++) {
            float gk = g[k];
            float mk = b1 * m[k] + c1 * gk;
            float vk = b2 * v[k] + c2 * gk * gk;
            m[k] = mk;
            v[k] = vk;
            p[k] -= stepSize * mk / ((float) Math.sqrt(vk) * invSqrtBc2 + eps);
        }
    }

    /**
     * The sum of squares of the last step's change to the first {@code nW} weights, recomputed
     * from the moments now held (the step was {@code lr / (1 − β1^t) · m / (sqrt(v) / sqrt(1 − β2^t) + eps)});
     * 0 before the first step.
     */
    public double lastWeightStepSumSquares(int nW, double lr) {
        if (steps == 0) return 0;
        double bc1 = 1 - Math.pow(BETA1, steps), invSqrtBc2 = 1 / Math.sqrt(1 - Math.pow(BETA2, steps));
        double stepSize = lr / bc1, sum = 0;
        for (int k = 0; k < nW; k++) {
            double d = stepSize * mW[k] / (Math.sqrt(vW[k]) * invSqrtBc2 + EPS);
            sum += d * d;
        }
        return sum;
    }
}
