package goodness.ui.playground;

import goodness.ff.playground.Landscape;
import goodness.ff.playground.PlaneShape;
import goodness.ff.playground.PlaygroundNegatives;
import goodness.ff.playground.PlaygroundNetwork;
import goodness.ff.playground.PlaygroundSettings;
import javafx.beans.binding.Bindings;
import javafx.beans.property.StringProperty;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.canvas.Canvas;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.TextField;
import javafx.scene.control.Tooltip;
import javafx.scene.input.Clipboard;
import javafx.scene.input.ClipboardContent;
import javafx.scene.input.MouseButton;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import javafx.scene.paint.Color;
import javafx.util.StringConverter;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The Playground tab: the controls (bound to {@link PlaygroundViewModel}) and the pictures of its
 * latest {@link PlaygroundFrame}: the decision regions with the points and the batch's
 * negatives, each class's goodness landscape with its threshold contour, and a small map per
 * hidden unit. Click the regions to add a point of the selected class, right-click to remove the
 * nearest. Draws only: every number comes from the frame.
 */
public final class PlaygroundPane extends HBox {
    static final double MAIN = 380, CLASS_MAP = 180, UNIT_MAP = 36, UNIT_GAP = 3, UNIT_LEFT = 24;
    static final int UNITS_PER_ROW = 22;
    private final Canvas main = new Canvas(MAIN, MAIN), before = new Canvas(CLASS_MAP, CLASS_MAP);
    private final FlowPane classMaps = new FlowPane(8, 8);
    private final Canvas unitCanvas = new Canvas(UNIT_LEFT + UNITS_PER_ROW * (UNIT_MAP + UNIT_GAP), 10);
    private final Tooltip unitTip = new Tooltip();
    private final List<Canvas> classCanvases = new ArrayList<>();
    private final Label stage = new Label(), accuracy = new Label(), fps = new Label(), timing = new Label(), problem = new Label(), status = new Label();
    private final VBox beforeBox;
    private final VBox controls = new VBox(5);
    private final ChoiceBox<Integer> classChoice = new ChoiceBox<>();
    private final ChoiceBox<Integer> layerChoice = new ChoiceBox<>();
    private PlaygroundViewModel vm;

    public PlaygroundPane() {
        setSpacing(12);
        setPadding(new Insets(10));
        classMaps.setPrefWrapLength(2 * (CLASS_MAP + 8));
        main.setId("pgMain");
        stage.setId("pgStage");
        stage.setWrapText(true);
        stage.setMinHeight(90);
        fps.setId("pgFps");
        accuracy.setId("pgAccuracy");
        problem.setId("pgProblem");
        problem.setWrapText(true);
        problem.setTextFill(Color.FIREBRICK);
        status.setWrapText(true);
        Label beforeTitle = new Label("Before the update");
        beforeBox = new VBox(4, beforeTitle, before);
        beforeBox.setVisible(false);
        VBox mainBox = new VBox(4, new Label("Decision regions, points, the batch (ringed) and its negatives (×)."), main,
                new Label("Click: add a point of the selected class; right-click: remove the nearest."));
        VBox classBox = new VBox(4, new Label("Goodness per class (cyan: the threshold contour)"), classMaps);
        HBox top = new HBox(14, mainBox, classBox, beforeBox);
        stage.setPrefWidth(560);
        VBox pictures = new VBox(8, top, new HBox(16, accuracy, fps, timing), stage,
                new Label("Hidden units for the selected class (hover: weights and goodness share)"), unitCanvas);
        unitCanvas.setId("pgUnits");
        Tooltip.install(unitCanvas, unitTip);
        unitCanvas.setOnMouseMoved(e -> {
            int[] u = unitAt(e.getX(), e.getY());
            unitTip.setText(u == null ? "Hover a unit's map" : unitText(u[0], u[1]));
        });
        ScrollPane picturesScroll = new ScrollPane(pictures);
        picturesScroll.setFitToWidth(true);
        HBox.setHgrow(picturesScroll, Priority.ALWAYS);
        ScrollPane controlsScroll = new ScrollPane(controls);
        controlsScroll.setFitToWidth(true);
        controlsScroll.setHbarPolicy(ScrollPane.ScrollBarPolicy.NEVER);
        controlsScroll.setMinWidth(230);
        controlsScroll.setPrefWidth(240);
        getChildren().addAll(controlsScroll, picturesScroll);
    }

