package goodness.ff.scoring;

import goodness.data.LabeledImages;
import goodness.ff.FFConfig;
import goodness.ff.FFNetwork;
import goodness.ff.SeededRandom;
import goodness.ff.TestData;
import goodness.ff.backend.EjmlBackend;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

/** The Inside tab's settling curve is the per-image view ({@link RecurrentInference}) averaged over a batch. */
class SettlingCurveTest {

    @Test
    void theCurvesAreTheMeanTrueAndBestWrongGoodnessOfEachIteration() {
        FFNetwork net = FFNetwork.initialise(FFConfig.recurrent().toBuilder().hiddenSizes(List.of(12, 9)).build(), new SeededRandom(8));
        LabeledImages test = TestData.mnist().test();
        int n = 6;
        SettlingCurve curve = SettlingCurve.measure(net, new EjmlBackend(1), test.pixels(), test.labels(), n, 3);
        assertEquals(3, curve.epoch());
        assertEquals(n, curve.images());
        assertEquals(8, curve.iterations());
        double[] right = new double[9], wrong = new double[9];
        try (RecurrentInference inference = new RecurrentInference(net, new EjmlBackend(1))) {
            for (int i = 0; i < n; i++) {
                float[][][] g = inference.infer(Arrays.copyOfRange(test.pixels(), i * 784, (i + 1) * 784)).goodness();
                for (int t = 0; t <= 8; t++) {
                    double best = -Double.MAX_VALUE;
                    for (int c = 0; c < 10; c++) {
                        double sum = g[c][t][0] + g[c][t][1];
                        if (c == test.labels()[i]) right[t] += sum / n;
                        else best = Math.max(best, sum);
                    }
                    wrong[t] += best / n;
                }
            }
        }
        for (int t = 0; t <= 8; t++) {
            assertEquals(right[t], curve.trueLabel()[t], 1e-4 * right[t], "true label, t = " + t);
            assertEquals(wrong[t], curve.bestWrong()[t], 1e-4 * wrong[t], "best wrong label, t = " + t);
        }
        assertEquals(3, curve.scoreFrom());
        assertEquals(5, curve.scoreTo());
    }

    @Test
    void aNetworkWithoutTopDownConnectionsIsRefused() {
        FFNetwork net = FFNetwork.initialise(FFConfig.hinton().toBuilder().hiddenSizes(List.of(12, 9)).build(), new SeededRandom(8));
        LabeledImages test = TestData.mnist().test();
        assertThrows(IllegalArgumentException.class, () -> SettlingCurve.measure(net, new EjmlBackend(1), test.pixels(), test.labels(), 2, 0));
    }
}
