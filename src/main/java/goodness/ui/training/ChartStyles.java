package goodness.ui.training;

import goodness.ui.RunSeries;
import goodness.ui.SeriesModel;
import org.jfree.chart.ChartFactory;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.axis.ValueAxis;
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
import org.jfree.data.xy.XYSeriesCollection;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Paint;
import java.awt.Stroke;
import java.text.DecimalFormat;
import java.util.Map;

/**
 * Makes and styles the JFreeChart plots: fonts, backgrounds, axes (linear or log), renderers,
 * the colours and strokes of series and runs, and markers. No data and no state.
 */
final class ChartStyles {
    /** Layer colours, used while one run is shown. */
    static final Color[] LAYER_COLORS = {new Color(0x1f77b4), new Color(0xd62728), new Color(0x2ca02c),
            new Color(0x9467bd), new Color(0xff7f0e), new Color(0x8c564b)};
    /** Run colours, used while runs are compared: slot 0 is the live run. */
    static final Color[] RUN_COLORS = {Color.BLACK, new Color(0x1f77b4), new Color(0xd62728), new Color(0x2ca02c),
            new Color(0x9467bd), new Color(0xff7f0e), new Color(0x8c564b), new Color(0xe377c2), new Color(0x17becf)};
    /** Dash patterns of a run's series while runs are compared: enough for the six goodness series of three layers. */
    private static final float[][] DASHES = {null, {6f, 3f}, {2f, 2f}, {8f, 3f, 2f, 3f}, {1f, 3f}, {10f, 4f}, {4f, 2f, 1f, 2f, 1f, 2f}, {12f, 2f, 2f, 2f}};
    static final Color SETTING_MARKER = new Color(0xff7f0e);

    private ChartStyles() {
    }

    /** A time chart: x the epoch (or wall time), tooltips with exact values. */
    static JFreeChart timeChart(String title, String yLabel, XYSeriesCollection data, boolean log, boolean points) {
        JFreeChart c = ChartFactory.createXYLineChart(title, "epoch", yLabel, data, PlotOrientation.VERTICAL, true, true, false);
        XYPlot p = c.getXYPlot();
        p.setRangeAxis(rangeAxis(yLabel, log));
        p.setDomainAxis(new TimeAxis("epoch"));
        XYLineAndShapeRenderer r = new XYLineAndShapeRenderer(true, points);
        r.setDrawSeriesLineAsPath(true);   // one path per series: far fewer Java2D calls than a segment per point
        r.setDefaultToolTipGenerator(new StandardXYToolTipGenerator("{0}: x {1}, {2}",
                new DecimalFormat("0.000"), new DecimalFormat("0.######")));
        p.setRenderer(r);
        style(c);
        return c;
    }

    /**
     * A time chart's x axis (epochs or seconds): its auto range runs from 0 to at least 1, so a
     * chart with one point (an evaluation every five epochs) still has a readable axis and the
     * charts line up. JFreeChart alone centres a range shorter than its minimum size on the data,
     * which during a run's first epoch showed negative epochs (-0.3 to 0.7).
     */
    static final class TimeAxis extends NumberAxis {
        TimeAxis(String label) {
            super(label);
            setAutoRangeIncludesZero(true);
            setAutoRangeMinimumSize(1.0);
        }

        @Override
        protected void autoAdjustRange() {
            super.autoAdjustRange();
            if (isAutoRange() && getLowerBound() < 0)
                setRange(new org.jfree.data.Range(0, Math.max(1.0, getUpperBound() - getLowerBound())), false, false);
        }
    }

    /** A linear axis not forced to include zero, or a log axis (floor 0.001) ticking on round values. */
    static ValueAxis rangeAxis(String label, boolean log) {
        if (log) {
            RoundLogAxis axis = new RoundLogAxis(label);
            axis.setSmallestValue(1e-3);
            return axis;
        }
        NumberAxis axis = new NumberAxis(label);
        axis.setAutoRangeIncludesZero(false);
        return axis;
    }

    static JFreeChart histogram() {
        JFreeChart h = ChartFactory.createHistogram("Last batch goodness, layer 1", "goodness", "cases",
                new HistogramDataset(), PlotOrientation.VERTICAL, true, true, false);
        XYPlot p = h.getXYPlot();
        XYBarRenderer br = (XYBarRenderer) p.getRenderer();
        br.setBarPainter(new StandardXYBarPainter());
        br.setShadowVisible(false);
        br.setSeriesPaint(0, new Color(44, 160, 44, 150));
        br.setSeriesPaint(1, new Color(214, 39, 40, 150));
        br.setDefaultToolTipGenerator(new StandardXYToolTipGenerator("{0}: goodness {1}, {2} cases",
                new DecimalFormat("0.###"), new DecimalFormat("0")));
        p.setForegroundAlpha(0.8f);
        style(h);
        return h;
    }

    private static void style(JFreeChart c) {
        c.getTitle().setFont(new Font("SansSerif", Font.BOLD, 13));
        c.setBackgroundPaint(Color.WHITE);
        XYPlot p = c.getXYPlot();
        p.setBackgroundPaint(new Color(0xfafafa));
        p.setDomainGridlinePaint(new Color(0xdddddd));
        p.setRangeGridlinePaint(new Color(0xdddddd));
    }

