package goodness.ff.training;

import goodness.ff.scoring.GoodnessHistogram;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The running sums of the epoch in progress, kept the same way by both trainers: what
 * {@link EpochMetrics} and {@link BatchSnapshot} report, and what a checkpoint must carry for a
 * run stopped mid-epoch to resume exactly.
 */
final class EpochTally {
    /** Summed per-batch cost (trainlogcost before dividing by the number of batches). */
    double cost;
    /** Training cases seen and training wall time (ns) in this epoch. */
    double cases, nanos;
    /** Per layer: pairwise errors, summed positive / negative goodness, cases with p+ > 0.5 / p− < 0.5. */
    final double[] pairwise, goodPos, goodNeg, posCorrect, negCorrect;
    /** Per layer: the goodness threshold the histogram bins are placed around. */
    private final double[] threshold;
    /** Goodness histograms, index layer · {@link GoodnessHistogram#BINS} + bin: positive / negative cases. */
    final double[] histPos, histNeg;

    /** @param threshold per layer, the goodness threshold (copied) */
    EpochTally(double[] threshold) {
        int layers = threshold.length;
        this.threshold = threshold.clone();
        histPos = new double[layers * GoodnessHistogram.BINS];
        histNeg = new double[layers * GoodnessHistogram.BINS];
        pairwise = new double[layers];
        goodPos = new double[layers];
        goodNeg = new double[layers];
        posCorrect = new double[layers];
        negCorrect = new double[layers];
    }

    void reset() {
        cost = 0;
        cases = 0;
        nanos = 0;
        if (resettable == null) resettable = arrays(); // once: a new array per epoch would be the only allocation of a batch
        for (double[] a : resettable) java.util.Arrays.fill(a, 0);
    }

    private double[][] resettable;

    private double[][] arrays() {
        return new double[][] {pairwise, goodPos, goodNeg, posCorrect, negCorrect, histPos, histNeg};
    }

    /** Counts one case's positive and negative goodness of layer {@code l} in the epoch's histograms. */
    void countGoodness(int l, double gPos, double gNeg) {
        histPos[l * GoodnessHistogram.BINS + GoodnessHistogram.bin(gPos, threshold[l])]++;
        histNeg[l * GoodnessHistogram.BINS + GoodnessHistogram.bin(gNeg, threshold[l])]++;
    }

    /** The epoch's goodness histograms so far, one per layer. */
    List<GoodnessHistogram> histograms() {
        List<GoodnessHistogram> r = new ArrayList<>();
        for (int l = 0; l < threshold.length; l++) {
            List<Integer> p = new ArrayList<>(), n = new ArrayList<>();
            for (int k = 0; k < GoodnessHistogram.BINS; k++) {
                p.add((int) histPos[l * GoodnessHistogram.BINS + k]);
                n.add((int) histNeg[l * GoodnessHistogram.BINS + k]);
            }
            r.add(new GoodnessHistogram(threshold[l], p, n));
        }
        return List.copyOf(r);
    }

    List<Integer> pairwiseErrors() {
        List<Integer> r = new ArrayList<>();
        for (double x : pairwise) r.add((int) x);
        return r;
    }

    List<Double> meanGoodnessPos() {
        return perCase(goodPos);
    }

    List<Double> meanGoodnessNeg() {
        return perCase(goodNeg);
    }

    /** Per layer, the fraction of positive and negative cases on the right side of the threshold. */
    List<Double> layerAccuracy() {
        List<Double> r = new ArrayList<>();
        for (int l = 0; l < pairwise.length; l++) r.add((posCorrect[l] + negCorrect[l]) / (2 * cases));
        return r;
    }

    private List<Double> perCase(double[] v) {
        List<Double> r = new ArrayList<>();
        for (double x : v) r.add(cases == 0 ? Double.NaN : x / cases);
        return r;
    }

    double seconds() {
        return nanos / 1e9;
    }

    double samplesPerSecond() {
        return nanos > 0 ? cases / seconds() : 0;
    }

    private static final String[] NAMES = {"pairwise", "goodPosSum", "goodNegSum", "posCorrect", "negCorrect", "goodHistPos", "goodHistNeg"};
    /** Entries a checkpoint written before they existed lacks: restored as zeros (the histograms then count from the resume point). */
    private static final java.util.Set<String> OPTIONAL = java.util.Set.of("goodHistPos", "goodHistNeg");

    /** The accumulators {@link #saveTo} writes for {@code layers} layers, name → length (checkpoint validation). */
    static Map<String, Integer> checkpointAccumulators(int layers) {
        Map<String, Integer> sizes = new java.util.TreeMap<>();
        sizes.put("costSum", 1);
        sizes.put("casesSeen", 1);
        sizes.put("trainNanos", 1);
        double[][] a = new EpochTally(new double[layers]).arrays();
        for (int i = 0; i < NAMES.length; i++) sizes.put(NAMES[i], a[i].length);
        return sizes;
    }

    /** Accumulators a valid checkpoint may lack (written before they existed). */
    static java.util.Set<String> optionalCheckpointAccumulators() {
        return OPTIONAL;
    }

    /** Adds the sums to a checkpoint's accumulators (the arrays are shared, not copied). */
    void saveTo(Map<String, double[]> acc) {
        acc.put("costSum", new double[] {cost});
        acc.put("casesSeen", new double[] {cases});
        acc.put("trainNanos", new double[] {nanos});
        double[][] a = arrays();
        for (int i = 0; i < NAMES.length; i++) acc.put(NAMES[i], a[i]);
    }

    /** Restores the sums from a checkpoint's accumulators; a missing or mis-sized entry is an error. */
    void restoreFrom(Map<String, double[]> acc) {
        cost = scalar(acc, "costSum");
        cases = scalar(acc, "casesSeen");
        nanos = scalar(acc, "trainNanos");
        double[][] a = arrays();
        for (int i = 0; i < NAMES.length; i++) {
            double[] src = acc.get(NAMES[i]);
            if (src == null && OPTIONAL.contains(NAMES[i])) {
                java.util.Arrays.fill(a[i], 0);
                continue;
            }
            if (src == null || src.length != a[i].length)
                throw new IllegalArgumentException("checkpoint accumulator '" + NAMES[i] + "' is missing or has the wrong size");
            System.arraycopy(src, 0, a[i], 0, a[i].length);
        }
    }

    private static double scalar(Map<String, double[]> acc, String name) {
        double[] v = acc.get(name);
        if (v == null || v.length != 1) throw new IllegalArgumentException("checkpoint accumulator '" + name + "' is missing");
        return v[0];
    }
}
