package goodness.ff;

import org.ejml.data.FMatrixRMaj;

/**
 * The element-wise kernels of the FF forward pass, fused so that each touches the data once or
 * twice instead of once per numpy-style operation. All work on row-major float32 data in place
 * or into caller-owned outputs; none allocates.
 */
public final class FFMath {
    private FFMath() {
    }

    /** RMS norm epsilon of recipe A: {@code a / (1e-20 + sqrt(mean a²))}. */
    public static final double RMS_EPS = 1e-20;
    /** L2 norm epsilon of recipe B: {@code a / (||a|| + 1e-4)}. */
    public static final double L2_EPS = 1e-4;

    /**
     * The factor that normalises a row with sum of squares {@code sumSq} and {@code dim} entries:
     * recipe A divides by {@code 1e-20 + sqrt(sumSq / dim)} (every row ends with mean square 1),
     * recipe B by {@code sqrt(sumSq) + 1e-4} (unit length).
     */
    public static double normFactor(Recipe preset, double sumSq, int dim) {
        return preset == Recipe.HINTON
                ? 1.0 / (RMS_EPS + Math.sqrt(sumSq / dim))
                : 1.0 / (Math.sqrt(sumSq) + L2_EPS);
    }

    /** Goodness from a row's sum of squares: A sums, B takes the mean over the layer's units. */
    public static double goodness(Recipe preset, double sumSq, int width) {
        return preset == Recipe.HINTON ? sumSq : sumSq / width;
    }

    /** The logistic σ(x) = 1 / (1 + e^-x), stable for large |x|. */
    public static double logistic(double x) {
        if (x >= 0) return 1.0 / (1.0 + Math.exp(-x));
        double e = Math.exp(x);
        return e / (1.0 + e);
    }

    /** softplus(x) = ln(1 + e^x), stable for large |x|. */
    public static double softplus(double x) {
        return x > 0 ? x + Math.log1p(Math.exp(-x)) : Math.log1p(Math.exp(x));
    }

    /**
     * In place on the first {@code rows} rows of {@code s}: {@code s = relu(s + b)} (s modified),
     * and {@code sumSq[r] = Σ_j s[r][j]²} (sumSq modified; b not modified).
     */
    public static void addBiasReluSumSquares(FMatrixRMaj s, int rows, float[] b, float[] sumSq) {
        int cols = s.numCols;
        float[] d = s.data;
        for (int r = 0; r < rows; r++) {
            int o = r * cols;
            for (int j = 0; j < cols; j++) {
                float v = d[o + j] + b[j];
                d[o + j] = Math.max(v, 0f); // branch-free; NaN propagates to the goodness check
            }
            sumSq[r] = sumOfSquares(d, o, cols);
        }
    }

    /**
     * Σ v[o+j]² for j in [0, n). Eight independent partial sums: a single running sum would make
     * every addition wait for the previous one (the JIT may not reorder float additions).
     */
    public static float sumOfSquares(float[] v, int o, int n) {
        float a0 = 0, a1 = 0, a2 = 0, a3 = 0, a4 = 0, a5 = 0, a6 = 0, a7 = 0;
        int j = 0;
        for (; j + 8 <= n; j += 8) {
            int k = o + j;
            a0 += v[k] * v[k];
            a1 += v[k + 1] * v[k + 1];
            a2 += v[k + 2] * v[k + 2];
            a3 += v[k + 3] * v[k + 3];
            a4 += v[k + 4] * v[k + 4];
            a5 += v[k + 5] * v[k + 5];
            a6 += v[k + 6] * v[k + 6];
            a7 += v[k + 7] * v[k + 7];
        }
        for (; j < n; j++) a0 += v[o + j] * v[o + j];
        return ((a0 + a1) + (a2 + a3)) + ((a4 + a5) + (a6 + a7));
    }

    /**
     * One row of recipe A's layer 1 from the image product shared by its passes:
     * {@code out[o+j] = relu(f·(z[zo+j] + v·w[wo+j]) + b[j])} for j &lt; n (out modified; the rest
     * not); returns {@code Σ_j out[o+j]²}. Here z is (the image with its label pixels at 0)·W₁,
     * w the label's row of W₁ (the sum of the ten label rows for the neutral pass), v the label
     * pixels' value and f the row's normalisation factor: f·(x + v·e_c)·W₁ = f·(x·W₁ + v·W₁[c]),
     * the same sum as the plain product of the normalised, label-embedded row.
     */
    public static float layerOneRow(float[] z, int zo, float f, float v, float[] w, int wo, float[] b, float[] out, int o, int n) {
        for (int j = 0; j < n; j++) out[o + j] = Math.max(f * (z[zo + j] + v * w[wo + j]) + b[j], 0f);
        return sumOfSquares(out, o, n);
    }

