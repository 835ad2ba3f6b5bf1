package goodness.ui;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.*;

/** The charts' smoothing is TensorBoard's debiased exponential moving average. */
class SmoothingTest {
    @Test
    void weightZeroKeepsTheValues() {
        double[] y = {3, 1, 4, 1, 5};
        assertArrayEquals(y, Smoothing.ema(y, 0), 0);
    }

    @Test
    void theFirstPointIsNotPulledTowardsZero() {
        double[] s = Smoothing.ema(new double[] {10, 10, 10}, 0.9);
        assertArrayEquals(new double[] {10, 10, 10}, s, 1e-12, "a constant stays constant thanks to the debiasing");
    }

    @Test
    void aStepIsFollowedGradually() {
        double[] s = Smoothing.ema(new double[] {0, 10}, 0.5);
        // s0 = 0; acc1 = 0.5*0 + 0.5*10 = 5, debias 1 - 0.25 = 0.75 -> 6.666…
        assertEquals(0, s[0], 1e-12);
        assertEquals(5 / 0.75, s[1], 1e-12);
        assertTrue(s[1] < 10);
    }

    @Test
    void nonFiniteValuesPassThroughWithoutSpoilingTheRest() {
        double[] s = Smoothing.ema(new double[] {2, Double.NaN, 2}, 0.5);
        assertTrue(Double.isNaN(s[1]));
        assertEquals(2, s[2], 1e-12);
    }

    @Test
    void aWeightOutsideZeroToOneIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> Smoothing.ema(new double[] {1}, 1.0));
        assertThrows(IllegalArgumentException.class, () -> Smoothing.ema(new double[] {1}, -0.1));
    }
}
