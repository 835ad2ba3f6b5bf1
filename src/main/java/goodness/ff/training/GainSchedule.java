package goodness.ff.training;

/**
 * Recipe A's learning-rate gain: 1 for the first half of the run, then a linear decay towards 0.
 * {@code gain(e) = 1} while {@code e < E/2}, else {@code (1 + 2(E - e)) / E}. With E = 125:
 * e=63 → 1.000, 64 → 0.984, 124 → 0.024.
 */
public final class GainSchedule {
    private GainSchedule() {
    }

    public static double gain(int epoch, int totalEpochs) {
        if (epoch < totalEpochs / 2.0) return 1.0;
        return Math.min(1.0, (1.0 + 2.0 * (totalEpochs - epoch)) / totalEpochs);
    }
}
