package goodness.ff.negatives;

import goodness.ff.SeededRandom;
import org.junit.jupiter.api.Test;

import java.util.Random;

import static org.junit.jupiter.api.Assertions.*;

/** Recipe A step 3: wrong labels drawn from the model's own beliefs. */
class HardNegativeSamplingTest {
    private final HardNegatives hard = new HardNegatives();

    @Test
    void neverReturnsTheTrueLabelEvenWhenTheModelIsSureOfIt() {
        Random r = new Random(1);
        float[] logits = new float[10];
        for (int trial = 0; trial < 20_000; trial++) {
            int truth = r.nextInt(10);
            for (int c = 0; c < 10; c++) logits[c] = (float) (r.nextGaussian() * 5);
            logits[truth] = 50f; // the model is confident and right
            double u = trial % 100 == 0 ? Math.nextDown(1.0) : r.nextDouble(); // include the rounding edge
            int neg = hard.sampleWrongLabel(logits, 0, truth, u);
            assertNotEquals(truth, neg);
            assertTrue(neg >= 0 && neg < 10);
        }
    }

    @Test
    void followsTheSoftmaxOverTheNineWrongClasses() {
        float[] logits = {0, 1, 2, 0, 0, 3, 0, 0, 0, 1};
        int truth = 5;
        double[] expected = new double[10];
        double z = 0;
        for (int c = 0; c < 10; c++) if (c != truth) z += Math.exp(logits[c]);
        for (int c = 0; c < 10; c++) expected[c] = c == truth ? 0 : Math.exp(logits[c]) / z;
        SeededRandom rng = new SeededRandom(7);
        int n = 200_000;
        int[] counts = new int[10];
        for (int i = 0; i < n; i++) counts[hard.sampleWrongLabel(logits, 0, truth, rng.nextDouble())]++;
        for (int c = 0; c < 10; c++) {
            double sd = Math.sqrt(expected[c] * (1 - expected[c]) / n);
            assertEquals(expected[c], counts[c] / (double) n, 5 * sd + 1e-9, "label " + c);
        }
    }

    @Test
    void inverseCdfPicksTheClassWhoseIntervalHoldsTheDraw() {
        // Uniform beliefs, true label 0: nine wrong classes with 1/9 each, in label order.
        float[] logits = new float[10];
        assertEquals(1, hard.sampleWrongLabel(logits, 0, 0, 0.0));
        assertEquals(1, hard.sampleWrongLabel(logits, 0, 0, 0.11));
        assertEquals(2, hard.sampleWrongLabel(logits, 0, 0, 0.12));
        assertEquals(9, hard.sampleWrongLabel(logits, 0, 0, 0.999999));
    }

    @Test
    void randomWrongLabelsAreUniformAndNeverTrue() {
        NegativeBatch b = new NegativeBatch(1000);
        b.rows = 1000;
        b.rng = new SeededRandom(11);
        for (int i = 0; i < 1000; i++) b.labels[i] = i % 10;
        int[] counts = new int[10];
        for (int rep = 0; rep < 30; rep++) {
            new RandomWrongLabels().makeNegatives(b);
            for (int i = 0; i < 1000; i++) {
                assertNotEquals(b.labels[i], b.negLabels[i]);
                counts[b.negLabels[i]]++;
            }
        }
        for (int c = 0; c < 10; c++) assertEquals(3000, counts[c], 300, "label " + c);
    }
}
