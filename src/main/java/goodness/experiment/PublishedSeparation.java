package goodness.experiment;

import goodness.data.Dataset;
import goodness.ff.NegativeMode;

import java.util.List;

/**
 * The test accuracies published in seed 003 (its two tables), for the comparison row of the
 * separation experiment. {@code null} = the seed shows "-" (a model that did not learn).
 */
public final class PublishedSeparation {
    private PublishedSeparation() {
    }

    /** Column phases of table 1 (A = S = N) and table 2 (A = N, S = 1, positive lr / N). */
    public static final List<Integer> TABLE1_PHASES = List.of(1, 2, 4, 8, 16, 32, 64, 128);
    public static final List<Integer> TABLE2_PHASES = List.of(1, 2, 4, 8, 16);

    // Unseparated first, then the phases above; in percent.
    private static final Double[] T1_MNIST_RANDOM = {97.7, 89.0, 88.0, 81.0, 63.0, 35.0, 11.0, 10.0, 9.0};
    private static final Double[] T1_MNIST_MASK = {96.0, 88.0, 84.0, 85.0, 78.0, 74.0, 49.0, 23.0, 11.0};
    private static final Double[] T1_FASHION_RANDOM = {88.7, 73.0, 63.0, 59.0, 54.0, 20.0, 14.0, 10.0, 10.0};
    private static final Double[] T1_FASHION_MASK = {84.0, 56.0, 58.0, 53.0, 50.0, 45.0, 36.0, 30.0, 22.0};
    private static final Double[] T2_MNIST_RANDOM = {97.7, 89.0, 10.0, 9.0, null, null};
    private static final Double[] T2_MNIST_MASK = {96.0, 88.0, 78.0, 75.0, 73.0, 10.0};
    private static final Double[] T2_FASHION_RANDOM = {88.7, 73.0, 56.0, 47.0, 14.0, 10.0};
    private static final Double[] T2_FASHION_MASK = {84.0, 56.0, 55.0, 54.0, 52.0, 49.0};

    public static List<Integer> defaultPhases(int table) {
        return table == 2 ? TABLE2_PHASES : TABLE1_PHASES;
    }

    /**
     * The published accuracy in percent for a cell ({@code phase} 0 = unseparated), or null when
     * the seed shows "-". Throws {@link IndexOutOfBoundsException}-free: returns NaN when the seed
     * has no such column (a phase outside its table) or no such row (hard negatives).
     */
    public static Double percent(Dataset d, NegativeMode m, int table, int phase) {
        Double[] row = row(d, m, table);
        if (row == null) return Double.NaN;
        int col = phase == 0 ? 0 : defaultPhases(table).indexOf(phase) + 1;
        if (col < 0 || (phase != 0 && col == 0)) return Double.NaN;
        return row[col];
    }

    private static Double[] row(Dataset d, NegativeMode m, int table) {
        boolean mnist = d == Dataset.MNIST;
        if (m == NegativeMode.RANDOM) return table == 1 ? (mnist ? T1_MNIST_RANDOM : T1_FASHION_RANDOM) : (mnist ? T2_MNIST_RANDOM : T2_FASHION_RANDOM);
        if (m == NegativeMode.MASK) return table == 1 ? (mnist ? T1_MNIST_MASK : T1_FASHION_MASK) : (mnist ? T2_MNIST_MASK : T2_FASHION_MASK);
        return null;
    }
}
