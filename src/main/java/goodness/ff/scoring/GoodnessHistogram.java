package goodness.ff.scoring;

import java.util.List;

/**
 * One layer's goodness distribution over an epoch: how many positive and how many negative
 * cases fell into each of {@value #BINS} fixed bins around the layer's threshold θ.
 *
 * <p>The bins are equal steps of log₂(G / θ) from {@value #LOG2_MIN} to {@value #LOG2_MAX}, so
 * the threshold is the edge between the two middle bins and every bin means the same in every
 * layer, epoch and recipe (recipe A: θ = 1000 in sums of squares; recipe B: θ = 1.5 in means).
 * Goodness below θ·2^{@value #LOG2_MIN} (including 0) is counted in the first bin, above
 * θ·2^{@value #LOG2_MAX} in the last, so the counts always add up to the cases seen.
 *
 * @param threshold the layer's goodness threshold θ
 * @param positive  counts of positive cases per bin ({@value #BINS} entries)
 * @param negative  counts of negative cases per bin ({@value #BINS} entries)
 */
public record GoodnessHistogram(double threshold, List<Integer> positive, List<Integer> negative) {
    public static final int BINS = 32;
    public static final double LOG2_MIN = -4, LOG2_MAX = 4;
    private static final double BINS_PER_LOG2 = BINS / (LOG2_MAX - LOG2_MIN), INV_LN2 = 1 / Math.log(2);

    public GoodnessHistogram {
        positive = List.copyOf(positive);
        negative = List.copyOf(negative);
        if (positive.size() != BINS || negative.size() != BINS)
            throw new IllegalArgumentException("a goodness histogram has " + BINS + " bins, got " + positive.size() + " and " + negative.size());
    }

    /** The bin of goodness {@code g} under threshold {@code theta} (clamped to the first and last bin). */
    public static int bin(double g, double theta) {
        if (!(g > 0)) return 0;
        double k = Math.floor((Math.log(g / theta) * INV_LN2 - LOG2_MIN) * BINS_PER_LOG2);
        return k < 0 ? 0 : k >= BINS ? BINS - 1 : (int) k;
    }

    /** The goodness at the lower edge of bin {@code k} (k = {@value #BINS} gives the top edge). */
    public double lowerEdge(int k) {
        return threshold * Math.pow(2, LOG2_MIN + k / BINS_PER_LOG2);
    }

    /** The index of the first bin above the threshold (the threshold is its lower edge). */
    public static int thresholdBin() {
        return (int) Math.round(-LOG2_MIN * BINS_PER_LOG2);
    }

    public int positiveCount() {
        return positive.stream().mapToInt(Integer::intValue).sum();
    }

    public int negativeCount() {
        return negative.stream().mapToInt(Integer::intValue).sum();
    }
}
