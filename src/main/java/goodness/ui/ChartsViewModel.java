package goodness.ui;

import goodness.ff.BatchSnapshot;
import goodness.ff.EpochMetrics;
import goodness.ff.Preset;
import goodness.service.TrainingEvent;
import javafx.animation.Animation;
import javafx.animation.PauseTransition;
import javafx.application.Platform;
import javafx.util.Duration;
import org.jfree.chart.ChartFactory;
import org.jfree.chart.ChartUtils;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.LogAxis;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.labels.StandardXYToolTipGenerator;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.chart.plot.ValueMarker;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.StandardXYBarPainter;
import org.jfree.chart.renderer.xy.XYBarRenderer;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.chart.ui.RectangleAnchor;
import org.jfree.chart.ui.TextAnchor;
import org.jfree.data.statistics.HistogramDataset;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.text.DecimalFormat;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Owns the JFreeChart charts and their datasets. JFreeChart is not thread-safe: every method
 * here runs on the FX thread, and each batch of events is applied with the charts' notification
 * off, so a batch costs one redraw per chart.
 *
 * <p>x axis of every time chart: the epoch as a fractional number (epoch + batch/batchesPerEpoch),
 * so points inside an epoch appear before the epoch ends. Intra-epoch points use the engine's
 * running figures (scaled to a whole epoch where they are counts).
 *
 * <p>Drawing cost. On two cores every redraw competes with the BLAS threads, so the charts are
 * kept cheap to draw: the intra-epoch points are a <em>live tail</em> that the epoch's own point
 * replaces when the epoch ends (a 125-epoch run ends with ~125 points per series instead of
 * thousands, and the running cost's restart at each epoch does not leave a saw-tooth), lines are
 * drawn as one path per series, only the charts an update touches are redrawn, redraws keep to a
 * measured time budget ({@link #REDRAW_SHARE}), and while the charts are not on screen
 * ({@link #setShown}) the datasets still change but nothing is redrawn.
 */
public final class ChartsViewModel {
    public static final String COST = "cost", ERRORS = "errors", PAIRWISE = "pairwise", RMS = "rms", GAIN = "gain",
            GOODNESS = "goodness", HISTOGRAM = "histogram";
    private static final Color[] LAYER_COLORS = {new Color(0x1f77b4), new Color(0xd62728), new Color(0x2ca02c),
            new Color(0x9467bd), new Color(0xff7f0e), new Color(0x8c564b)};

    private final Map<String, JFreeChart> charts = new LinkedHashMap<>();
    private final XYSeriesCollection cost = new XYSeriesCollection(), errors = new XYSeriesCollection(),
            pairwise = new XYSeriesCollection(), rms = new XYSeriesCollection(), gain = new XYSeriesCollection(),
            goodness = new XYSeriesCollection();
    private final List<TrainingEvent.SettingChanged> markers = new ArrayList<>();
    private final List<XYPlot> timePlots = new ArrayList<>();
    private XYPlot histogramPlot, goodnessPlot;
    private BatchSnapshot lastSnapshot;
    private int histogramLayer;
    private int layers;
    private boolean shown = true;

    /**
     * The share of the FX thread's time that chart redraws may take. Each redraw is timed and the
     * next waits at least {@code cost / REDRAW_SHARE} (and {@link #MIN_REDRAW_GAP_NANOS}), so slow
     * rendering (a software pipeline, a large window) lowers the redraw rate instead of taking
     * cores from training: on two cores every redraw stalls the BLAS threads. The datasets still
     * change with every delivered batch of events.
     */
    static final double REDRAW_SHARE = 0.03;
    private static final long MIN_REDRAW_GAP_NANOS = 250_000_000L;
    private final Set<JFreeChart> dirty = new LinkedHashSet<>();
    private long lastRedrawEnd = System.nanoTime() - 1_000_000_000L, lastRedrawCost, redraws;
    private PauseTransition flush;

    public ChartsViewModel() {
        charts.put(COST, line("Training cost", "trainlogcost", cost, false));
        charts.put(ERRORS, line("Error rates", "errors (%)", errors, true));
        charts.put(PAIRWISE, line("PairwiseErrs per layer", "cases with G− > G+", pairwise, false));
        charts.put(RMS, line("rms of weights", "rms", rms, false));
        charts.put(GAIN, line("Learning-rate gain", "gain", gain, false));
        // The gain lies in (0, 1]; a fixed range keeps the flat first half readable.
        NumberAxis gainAxis = (NumberAxis) charts.get(GAIN).getXYPlot().getRangeAxis();
        gainAxis.setAutoRange(false);
        gainAxis.setRange(0.0, 1.05);
        charts.put(GOODNESS, line("Mean goodness per layer (vs threshold)", "goodness", goodness, false));
        goodnessPlot = charts.get(GOODNESS).getXYPlot();
        JFreeChart h = ChartFactory.createHistogram("Last batch goodness, layer 1", "goodness", "cases",
                new HistogramDataset(), PlotOrientation.VERTICAL, true, true, false);
        histogramPlot = h.getXYPlot();
        XYBarRenderer br = (XYBarRenderer) histogramPlot.getRenderer();
        br.setBarPainter(new StandardXYBarPainter());
        br.setShadowVisible(false);
        br.setSeriesPaint(0, new Color(44, 160, 44, 150));
        br.setSeriesPaint(1, new Color(214, 39, 40, 150));
        br.setDefaultToolTipGenerator(new StandardXYToolTipGenerator("{0}: goodness {1}, {2} cases",
                new DecimalFormat("0.###"), new DecimalFormat("0")));
        histogramPlot.setForegroundAlpha(0.8f);
        style(h);
        charts.put(HISTOGRAM, h);
    }

    private JFreeChart line(String title, String yLabel, XYSeriesCollection data, boolean log) {
        JFreeChart c = ChartFactory.createXYLineChart(title, "epoch", yLabel, data, PlotOrientation.VERTICAL, true, true, false);
        XYPlot p = c.getXYPlot();
        if (log) {
            LogAxis axis = new LogAxis(yLabel);
            axis.setSmallestValue(1e-3);
            axis.setNumberFormatOverride(new DecimalFormat("0.###"));
            p.setRangeAxis(axis);
        } else {
            ((NumberAxis) p.getRangeAxis()).setAutoRangeIncludesZero(false);
        }
        // Every time chart starts at epoch 0, so a chart with one point (an evaluation every five
        // epochs) still has a readable axis, and the charts line up.
        NumberAxis epochs = (NumberAxis) p.getDomainAxis();
        epochs.setAutoRangeIncludesZero(true);
        epochs.setAutoRangeMinimumSize(1.0);
        // Sparse series (evaluations, rms) show their points; dense ones are plain lines.
        boolean sparse = data == errors || data == rms;
        XYLineAndShapeRenderer r = new XYLineAndShapeRenderer(true, sparse);
        r.setDrawSeriesLineAsPath(true);   // one path per series: far fewer Java2D calls than a segment per point
        r.setDefaultToolTipGenerator(new StandardXYToolTipGenerator("{0}: epoch {1}, {2}",
                new DecimalFormat("0.000"), new DecimalFormat("0.######")));
        p.setRenderer(r);
        style(c);
        timePlots.add(p);
        return c;
    }

    private static void style(JFreeChart c) {
        c.getTitle().setFont(new Font("SansSerif", Font.BOLD, 13));
        c.setBackgroundPaint(Color.WHITE);
        XYPlot p = c.getXYPlot();
        p.setBackgroundPaint(new Color(0xfafafa));
        p.setDomainGridlinePaint(new Color(0xdddddd));
        p.setRangeGridlinePaint(new Color(0xdddddd));
    }

    public Map<String, JFreeChart> charts() {
        return charts;
    }

    public JFreeChart chart(String name) {
        return charts.get(name);
    }

    /** Settings changes marked on the charts so far (for tests and export). */
    public List<TrainingEvent.SettingChanged> markers() {
        return List.copyOf(markers);
    }

    /** Number of domain markers on one chart. */
    public int markerCount(String chart) {
        var m = charts.get(chart).getXYPlot().getDomainMarkers(org.jfree.chart.ui.Layer.FOREGROUND);
        return m == null ? 0 : m.size();
    }

    /** Total points over all series of a time chart. */
    public int pointCount(String chart) {
        XYSeriesCollection c = (XYSeriesCollection) charts.get(chart).getXYPlot().getDataset();
        int n = 0;
        for (int i = 0; i < c.getSeriesCount(); i++) n += c.getSeries(i).getItemCount();
        return n;
    }

    public int layers() {
        return layers;
    }

    public void setHistogramLayer(int layer) {
        checkFx();
        histogramLayer = Math.max(0, layer);
        updateHistogram();
    }

    /**
     * Whether the charts are on screen. While hidden, events still update the datasets, but no
     * chart is redrawn; showing them again redraws the charts that changed meanwhile, once.
     */
    public void setShown(boolean shown) {
        checkFx();
        if (this.shown == shown) return;
        this.shown = shown;
        if (shown) redraw();
    }

    public boolean isShown() {
        return shown;
    }

    /**
     * Applies one delivered batch of events (FX thread). The charts the events touch stop
     * redrawing while their datasets change; they are redrawn together afterwards, at most as
     * often as the redraw budget allows ({@link #REDRAW_SHARE}). Charts the events do not touch
     * keep drawing normally (zoom, tooltips).
     */
    public void apply(List<TrainingEvent> events) {
        checkFx();
        Set<JFreeChart> touched = touchedBy(events);
        for (JFreeChart c : touched) c.setNotify(false);
        dirty.addAll(touched);
        try {
            for (TrainingEvent e : events) {
                if (e instanceof TrainingEvent.RunStarted s) start(s);
                else if (e instanceof TrainingEvent.RunReset) clear();
                else if (e instanceof TrainingEvent.BatchProgress p) progress(p);
                else if (e instanceof TrainingEvent.EpochCompleted m) epoch(m);
                else if (e instanceof TrainingEvent.SettingChanged s) marker(s);
            }
        } finally {
            requestRedraw();
        }
    }

    /** The charts whose data or markers these events change. */
    private Set<JFreeChart> touchedBy(List<TrainingEvent> events) {
        Set<JFreeChart> t = new LinkedHashSet<>();
        for (TrainingEvent e : events) {
            if (e instanceof TrainingEvent.RunStarted || e instanceof TrainingEvent.RunReset
                    || e instanceof TrainingEvent.SettingChanged) {
                t.addAll(charts.values());
            } else if (e instanceof TrainingEvent.BatchProgress) {
                for (String n : List.of(COST, PAIRWISE, GOODNESS, HISTOGRAM)) t.add(charts.get(n));
            } else if (e instanceof TrainingEvent.EpochCompleted) {
                for (String n : List.of(COST, ERRORS, PAIRWISE, RMS, GAIN, GOODNESS)) t.add(charts.get(n));
            }
        }
        return t;
    }

    /** Redraws the changed charts now if shown and the budget allows, else once it does. */
    private void requestRedraw() {
        if (dirty.isEmpty() || !shown) return;
        long wait = lastRedrawEnd + Math.max(MIN_REDRAW_GAP_NANOS, (long) (lastRedrawCost / REDRAW_SHARE)) - System.nanoTime();
        if (wait <= 0) {
            redraw();
            return;
        }
        if (flush == null) {
            flush = new PauseTransition();
            flush.setOnFinished(e -> {
                if (shown) redraw();
            });
        }
        if (flush.getStatus() != Animation.Status.RUNNING) {
            flush.setDuration(Duration.millis(wait / 1e6));
            flush.playFromStart();
        }
    }

    /** Redraws every changed chart (each redraws as its notification turns back on) and times it. */
    private void redraw() {
        if (dirty.isEmpty()) return;
        long start = System.nanoTime();
        List<JFreeChart> now = new ArrayList<>(dirty);
        dirty.clear();
        for (JFreeChart c : now) c.setNotify(true);
        lastRedrawEnd = System.nanoTime();
        lastRedrawCost = lastRedrawEnd - start;
        redraws++;
    }

    /** Number of redraws so far (each redraws every chart changed since the previous one). */
    public long redrawCount() {
        return redraws;
    }

    /** Whether some chart has changed data that is not drawn yet. */
    public boolean redrawPending() {
        return !dirty.isEmpty();
    }

    private void clear() {
        for (XYSeriesCollection c : List.of(cost, errors, pairwise, rms, gain, goodness)) c.removeAllSeries();
        for (XYPlot p : timePlots) {
            p.clearDomainMarkers();
            p.clearRangeMarkers();
        }
        markers.clear();
        lastSnapshot = null;
        histogramPlot.setDataset(new HistogramDataset());
    }

    private void start(TrainingEvent.RunStarted s) {
        clear();
        layers = s.config().layerCount();
        series(cost, "trainlogcost", Color.BLACK);
        series(errors, "energy train", LAYER_COLORS[0]);
        series(errors, "energy valid", LAYER_COLORS[1]);
        series(errors, "softmax valid", LAYER_COLORS[2]);
        // Recipe B has no validation split: its per-epoch evaluation is on the test set.
        if (s.config().preset() == Preset.SLEEP) series(errors, "energy test", LAYER_COLORS[3]);
        series(gain, "gain", Color.DARK_GRAY);
        for (int l = 0; l < layers; l++) {
            Color c = LAYER_COLORS[l % LAYER_COLORS.length];
            series(pairwise, "layer " + (l + 1), c);
            series(rms, "rms L" + (l + 1), c);
            series(goodness, "L" + (l + 1) + " positive", c);
            series(goodness, "L" + (l + 1) + " negative", c.brighter());
        }
        for (int l = 1; l < layers; l++) series(rms, "suprms L" + (l + 1), LAYER_COLORS[l % LAYER_COLORS.length].darker());
        XYLineAndShapeRenderer r = (XYLineAndShapeRenderer) goodnessPlot.getRenderer();
        for (int l = 0; l < layers; l++) {
            r.setSeriesStroke(2 * l + 1, new BasicStroke(1.5f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f, new float[] {5f, 4f}, 0f));
        }
        java.util.Set<Double> thresholds = new java.util.TreeSet<>();
        for (int l = 0; l < layers; l++) thresholds.add(s.config().threshold() * s.config().width(l));
        for (double t : thresholds) {
            ValueMarker m = new ValueMarker(t, Color.GRAY, new BasicStroke(1.2f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f, new float[] {2f, 3f}, 0f));
            m.setLabel("threshold " + new DecimalFormat("0.##").format(t));
            m.setLabelAnchor(RectangleAnchor.TOP_LEFT);
            m.setLabelTextAnchor(TextAnchor.BOTTOM_LEFT);
            goodnessPlot.addRangeMarker(m);
        }
    }

    private void series(XYSeriesCollection c, String name, Color color) {
        XYSeries s = new XYSeries(name, true, false);
        s.setMaximumItemCount(50_000);
        c.addSeries(s);
        XYPlot p = findPlot(c);
        if (p != null) p.getRenderer().setSeriesPaint(c.getSeriesCount() - 1, color);
    }

    private XYPlot findPlot(XYSeriesCollection c) {
        for (XYPlot p : timePlots) if (p.getDataset() == c) return p;
        return null;
    }

    private XYSeries get(XYSeriesCollection c, String key) {
        int i = c.getSeriesIndex(key);
        return i < 0 ? null : c.getSeries(i);
    }

    private static void put(XYSeries s, double x, double y) {
        if (s != null && Double.isFinite(y)) s.addOrUpdate(x, y);
    }

    private void progress(TrainingEvent.BatchProgress p) {
        BatchSnapshot s = p.snapshot();
        lastSnapshot = s;
        if (s.batch() == 0) {
            updateHistogram();
            return;
        }
        double x = p.x();
        put(get(cost, "trainlogcost"), x, s.runningCost());
        double scale = (double) s.batchesPerEpoch() / s.batch();
        for (int l = 0; l < s.runningPairwise().size(); l++) {
            put(get(pairwise, "layer " + (l + 1)), x, s.runningPairwise().get(l) * scale);
            put(get(goodness, "L" + (l + 1) + " positive"), x, s.meanGoodnessPos().get(l));
            put(get(goodness, "L" + (l + 1) + " negative"), x, s.meanGoodnessNeg().get(l));
        }
        updateHistogram();
    }

    private void epoch(TrainingEvent.EpochCompleted e) {
        EpochMetrics m = e.metrics();
        double x = e.x();
        // The epoch's point replaces its live tail (the running figures drawn during the epoch).
        for (XYSeriesCollection c : List.of(cost, pairwise, goodness)) {
            for (int i = 0; i < c.getSeriesCount(); i++) dropLiveTail(c.getSeries(i), m.epoch());
        }
        put(get(cost, "trainlogcost"), x, m.trainLogCost());
        put(get(gain, "gain"), m.epoch(), m.gain());
        put(get(gain, "gain"), x, m.gain());
        for (int l = 0; l < m.pairwiseErrors().size(); l++) {
            put(get(pairwise, "layer " + (l + 1)), x, m.pairwiseErrors().get(l));
            put(get(goodness, "L" + (l + 1) + " positive"), x, m.goodnessPos().get(l));
            put(get(goodness, "L" + (l + 1) + " negative"), x, m.goodnessNeg().get(l));
        }
        if (m.energyErrorsTrain() != null && m.trainCases() > 0)
            put(get(errors, "energy train"), x, pct(m.energyErrorsTrain(), m.trainCases()));
        if (m.energyErrorsValid() != null && m.validCases() > 0)
            put(get(errors, "energy valid"), x, pct(m.energyErrorsValid(), m.validCases()));
        if (m.softmaxErrorsValid() != null && m.validCases() > 0)
            put(get(errors, "softmax valid"), x, pct(m.softmaxErrorsValid(), m.validCases()));
        if (m.energyErrorsTest() != null && m.testCases() > 0)
            put(get(errors, "energy test"), x, pct(m.energyErrorsTest(), m.testCases()));
        if (m.rms() != null) for (int l = 0; l < m.rms().size(); l++) put(get(rms, "rms L" + (l + 1)), x, m.rms().get(l));
        if (m.suprms() != null) {
            for (int i = 0; i < m.suprms().size(); i++) {
                int layer = layers - m.suprms().size() + i + 1;
                put(get(rms, "suprms L" + layer), x, m.suprms().get(i));
            }
        }
    }

    /**
     * Removes epoch {@code epoch}'s live tail: the points with x in (epoch, epoch + 1], the last
     * being the progress point of its final batch. The series is sorted by x.
     */
    private static void dropLiveTail(XYSeries s, int epoch) {
        int n = s.getItemCount(), from = n;
        while (from > 0 && s.getX(from - 1).doubleValue() > epoch && s.getX(from - 1).doubleValue() <= epoch + 1) from--;
        if (from < n) s.delete(from, n - 1);
    }

    /** Number of points of one series of a time chart (by its legend name), or -1 if there is none. */
    public int seriesPointCount(String chart, String series) {
        XYSeriesCollection c = (XYSeriesCollection) charts.get(chart).getXYPlot().getDataset();
        int i = c.getSeriesIndex(series);
        return i < 0 ? -1 : c.getSeries(i).getItemCount();
    }

    /** An error rate in percent; zero errors are drawn at the log axis' floor (0.001 %). */
    private static double pct(int errs, int cases) {
        return Math.max(1e-3, 100.0 * errs / cases);
    }

    private void marker(TrainingEvent.SettingChanged s) {
        markers.add(s);
        for (XYPlot p : timePlots) {
            ValueMarker m = new ValueMarker(s.x(), new Color(0xff7f0e), new BasicStroke(1.5f));
            m.setLabel(s.label());
            m.setLabelFont(new Font("SansSerif", Font.PLAIN, 10));
            m.setLabelAnchor(RectangleAnchor.TOP_RIGHT);
            m.setLabelTextAnchor(TextAnchor.TOP_LEFT);
            p.addDomainMarker(m);
        }
    }

    private void updateHistogram() {
        BatchSnapshot s = lastSnapshot;
        HistogramDataset d = new HistogramDataset();
        if (s != null && histogramLayer < s.lastPos().size()) {
            double[] pos = toDouble(s.lastPos().get(histogramLayer)), neg = toDouble(s.lastNeg().get(histogramLayer));
            double lo = Double.POSITIVE_INFINITY, hi = Double.NEGATIVE_INFINITY;
            for (double[] a : List.of(pos, neg)) for (double v : a) if (Double.isFinite(v)) {
                lo = Math.min(lo, v);
                hi = Math.max(hi, v);
            }
            if (lo < hi) {
                if (pos.length > 0) d.addSeries("positive", pos, 30, lo, hi);
                if (neg.length > 0) d.addSeries("negative", neg, 30, lo, hi);
            }
            charts.get(HISTOGRAM).setTitle("Last batch goodness, layer " + (histogramLayer + 1)
                    + " (epoch " + s.epoch() + ", batch " + s.batch() + ")");
            histogramPlot.clearDomainMarkers();
            if (histogramLayer < s.threshold().size()) {
                ValueMarker m = new ValueMarker(s.threshold().get(histogramLayer), Color.GRAY, new BasicStroke(1.2f));
                m.setLabel("threshold");
                m.setLabelAnchor(RectangleAnchor.TOP_RIGHT);
                m.setLabelTextAnchor(TextAnchor.TOP_LEFT);
                histogramPlot.addDomainMarker(m);
            }
        }
        histogramPlot.setDataset(d);
    }

    private static double[] toDouble(float[] v) {
        double[] d = new double[v.length];
        for (int i = 0; i < v.length; i++) d[i] = v[i];
        return d;
    }

    /** Writes every chart as {@code <name>.png} into {@code dir}; returns the files. */
    public List<Path> exportPng(Path dir, int width, int height) throws IOException {
        Files.createDirectories(dir);
        List<Path> out = new ArrayList<>();
        for (Map.Entry<String, JFreeChart> e : charts.entrySet()) {
            Path f = dir.resolve(e.getKey() + ".png");
            File file = f.toFile();
            ChartUtils.saveChartAsPNG(file, e.getValue(), width, height);
            out.add(f);
        }
        return out;
    }

    private static void checkFx() {
        if (!Platform.isFxApplicationThread()) throw new IllegalStateException("charts are changed on the FX thread only");
    }
}
