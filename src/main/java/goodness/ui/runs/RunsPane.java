package goodness.ui.runs;

import goodness.ui.training.ChartsViewModel;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.ListChangeListener;
import javafx.geometry.Insets;
import javafx.geometry.Orientation;
import javafx.geometry.Pos;
import javafx.scene.control.Alert;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonType;
import javafx.scene.control.CheckBox;
import javafx.scene.control.Label;
import javafx.scene.control.SelectionMode;
import javafx.scene.control.SplitPane;
import javafx.scene.control.TableCell;
import javafx.scene.control.OverrunStyle;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableRow;
import javafx.scene.control.TableView;
import javafx.scene.control.TextInputDialog;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import javafx.stage.DirectoryChooser;
import org.jfree.chart.fx.ChartViewer;

import java.io.File;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Optional;

/**
 * The Runs tab: the store's runs in a sortable table (select several to overlay them on every
 * chart), actions on the selected run, the selected runs' hyper-parameters with their
 * differences highlighted, and the cost and error charts next to them. It only binds; dialogs
 * (rename, delete confirmation, folder choice) live here.
 */
public final class RunsPane extends BorderPane {
    private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm").withZone(ZoneId.systemDefault());
    private final TableView<RunsViewModel.RunRow> table = new TableView<>();
    private final TableView<HyperParameterTable.Row> hparams = new TableView<>();
    private final CheckBox onlyDiffering = new CheckBox("only where they differ");
    private final CheckBox showFirstEpochStops = new CheckBox(RunsViewModel.SHOW_FIRST_EPOCH_STOPS);
    private final Label folder = new Label(), status = new Label();
    private javafx.animation.Timeline follow;
    private final Button open = new Button("Open"), resume = new Button("Resume"), rename = new Button("Rename…"),
            delete = new Button("Delete…"), export = new Button("Export…"), refresh = new Button("Refresh"), changeFolder = new Button("Folder…");
    private final VBox chartsBox = new VBox(6);
    private static final String RESUME_TIP = "Continue a stopped or diverged run where its checkpoint stands",
            RENAME_TIP = "Rename the run's folder", DELETE_TIP = "Delete the selected runs' folders",
            OPEN_TIP = "Use the run's model in the Draw and Gallery tabs",
            EXPORT_TIP = "Write the selected run to one zip file (with its checkpoint and model), to share it; File > Import run… reads it back";
    private final Tooltip resumeTip = new Tooltip(RESUME_TIP), renameTip = new Tooltip(RENAME_TIP), deleteTip = new Tooltip(DELETE_TIP),
            openTip = new Tooltip(OPEN_TIP), exportTip = new Tooltip(EXPORT_TIP);
    private boolean reselecting;
    /** Off in tests: answers the dialogs instead of showing them. */
    static volatile DialogAnswers dialogs;

    /** Test hook: what the rename and delete dialogs would answer. */
    interface DialogAnswers {
        Optional<String> newName(String current);

        /** Asked once for the whole selection. */
        boolean confirmDelete(List<String> names);

        /** The file Export… writes the run to (offered as {@code suggested}); empty cancels. */
        default Optional<java.nio.file.Path> exportTo(String suggested) {
            return Optional.empty();
        }
    }

