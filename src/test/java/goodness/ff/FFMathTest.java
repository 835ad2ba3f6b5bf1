package goodness.ff;

import org.ejml.data.FMatrixRMaj;
import org.junit.jupiter.api.Test;

import java.util.Random;

import static org.junit.jupiter.api.Assertions.*;

/** The element-wise kernels against values worked out by hand. */
class FFMathTest {

    @Test
    void rmsNormLeavesEveryRowWithMeanSquareOne() {
        // Row (3, 4): mean square = (9 + 16) / 2 = 12.5, so the row is divided by sqrt(12.5).
        FMatrixRMaj x = new FMatrixRMaj(new float[][] {{3, 4}, {0, 0}});
        float[] ss = new float[2];
        FFMath.rowSumSquares(x, 2, ss);
        assertArrayEquals(new float[] {25, 0}, ss);
        FFMath.normalizeRows(Recipe.HINTON, x, 2, ss, x);
        assertEquals(3 / Math.sqrt(12.5), x.get(0, 0), 1e-6);
        assertEquals(4 / Math.sqrt(12.5), x.get(0, 1), 1e-6);
        assertEquals(1.0, (x.get(0, 0) * x.get(0, 0) + x.get(0, 1) * x.get(0, 1)) / 2, 1e-6);
        // An all-zero row stays zero (the 1e-20 keeps the division finite).
        assertEquals(0f, x.get(1, 0));
        assertEquals(0f, x.get(1, 1));
    }

    @Test
    void l2NormGivesUnitLengthUpToItsEpsilon() {
        FMatrixRMaj x = new FMatrixRMaj(new float[][] {{3, 4}});
        float[] ss = {25};
        FFMath.normalizeRows(Recipe.SLEEP, x, 1, ss, x);
        assertEquals(3 / (5 + 1e-4), x.get(0, 0), 1e-7);
        assertEquals(4 / (5 + 1e-4), x.get(0, 1), 1e-7);
    }

    @Test
    void biasReluAndGoodness() {
        // z = (-1, 2, 0.5) + b (1, -3, 0.5) = (0, -1, 1) → relu (0, 0, 1); sum of squares 1.
        FMatrixRMaj s = new FMatrixRMaj(new float[][] {{-1, 2, 0.5f}});
        float[] g = new float[1];
        FFMath.addBiasReluSumSquares(s, 1, new float[] {1, -3, 0.5f}, g);
        assertArrayEquals(new float[] {0, 0, 1}, s.data);
        assertEquals(1f, g[0]);
        assertEquals(6.0, FFMath.goodness(Recipe.HINTON, 6.0, 3), 0, "recipe A sums the squares");
        assertEquals(2.0, FFMath.goodness(Recipe.HINTON, 2.0, 3), 0);
        assertEquals(2.0, FFMath.goodness(Recipe.SLEEP, 6.0, 3), 0, "recipe B takes their mean");
    }

    @Test
    void reluPropagatesNaNSoTheDivergenceGuardSeesIt() {
        FMatrixRMaj s = new FMatrixRMaj(new float[][] {{Float.NaN, 1}});
        float[] g = new float[1];
        FFMath.addBiasReluSumSquares(s, 1, new float[2], g);
        assertTrue(Float.isNaN(g[0]));
    }

    @Test
    void logisticAndSoftplus() {
        assertEquals(0.5, FFMath.logistic(0), 0);
        assertEquals(1 / (1 + Math.exp(-2)), FFMath.logistic(2), 1e-15);
        assertEquals(1 / (1 + Math.exp(3)), FFMath.logistic(-3), 1e-15);
        assertEquals(1.0, FFMath.logistic(1000), 0, "no overflow for large inputs");
        assertEquals(0.0, FFMath.logistic(-1000), 1e-300);
        assertEquals(Math.log(2), FFMath.softplus(0), 1e-15);
        assertEquals(50.0, FFMath.softplus(50), 1e-12);
        assertEquals(Math.log1p(Math.exp(-3)), FFMath.softplus(-3), 1e-15);
    }

    @Test
    void splitSumOfSquaresEqualsThePlainSumOnManyLengths() {
        Random r = new Random(3);
        for (int n = 0; n < 70; n++) {
            float[] v = new float[n + 5];
            for (int i = 0; i < v.length; i++) v[i] = r.nextFloat() * 2 - 1;
            double plain = 0;
            for (int i = 0; i < n; i++) plain += (double) v[5 + i] * v[5 + i];
            assertEquals(plain, FFMath.sumOfSquares(v, 5, n), 1e-5 * (1 + plain), "n=" + n);
        }
    }

    @Test
    void allFiniteFindsNaNAndInfinityAnywhere() {
        float[] v = new float[37];
        assertTrue(FFMath.allFinite(v, v.length));
        for (int i = 0; i < v.length; i++) {
            v[i] = i % 2 == 0 ? Float.NaN : Float.NEGATIVE_INFINITY;
            assertFalse(FFMath.allFinite(v, v.length), "position " + i);
            v[i] = 1e30f;
            assertTrue(FFMath.allFinite(v, v.length));
        }
    }

    @Test
    void labelEmbeddingOverwritesTheFirstTenPixelsOnly() {
        float[] row = new float[2 * 784];
        java.util.Arrays.fill(row, 0.7f);
        FFMath.embedOneHot(row, 1, 784, 3, 1f);
        for (int c = 0; c < 10; c++) assertEquals(c == 3 ? 1f : 0f, row[784 + c]);
        assertEquals(0.7f, row[784 + 10]);
        assertEquals(0.7f, row[0], "other rows untouched");
        FFMath.embedUniform(row, 0, 784, 0.1f);
        for (int c = 0; c < 10; c++) assertEquals(0.1f, row[c]);
    }

    @Test
    void softmaxAndArgmax() {
        float[] logits = {0, 0, 0, 0, 0, 0, 0, 0, 0, (float) Math.log(9)};
        float[] q = new float[10];
        FFMath.softmax10(logits, 0, q);
        assertEquals(0.5, q[9], 1e-6);
        assertEquals(0.5 / 9, q[0], 1e-6);
        assertEquals(9, FFMath.argmax(q, 0, 10));
        assertEquals(0, FFMath.argmax(new float[] {1, 1, 1}, 0, 3), "ties go to the lowest label");
    }
}