    public void bind(PlaygroundViewModel vm) {
        this.vm = vm;
        ComboBox<String> data = new ComboBox<>();
        data.setId("pgData");
        for (PlaneShape s : PlaneShape.values()) data.getItems().add(s.key());
        data.valueProperty().bindBidirectional(vm.field("data"));
        ComboBox<String> neg = new ComboBox<>();
        neg.setId("pgNeg");
        for (PlaygroundNegatives n : PlaygroundNegatives.values()) neg.getItems().add(n.key());
        neg.valueProperty().bindBidirectional(vm.field("neg"));
        ComboBox<String> score = new ComboBox<>();
        score.setId("pgScore");
        score.getItems().addAll("all", "upper");
        score.valueProperty().bindBidirectional(vm.field("score"));
        CheckBox peer = new CheckBox("Peer normalisation");
        peer.setId("pgPeer");
        peer.selectedProperty().bindBidirectional(vm.peerProperty());

        Button start = button("pgStart", "Start", vm::start), pause = button("pgPause", "Pause", vm::pause);
        start.disableProperty().bind(vm.runningProperty());
        pause.disableProperty().bind(vm.runningProperty().not());
        Button stepBatch = button("pgStepBatch", "Step batch", vm::stepBatch), stepStage = button("pgStepStage", "Step stage", vm::stepStage);
        stepStage.setTooltip(new Tooltip("Slow motion: the positive pass, the negative pass, then the update"));
        Button reset = button("pgReset", "Reset", vm::reset);
        ChoiceBox<Integer> speed = new ChoiceBox<>();
        speed.setId("pgSpeed");
        speed.getItems().addAll(1, 5, 20, 50);
        speed.setConverter(converter(n -> n + (n == 1 ? " batch" : " batches") + " per frame"));
        speed.setValue(vm.batchesPerFrameProperty().get());
        speed.valueProperty().addListener((o, a, b) -> {
            if (b != null) vm.batchesPerFrameProperty().set(b);
        });
        GridPane run = new GridPane();
        run.setHgap(6);
        run.setVgap(6);
        run.addRow(0, start, pause);
        run.addRow(1, stepBatch, stepStage);
        run.addRow(2, reset);

        TextField settingsField = new TextField();
        settingsField.setId("pgSettings");
        settingsField.textProperty().bindBidirectional(vm.settingsTextProperty());
        Button copy = button("pgCopy", "Copy", () -> {
            ClipboardContent c = new ClipboardContent();
            c.putString(vm.settingsTextProperty().get());
            Clipboard.getSystemClipboard().setContent(c);
        });
        Button apply = button("pgApply", "Apply", vm::applySettingsText);
        settingsField.setOnAction(e -> vm.applySettingsText());

        classChoice.setId("pgClass");
        classChoice.setConverter(converter(c -> "class " + (c + 1) + " (" + PlaygroundDrawing.CLASS_NAMES[c] + ")"));
        layerChoice.setId("pgLayer");
        layerChoice.setConverter(converter(l -> l == 0 ? "summed (scored layers)" : "layer " + l));
        vm.settingsProperty().addListener((o, a, b) -> choices(b));
        choices(vm.settingsProperty().get());
        classChoice.valueProperty().addListener((o, a, b) -> {
            if (b != null) vm.selectedClassProperty().set(b);
        });
        layerChoice.valueProperty().addListener((o, a, b) -> {
            if (b != null) vm.shownLayerProperty().set(b);
        });

        problem.textProperty().bind(vm.problemProperty());
        status.textProperty().bind(vm.statusProperty());
        stage.textProperty().bind(vm.stageTextProperty());
        timing.textProperty().bind(vm.timingProperty());
        accuracy.textProperty().bind(Bindings.createStringBinding(() -> Double.isNaN(vm.accuracyProperty().get()) ? ""
                : String.format(Locale.ROOT, "batch %d · training accuracy %.1f %%", vm.batchesProperty().get(), 100 * vm.accuracyProperty().get()),
                vm.accuracyProperty(), vm.batchesProperty()));
        fps.textProperty().bind(Bindings.createStringBinding(() -> String.format(Locale.ROOT, "%.1f frames/s", vm.framesPerSecondProperty().get()),
                vm.framesPerSecondProperty()));

        controls.getChildren().addAll(section("Data"), label("Data set"), data, row("Classes", "pgClasses", "classes"), row("Noise", "pgNoise", "noise"),
                row("Points", "pgPoints", "points"), label("Click adds"), classChoice,
                section("Run"), run, speed, status,
                section("Network and learning"), row("Layers", "pgLayers", "layers"), row("Learning rate", "pgLr", "lr"),
                row("Momentum", "pgMomentum", "momentum"), row("Weight cost", "pgWc", "wc"), row("Threshold θ", "pgTheta", "theta"),
                row("Temperature", "pgTemp", "temp"), row("Batch", "pgBatch", "batch"), label("Negatives"), neg, peer,
                label("Prediction adds layers"), score, row("Seed", "pgSeed", "seed"),
                section("Landscape"), layerChoice,
                section("Settings string"), settingsField, new HBox(6, copy, apply), problem);
        controls.setPadding(new Insets(4));

        main.setOnMouseClicked(e -> {
            Landscape l = vm.frameProperty().get() == null ? null : vm.frameProperty().get().landscape();
            float extent = l == null ? goodness.ff.playground.PlaygroundTrainer.PLANE : l.extent();
            double x = PlaygroundDrawing.planeX(e.getX(), extent, main.getWidth()), y = PlaygroundDrawing.planeY(e.getY(), extent, main.getHeight());
            if (e.getButton() == MouseButton.SECONDARY) vm.removeNearest(x, y);
            else if (e.getButton() == MouseButton.PRIMARY) vm.addPoint(x, y);
        });
        vm.frameProperty().addListener((o, a, f) -> {
            if (f == null) return;
            long t0 = System.nanoTime();
            draw(f);
            long t1 = System.nanoTime();
            vm.frameDrawn(t1, (t1 - t0) / 1e6);
        });
    }

