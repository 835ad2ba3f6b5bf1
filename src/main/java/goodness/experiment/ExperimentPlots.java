package goodness.experiment;

import goodness.ff.io.AtomicFiles;
import org.jfree.chart.ChartUtils;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.LogAxis;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.axis.NumberTickUnit;
import org.jfree.chart.plot.ValueMarker;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYErrorRenderer;
import org.jfree.chart.title.TextTitle;
import org.jfree.chart.ui.RectangleAnchor;
import org.jfree.chart.ui.TextAnchor;
import org.jfree.data.xy.YIntervalSeries;
import org.jfree.data.xy.YIntervalSeriesCollection;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Shape;
import java.awt.geom.Ellipse2D;
import java.awt.geom.Rectangle2D;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Path;
import java.text.DecimalFormat;
import java.text.FieldPosition;
import java.text.NumberFormat;
import java.text.ParsePosition;
import java.util.List;
import java.util.SortedMap;

/**
 * The experiments' PNG plots, rendered headless with JFreeChart (no window, no JavaFX): the
 * separation table as accuracy against the phase length N, and the budget sweep's learning
 * curves. Files are written to a temporary name and moved into place, so a reader never sees a
 * half-written image.
 */
public final class ExperimentPlots {
    public static final int WIDTH = 960, HEIGHT = 600;

    /** Where the unseparated baseline sits on the log₂ N axis (labelled "none"). */
    static final double UNSEPARATED_X = 0.5;

    private static final Color[] COLOURS = {new Color(0x1f77b4), new Color(0xd62728), new Color(0x2ca02c), new Color(0x9467bd), new Color(0xff7f0e)};

    private ExperimentPlots() {
    }

    /**
     * One line of a plot: y values (percent) by x; several values at one x (several seeds) are
     * drawn as their mean with a min-max bar, and no value (an empty array: a cell not run yet,
     * a figure not published) as a gap, so that the line does not pass through a value nobody
     * measured.
     *
     * @param colour    index into the palette (a measured line and its published counterpart share it)
     * @param published a published reference (dashed, hollow markers) rather than a measurement
     */
    record Line(String name, int colour, boolean published, SortedMap<Double, double[]> points) {
    }

    /**
     * Test accuracy against N on a log₂ axis; the unseparated cell at x = {@value #UNSEPARATED_X}.
     * Table 1 separates both phases (N up to 128), table 2 only the awake one (N up to 16).
     */
    static void separation(Path png, String title, String subtitle, List<Line> lines, int table) throws IOException {
        LogAxis x = new LogAxis(table == 2
                ? "awake phase N (sleep 1 batch, positive lr / N; log\u2082 axis)"
                : "phase length N (awake = sleep = N batches; log\u2082 axis)");
        x.setBase(2);
        x.setTickUnit(new NumberTickUnit(1));
        x.setRange(UNSEPARATED_X / 1.35, (table == 2 ? 16 : 128) * 1.35);
        x.setNumberFormatOverride(new PhaseFormat());
        x.setMinorTickMarksVisible(false);
        save(png, chart(title, subtitle, x, "test accuracy (%)", lines, 0, 100, true));
    }

    /** The data of {@link #chart}: one series per line, a gap (NaN) where a line has no value. */
    static YIntervalSeriesCollection dataset(List<Line> lines) {
        YIntervalSeriesCollection data = new YIntervalSeriesCollection();
        for (Line line : lines) {
            YIntervalSeries s = new YIntervalSeries(line.name(), false, true);
            for (var e : line.points().entrySet()) {
                double[] v = e.getValue();
                if (v.length == 0) {
                    // The renderer draws no segment to or from a NaN and no marker at it.
                    s.add(e.getKey(), Double.NaN, Double.NaN, Double.NaN);
                    continue;
                }
                double min = Double.POSITIVE_INFINITY, max = Double.NEGATIVE_INFINITY, sum = 0;
                for (double y : v) {
                    min = Math.min(min, y);
                    max = Math.max(max, y);
                    sum += y;
                }
                s.add(e.getKey(), sum / v.length, min, max);
            }
            data.addSeries(s);
        }
        return data;
    }

