package goodness.ui;

import goodness.ff.training.BatchSnapshot;
import goodness.ff.training.EpochMetrics;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The chart series of one run, without any chart toolkit: for every chart, named series of
 * points, each point with its epoch (fractional inside an epoch), its wall time since the run
 * started and its value. One point per finished epoch, plus a <em>live tail</em> inside the
 * epoch in progress that the epoch's own point replaces when it ends.
 *
 * <p>Wall time: a finished epoch ends at the sum of its and the previous epochs' training and
 * evaluation seconds (as the metrics record them), so a run resumed another day has no gap; a
 * live-tail point lies at the last epoch's end plus the batches done at the running speed. A
 * run whose metrics carry no time (the published seed log) has NaN seconds.
 *
 * <p>Not thread-safe: the charts change it on the FX thread only.
 */
public final class RunSeries {
    public static final String COST = "cost", ERRORS = "errors", PAIRWISE = "pairwise", RMS = "rms", GAIN = "gain",
            GOODNESS = "goodness";
    /** The time charts, in display order. */
    public static final List<String> CHARTS = List.of(COST, ERRORS, PAIRWISE, RMS, GAIN, GOODNESS);
    /** Charts whose running figures are drawn inside an epoch. */
    static final Set<String> LIVE_TAIL_CHARTS = Set.of(COST, PAIRWISE, GOODNESS);

    /** One point: x as epoch and as wall time, and the value. */
    public record Point(double epoch, double seconds, double value) {
    }

    private final String id;
    private String label;
    /** The run's settings, for a figure's caption; null where not known. */
    private goodness.ff.FFConfig config;
    private final Map<String, Map<String, List<Point>>> series = new LinkedHashMap<>();
    private double secondsAtEpochEnd;
    private int epochsDone;

    /**
     * @param id     the run's identity (its store name, or "live")
     * @param label  the legend's name for it
     * @param layers hidden layers (fixes the order of the per-layer series, hence their colours)
     */
    public RunSeries(String id, String label, int layers) {
        this.id = id;
        this.label = label;
        for (String c : CHARTS) series.put(c, new LinkedHashMap<>());
        declare(COST, "trainlogcost");
        declare(ERRORS, "energy train");
        declare(ERRORS, "energy valid");
        declare(ERRORS, "softmax valid");
        declare(GAIN, "gain");
        for (int l = 1; l <= layers; l++) {
            declare(PAIRWISE, "layer " + l);
            declare(RMS, "rms L" + l);
            declare(GOODNESS, "L" + l + " positive");
            declare(GOODNESS, "L" + l + " negative");
        }
        for (int l = 2; l <= layers; l++) declare(RMS, "suprms L" + l);
    }

    /** A finished run's series from its per-epoch metrics (in epoch order). */
    public static RunSeries of(String id, String label, int layers, List<EpochMetrics> metrics) {
        RunSeries s = new RunSeries(id, label, layers);
        for (EpochMetrics m : metrics) s.addEpoch(m);
        return s;
    }

    private void declare(String chart, String name) {
        series.get(chart).put(name, new ArrayList<>());
    }

    public String id() {
        return id;
    }

    public String label() {
        return label;
    }

    public void setLabel(String label) {
        this.label = label;
    }

    /** The run's settings (null: not known), named in an exported figure's caption. */
    public goodness.ff.FFConfig config() {
        return config;
    }

    public RunSeries setConfig(goodness.ff.FFConfig config) {
        this.config = config;
        return this;
    }

    public int epochsDone() {
        return epochsDone;
    }

    /** The series names of a chart, in their fixed order (some may have no points). */
    public List<String> seriesNames(String chart) {
        return List.copyOf(chart(chart).keySet());
    }

    /** The points of one series (empty if the series or chart is unknown). */
    public List<Point> points(String chart, String name) {
        Map<String, List<Point>> c = series.get(chart);
        List<Point> p = c == null ? null : c.get(name);
        return p == null ? List.of() : Collections.unmodifiableList(p);
    }

    /** Points over all series of a chart. */
    public int pointCount(String chart) {
        int n = 0;
        for (List<Point> p : chart(chart).values()) n += p.size();
        return n;
    }

    /**
     * The wall time at a fractional epoch, interpolated between the run's recorded points
     * (NaN if the run has no times); used to place setting markers on a wall-time axis.
     */
    public double secondsAt(double epoch) {
        List<Point> p = points(COST, "trainlogcost");
        double prevE = 0, prevS = 0;
        for (Point q : p) {
            if (Double.isNaN(q.seconds())) return Double.NaN;
            if (q.epoch() >= epoch) {
                double span = q.epoch() - prevE;
                return span <= 0 ? q.seconds() : prevS + (q.seconds() - prevS) * (epoch - prevE) / span;
            }
            prevE = q.epoch();
            prevS = q.seconds();
        }
        return p.isEmpty() ? Double.NaN : prevS;
    }

    private Map<String, List<Point>> chart(String chart) {
        Map<String, List<Point>> c = series.get(chart);
        if (c == null) throw new IllegalArgumentException("unknown chart " + chart);
        return c;
    }

