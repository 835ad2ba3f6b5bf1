package goodness.ui;

import goodness.ff.BatchSnapshot;
import goodness.ff.EpochMetrics;
import goodness.service.TrainingEvent;
import javafx.application.Platform;
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
import java.util.List;
import java.util.Map;

/**
 * Owns the JFreeChart charts and their datasets. JFreeChart is not thread-safe: every method
 * here runs on the FX thread, and each batch of events is applied with the charts' notification
 * off, so a batch costs one redraw per chart.
 *
 * <p>x axis of every time chart: the epoch as a fractional number (epoch + batch/batchesPerEpoch),
 * so points inside an epoch appear before the epoch ends. Intra-epoch points use the engine's
 * running figures (scaled to a whole epoch where they are counts).
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

    /** Applies one delivered batch of events (FX thread). */
    public void apply(List<TrainingEvent> events) {
        checkFx();
        for (JFreeChart c : charts.values()) c.setNotify(false);
        try {
            for (TrainingEvent e : events) {
                if (e instanceof TrainingEvent.RunStarted s) start(s);
                else if (e instanceof TrainingEvent.RunReset) clear();
                else if (e instanceof TrainingEvent.BatchProgress p) progress(p);
                else if (e instanceof TrainingEvent.EpochCompleted m) epoch(m);
                else if (e instanceof TrainingEvent.SettingChanged s) marker(s);
            }
        } finally {
            for (JFreeChart c : charts.values()) c.setNotify(true);
        }
    }

    public void clear() {
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
        if (m.rms() != null) for (int l = 0; l < m.rms().size(); l++) put(get(rms, "rms L" + (l + 1)), x, m.rms().get(l));
        if (m.suprms() != null) {
            for (int i = 0; i < m.suprms().size(); i++) {
                int layer = layers - m.suprms().size() + i + 1;
                put(get(rms, "suprms L" + layer), x, m.suprms().get(i));
            }
        }
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