    public RunsPane() {
        getStyleClass().add("runs-pane");
        table.setId("runsTable");
        hparams.setId("hparamsTable");
        open.setId("openRun");
        resume.setId("resumeRun");
        rename.setId("renameRun");
        delete.setId("deleteRun");
        export.setId("exportRun");
        refresh.setId("refreshRuns");
        showFirstEpochStops.setId("showFirstEpochStops");
        showFirstEpochStops.setTooltip(new Tooltip("Every Start that is stopped or closed before its first epoch ends leaves a run in the store (resumable);"
                + " they are not listed unless this is ticked"));
        table.getSelectionModel().setSelectionMode(SelectionMode.MULTIPLE);
        table.setPlaceholder(new Label("No runs yet: start one, or train with the CLI (java -jar target/goodness.jar train)."));
        table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        // Short headings that fit their columns at 1600 × 1000 (the long ones were cut to
        // "Best valid (…", "Test (e…"); the full name is in each heading's tooltip.
        table.getColumns().addAll(List.of(
                // Names differ at their end (<preset>-<dataset>-s<seed>-<date>-<time>): elide the middle.
                heading(text("Name", 165, RunsViewModel.RunRow::shownName, OverrunStyle.CENTER_ELLIPSIS), "Name (the run's folder in the store, or an example's)"),
                heading(minWidth(text("Preset", 78, RunsViewModel.RunRow::preset), 78), "Preset the run's settings start from"), // "hinton-plus" whole
                // "mnist" whole; "fashion-mnist" elided, whole in its tooltip
                heading(minWidth(text("Dataset", 62, RunsViewModel.RunRow::dataset), 62), "Dataset trained on"),
                heading(minWidth(text("Changed", 130, RunsViewModel.RunRow::notes), 72),
                        "Changed settings (those that differ from the preset's); for a damaged or unreadable run, the reason"),
                heading(minWidth(text("Status", 76, RunsViewModel.RunRow::statusText), 76),
                        "Status (running, finished, stopped, diverged); \"example\": a read-only run that comes with the app;"
                                + " \"damaged\", \"unreadable\": a run folder the store cannot read, with the reason"), // "diverged", "stopped" whole
                heading(minWidth(number("Epochs", 60, RunsViewModel.RunRow::epochsDone), 60), "Epochs done"),
                heading(minWidth(bestValid(), 104),   // "138 / 161 @114" whole
                        "Best valid (energy / softmax @epoch): the evaluation with the fewest energy errors on the validation set"),
                heading(minWidth(text("Test", 90, RunsViewModel.RunRow::test), 72), "Test (energy / softmax): errors on the whole test set at the end"), // "140 / 136" whole
                heading(minWidth(date(), 118), "Date the run was created")));   // "2026-12-01 20:56" whole
        status.setWrapText(true);
        status.getStyleClass().add("hint");
        folder.getStyleClass().add("hint");
        Label help = new Label("Select runs (Ctrl/Shift-click) to overlay them on every chart (or delete them together); the running run stays live.");
        help.getStyleClass().add("hint");
        HBox helpBar = new HBox(12, help, showFirstEpochStops);
        helpBar.setAlignment(Pos.CENTER_LEFT);
        // The actions on the selection sit in holders that carry their tooltips: a disabled button
        // shows none, and its tooltip is what says why it is disabled (a read-only or damaged run).
        HBox actions = new HBox(6, holder(open, openTip), holder(resume, resumeTip), holder(rename, renameTip), holder(delete, deleteTip),
                holder(export, exportTip), refresh, changeFolder, folder);
        actions.setAlignment(Pos.CENTER_LEFT);
        VBox top = new VBox(4, actions, helpBar);
        top.setPadding(new Insets(6));

        hparams.setColumnResizePolicy(TableView.UNCONSTRAINED_RESIZE_POLICY);
        hparams.setPlaceholder(new Label("Select runs to compare their hyper-parameters."));
        hparams.setRowFactory(t -> new TableRow<>() {
            @Override
            protected void updateItem(HyperParameterTable.Row item, boolean empty) {
                super.updateItem(item, empty);
                getStyleClass().remove("differs");
                if (!empty && item != null && item.differs()) getStyleClass().add("differs");
            }
        });
        Label hTitle = new Label("Hyper-parameters of the selected runs (differences highlighted)");
        hTitle.getStyleClass().add("section");
        HBox hBar = new HBox(10, hTitle, onlyDiffering);
        hBar.setAlignment(Pos.CENTER_LEFT);
        VBox hBox = new VBox(4, hBar, hparams);
        VBox.setVgrow(hparams, Priority.ALWAYS);
        hBox.setPadding(new Insets(0, 6, 6, 6));

        SplitPane left = new SplitPane(table, hBox);
        left.setOrientation(Orientation.VERTICAL);
        left.setDividerPositions(0.55);
        chartsBox.setPadding(new Insets(0, 6, 6, 0));
        SplitPane body = new SplitPane(left, chartsBox);
        body.setDividerPositions(0.6);
        setTop(top);
        setCenter(body);
        setBottom(status);
        BorderPane.setMargin(status, new Insets(2, 6, 4, 6));
    }