    /** Test accuracy against the epoch, one line per budget. */
    static void curves(Path png, String title, String subtitle, List<Line> lines, double yMin, double target) throws IOException {
        NumberAxis x = new NumberAxis("epochs trained");
        x.setStandardTickUnits(NumberAxis.createIntegerTickUnits());
        x.setAutoRangeIncludesZero(true);
        JFreeChart chart = chart(title, subtitle, x, "test accuracy (%)", lines, yMin, 100, false);
        XYPlot plot = chart.getXYPlot();
        ValueMarker m = new ValueMarker(target, Color.GRAY, new BasicStroke(1f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 1f, new float[] {4f, 4f}, 0f));
        m.setLabel(String.format(java.util.Locale.ROOT, "%.0f %% target", target));
        m.setLabelAnchor(RectangleAnchor.BOTTOM_RIGHT);
        m.setLabelTextAnchor(TextAnchor.TOP_RIGHT);
        plot.addRangeMarker(m);
        save(png, chart);
    }

    private static JFreeChart chart(String title, String subtitle, org.jfree.chart.axis.ValueAxis x, String yLabel,
                                 List<Line> lines, double yMin, double yMax, boolean chanceLine) {
        YIntervalSeriesCollection data = dataset(lines);
        XYErrorRenderer r = new XYErrorRenderer();
        r.setDefaultLinesVisible(true);
        r.setDefaultShapesVisible(true);
        r.setDrawXError(false);
        r.setErrorPaint(Color.DARK_GRAY);
        Shape dot = new Ellipse2D.Double(-4, -4, 8, 8), square = new Rectangle2D.Double(-4, -4, 8, 8);
        for (int i = 0; i < lines.size(); i++) {
            Line line = lines.get(i);
            Color c = COLOURS[line.colour() % COLOURS.length];
            r.setSeriesPaint(i, c);
            r.setSeriesShape(i, line.published() ? square : dot);
            r.setSeriesShapesFilled(i, !line.published());
            r.setSeriesStroke(i, line.published()
                    ? new BasicStroke(1.5f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_ROUND, 1f, new float[] {6f, 4f}, 0f)
                    : new BasicStroke(2.2f));
        }
        NumberAxis y = new NumberAxis(yLabel);
        y.setRange(yMin, yMax);
        XYPlot plot = new XYPlot(data, x, y, r);
        plot.setBackgroundPaint(Color.WHITE);
        plot.setDomainGridlinePaint(new Color(0xdddddd));
        plot.setRangeGridlinePaint(new Color(0xdddddd));
        if (chanceLine) {
            ValueMarker chance = new ValueMarker(10, Color.GRAY, new BasicStroke(1f));
            chance.setLabel("chance (10 %)");
            chance.setLabelAnchor(RectangleAnchor.TOP_RIGHT);
            chance.setLabelTextAnchor(TextAnchor.BOTTOM_RIGHT);
            plot.addRangeMarker(chance);
        }
        JFreeChart chart = new JFreeChart(title, new Font(Font.SANS_SERIF, Font.BOLD, 16), plot, true);
        chart.setBackgroundPaint(Color.WHITE);
        if (subtitle != null && !subtitle.isEmpty()) chart.addSubtitle(new TextTitle(subtitle, new Font(Font.SANS_SERIF, Font.PLAIN, 12)));
        return chart;
    }

    /**
     * Renders the chart in memory and writes it with {@link AtomicFiles}: a unique temporary file
     * renamed over the target, so that two experiment processes writing into one folder (one
     * negative mode each, side by side) never trip over each other's temporary file, and a
     * reader never sees half a PNG.
     */
    static void save(Path png, JFreeChart chart) throws IOException {
        if (System.getProperty("java.awt.headless") == null) System.setProperty("java.awt.headless", "true");
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(64 * 1024);
        ChartUtils.writeChartAsPNG(bytes, chart, WIDTH, HEIGHT);
        AtomicFiles.write(png, bytes.toByteArray());
    }

    /** Tick labels of the N axis: powers of two as integers, the baseline's position as "none". */
    private static final class PhaseFormat extends NumberFormat {
        private final DecimalFormat integer = new DecimalFormat("0");

        @Override
        public StringBuffer format(double v, StringBuffer to, FieldPosition pos) {
            return v < 0.75 ? to.append("none") : integer.format(v, to, pos);
        }

        @Override
        public StringBuffer format(long v, StringBuffer to, FieldPosition pos) {
            return format((double) v, to, pos);
        }

        @Override
        public Number parse(String s, ParsePosition pos) {
            return null;
        }
    }
}