    /**
     * The weight half of the momentum update, weight cost included, in one pass:
     * {@code w[k] += step · (momentum[k] − weightCost · w[k])} for k &lt; n (w modified; momentum
     * not, it was already updated inside the gradient product).
     */
    public static void momentumStepInPlace(float[] w, float[] momentum, int n, float step, float weightCost) {
        for (int k = 0; k < n; k++) w[k] += step * (momentum[k] - weightCost * w[k]);
    }

    /** {@code acc[j] += v[o+j]} for j &lt; n (acc modified): column sums, a row at a time. */
    public static void addRow(float[] v, int o, float[] acc, int n) {
        for (int j = 0; j < n; j++) acc[j] += v[o + j];
    }

    /** True if every one of the first {@code n} entries of {@code v} is finite. */
    public static boolean allFinite(float[] v, int n) {
        float a0 = 0, a1 = 0, a2 = 0, a3 = 0;
        int j = 0;
        // x·0 is 0 for finite x and NaN for NaN/±Inf, so a zero sum means all entries are finite.
        for (; j + 4 <= n; j += 4) {
            a0 += v[j] * 0f;
            a1 += v[j + 1] * 0f;
            a2 += v[j + 2] * 0f;
            a3 += v[j + 3] * 0f;
        }
        for (; j < n; j++) a0 += v[j] * 0f;
        return a0 + a1 + a2 + a3 == 0f;
    }

    /** {@code sumSq[r] = Σ_j x[r][j]²} for the first {@code rows} rows (sumSq modified). */
    public static void rowSumSquares(FMatrixRMaj x, int rows, float[] sumSq) {
        int cols = x.numCols;
        for (int r = 0; r < rows; r++) sumSq[r] = sumOfSquares(x.data, r * cols, cols);
    }

    /**
     * {@code n[r] = s[r] · normFactor(sumSq[r])} for the first {@code rows} rows (n modified; s and
     * sumSq not modified; n may be s for an in-place normalisation).
     */
    public static void normalizeRows(Recipe preset, FMatrixRMaj s, int rows, float[] sumSq, FMatrixRMaj n) {
        int cols = s.numCols;
        float[] src = s.data, dst = n.data;
        for (int r = 0; r < rows; r++) {
            float f = (float) normFactor(preset, sumSq[r], cols);
            int o = r * cols;
            for (int j = 0; j < cols; j++) dst[o + j] = src[o + j] * f;
        }
    }

    /** Overwrites pixels 0..9 of row {@code r} (data modified) with one-hot(label)·value. */
    public static void embedOneHot(float[] data, int row, int cols, int label, float value) {
        int o = row * cols;
        for (int c = 0; c < FFConfig.LABELS; c++) data[o + c] = 0f;
        data[o + label] = value;
    }

    /** Overwrites pixels 0..9 of row {@code r} (data modified) with {@code value} in all ten. */
    public static void embedUniform(float[] data, int row, int cols, float value) {
        int o = row * cols;
        for (int c = 0; c < FFConfig.LABELS; c++) data[o + c] = value;
    }

    /**
     * Softmax of the 10 logits in {@code logits[o..o+10)} into {@code q[o..o+10)} (q modified),
     * max-subtracted; returns nothing. {@code q} may equal {@code logits}.
     */
    public static void softmax10(float[] logits, int o, float[] q) {
        float max = logits[o];
        for (int c = 1; c < FFConfig.LABELS; c++) max = Math.max(max, logits[o + c]);
        double sum = 0;
        for (int c = 0; c < FFConfig.LABELS; c++) {
            double e = Math.exp(logits[o + c] - max);
            q[o + c] = (float) e;
            sum += e;
        }
        for (int c = 0; c < FFConfig.LABELS; c++) q[o + c] = (float) (q[o + c] / sum);
    }

    /** Index of the largest of {@code v[o..o+n)}; ties go to the lowest index. */
    public static int argmax(float[] v, int o, int n) {
        int best = 0;
        for (int c = 1; c < n; c++) if (v[o + c] > v[o + best]) best = c;
        return best;
    }

    public static int argmax(double[] v) {
        int best = 0;
        for (int c = 1; c < v.length; c++) if (v[c] > v[best]) best = c;
        return best;
    }
}
