package goodness.ui.training;

import goodness.ui.FigureActions;
import goodness.ui.SeriesModel;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.Separator;
import javafx.scene.control.Slider;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.VBox;
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

/**
 * The charts, two per row, each in a JFreeChart {@link ChartViewer} (tooltips on hover, drag to
 * zoom; right click: export the figure or copy it), under a bar of view options: smoothing, x axis
 * by epoch or wall time, log y axes, reset zoom.
 */
public final class ChartsPane extends BorderPane {
    private final GridPane grid = new GridPane();
    private final ChoiceBox<Integer> layer = new ChoiceBox<>();
    private final Slider smoothing = new Slider(0, 0.99, 0);
    private final Label smoothingLabel = new Label("Smoothing 0.00");
    private final ChoiceBox<SeriesModel.XAxis> xAxis = new ChoiceBox<>();
    private final CheckBox logErrors = new CheckBox("errors"), logCost = new CheckBox("cost"), logPairwise = new CheckBox("pairwise");
    private final Button resetZoom = new Button("Reset zoom");
    /** The first start's banner: a call to Start and what the charts show until then. */
    private final Label welcomeText = new Label();
    private final Button welcomeStart = new Button("Start");
    private final HBox welcome = new HBox(10, welcomeStart, welcomeText);
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
        smoothing.setId("smoothingSlider");
        smoothing.setPrefWidth(110);
        smoothingLabel.setMinWidth(90);
        xAxis.setId("xAxisChoice");
        xAxis.getItems().setAll(SeriesModel.XAxis.values());
        xAxis.setConverter(new javafx.util.StringConverter<>() {
            @Override public String toString(SeriesModel.XAxis a) { return a == null ? "" : a == SeriesModel.XAxis.EPOCH ? "x: epoch" : "x: wall time"; }
            @Override public SeriesModel.XAxis fromString(String s) { return null; }
        });
        logErrors.setId("logErrors");
        logCost.setId("logCost");
        logPairwise.setId("logPairwise");
        resetZoom.setId("resetZoom");
        resetZoom.setTooltip(new Tooltip("Drag a rectangle on a chart (down and right) to zoom into it; this undoes every zoom."));
        HBox bar = new HBox(8, smoothingLabel, smoothing, xAxis, new Label("log y:"), logErrors, logCost, logPairwise, resetZoom,
                new Separator(javafx.geometry.Orientation.VERTICAL), l, layer);
        bar.setAlignment(Pos.CENTER_LEFT);
        bar.setPadding(new Insets(4, 6, 0, 6));
        Label hint = new Label("Orange lines: live setting changes (negative data, phases, gain, threads). Drag on a chart to zoom.");
        hint.getStyleClass().add("hint");
        welcome.getStyleClass().add("welcome-banner");
        welcome.setId("welcomeBanner");
        welcome.setAlignment(Pos.CENTER_LEFT);
        welcome.setPadding(new Insets(6, 10, 6, 10));
        welcomeStart.setId("welcomeStart");
        welcomeStart.setMinWidth(70);
        welcomeText.setId("welcomeText");
        welcomeText.setWrapText(true);
        HBox.setHgrow(welcomeText, Priority.ALWAYS);
        welcome.setVisible(false);
        welcome.setManaged(false);
        VBox.setMargin(welcome, new Insets(4, 6, 0, 0));
        VBox top = new VBox(2, bar, hint, welcome);
        top.setPadding(new Insets(0, 0, 0, 6));
        setTop(top);
    }

    /** @param figures the charts' context menu: export as PNG or SVG with the caption, copy */
    public void bind(ChartsViewModel vm, FigureActions figures) {
        this.vm = vm;
        int i = 0;
        for (Map.Entry<String, JFreeChart> e : vm.charts().entrySet()) {
            ChartViewer v = new ChartViewer(e.getValue());
            v.setId("chart-" + e.getKey());
            v.setMinSize(200, 150);
            v.setPrefSize(420, 220);
            String name = e.getKey();
            figures.install(v, name, () -> vm.caption(name));
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
        smoothing.valueProperty().bindBidirectional(vm.smoothingProperty());
        smoothingLabel.textProperty().bind(vm.smoothingProperty().asString(java.util.Locale.ROOT, "Smoothing %.2f"));
        xAxis.valueProperty().bindBidirectional(vm.xAxisProperty());
        logErrors.selectedProperty().bindBidirectional(vm.logErrorsProperty());
        logCost.selectedProperty().bindBidirectional(vm.logCostProperty());
        logPairwise.selectedProperty().bindBidirectional(vm.logPairwiseProperty());
        resetZoom.setOnAction(e -> vm.resetZoom());
        layer.setOnAction(e -> {
            if (layer.getValue() != null) vm.setHistogramLayer(layer.getValue() - 1);
        });
    }

    /**
     * The banner over the charts: shown while {@code text} is not empty; its button does what
     * Start does (and is disabled when Start is).
     */
    public void bindWelcome(javafx.beans.property.StringProperty text, javafx.beans.value.ObservableBooleanValue startDisabled, Runnable start) {
        welcomeText.textProperty().bind(text);
        welcome.visibleProperty().bind(text.isNotEmpty());
        welcome.managedProperty().bind(text.isNotEmpty());
        welcomeStart.disableProperty().bind(startDisabled);
        welcomeStart.setOnAction(e -> start.run());
    }

    /** Called when a run starts: the layer selector lists its layers (disabled before any run). */
    public void setLayers(int n) {
        Integer keep = layer.getValue();
        layer.getItems().clear();
        for (int l = 1; l <= n; l++) layer.getItems().add(l);
        layer.setValue(keep != null && keep <= n ? keep : (n > 0 ? 1 : null));
        layer.setDisable(n == 0);
    }
}