    private void choices(PlaygroundSettings s) {
        if (s == null) return;
        List<Integer> classes = new ArrayList<>(), layers = new ArrayList<>();
        for (int c = 0; c < s.classes(); c++) classes.add(c);
        for (int l = 0; l <= s.layers().size(); l++) layers.add(l);
        if (!classChoice.getItems().equals(classes)) classChoice.getItems().setAll(classes);
        if (!layerChoice.getItems().equals(layers)) layerChoice.getItems().setAll(layers);
        classChoice.setValue(Math.min(vm.selectedClassProperty().get(), s.classes() - 1));
        layerChoice.setValue(Math.min(vm.shownLayerProperty().get(), s.layers().size()));
    }

    private static <T> StringConverter<T> converter(java.util.function.Function<T, String> f) {
        return new StringConverter<>() {
            @Override
            public String toString(T t) {
                return t == null ? "" : f.apply(t);
            }

            @Override
            public T fromString(String s) {
                return null;
            }
        };
    }

    private static Button button(String id, String text, Runnable action) {
        Button b = new Button(text);
        b.setId(id);
        b.setMaxWidth(Double.MAX_VALUE);
        b.setOnAction(e -> action.run());
        return b;
    }

    private static Label section(String text) {
        Label l = new Label(text);
        l.setStyle("-fx-font-weight: bold; -fx-padding: 6 0 0 0;");
        return l;
    }

    private static Label label(String text) {
        return new Label(text);
    }

    /** A labelled text field for one setting: committed with Enter or when it loses focus; follows the setting. */
    private Node row(String text, String id, String key) {
        StringProperty p = vm.field(key);
        TextField f = new TextField(p.get());
        f.setId(id);
        f.setPrefColumnCount(8);
        p.addListener((o, a, b) -> f.setText(b));
        f.setOnAction(e -> p.set(f.getText()));
        f.focusedProperty().addListener((o, a, focused) -> {
            if (!focused && !f.getText().equals(p.get())) p.set(f.getText());
        });
        vm.problemKeyProperty().addListener((o, a, b) -> {
            if (key.equals(b)) f.setStyle("-fx-border-color: firebrick;");
            else f.setStyle("");
        });
        Label l = new Label(text);
        l.setMinWidth(90);
        HBox h = new HBox(6, l, f);
        h.setAlignment(Pos.CENTER_LEFT);
        HBox.setHgrow(f, Priority.ALWAYS);
        return h;
    }

    // ------------------------------------------------------------------------------------------
    // Drawing (FX thread; the frame holds every number).

    private void draw(PlaygroundFrame f) {
        Landscape l = f.landscape();
        int layer = vm.shownLayerProperty().get();
        float[][] good = layer > 0 && l.perLayer() != null && layer <= l.perLayer().length ? l.perLayer()[layer - 1] : l.goodness();
        double threshold = good == l.goodness() ? l.threshold() : f.settings().theta() * f.settings().layers().get(layer - 1);
        PlaygroundDrawing.paint(main, PlaygroundDrawing.regions(l, good), l.size());
        PlaygroundDrawing.points(main, f.points(), l.extent(), 3.5, -1);
        if (f.batch() != null) {
            PlaygroundDrawing.ring(main, f.batch().x(), f.batch().y(), l.extent());
            if (f.batch().negX() != null) PlaygroundDrawing.negatives(main, f.batch().negX(), f.batch().negY(), f.batch().negLabel(), l.extent());
        }
        beforeBox.setVisible(f.before() != null);
        if (f.before() != null) {
            PlaygroundDrawing.paint(before, PlaygroundDrawing.regions(f.before(), f.before().goodness()), f.before().size());
            PlaygroundDrawing.points(before, f.points(), l.extent(), 2, -1);
        }
        while (classCanvases.size() < l.classes()) {
            Canvas c = new Canvas(CLASS_MAP, CLASS_MAP);
            c.setId("pgClassMap" + classCanvases.size());
            classCanvases.add(c);
        }
        if (classMaps.getChildren().size() != l.classes()) {
            classMaps.getChildren().clear();
            for (int c = 0; c < l.classes(); c++) {
                Label title = new Label("class " + (c + 1) + " (" + PlaygroundDrawing.CLASS_NAMES[c] + ")");
                title.setTextFill(PlaygroundDrawing.classColor(c));
                classMaps.getChildren().add(new VBox(2, title, classCanvases.get(c)));
            }
        }
        for (int c = 0; c < l.classes(); c++) {
            PlaygroundDrawing.paint(classCanvases.get(c), PlaygroundDrawing.heat(good[c], l.size(), threshold), l.size());
            PlaygroundDrawing.points(classCanvases.get(c), f.points(), l.extent(), 1.8, c);
        }
        drawUnits(f);
    }