    /**
     * A point of the epoch in progress from the engine's running figures (counts scaled to a
     * whole epoch). Batch 0 carries no figures and adds nothing.
     *
     * @param batchSize cases per batch, to place the point in wall time at the running speed
     */
    public void addProgress(BatchSnapshot s, int batchSize) {
        if (s.batch() == 0) return;
        double x = s.epoch() + (double) s.batch() / Math.max(1, s.batchesPerEpoch());
        double t = s.samplesPerSecond() > 0 ? secondsAtEpochEnd + (double) s.batch() * batchSize / s.samplesPerSecond() : Double.NaN;
        put(COST, "trainlogcost", x, t, s.runningCost());
        double scale = (double) s.batchesPerEpoch() / s.batch();
        for (int l = 0; l < s.runningPairwise().size(); l++) {
            put(PAIRWISE, "layer " + (l + 1), x, t, s.runningPairwise().get(l) * scale);
            put(GOODNESS, "L" + (l + 1) + " positive", x, t, s.meanGoodnessPos().get(l));
            put(GOODNESS, "L" + (l + 1) + " negative", x, t, s.meanGoodnessNeg().get(l));
        }
    }

    /** A finished epoch: its point replaces the epoch's live tail. */
    public void addEpoch(EpochMetrics m) {
        addEpoch(m, m.gain());
    }

    /** A finished epoch whose applied gain (the schedule's times the live slider) is {@code gain}. */
    public void addEpoch(EpochMetrics m, double gain) {
        for (String c : LIVE_TAIL_CHARTS) for (List<Point> p : chart(c).values()) dropLiveTail(p, m.epoch());
        double start = secondsAtEpochEnd;
        secondsAtEpochEnd += m.trainSeconds() + m.evalSeconds();
        double x = m.epoch() + 1, t = secondsAtEpochEnd;
        epochsDone = Math.max(epochsDone, m.epoch() + 1);
        put(COST, "trainlogcost", x, t, m.trainLogCost());
        // The gain is constant over an epoch: drawn as a step from its start to its end.
        put(GAIN, "gain", m.epoch(), start, gain);
        put(GAIN, "gain", x, t, gain);
        for (int l = 0; l < m.pairwiseErrors().size(); l++) put(PAIRWISE, "layer " + (l + 1), x, t, m.pairwiseErrors().get(l));
        if (m.goodnessPos() != null) for (int l = 0; l < m.goodnessPos().size(); l++) put(GOODNESS, "L" + (l + 1) + " positive", x, t, m.goodnessPos().get(l));
        if (m.goodnessNeg() != null) for (int l = 0; l < m.goodnessNeg().size(); l++) put(GOODNESS, "L" + (l + 1) + " negative", x, t, m.goodnessNeg().get(l));
        if (m.energyErrorsTrain() != null && m.trainCases() > 0) put(ERRORS, "energy train", x, t, pct(m.energyErrorsTrain(), m.trainCases()));
        if (m.energyErrorsValid() != null && m.validCases() > 0) put(ERRORS, "energy valid", x, t, pct(m.energyErrorsValid(), m.validCases()));
        if (m.softmaxErrorsValid() != null && m.validCases() > 0) put(ERRORS, "softmax valid", x, t, pct(m.softmaxErrorsValid(), m.validCases()));
        // Recipe B has no validation split: its per-epoch evaluation is on the test set (declared
        // when the first one arrives, so recipe A's legend has no empty test series).
        if (m.energyErrorsTest() != null && m.testCases() > 0) {
            if (!chart(ERRORS).containsKey("energy test")) declare(ERRORS, "energy test");
            put(ERRORS, "energy test", x, t, pct(m.energyErrorsTest(), m.testCases()));
        }
        if (m.rms() != null) for (int l = 0; l < m.rms().size(); l++) put(RMS, "rms L" + (l + 1), x, t, m.rms().get(l));
        if (m.suprms() != null) {
            int layers = chart(PAIRWISE).size();
            for (int i = 0; i < m.suprms().size(); i++) put(RMS, "suprms L" + (layers - m.suprms().size() + i + 1), x, t, m.suprms().get(i));
        }
    }

    /** An error rate in percent; zero errors are kept at a log axis' floor (0.001 %). */
    static double pct(int errs, int cases) {
        return Math.max(1e-3, 100.0 * errs / cases);
    }

    /**
     * Removes epoch {@code epoch}'s live tail: the trailing points with x in (epoch, epoch + 1],
     * the last being the progress point of its final batch.
     */
    private static void dropLiveTail(List<Point> p, int epoch) {
        int from = p.size();
        while (from > 0 && p.get(from - 1).epoch() > epoch && p.get(from - 1).epoch() <= epoch + 1) from--;
        p.subList(from, p.size()).clear();
    }

    /** Adds a point, replacing one at the same epoch x (the points stay in x order). */
    private void put(String chart, String name, double x, double seconds, double value) {
        if (!Double.isFinite(value)) return;
        List<Point> p = chart(chart).get(name);
        if (p == null) return;
        Point q = new Point(x, seconds, value);
        int i = p.size();
        while (i > 0 && p.get(i - 1).epoch() > x) i--;
        if (i > 0 && p.get(i - 1).epoch() == x) p.set(i - 1, q);
        else p.add(i, q);
    }
}
