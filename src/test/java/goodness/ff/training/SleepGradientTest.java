package goodness.ff.training;

import goodness.data.DataSplits;
import goodness.ff.FFConfig;
import goodness.ff.FFMath;
import goodness.ff.FFNetwork;
import goodness.ff.Phase;
import goodness.ff.PhaseSchedule;
import goodness.ff.SeededRandom;
import goodness.ff.backend.Backends;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

/**
 * The hand-derived gradient of recipe B against finite differences: after one positive-only
 * Adam step from zero moments, the first moment is (1 − β1)·dL/dW.
 */
class SleepGradientTest {
    private static final int DIM = FFConfig.IMAGE_PIXELS, B = 8, W = 16;

    @Test
    void firstStepGradientMatchesFiniteDifferences() {
        FFConfig c = FFConfig.sleep().toBuilder().hiddenSizes(List.of(W)).batchSize(B).stepsPerBatch(1).epochs(1)
                .trainLimit(32).shuffle(false).threads(1).backend("ejml").phases(PhaseSchedule.symmetric(1)).build();
        DataSplits data = SleepTrainerTest.tinyData(32);
        try (SleepTrainer t = new SleepTrainer(c, data, Backends.create("ejml", 1))) {
            FFNetwork before = t.network().copy();
            t.trainBatch(); // batch 0 is positive-only: images 0..7 with their true labels
            float[] m = t.adamFirstMoment(0, Phase.POSITIVE);
            double[][] x = inputs(data, c);
            double[] w = new double[DIM * W], b = new double[W];
            for (int i = 0; i < w.length; i++) w[i] = before.weights[0].data[i];
            for (int j = 0; j < W; j++) b[j] = before.biases[0][j];
            SeededRandom pick = new SeededRandom(1);
            int checked = 0;
            for (int n = 0; n < 40; n++) {
                int k = pick.nextInt(DIM * W);
                double analytic = m[k] / (1 - AdamState.BETA1);
                double h = 1e-4, keep = w[k];
                w[k] = keep + h;
                double up = loss(x, w, b, c.threshold());
                w[k] = keep - h;
                double down = loss(x, w, b, c.threshold());
                w[k] = keep;
                double numeric = (up - down) / (2 * h);
                double scale = Math.max(1e-6, Math.abs(numeric));
                if (Math.abs(numeric) < 1e-7) continue; // label-pixel rows of absent labels, dead units
                assertEquals(numeric, analytic, 2e-2 * scale + 1e-7, "dL/dW[" + k + "]");
                checked++;
            }
            assertTrue(checked > 20, "checked " + checked);
        }
    }

    /** Standardised, label-embedded (value = batch max), L2-normalised inputs of the first batch. */
    private static double[][] inputs(DataSplits data, FFConfig c) {
        double mean = c.dataset().mean(), std = c.dataset().std(), max = Double.NEGATIVE_INFINITY;
        double[][] x = new double[B][DIM];
        float[] px = data.train().pixels();
        for (int i = 0; i < B; i++)
            for (int j = 0; j < DIM; j++) {
                x[i][j] = ((float) ((px[i * DIM + j] - c.dataset().mean()) * (1f / c.dataset().std())));
                max = Math.max(max, x[i][j]);
            }
        for (int i = 0; i < B; i++) {
            for (int j = 0; j < 10; j++) x[i][j] = 0;
            x[i][data.train().label(i)] = max;
            double ss = 0;
            for (double v : x[i]) ss += v * v;
            double f = 1 / (Math.sqrt(ss) + 1e-4);
            for (int j = 0; j < DIM; j++) x[i][j] *= f;
        }
        return x;
    }

    /** Mean over the batch of softplus(θ − mean(relu(xW + b)²)). */
    private static double loss(double[][] x, double[] w, double[] b, double theta) {
        double total = 0;
        for (double[] row : x) {
            double g = 0;
            for (int j = 0; j < W; j++) {
                double z = b[j];
                for (int i = 0; i < DIM; i++) z += row[i] * w[i * W + j];
                double hj = Math.max(0, z);
                g += hj * hj;
            }
            g /= W;
            total += FFMath.softplus(theta - g);
        }
        return total / x.length;
    }
}