    /** @param figures the charts' context menu: export as PNG or SVG with the caption, copy */
    public void bind(RunsViewModel vm, ChartsViewModel charts, goodness.ui.FigureActions figures) {
        table.setItems(vm.rows());
        status.textProperty().bind(vm.statusProperty());
        folder.textProperty().bind(vm.rootProperty().asString("store: %s"));
        showFirstEpochStops.selectedProperty().bindBidirectional(vm.showFirstEpochStopsProperty());
        // The table's selection is the view model's selection (names), kept in step both ways.
        table.getSelectionModel().getSelectedItems().addListener((ListChangeListener<RunsViewModel.RunRow>) c -> {
            if (reselecting) return;
            List<String> names = table.getSelectionModel().getSelectedItems().stream().filter(r -> r != null).map(RunsViewModel.RunRow::name).toList();
            if (!names.equals(vm.selected())) vm.selected().setAll(names);
        });
        vm.rows().addListener((ListChangeListener<RunsViewModel.RunRow>) c -> reselect(vm));
        vm.selected().addListener((ListChangeListener<String>) c -> reselect(vm));
        vm.hyperParametersProperty().addListener((o, a, b) -> showHyperParameters(b));
        onlyDiffering.selectedProperty().addListener((o, a, b) -> showHyperParameters(vm.hyperParametersProperty().get()));
        var none = table.getSelectionModel().selectedItemProperty().isNull();
        var readOnly = vm.readOnlyReasonProperty().isNotEmpty();
        // A damaged or unreadable run can only be deleted: the store cannot read it.
        var damaged = vm.damagedReasonProperty().isNotEmpty();
        open.disableProperty().bind(none.or(damaged));
        rename.disableProperty().bind(none.or(readOnly).or(damaged));
        delete.disableProperty().bind(none.or(readOnly));
        resume.disableProperty().bind(readOnly.or(damaged).or(javafx.beans.binding.Bindings.createBooleanBinding(() -> {
            var r = table.getSelectionModel().getSelectedItem();
            return r == null || !r.resumable();
        }, table.getSelectionModel().selectedItemProperty())));
        tip(renameTip, RENAME_TIP, vm.readOnlyReasonProperty(), vm.damagedReasonProperty());
        tip(deleteTip, DELETE_TIP, vm.readOnlyReasonProperty());
        tip(resumeTip, RESUME_TIP, vm.readOnlyReasonProperty(), vm.damagedReasonProperty());
        tip(openTip, OPEN_TIP, vm.damagedReasonProperty());
        tip(exportTip, EXPORT_TIP, vm.damagedReasonProperty());
        // Examples (read-only, from the app's assets/runs) and damaged runs are set apart in the
        // table; a damaged run's row says why in its tooltip.
        table.setRowFactory(t -> new TableRow<>() {
            @Override
            protected void updateItem(RunsViewModel.RunRow item, boolean empty) {
                super.updateItem(item, empty);
                getStyleClass().removeAll("example-run", "damaged-run");
                if (!empty && item != null && item.example()) getStyleClass().add("example-run");
                boolean bad = !empty && item != null && item.damaged();
                if (bad) getStyleClass().add("damaged-run");
                setTooltip(bad ? new Tooltip(item.problem()) : null);
            }
        });
        open.setOnAction(e -> withSelected(r -> vm.open(r.name())));
        resume.setOnAction(e -> withSelected(r -> vm.resume(r.name())));
        refresh.setOnAction(e -> vm.refresh());
        export.disableProperty().bind(vm.archives().exportableProperty().not());
        export.setOnAction(e -> vm.archives().exportSelected(this::askExportFile));
        // A selected run that another process trains (a CLI run) is read again while the window is
        // showing, so its curves grow as that process writes them (the reading is the executor's).
        // Stopped when the window hides: a running animation is held by JavaFX's global pulse
        // timer, and through its handler it would keep the whole closed window's state alive.
        follow = new javafx.animation.Timeline(
                new javafx.animation.KeyFrame(javafx.util.Duration.seconds(RunsViewModel.FOLLOW_SECONDS), e -> vm.refreshIfFollowing()));
        follow.setCycleCount(javafx.animation.Animation.INDEFINITE);
        javafx.beans.value.ObservableValue<Boolean> showing = sceneProperty().flatMap(javafx.scene.Scene::windowProperty)
                .flatMap(javafx.stage.Window::showingProperty).orElse(false);
        showing.subscribe(shown -> {
            if (shown) follow.play();
            else follow.stop();
        });
        rename.setOnAction(e -> withSelected(r -> askNewName(r.name()).ifPresent(n -> vm.rename(r.name(), n))));
        delete.setOnAction(e -> {
            List<String> names = List.copyOf(vm.selected());
            if (!names.isEmpty() && confirmDelete(names)) vm.delete(names);
        });
        changeFolder.setOnAction(e -> {
            DirectoryChooser dc = new DirectoryChooser();
            dc.setTitle("Runs folder");
            File f = vm.rootProperty().get().toFile();
            if (f.isDirectory()) dc.setInitialDirectory(f);
            File d = dc.showDialog(getScene() == null ? null : getScene().getWindow());
            if (d != null) vm.chooseRoot(d.toPath());
        });
        for (String name : List.of(ChartsViewModel.ERRORS, ChartsViewModel.COST)) {
            ChartViewer v = new ChartViewer(charts.chart(name));
            v.setId("runs-chart-" + name);
            figures.install(v, name, () -> charts.caption(name));
            v.setMinSize(200, 150);
            VBox.setVgrow(v, Priority.ALWAYS);
            chartsBox.getChildren().add(v);
        }
        Label more = new Label("Every chart of the Training tab shows the selected runs too.");
        more.getStyleClass().add("hint");
        chartsBox.getChildren().add(more);
    }