    /**
     * Every unit's map in one canvas (one node to render, not one per unit): a band per layer,
     * {@link #UNITS_PER_ROW} maps a row, the layer's number on the left.
     */
    private void drawUnits(PlaygroundFrame f) {
        Landscape l = f.landscape();
        PlaygroundNetwork net = l.network();
        double height = 0;
        for (int k = 0; k < net.layers(); k++) height += rows(net.width(k)) * (UNIT_MAP + UNIT_GAP) + UNIT_GAP;
        if (unitCanvas.getHeight() != height) unitCanvas.setHeight(height);
        var g = unitCanvas.getGraphicsContext2D();
        g.clearRect(0, 0, unitCanvas.getWidth(), unitCanvas.getHeight());
        if (l.unitSize() == 0) return;
        double y = UNIT_GAP;
        for (int k = 0; k < net.layers(); k++) {
            g.setFill(Color.BLACK);
            g.fillText("L" + (k + 1), 2, y + UNIT_MAP / 2 + 4);
            for (int j = 0; j < net.width(k); j++) {
                double ux = UNIT_LEFT + (j % UNITS_PER_ROW) * (UNIT_MAP + UNIT_GAP), uy = y + (j / UNITS_PER_ROW) * (UNIT_MAP + UNIT_GAP);
                PlaygroundDrawing.paintAt(unitCanvas, PlaygroundDrawing.unit(l.units()[k][j]), l.unitSize(), ux, uy, UNIT_MAP, k * 64 + j);
            }
            y += rows(net.width(k)) * (UNIT_MAP + UNIT_GAP) + UNIT_GAP;
        }
    }

    private static int rows(int width) {
        return (width + UNITS_PER_ROW - 1) / UNITS_PER_ROW;
    }

    /** The unit under (x, y) of the unit canvas, as {layer, unit}, or null. */
    int[] unitAt(double x, double y) {
        PlaygroundFrame f = vm.frameProperty().get();
        if (f == null || x < UNIT_LEFT) return null;
        PlaygroundNetwork net = f.landscape().network();
        double top = UNIT_GAP;
        for (int k = 0; k < net.layers(); k++) {
            int rows = rows(net.width(k));
            if (y >= top && y < top + rows * (UNIT_MAP + UNIT_GAP)) {
                int col = (int) ((x - UNIT_LEFT) / (UNIT_MAP + UNIT_GAP)), row = (int) ((y - top) / (UNIT_MAP + UNIT_GAP));
                int j = row * UNITS_PER_ROW + col;
                return col < UNITS_PER_ROW && j < net.width(k) ? new int[] {k, j} : null;
            }
            top += rows * (UNIT_MAP + UNIT_GAP) + UNIT_GAP;
        }
        return null;
    }

    /** A unit's incoming weights and its mean squared state per class (its goodness contribution), from the frame shown. */
    String unitText(int layer, int unit) {
        PlaygroundFrame f = vm.frameProperty().get();
        if (f == null) return "";
        Landscape l = f.landscape();
        PlaygroundNetwork net = l.network();
        if (layer >= net.layers() || unit >= net.width(layer)) return "";
        StringBuilder s = new StringBuilder("Layer " + (layer + 1) + ", unit " + (unit + 1) + "\nweights in: ");
        for (int i = 0; i < net.fanIn(layer); i++) {
            String name = layer > 0 ? "u" + (i + 1) : i == 0 ? "x" : i == 1 ? "y" : "class " + (i - 1);
            s.append(String.format(Locale.ROOT, "%s %.2f", name, net.weight(layer, i, unit))).append(i + 1 < net.fanIn(layer) ? ", " : "");
            if (layer > 0 && (i + 1) % 8 == 0) s.append("\n  ");
        }
        s.append(String.format(Locale.ROOT, "\nbias %.2f\nmean s² on its class's points:", net.bias(layer, unit)));
        for (int c = 0; c < net.classes(); c++) s.append(String.format(Locale.ROOT, " class %d %.2f", c + 1, l.contribution()[layer][unit][c]));
        return s.toString();
    }
}