    /**
     * Colour and stroke of a line. One run: colours by layer (series slot), the goodness chart's
     * negatives dashed and lighter. Comparing: colour by run, dash pattern by series.
     */
    static void styleLine(XYLineAndShapeRenderer r, int index, SeriesModel.Line line, String chart, boolean comparing) {
        Color color;
        float[] dash;
        if (comparing) {
            color = RUN_COLORS[line.runSlot() % RUN_COLORS.length];
            dash = DASHES[line.seriesSlot() % DASHES.length];
        } else if (RunSeries.GOODNESS.equals(chart)) {
            Color base = LAYER_COLORS[(line.seriesSlot() / 2) % LAYER_COLORS.length];
            boolean negative = line.seriesSlot() % 2 == 1;
            color = negative ? base.brighter() : base;
            dash = negative ? new float[] {5f, 4f} : null;
        } else if (line.seriesSlot() == 0 && (RunSeries.COST.equals(chart) || RunSeries.GAIN.equals(chart))) {
            color = RunSeries.COST.equals(chart) ? Color.BLACK : Color.DARK_GRAY;
            dash = null;
        } else if (RunSeries.RMS.equals(chart) && line.name().contains("suprms")) {
            // suprms Lk: the darker shade of layer k's colour
            String n = line.name();
            int layer = Integer.parseInt(n.substring(n.lastIndexOf('L') + 1).replace(" (raw)", ""));
            color = LAYER_COLORS[(layer - 1) % LAYER_COLORS.length].darker();
            dash = null;
        } else {
            color = LAYER_COLORS[line.seriesSlot() % LAYER_COLORS.length];
            dash = null;
        }
        Paint paint = line.faint() ? new Color(color.getRed(), color.getGreen(), color.getBlue(), 60) : color;
        r.setSeriesPaint(index, paint, false);
        r.setSeriesStroke(index, stroke(line.faint() ? 1f : 1.5f, dash), false);
        r.setSeriesVisibleInLegend(index, !line.faint(), false);
        r.setSeriesShapesVisible(index, !line.faint() && r.getDefaultShapesVisible());
    }

    /**
     * The legend while runs are compared: one entry per run (its colour) and one per series
     * (its dash pattern), instead of one per run and series, which would fill the chart.
     */
    static org.jfree.chart.LegendItemCollection comparisonLegend(java.util.List<SeriesModel.Line> lines, java.util.Map<Integer, String> runLabels) {
        org.jfree.chart.LegendItemCollection items = new org.jfree.chart.LegendItemCollection();
        java.awt.Shape line = new java.awt.geom.Line2D.Double(-8, 0, 8, 0);
        java.util.Set<Integer> runs = new java.util.TreeSet<>();
        java.util.Map<Integer, String> series = new java.util.TreeMap<>();
        for (SeriesModel.Line l : lines) {
            if (l.faint()) continue;
            runs.add(l.runSlot());
            String name = l.name();
            series.putIfAbsent(l.seriesSlot(), name.substring(name.indexOf(" · ") + 3));
        }
        for (int r : runs) {
            org.jfree.chart.LegendItem item = new org.jfree.chart.LegendItem(runLabels.getOrDefault(r, "run " + r), null, null, null,
                    line, stroke(2.5f, null), RUN_COLORS[r % RUN_COLORS.length]);
            items.add(item);
        }
        if (series.size() > 1) {
            for (Map.Entry<Integer, String> e : series.entrySet()) {
                items.add(new org.jfree.chart.LegendItem(e.getValue(), null, null, null, line,
                        stroke(1.5f, DASHES[e.getKey() % DASHES.length]), Color.GRAY));
            }
        }
        return items;
    }

    static Stroke stroke(float width, float[] dash) {
        return dash == null ? new BasicStroke(width) : new BasicStroke(width, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f, dash, 0f);
    }

    /** The orange vertical line of a live setting change. */
    static ValueMarker settingMarker(double x, String label) {
        ValueMarker m = new ValueMarker(x, SETTING_MARKER, new BasicStroke(1.5f));
        m.setLabel(label);
        m.setLabelFont(new Font("SansSerif", Font.PLAIN, 10));
        m.setLabelAnchor(RectangleAnchor.TOP_RIGHT);
        m.setLabelTextAnchor(TextAnchor.TOP_LEFT);
        return m;
    }

    /** A dashed grey vertical line where a run's stage changes (an unsupervised run's readout-only epochs). */
    static ValueMarker stageMarker(double x, String label) {
        ValueMarker m = new ValueMarker(x, java.awt.Color.DARK_GRAY, new BasicStroke(1.2f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f, new float[] {6f, 4f}, 0f));
        m.setLabel(label);
        m.setLabelFont(new Font("SansSerif", Font.PLAIN, 10));
        m.setLabelAnchor(RectangleAnchor.TOP_RIGHT);
        m.setLabelTextAnchor(TextAnchor.TOP_LEFT);
        return m;
    }

    /** A dotted grey horizontal line at a goodness threshold. */
    static ValueMarker thresholdMarker(double y) {
        ValueMarker m = new ValueMarker(y, Color.GRAY, stroke(1.2f, new float[] {2f, 3f}));
        m.setLabel("threshold " + new DecimalFormat("0.##").format(y));
        m.setLabelAnchor(RectangleAnchor.TOP_LEFT);
        m.setLabelTextAnchor(TextAnchor.BOTTOM_LEFT);
        return m;
    }

    /** The histogram's vertical threshold line. */
    static ValueMarker histogramThreshold(double x) {
        ValueMarker m = new ValueMarker(x, Color.GRAY, new BasicStroke(1.2f));
        m.setLabel("threshold");
        m.setLabelAnchor(RectangleAnchor.TOP_RIGHT);
        m.setLabelTextAnchor(TextAnchor.TOP_LEFT);
        return m;
    }
}
