package goodness.ui.training;

import goodness.ui.ColorMaps;
import goodness.ui.Picture;
import goodness.ui.PictureImages;
import javafx.geometry.Insets;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.image.ImageView;
import javafx.scene.layout.HBox;
import javafx.scene.layout.TilePane;
import javafx.scene.layout.VBox;
import javafx.stage.Stage;
import javafx.stage.Window;
import org.jfree.chart.ChartFactory;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.fx.ChartViewer;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.chart.plot.ValueMarker;

import java.util.List;

/**
 * The slow-motion window: one batch's stages ({@link SlowMotionViewModel}) with Back / Next, and
 * "Step another batch". The view only binds; the batch is trained and taken apart by the service.
 */
public final class SlowMotionWindow {
    private final Stage stage = new Stage();
    private final SlowMotionViewModel vm;

    /** @param stepAnother asks the service for the next batch (the window shows it when it comes) */
    public SlowMotionWindow(Window owner, SlowMotionViewModel vm, Runnable stepAnother) {
        this.vm = vm;
        stage.initOwner(owner);
        stage.setTitle("Step a batch in slow motion");
        Label title = new Label();
        title.setId("slowTitle");
        title.setStyle("-fx-font-weight: bold; -fx-font-size: 14px;");
        title.textProperty().bind(vm.titleProperty());
        Label text = new Label();
        text.setId("slowText");
        text.setWrapText(true);
        text.textProperty().bind(vm.textProperty());

        JFreeChart chart = ChartFactory.createXYLineChart(null, "share of the batch's cases (sorted by goodness)", "goodness / threshold",
                vm.goodness(), PlotOrientation.VERTICAL, true, false, false);
        ValueMarker threshold = new ValueMarker(1.0);
        threshold.setLabel("threshold");
        chart.getXYPlot().addRangeMarker(threshold);
        ChartViewer viewer = new ChartViewer(chart);
        viewer.setPrefSize(640, 300);
        viewer.visibleProperty().bind(vm.stageProperty().lessThan(SlowMotionViewModel.UPDATE));
        viewer.managedProperty().bind(viewer.visibleProperty());

        TilePane units = new TilePane(4, 4);
        units.setId("slowUnits");
        units.setPrefColumns(8);
        vm.unitChangesProperty().addListener((o, a, b) -> showUnits(units, b));

        Button back = new Button("Back"), next = new Button("Next"), another = new Button("Step another batch"), close = new Button("Close");
        back.setId("slowBack");
        next.setId("slowNext");
        another.setId("slowAnother");
        back.disableProperty().bind(vm.canBackProperty().not());
        next.disableProperty().bind(vm.canNextProperty().not());
        back.setOnAction(e -> vm.back());
        next.setOnAction(e -> vm.next());
        another.setOnAction(e -> stepAnother.run());
        close.setOnAction(e -> stage.hide());
        next.setDefaultButton(true);

        VBox root = new VBox(8, title, text, viewer, units, new HBox(6, back, next, another, close));
        root.setPadding(new Insets(10));
        stage.setScene(new Scene(root, 720, 620));
    }

    private static void showUnits(TilePane pane, List<Picture> pictures) {
        pane.getChildren().clear();
        for (Picture p : pictures) pane.getChildren().add(new ImageView(PictureImages.image(ColorMaps.upscale(p, 3, 3))));
    }

    public void show() {
        stage.show();
        stage.toFront();
    }

    public Stage stage() {
        return stage;
    }
}
