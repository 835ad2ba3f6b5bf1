package goodness.ui.config;

import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.TextField;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.ColumnConstraints;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.VBox;

/**
 * The Config tab: every hyper-parameter of {@link ConfigEditor}, grouped, editable before Start.
 * An invalid value is outlined in red with the validator's message beside it. It only binds.
 */
public final class ConfigPane extends ScrollPane {
    private final VBox body = new VBox(10);
    private final Button defaults = new Button("Preset defaults");
    private final Label problem = new Label(), note = new Label();

    public ConfigPane() {
        getStyleClass().add("config-pane");
        setFitToWidth(true);
        body.setPadding(new Insets(12));
        defaults.setId("configDefaults");
        problem.setId("configProblem");
        problem.getStyleClass().add("error-text");
        problem.setWrapText(true);
        note.getStyleClass().add("hint");
        note.setWrapText(true);
        note.setText("Used by the next Start or Step; a running run keeps its config. Dataset, preset, epochs, seed and the live settings are in the left panel.");
        HBox bar = new HBox(10, defaults, problem);
        bar.setAlignment(Pos.CENTER_LEFT);
        body.getChildren().addAll(bar, note);
        setContent(body);
    }

    public void bind(ConfigViewModel vm) {
        ConfigEditor editor = vm.editor();
        defaults.setOnAction(e -> vm.loadPresetDefaults());
        defaults.disableProperty().bind(vm.runActive());
        problem.textProperty().bind(vm.problemProperty());
        // The recurrent settings apply to the recurrent preset only: elsewhere their fields are off.
        javafx.beans.binding.BooleanBinding notRecurrent = javafx.beans.binding.Bindings.createBooleanBinding(
                () -> vm.presetProperty().get() == null || vm.presetProperty().get().recipe() != goodness.ff.Recipe.RECURRENT, vm.presetProperty());
        FlowPane groups = new FlowPane(16, 12);
        // Groups side by side as far as the tab is wide.
        groups.prefWrapLengthProperty().bind(widthProperty().subtract(40));
        for (String group : editor.groups()) {
            GridPane grid = new GridPane();
            grid.getStyleClass().add("config-group");
            grid.setHgap(8);
            grid.setVgap(4);
            grid.setPadding(new Insets(8));
            ColumnConstraints labels = new ColumnConstraints(160);
            ColumnConstraints inputs = new ColumnConstraints(150);
            ColumnConstraints errors = new ColumnConstraints(10, 220, 260);
            grid.getColumnConstraints().addAll(labels, inputs, errors);
            Label title = new Label(group);
            title.getStyleClass().add("section");
            grid.add(title, 0, 0, 3, 1);
            int row = 1;
            for (ConfigEditor.Field f : editor.fields()) {
                if (!f.group().equals(group)) continue;
                Label name = new Label(f.label());
                name.setTooltip(new Tooltip(f.name() + ": " + f.help()));
                grid.add(name, 0, row);
                if (f.isFlag()) {
                    CheckBox box = new CheckBox();
                    box.setId("config-" + f.name().replace('.', '-'));
                    box.setSelected(Boolean.parseBoolean(f.textProperty().get()));
                    box.selectedProperty().addListener((o, a, b) -> f.textProperty().set(Boolean.toString(b)));
                    f.textProperty().addListener((o, a, b) -> box.setSelected(Boolean.parseBoolean(b)));
                    box.disableProperty().bind(vm.runActive());
                    grid.add(box, 1, row);
                } else {
                    TextField field = new TextField();
                    field.setId("config-" + f.name().replace('.', '-'));
                    field.textProperty().bindBidirectional(f.textProperty());
                    field.setTooltip(new Tooltip(f.help()));
                    field.disableProperty().bind(f.name().startsWith("recurrentSettings.")
                            ? javafx.beans.binding.BooleanExpression.booleanExpression(vm.runActive()).or(notRecurrent)
                            : javafx.beans.binding.BooleanExpression.booleanExpression(vm.runActive()));
                    f.errorProperty().addListener((o, a, b) -> {
                        if (b.isEmpty()) field.getStyleClass().remove("invalid");
                        else if (!field.getStyleClass().contains("invalid")) field.getStyleClass().add("invalid");
                    });
                    grid.add(field, 1, row);
                }
                Label error = new Label();
                error.setId("config-error-" + f.name().replace('.', '-'));
                error.getStyleClass().add("error-text");
                error.setWrapText(true);
                error.textProperty().bind(f.errorProperty());
                grid.add(error, 2, row);
                row++;
            }
            groups.getChildren().add(grid);
        }
        body.getChildren().add(groups);
    }
}
