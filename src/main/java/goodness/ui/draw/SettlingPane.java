package goodness.ui.draw;

import goodness.ui.ColorMaps;
import goodness.ui.PictureImages;
import javafx.scene.control.Label;
import javafx.scene.image.ImageView;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import org.jfree.chart.ChartFactory;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.fx.ChartViewer;
import org.jfree.chart.plot.IntervalMarker;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.chart.ui.Layer;
import org.jfree.chart.ui.RectangleAnchor;
import org.jfree.chart.ui.TextAnchor;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

import java.awt.BasicStroke;
import java.awt.Color;
import java.util.Locale;

/**
 * A recurrent model settling on the drawn digit: a line per label of the goodness summed over
 * the layers at each iteration (the winner thick and red, the scored iterations shaded), and the
 * winner's states per layer as heat strips (rows = iterations, columns = the most active units).
 * Shown only while the prediction comes from a recurrent model.
 */
final class SettlingPane extends HBox {
    private static final Color WINNER = new Color(0xd62728), OTHER = new Color(0x9aa7b4);
    private final XYSeriesCollection lines = new XYSeriesCollection();
    private final XYLineAndShapeRenderer renderer = new XYLineAndShapeRenderer(true, false);
    private final JFreeChart chart;
    private final GridPane strips = new GridPane();
    private final Label stripTitle = new Label();
    private final org.jfree.chart.title.TextTitle legend = new org.jfree.chart.title.TextTitle("");

    SettlingPane() {
        setSpacing(12);
        setId("settlingPane");
        chart = ChartFactory.createXYLineChart("Settling: goodness per label by iteration", "iteration", "goodness (Σ layers)", lines,
                PlotOrientation.VERTICAL, false, true, false);
        chart.getTitle().setFont(new java.awt.Font("SansSerif", java.awt.Font.BOLD, 13));
        chart.setBackgroundPaint(Color.WHITE);
        XYPlot plot = chart.getXYPlot();
        plot.setBackgroundPaint(Color.WHITE);
        plot.setDomainGridlinePaint(new Color(0xdddddd));
        plot.setRangeGridlinePaint(new Color(0xdddddd));
        plot.setRenderer(renderer);
        NumberAxis x = (NumberAxis) plot.getDomainAxis();
        x.setStandardTickUnits(NumberAxis.createIntegerTickUnits());
        // Without zero the labels' separation fills the height.
        ((NumberAxis) plot.getRangeAxis()).setAutoRangeIncludesZero(false);
        legend.setFont(new java.awt.Font("SansSerif", java.awt.Font.PLAIN, 11));
        chart.addSubtitle(legend);
        ChartViewer viewer = new ChartViewer(chart);
        viewer.setId("chart-settling");
        viewer.setPrefSize(430, 230);
        viewer.setMinSize(300, 180);
        HBox.setHgrow(viewer, Priority.ALWAYS);
        strips.setHgap(6);
        strips.setVgap(4);
        strips.setId("settlingStrips");
        stripTitle.setWrapText(true);
        stripTitle.setMaxWidth(380);
        Label hint = new Label("rows: iterations 0 (top) to T; brighter = more active; each layer on its own scale");
        hint.getStyleClass().add("hint");
        hint.setWrapText(true);
        hint.setMaxWidth(380);
        getChildren().addAll(viewer, new VBox(4, stripTitle, strips, hint));
        show(null);
    }

    void show(SettlingData s) {
        setVisible(s != null);
        setManaged(s != null);
        chart.setNotify(false);
        try {
            lines.removeAllSeries();
            strips.getChildren().clear();
            XYPlot plot = chart.getXYPlot();
            plot.clearDomainMarkers();
            if (s == null) return;
            for (int c = 0; c < s.goodness().length; c++) {
                XYSeries series = new XYSeries(Integer.toString(c), false, true);
                for (int t = 0; t < s.goodness()[c].length; t++) series.add(t, s.goodness()[c][t]);
                lines.addSeries(series);
                boolean win = c == s.winner();
                renderer.setSeriesPaint(c, win ? WINNER : OTHER);
                renderer.setSeriesStroke(c, new BasicStroke(win ? 3f : 1.2f));
            }
            IntervalMarker scored = new IntervalMarker(s.scoreFrom(), s.scoreTo(), new Color(255, 220, 120, 90));
            scored.setLabel("scored " + s.scoreFrom() + "–" + s.scoreTo());
            scored.setLabelFont(new java.awt.Font("SansSerif", java.awt.Font.PLAIN, 11));
            scored.setLabelAnchor(RectangleAnchor.BOTTOM);
            scored.setLabelTextAnchor(TextAnchor.BOTTOM_CENTER);
            plot.addDomainMarker(scored, Layer.BACKGROUND);
            ((NumberAxis) plot.getDomainAxis()).setRange(0, s.iterations());
            plot.getRenderer().setDefaultToolTipGenerator((d, series, item) -> String.format(Locale.ROOT, "label %s, iteration %d: %.1f",
                    d.getSeriesKey(series), item, d.getYValue(series, item)));
            legend.setText("red: label " + s.winner() + " (the prediction); grey: the other nine; shaded: the scored iterations");
            stripTitle.setText("Label " + s.winner() + " clamped: each layer's " + s.units()[0].length
                    + (s.units()[0].length > 1 ? " most active units" : " unit") + " per iteration (sorted by their state at the last iteration)");
            for (int l = 0; l < s.strips().size(); l++) {
                double[] m = s.meanActivity()[l];
                Label name = new Label(String.format(Locale.ROOT, "L%d%nmean %.2f → %.2f", l + 1, m[0], m[m.length - 1]));
                name.getStyleClass().add("hint");
                int sx = Math.max(1, 360 / Math.max(1, s.strips().get(l).width()));
                ImageView v = new ImageView(PictureImages.image(ColorMaps.upscale(s.strips().get(l), sx, 7)));
                v.setSmooth(false);
                v.setId("settlingStrip" + (l + 1));
                strips.add(name, 0, l);
                strips.add(v, 1, l);
            }
        } finally {
            chart.setNotify(true);
        }
    }

    /** The chart's lines, one series per label (tests). */
    XYSeriesCollection lines() {
        return lines;
    }
}