    /** A button in a holder that carries its tooltip, so that the tooltip shows while the button is disabled. */
    private static javafx.scene.layout.StackPane holder(Button b, Tooltip tip) {
        javafx.scene.layout.StackPane p = new javafx.scene.layout.StackPane(b);
        Tooltip.install(p, tip);
        return p;
    }

    /** The tooltip says what the button does, or why it does not apply to the selection (the first of {@code reasons} that is not ""). */
    private static void tip(Tooltip tip, String normal, javafx.beans.value.ObservableStringValue... reasons) {
        tip.setWrapText(true);
        tip.setMaxWidth(420);
        tip.textProperty().bind(javafx.beans.binding.Bindings.createStringBinding(() -> {
            for (var reason : reasons) if (!reason.get().isEmpty()) return reason.get();
            return normal;
        }, reasons));
    }

    /** Whether the timer that follows runs trained by another process is running (only while the window shows). */
    boolean followTimerRunning() {
        return follow != null && follow.getStatus() == javafx.animation.Animation.Status.RUNNING;
    }

    public TableView<RunsViewModel.RunRow> table() {
        return table;
    }

    /** Selects in the table what the view model says is selected (after a refresh or rename). */
    private void reselect(RunsViewModel vm) {
        List<String> want = List.copyOf(vm.selected());
        List<String> have = table.getSelectionModel().getSelectedItems().stream().filter(r -> r != null).map(RunsViewModel.RunRow::name).toList();
        if (want.equals(have)) return;
        // While the table follows the view model, its selection events must not write back a
        // half-made selection (clearing first would empty the view model's).
        reselecting = true;
        try {
            table.getSelectionModel().clearSelection();
            for (int i = 0; i < table.getItems().size(); i++) if (want.contains(table.getItems().get(i).name())) table.getSelectionModel().select(i);
        } finally {
            reselecting = false;
        }
    }

