package goodness.ui;

import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.Label;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.ColumnConstraints;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.RowConstraints;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.fx.ChartViewer;

import java.util.Map;

/** The live charts, two per row, each in a JFreeChart {@link ChartViewer} (tooltips on hover). */
public final class ChartsPane extends BorderPane {
    private final GridPane grid = new GridPane();
    private final ChoiceBox<Integer> layer = new ChoiceBox<>();
    private ChartsViewModel vm;

    public ChartsPane() {
        getStyleClass().add("charts-pane");
        getStylesheets().add(ChartsPane.class.getResource("ChartsView.css").toExternalForm());
        grid.setHgap(6);
        grid.setVgap(6);
        grid.setPadding(new Insets(6));
        for (int c = 0; c < 2; c++) {
            ColumnConstraints cc = new ColumnConstraints();
            cc.setPercentWidth(50);
            cc.setHgrow(Priority.ALWAYS);
            grid.getColumnConstraints().add(cc);
        }
        setCenter(grid);
        Label l = new Label("Histogram layer:");
        layer.setId("histogramLayer");
        HBox bar = new HBox(8, l, layer, new Label("Orange lines: live setting changes (negative data, phases, gain, threads)."));
        bar.setAlignment(Pos.CENTER_LEFT);
        bar.setPadding(new Insets(4, 6, 0, 6));
        setTop(bar);
    }

    public void bind(ChartsViewModel vm) {
        this.vm = vm;
        int i = 0;
        for (Map.Entry<String, JFreeChart> e : vm.charts().entrySet()) {
            ChartViewer v = new ChartViewer(e.getValue());
            v.setId("chart-" + e.getKey());
            v.setMinSize(200, 150);
            v.setPrefSize(420, 220);
            grid.add(v, i % 2, i / 2);
            i++;
        }
        int rows = (i + 1) / 2;
        for (int r = 0; r < rows; r++) {
            RowConstraints rc = new RowConstraints();
            rc.setPercentHeight(100.0 / rows);
            rc.setVgrow(Priority.ALWAYS);
            grid.getRowConstraints().add(rc);
        }
        layer.setOnAction(e -> {
            if (layer.getValue() != null) vm.setHistogramLayer(layer.getValue() - 1);
        });
    }

    /** Called when a run starts: the layer selector lists its layers. */
    public void setLayers(int n) {
        Integer keep = layer.getValue();
        layer.getItems().clear();
        for (int l = 1; l <= n; l++) layer.getItems().add(l);
        layer.setValue(keep != null && keep <= n ? keep : (n > 0 ? 1 : null));
    }
}
