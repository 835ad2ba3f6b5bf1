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
 * per iteration, for the last epochs (darker = later; solid = the true label, dashed = the best
 * wrong one), the scored iterations shaded. Hidden while there is no sample.
 */
final class SettlingChart extends VBox {
    private static final Stroke SOLID = new BasicStroke(1.8f), DASHED = new BasicStroke(1.8f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER,
            1f, new float[] {5f, 4f}, 0f);

    /** Colour by epoch slot (light to dark), stroke by kind (true solid, wrong dashed). */
    private static final class EpochRenderer extends XYLineAndShapeRenderer {
        EpochRenderer() {
            super(true, false);
        }

        @Override
        public Paint getItemPaint(int row, int column) {
            int epochs = Math.max(1, getPlot().getDataset().getSeriesCount() / 2), slot = row / 2;
            float k = epochs == 1 ? 1f : (float) slot / (epochs - 1);   // 0 = oldest shown, 1 = latest
            return row % 2 == 0 ? new Color(lerp(0x9e, 0x08, k), lerp(0xca, 0x30, k), lerp(0xe1, 0x6b, k))
                    : new Color(lerp(0xfc, 0xa5, k), lerp(0xae, 0x0f, k), lerp(0x91, 0x15, k));
        }

        @Override
        public Stroke getItemStroke(int row, int column) {
            return row % 2 == 0 ? SOLID : DASHED;
        }

        private static int lerp(int a, int b, float k) {
            return Math.round(a + (b - a) * k);
        }
    }

    SettlingChart(SettlingCurves curves) {
        super(4);
        setId("insideSettling");
        JFreeChart chart = ChartFactory.createXYLineChart("Settling on the first validation images (recurrent)", "iteration", "goodness (Σ layers)",
                curves.lines(), PlotOrientation.VERTICAL, false, true, false);
        chart.getTitle().setFont(new java.awt.Font("SansSerif", java.awt.Font.BOLD, 12));
        chart.setBackgroundPaint(Color.WHITE);
        XYPlot plot = chart.getXYPlot();
        plot.setBackgroundPaint(Color.WHITE);
        plot.setRenderer(new EpochRenderer());
        ((NumberAxis) plot.getDomainAxis()).setStandardTickUnits(NumberAxis.createIntegerTickUnits());
        ((NumberAxis) plot.getRangeAxis()).setAutoRangeIncludesZero(false);
        curves.lines().addChangeListener(e -> {
            plot.clearDomainMarkers();
            if (curves.scoreFrom() >= 0)
                plot.addDomainMarker(new IntervalMarker(curves.scoreFrom(), curves.scoreTo(), new Color(255, 220, 120, 90)), Layer.BACKGROUND);
        });
        ChartViewer viewer = new ChartViewer(chart);
        viewer.setId("chart-settling");
        viewer.setMinSize(260, 150);
        viewer.setPrefSize(420, 200);
        Label hint = new Label("blue solid: the true label; red dashed: the best wrong label; darker = later epoch (the last "
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