    private void withSelected(java.util.function.Consumer<RunsViewModel.RunRow> action) {
        RunsViewModel.RunRow r = table.getSelectionModel().getSelectedItem();
        if (r != null) action.accept(r);
    }

    private Optional<String> askNewName(String current) {
        if (dialogs != null) return dialogs.newName(current);
        TextInputDialog d = new TextInputDialog(current);
        d.setTitle("Rename run");
        d.setHeaderText("New name for " + current);
        if (getScene() != null) d.initOwner(getScene().getWindow());
        return d.showAndWait().map(String::trim).filter(s -> !s.isEmpty() && !s.equals(current));
    }

    private Optional<java.nio.file.Path> askExportFile(String suggested) {
        if (dialogs != null) return dialogs.exportTo(suggested);
        javafx.stage.FileChooser fc = new javafx.stage.FileChooser();
        fc.setTitle("Export run");
        fc.setInitialFileName(suggested);
        fc.getExtensionFilters().add(new javafx.stage.FileChooser.ExtensionFilter("Run archive (zip)", "*.zip"));
        File f = fc.showSaveDialog(getScene() == null ? null : getScene().getWindow());
        return Optional.ofNullable(f).map(File::toPath);
    }

    private boolean confirmDelete(List<String> names) {
        if (dialogs != null) return dialogs.confirmDelete(names);
        String listed = String.join(", ", names.subList(0, Math.min(5, names.size()))) + (names.size() > 5 ? " and " + (names.size() - 5) + " more" : "");
        String what = names.size() == 1 ? "run " + names.get(0) : names.size() + " runs (" + listed + ")";
        Alert a = new Alert(Alert.AlertType.CONFIRMATION, "Delete " + what + " and every file in "
                + (names.size() == 1 ? "its folder" : "their folders") + "? This cannot be undone.", ButtonType.CANCEL, ButtonType.OK);
        a.setHeaderText(names.size() == 1 ? "Delete " + names.get(0) + "?" : "Delete " + names.size() + " runs?");
        if (getScene() != null) a.initOwner(getScene().getWindow());
        return a.showAndWait().filter(b -> b == ButtonType.OK).isPresent();
    }

    private void showHyperParameters(HyperParameterTable t) {
        hparams.getColumns().clear();
        if (t == null || t.runs().isEmpty()) {
            hparams.getItems().clear();
            return;
        }
        TableColumn<HyperParameterTable.Row, String> field = new TableColumn<>("field");
        field.setCellValueFactory(c -> new ReadOnlyStringWrapper(c.getValue().field()));
        field.setPrefWidth(140);
        hparams.getColumns().add(field);
        for (int i = 0; i < t.runs().size(); i++) {
            final int k = i;
            TableColumn<HyperParameterTable.Row, String> col = new TableColumn<>(t.runs().get(i));
            col.setCellValueFactory(c -> new ReadOnlyStringWrapper(c.getValue().values().get(k)));
            col.setPrefWidth(130);
            hparams.getColumns().add(col);
        }
        hparams.getItems().setAll(onlyDiffering.isSelected() ? t.differing() : t.rows());
    }

    /**
     * Shows a column's (short) text as a heading label whose tooltip holds the full name. The
     * column's own text is cleared: the header would otherwise show it beside the label.
     */
    private static <T> TableColumn<RunsViewModel.RunRow, T> heading(TableColumn<RunsViewModel.RunRow, T> c, String fullName) {
        Label label = new Label(c.getText());
        label.setTooltip(new Tooltip(fullName));
        label.getStyleClass().add("column-heading");
        c.setText(null);
        c.setGraphic(label);
        return c;
    }

