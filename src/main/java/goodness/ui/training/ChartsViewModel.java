package goodness.ui.training;

import goodness.ff.FFConfig;
import goodness.ff.training.BatchSnapshot;
import goodness.service.TrainingEvent;
import goodness.ui.FigureCaption;
import goodness.ui.RunSeries;
import goodness.ui.SeriesModel;
import javafx.application.Platform;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.DoubleProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleDoubleProperty;
import javafx.beans.property.SimpleObjectProperty;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.LogAxis;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.axis.ValueAxis;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.ui.Layer;
import org.jfree.data.xy.XYSeriesCollection;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The Training tab's charts: turns the service's events into the live run's {@link RunSeries},
 * shows it with any overlaid stored runs ({@link SeriesModel}), and hands changed charts to the
 * {@link RedrawThrottle}. Plot styling is {@link ChartStyles}'; drawing a time chart from the
 * series model is {@link TimeChartDrawing}'s, the histogram {@link HistogramDrawing}'s.
 * JFreeChart is not thread-safe: every method here runs on the FX thread.
 *
 * <p>Drawing cost. On two cores every redraw competes with the BLAS threads, so the charts are
 * kept cheap to draw: one point per epoch plus a live tail for the epoch in progress (see
 * {@link RunSeries}), lines drawn as one path per series, only the charts an update touches
 * rebuilt and redrawn, and that at most within {@link #REDRAW_SHARE} of the FX thread's time and
 * never while the charts are hidden ({@link #setShown}). Events only change the series model;
 * a chart's dataset is rebuilt from it when the chart is redrawn.
 */
public final class ChartsViewModel {
    public static final String COST = RunSeries.COST, ERRORS = RunSeries.ERRORS, PAIRWISE = RunSeries.PAIRWISE,
            RMS = RunSeries.RMS, GAIN = RunSeries.GAIN, GOODNESS = RunSeries.GOODNESS, HISTOGRAM = "histogram";
    /** Charts whose y axis can switch between linear and log. */
    public static final Set<String> LOG_CAPABLE = Set.of(COST, ERRORS, PAIRWISE);
    /** The live run's id in the series model. */
    public static final String LIVE = "live";

    /** The share of the FX thread's time that chart redraws may take (see {@link RedrawThrottle}). */
    static final double REDRAW_SHARE = 0.03;
    /**
     * The least time between two redraws while training. A redraw costs training more than the
     * FX thread's own time that the share counts (the renderer, and the BLAS threads, which wait
     * on each other, lose the core): measured in four alternating app runs
     * (assets/bench/charts-cost-1202), Training-tab epochs took 1.077× the epochs behind a static
     * tab with 250 ms and 1.041× with 1 s (medians of 30 pairs each). A curve that moves once a
     * second is still live.
     */
    private static final long MIN_REDRAW_GAP_NANOS = 1_000_000_000L;

    private final Map<String, JFreeChart> charts = new LinkedHashMap<>();
    private final Map<String, String> yLabels = new LinkedHashMap<>();
    private final Map<String, Boolean> logScale = new LinkedHashMap<>();
    private final SeriesModel model = new SeriesModel();
    private final List<TrainingEvent.SettingChanged> markers = new ArrayList<>();
    private final List<Double> thresholds = new ArrayList<>();
    private final RedrawThrottle<String> throttle = new RedrawThrottle<>(REDRAW_SHARE, MIN_REDRAW_GAP_NANOS, this::redraw);
    private final DoubleProperty smoothing = new SimpleDoubleProperty(0);
    private final ObjectProperty<SeriesModel.XAxis> xAxis = new SimpleObjectProperty<>(SeriesModel.XAxis.EPOCH);
    private final BooleanProperty logErrors = new SimpleBooleanProperty(true), logCost = new SimpleBooleanProperty(false),
            logPairwise = new SimpleBooleanProperty(false);
    private BatchSnapshot lastSnapshot;
    private String liveLabel = "this run";
    private int histogramLayer;
    private int layers;
    private int batchSize = 1;
    private double appliedRate = Double.NaN;
    private boolean linkingZoom;
    /** The configuration the next run will use, where known: its evaluation interval goes into the empty charts' messages. */
    private FFConfig nextConfig;
    /** The live run's configuration as it started (null: no run), for the figures' captions. */
    private FFConfig liveConfig;

    public ChartsViewModel() {
        add(COST, "Training cost", "trainlogcost", false);
        add(ERRORS, "Error rates", "errors (%)", true);
        add(PAIRWISE, "PairwiseErrs per layer", "cases with G− > G+", false);
        add(RMS, "rms of weights", "rms", false);
        add(GAIN, "Learning-rate gain", "gain", false);
        fixGainRange();
        add(GOODNESS, "Mean goodness per layer (vs threshold)", "goodness", false);
        charts.put(HISTOGRAM, ChartStyles.histogram());
        showNoDataMessages(null, false);
        smoothing.addListener((o, a, b) -> {
            model.setSmoothing(Math.max(0, Math.min(0.999, b.doubleValue())));
            changedAll();
        });
        xAxis.addListener((o, a, b) -> {
            model.setXAxis(b);
            for (String c : RunSeries.CHARTS) {
                XYPlot p = charts.get(c).getXYPlot();
                p.getDomainAxis().setLabel(b.label());
                p.getDomainAxis().setAutoRange(true);
            }
            changedAll();
        });
        linkZoom();
        logErrors.addListener((o, a, b) -> setLog(ERRORS, b));
        logCost.addListener((o, a, b) -> setLog(COST, b));
        logPairwise.addListener((o, a, b) -> setLog(PAIRWISE, b));
    }

    /**
     * Zooming one time chart's x range zooms every time chart's (the plots stay aligned, so a
     * run's first epochs can be compared on all of them at once); Reset zoom undoes it.
     */
    private void linkZoom() {
        for (String name : RunSeries.CHARTS) {
            ValueAxis x = charts.get(name).getXYPlot().getDomainAxis();
            x.addChangeListener(e -> {
                if (linkingZoom || x.isAutoRange()) return;
                linkingZoom = true;
                try {
                    for (String other : RunSeries.CHARTS) {
                        ValueAxis o = charts.get(other).getXYPlot().getDomainAxis();
                        if (o != x && !o.getRange().equals(x.getRange())) o.setRange(x.getRange());
                    }
                } finally {
                    linkingZoom = false;
                }
            });
        }
    }

    private void add(String name, String title, String yLabel, boolean log) {
        // Sparse series (evaluations, rms) show their points; dense ones are plain lines.
        boolean sparse = name.equals(ERRORS) || name.equals(RMS);
        charts.put(name, ChartStyles.timeChart(title, yLabel, new XYSeriesCollection(), log, sparse));
        yLabels.put(name, yLabel);
        logScale.put(name, log);
    }

    private void fixGainRange() {
        // From zero, so the flat first half of recipe A's schedule reads as "full gain"; the top
        // follows the data (the live slider can lift the applied gain above 1).
        NumberAxis gainAxis = (NumberAxis) charts.get(GAIN).getXYPlot().getRangeAxis();
        gainAxis.setAutoRangeIncludesZero(true);
        gainAxis.setAutoRange(true);
    }

    public Map<String, JFreeChart> charts() {
        return charts;
    }

    public JFreeChart chart(String name) {
        return charts.get(name);
    }

    /** The runs shown: the live one and the overlaid ones. */
    public SeriesModel model() {
        return model;
    }

    /** Settings changes marked on the charts so far (for tests and export). */
    public List<TrainingEvent.SettingChanged> markers() {
        return List.copyOf(markers);
    }

    /** Number of domain markers on one chart (as drawn). */
    public int markerCount(String chart) {
        var m = charts.get(chart).getXYPlot().getDomainMarkers(Layer.FOREGROUND);
        return m == null ? 0 : m.size();
    }

    /** Points over all (non-faint) lines that a time chart shows, as the series model holds them. */
    public int pointCount(String chart) {
        int n = 0;
        for (SeriesModel.Line l : model.drawn(chart)) if (!l.faint()) n += l.size();
        return n;
    }

    /** Points of one line of a time chart (by its legend name) in the series model, or -1 if there is none. */
    public int seriesPointCount(String chart, String series) {
        for (SeriesModel.Line l : model.drawn(chart)) if (l.name().equals(series)) return l.size();
        return -1;
    }

    /** Points over all series of a time chart's dataset: what is drawn now. */
    public int drawnPointCount(String chart) {
        XYSeriesCollection c = (XYSeriesCollection) charts.get(chart).getXYPlot().getDataset();
        int n = 0;
        for (int i = 0; i < c.getSeriesCount(); i++) n += c.getSeries(i).getItemCount();
        return n;
    }

    /** Legend names of a time chart's drawn dataset. */
    public List<String> drawnSeriesNames(String chart) {
        XYSeriesCollection c = (XYSeriesCollection) charts.get(chart).getXYPlot().getDataset();
        List<String> names = new ArrayList<>();
        for (int i = 0; i < c.getSeriesCount(); i++) names.add(c.getSeries(i).getKey().toString());
        return names;
    }

    public int layers() {
        return layers;
    }

    // ------------------------------------------------------------------------------------------
    // View options (bound by the charts pane).

    /** Smoothing weight in [0, 0.999]: 0 draws raw values; otherwise raw lines stay faint behind. */
    public DoubleProperty smoothingProperty() {
        return smoothing;
    }

    public ObjectProperty<SeriesModel.XAxis> xAxisProperty() {
        return xAxis;
    }

    public BooleanProperty logErrorsProperty() {
        return logErrors;
    }

    public BooleanProperty logCostProperty() {
        return logCost;
    }

    public BooleanProperty logPairwiseProperty() {
        return logPairwise;
    }

    public boolean isLog(String chart) {
        return Boolean.TRUE.equals(logScale.get(chart));
    }

    private void setLog(String chart, boolean log) {
        checkFx();
        if (isLog(chart) == log) return;
        logScale.put(chart, log);
        charts.get(chart).getXYPlot().setRangeAxis(ChartStyles.rangeAxis(yLabels.get(chart), log));
    }

    /** Undoes every zoom: all axes back to their automatic ranges. */
    public void resetZoom() {
        checkFx();
        linkingZoom = true;
        try {
            for (Map.Entry<String, JFreeChart> e : charts.entrySet()) {
                XYPlot p = e.getValue().getXYPlot();
                p.getDomainAxis().setAutoRange(true);
                p.getRangeAxis().setAutoRange(true);
            }
        } finally {
            linkingZoom = false;
        }
    }

    public void setHistogramLayer(int layer) {
        checkFx();
        histogramLayer = Math.max(0, layer);
        throttle.markDirty(Set.of(HISTOGRAM));
        if (throttle.isShown()) throttle.redrawNow();
    }

    // ------------------------------------------------------------------------------------------
    // Overlays.

    /** Shows exactly these stored runs next to the live one (each keeps its colour while shown). */
    public void setOverlays(List<RunSeries> runs) {
        checkFx();
        model.setOverlays(runs);
        changedAll();
    }

    /** The legend's name for the live run while runs are compared. */
    public void setLiveLabel(String label) {
        checkFx();
        liveLabel = label;
        if (model.live() != null) {
            model.live().setLabel(label);
            changedAll();
        }
    }

    // ------------------------------------------------------------------------------------------
    // Showing and redrawing.

    /**
     * Whether the charts are on screen. While hidden, events still update the series, but no
     * chart is rebuilt or redrawn; showing them again redraws the charts that changed meanwhile, once.
     */
    public void setShown(boolean shown) {
        checkFx();
        throttle.setShown(shown);
    }

    public boolean isShown() {
        return throttle.isShown();
    }

    /**
     * The configuration the next run will use (null: not known), so that the empty charts can
     * say when their first points come, e.g. "first evaluation after epoch 5".
     */
    public void setNextRunConfig(FFConfig config) {
        checkFx();
        nextConfig = config;
        if (model.live() == null) showNoDataMessages(config, false);
    }

    /** The message a chart shows while none of its datasets holds a point. */
    public String noDataMessage(String chart) {
        return charts.get(chart).getXYPlot().getNoDataMessage();
    }

    private void showNoDataMessages(FFConfig config, boolean running) {
        for (Map.Entry<String, JFreeChart> e : charts.entrySet())
            e.getValue().getXYPlot().setNoDataMessage(EmptyChartText.message(e.getKey(), config, running));
    }

    /** Number of redraws so far (each redraws every chart changed since the previous one). */
    public long redrawCount() {
        return throttle.count();
    }

    /** Whether some chart has changed data that is not drawn yet. */
    public boolean redrawPending() {
        return throttle.pending();
    }

    /**
     * Applies one delivered batch of events (FX thread): the series model changes now; the
     * charts the events touch are rebuilt and redrawn together, at once or as soon as the
     * redraw budget allows. Charts the events do not touch keep drawing normally (zoom, tooltips).
     */
    public void apply(List<TrainingEvent> events) {
        checkFx();
        Set<String> touched = new TreeSet<>();
        for (TrainingEvent e : events) {
            if (e instanceof TrainingEvent.RunStarted s) {
                start(s.config());
                touched.addAll(charts.keySet());
            } else if (e instanceof TrainingEvent.RunReset r) {
                if (r.config() != null) nextConfig = r.config();
                clear();
                touched.addAll(charts.keySet());
            } else if (e instanceof TrainingEvent.BatchProgress p) {
                progress(p);
                touched.addAll(List.of(COST, PAIRWISE, GOODNESS, HISTOGRAM));
            } else if (e instanceof TrainingEvent.HistoryRestored h) {
                // A resumed run: its charts continue from its stored epochs and setting changes.
                model.setLive(RunSeries.of(LIVE, liveLabel, layers, h.metrics()));
                markers.addAll(h.changes());
                touched.addAll(RunSeries.CHARTS);
            } else if (e instanceof TrainingEvent.EpochCompleted m) {
                // The gain as applied (schedule × the live slider), not only the schedule's.
                if (model.live() != null) model.live().addEpoch(m.metrics(), m.appliedGain());
                appliedRate = m.appliedRate();
                touched.addAll(RunSeries.CHARTS);
            } else if (e instanceof TrainingEvent.SettingChanged s) {
                markers.add(s);
                touched.addAll(RunSeries.CHARTS);
            }
        }
        changed(touched);
    }

    private void changed(Set<String> touched) {
        throttle.markDirty(touched);
        throttle.request();
    }

    /**
     * A change the user asked for (overlays, view options): drawn at once while shown, not on
     * the training's redraw budget, which on a slow renderer can hold redraws back for seconds.
     */
    private void changedAll() {
        throttle.markDirty(charts.keySet());
        if (throttle.isShown()) throttle.redrawNow();
    }

    private void clear() {
        showNoDataMessages(nextConfig, false);
        model.setLive(null);
        liveConfig = null;
        appliedRate = Double.NaN;
        markers.clear();
        thresholds.clear();
        lastSnapshot = null;
    }

    private void start(FFConfig c) {
        clear();
        showNoDataMessages(c, true);
        layers = c.layerCount();
        batchSize = c.batchSize();
        liveConfig = c;
        model.setLive(new RunSeries(LIVE, liveLabel, layers));
        Set<Double> t = new TreeSet<>();
        for (int l = 0; l < layers; l++) t.add(c.threshold() * c.width(l));
        thresholds.addAll(t);
    }

    private void progress(TrainingEvent.BatchProgress p) {
        lastSnapshot = p.snapshot();
        if (model.live() != null) model.live().addProgress(p.snapshot(), batchSize);
    }

    /** Rebuilds the given charts' datasets and markers from the model, one redraw per chart. */
    private void redraw(Set<String> names) {
        for (String name : names) {
            JFreeChart c = charts.get(name);
            c.setNotify(false);
            try {
                if (name.equals(HISTOGRAM)) drawHistogram();
                else TimeChartDrawing.draw(c, name, model, markers, liveConfig, appliedRate, thresholds);
            } finally {
                c.setNotify(true);
            }
        }
    }

    private void drawHistogram() {
        HistogramDrawing.draw(charts.get(HISTOGRAM), lastSnapshot, histogramLayer);
    }

    /**
     * Every chart by name, its pending changes drawn first, ready to be drawn into a figure. FX
     * thread: the charts change there. Encoding and writing the figures is the caller's work, off
     * the FX thread.
     */
    public Map<String, JFreeChart> rendered() {
        checkFx();
        throttle.redrawNow();
        return java.util.Collections.unmodifiableMap(charts);
    }

    /**
     * The line under an exported chart: the runs it shows (the live run, then the overlaid ones,
     * as in the legend) with their changed settings. The histogram shows the live run only.
     */
    public String caption(String chart) {
        List<FigureCaption.Run> runs = new ArrayList<>();
        if (model.live() != null) runs.add(new FigureCaption.Run(model.live().label(), liveConfig));
        if (!chart.equals(HISTOGRAM)) for (RunSeries o : model.overlays()) runs.add(new FigureCaption.Run(o.label(), o.config()));
        return FigureCaption.of(runs);
    }

    /** The live run with its changed settings ("No run" without one), for figures of the live run alone. */
    public String liveCaption() {
        return caption(HISTOGRAM);
    }

    /** Whether a chart's y axis is drawn on a log scale now (for tests). */
    boolean rangeAxisIsLog(String chart) {
        return charts.get(chart).getXYPlot().getRangeAxis() instanceof LogAxis;
    }

    /** The x axis' label of a time chart (for tests). */
    String xAxisLabel(String chart) {
        return ((NumberAxis) charts.get(chart).getXYPlot().getDomainAxis()).getLabel();
    }

    private static void checkFx() {
        if (!Platform.isFxApplicationThread()) throw new IllegalStateException("charts are changed on the FX thread only");
    }
}
