package goodness.ui.inside;

import javafx.scene.control.Label;
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

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Paint;
import java.awt.Stroke;

/**
 * The Inside tab's panel for a recurrent run: how it settles on the first validation images,
 * per iteration, for the last epochs (the true label's goodness minus the best wrong label's;
 * darker = later), the scored iterations shaded. Hidden while there is no sample.
 */
final class SettlingChart extends VBox {
    private static final Stroke LINE = new BasicStroke(1.8f);

    /** Colour by epoch (light to dark blue: oldest to latest shown). */
    private static final class EpochRenderer extends XYLineAndShapeRenderer {
        EpochRenderer() {
            super(true, false);
        }

        @Override
        public Paint getItemPaint(int row, int column) {
            int epochs = Math.max(1, getPlot().getDataset().getSeriesCount());
            float k = epochs == 1 ? 1f : (float) row / (epochs - 1);   // 0 = oldest shown, 1 = latest
            return new Color(lerp(0xc6, 0x08, k), lerp(0xdb, 0x30, k), lerp(0xef, 0x6b, k));
        }

        @Override
        public Stroke getItemStroke(int row, int column) {
            return LINE;
        }

        private static int lerp(int a, int b, float k) {
            return Math.round(a + (b - a) * k);
        }
    }

    SettlingChart(SettlingCurves curves) {
        super(4);
        setId("insideSettling");
        JFreeChart chart = ChartFactory.createXYLineChart("Settling on the first validation images (recurrent)", "iteration", "gap (true − wrong)",
                curves.lines(), PlotOrientation.VERTICAL, false, true, false);
        chart.getTitle().setFont(new java.awt.Font("SansSerif", java.awt.Font.BOLD, 12));
        chart.setBackgroundPaint(Color.WHITE);
        XYPlot plot = chart.getXYPlot();
        plot.setBackgroundPaint(Color.WHITE);
        plot.setRenderer(new EpochRenderer());
        ((NumberAxis) plot.getDomainAxis()).setStandardTickUnits(NumberAxis.createIntegerTickUnits());
        ((NumberAxis) plot.getRangeAxis()).setAutoRangeIncludesZero(true);
        curves.lines().addChangeListener(e -> {
            plot.clearDomainMarkers();
            if (curves.scoreFrom() >= 0)
                plot.addDomainMarker(new IntervalMarker(curves.scoreFrom(), curves.scoreTo(), new Color(255, 220, 120, 90)), Layer.BACKGROUND);
        });
        ChartViewer viewer = new ChartViewer(chart);
        viewer.setId("chart-settling");
        viewer.setMinSize(260, 150);
        viewer.setPrefSize(420, 200);
        Label hint = new Label("Per iteration, the true label's goodness (Σ layers, mean over the images) minus the best wrong label's:"
                + " 0 at iteration 0, where no label is seen yet; one line per epoch, darker = later (the last "
                + SettlingCurves.EPOCHS_SHOWN + "); shaded: the iterations the prediction scores");
        hint.getStyleClass().add("hint");
        hint.setWrapText(true);
        Label text = new Label();
        text.getStyleClass().add("hint");
        text.setWrapText(true);
        text.textProperty().bind(curves.textProperty());
        getChildren().addAll(viewer, hint, text);
        visibleProperty().bind(curves.presentProperty());
        managedProperty().bind(curves.presentProperty());
    }
}