    private static <T> TableColumn<RunsViewModel.RunRow, T> minWidth(TableColumn<RunsViewModel.RunRow, T> c, double width) {
        c.setMinWidth(width);
        return c;
    }

    private static TableColumn<RunsViewModel.RunRow, String> text(String title, double width,
                                                                 java.util.function.Function<RunsViewModel.RunRow, String> f) {
        return text(title, width, f, OverrunStyle.ELLIPSIS);
    }

    private static TableColumn<RunsViewModel.RunRow, String> text(String title, double width,
                                                                 java.util.function.Function<RunsViewModel.RunRow, String> f,
                                                                 OverrunStyle overrun) {
        TableColumn<RunsViewModel.RunRow, String> c = new TableColumn<>(title);
        c.setCellValueFactory(d -> new ReadOnlyStringWrapper(f.apply(d.getValue())));
        c.setPrefWidth(width);
        c.setCellFactory(col -> new TableCell<>() {
            @Override
            protected void updateItem(String item, boolean empty) {
                super.updateItem(item, empty);
                setText(empty ? null : item);
                setTextOverrun(overrun);
                setTooltip(empty || item == null || item.isEmpty() ? null : new Tooltip(item));
            }
        });
        return c;
    }

    private static TableColumn<RunsViewModel.RunRow, Integer> number(String title, double width,
                                                                    java.util.function.ToIntFunction<RunsViewModel.RunRow> f) {
        TableColumn<RunsViewModel.RunRow, Integer> c = new TableColumn<>(title);
        // A damaged run has no figures: its cell stays empty.
        c.setCellValueFactory(d -> new ReadOnlyObjectWrapper<>(d.getValue().damaged() ? null : f.applyAsInt(d.getValue())));
        c.setPrefWidth(width);
        return c;
    }

    /**
     * Best valid errors: the evaluation with the fewest energy errors, its softmax errors and epoch beside them,
     * sorted by the energy errors (a run never evaluated sorts last).
     */
    private static TableColumn<RunsViewModel.RunRow, RunsViewModel.RunRow> bestValid() {
        TableColumn<RunsViewModel.RunRow, RunsViewModel.RunRow> c = new TableColumn<>("Best valid");
        c.setCellValueFactory(d -> new ReadOnlyObjectWrapper<>(d.getValue()));
        c.setComparator(java.util.Comparator.comparing(RunsViewModel.RunRow::bestValidErrors,
                java.util.Comparator.nullsLast(java.util.Comparator.naturalOrder())));
        c.setCellFactory(col -> new TableCell<>() {
            @Override
            protected void updateItem(RunsViewModel.RunRow item, boolean empty) {
                super.updateItem(item, empty);
                setText(empty || item == null ? null : item.bestValid());
                setTooltip(empty || item == null || item.bestValidDetail().isEmpty() ? null : new Tooltip(item.bestValidDetail()));
            }
        });
        c.setPrefWidth(125);
        return c;
    }

    /** The date the run was created; the reference (a published log) has none, nor has a damaged run (nothing of it is read). */
    private static TableColumn<RunsViewModel.RunRow, RunsViewModel.RunRow> date() {
        TableColumn<RunsViewModel.RunRow, RunsViewModel.RunRow> c = new TableColumn<>("Date");
        c.setCellValueFactory(d -> new ReadOnlyObjectWrapper<>(d.getValue()));
        c.setComparator(java.util.Comparator.comparing(RunsViewModel.RunRow::date, java.util.Comparator.nullsFirst(java.util.Comparator.naturalOrder())));
        c.setCellFactory(col -> new TableCell<>() {
            @Override
            protected void updateItem(RunsViewModel.RunRow item, boolean empty) {
                super.updateItem(item, empty);
                setText(empty || item == null ? null : item.date() != null ? DATE.format(item.date()) : item.reference() ? "(published)" : "");
            }
        });
        c.setPrefWidth(115);
        return c;
    }
}
