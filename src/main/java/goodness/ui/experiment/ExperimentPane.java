package goodness.ui.experiment;

import javafx.beans.binding.Bindings;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.ListChangeListener;
import javafx.geometry.Insets;
import javafx.scene.control.Label;
import javafx.scene.control.SplitPane;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.TextArea;
import javafx.scene.image.ImageView;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import javafx.geometry.Orientation;

import java.util.List;

/**
 * Shows an experiment folder (see {@link ExperimentViewModel}): the plot above, the table and
 * its notes below. Only binds; the view model reads the files.
 */
public final class ExperimentPane extends BorderPane {
    private final Label title = new Label();
    private final Label message = new Label();
    private final ImageView plot = new ImageView();
    private final TableView<List<String>> table = new TableView<>();
    private final TextArea notes = new TextArea();

    public ExperimentPane() {
        getStyleClass().add("experiment-pane");
        title.setStyle("-fx-font-size: 15px; -fx-font-weight: bold;");
        message.setWrapText(true);
        message.setStyle("-fx-text-fill: #b00020;");
        Label follows = new Label("Follows the folder: the table and the plot update when a running experiment finishes a cell.");
        follows.getStyleClass().add("hint");
        VBox top = new VBox(4, title, follows, message);
        top.setPadding(new Insets(8));
        setTop(top);

        plot.setPreserveRatio(true);
        plot.setSmooth(true);
        // The whole plot is always visible: it keeps its aspect ratio and fits the area it gets
        // (never larger than its own size).
        StackPane plotArea = new StackPane(plot);
        plotArea.setMinSize(0, 0);
        plot.fitWidthProperty().bind(Bindings.createDoubleBinding(() -> fit(plotArea.getWidth(), true), plotArea.widthProperty(), plot.imageProperty()));
        plot.fitHeightProperty().bind(Bindings.createDoubleBinding(() -> fit(plotArea.getHeight(), false), plotArea.heightProperty(), plot.imageProperty()));

        table.setColumnResizePolicy(TableView.UNCONSTRAINED_RESIZE_POLICY);
        table.setPlaceholder(new Label("Open an experiment folder (File → Open experiment…)."));
        notes.setEditable(false);
        notes.setWrapText(true);
        notes.setPrefRowCount(6);
        VBox lower = new VBox(6, table, notes);
        lower.setPadding(new Insets(6));
        VBox.setVgrow(table, javafx.scene.layout.Priority.ALWAYS);

        SplitPane split = new SplitPane(plotArea, lower);
        split.setOrientation(Orientation.VERTICAL);
        split.setDividerPositions(0.66);
        setCenter(split);
    }

    private double fit(double available, boolean width) {
        double own = plot.getImage() == null ? 0 : width ? plot.getImage().getWidth() : plot.getImage().getHeight();
        return Math.max(1, own > 0 ? Math.min(own, available - 8) : available - 8);
    }

    public void bind(ExperimentViewModel vm) {
        title.textProperty().bind(Bindings.createStringBinding(() -> vm.titleProperty().get().isEmpty() ? "No experiment open"
                : vm.titleProperty().get() + (vm.folderProperty().get() == null ? "" : "  —  " + vm.folderProperty().get()),
                vm.titleProperty(), vm.folderProperty()));
        message.textProperty().bind(vm.messageProperty());
        message.visibleProperty().bind(vm.messageProperty().isNotEmpty());
        message.managedProperty().bind(message.visibleProperty());
        plot.imageProperty().bind(vm.plotProperty());
        notes.textProperty().bind(vm.notesProperty());
        table.setItems(vm.rows());
        vm.header().addListener((ListChangeListener<String>) c -> columns(vm.header()));
        columns(vm.header());
    }

    private void columns(List<String> names) {
        table.getColumns().clear();
        for (int i = 0; i < names.size(); i++) {
            int col = i;
            TableColumn<List<String>, String> c = new TableColumn<>(names.get(i));
            c.setCellValueFactory(row -> new ReadOnlyStringWrapper(col < row.getValue().size() ? row.getValue().get(col) : ""));
            c.setSortable(false);
            table.getColumns().add(c);
        }
    }

    TableView<List<String>> table() {
        return table;
    }

    ImageView plotView() {
        return plot;
    }
}
