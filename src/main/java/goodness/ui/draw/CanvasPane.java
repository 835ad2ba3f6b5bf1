package goodness.ui.draw;

import goodness.data.Dataset;
import goodness.ff.FFConfig;
import goodness.ff.scoring.Prediction;
import goodness.service.PredictionService;
import goodness.ui.ColorMaps;
import goodness.ui.Picture;
import goodness.ui.PictureImages;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.Label;
import javafx.scene.image.ImageView;
import javafx.scene.image.PixelWriter;
import javafx.scene.image.WritableImage;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import javafx.scene.paint.Color;
import javafx.util.StringConverter;
import org.jfree.chart.ChartFactory;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.fx.ChartViewer;
import org.jfree.chart.labels.StandardCategoryToolTipGenerator;
import org.jfree.chart.plot.CategoryPlot;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.chart.renderer.category.BarRenderer;
import org.jfree.chart.renderer.category.StandardBarPainter;
import org.jfree.data.category.DefaultCategoryDataset;

import java.text.DecimalFormat;
import java.util.Locale;

/**
 * The drawing tab: canvas with clear / undo on the left; on the right the 28×28 digit as the
 * network sees it, the energy of each label (winner highlighted), the softmax prediction, the
 * per-layer goodness breakdown and the time from the stroke to the prediction; for a recurrent
 * model also how it settles ({@link SettlingPane}).
 */
public final class CanvasPane extends HBox {
    private final DrawingCanvas canvas = new DrawingCanvas();
    private final WritableImage digitImage = new WritableImage(28, 28);
    private final ImageView digitView = new ImageView(digitImage);
    private final Label energyLabel = new Label("–"), softmaxLabel = new Label(""), timingLabel = new Label(""),
            modelLabel = new Label(), sourceLabel = new Label();
    private final DefaultCategoryDataset energy = new DefaultCategoryDataset();
    private final JFreeChart energyChart;
    private final WinnerRenderer renderer = new WinnerRenderer();
    private final GridPane layerGrid = new GridPane();
    private final Label headingLabel = new Label("Energy prediction"), gridTitle = new Label(PredictionWording.of(null, -1, 0).gridTitle()),
            heatHint = new Label("the same as heat: per layer, lowest label black, highest white"), activityTitle = new Label();
    private final ChoiceBox<CanvasViewModel.ModelChoice> modelChoice = new ChoiceBox<>();
    private final ImageView goodnessHeat = new ImageView();
    private final GridPane activityGrid = new GridPane();
    private final SettlingPane settling = new SettlingPane();
    private CanvasViewModel vm;
    private final ChartViewer viewer;

    /** Bars in one colour, the winning label in another. */
    static final class WinnerRenderer extends BarRenderer {
        int winner = -1;

        @Override
        public java.awt.Paint getItemPaint(int row, int column) {
            return column == winner ? new java.awt.Color(0xd62728) : new java.awt.Color(0x7f9fbf);
        }
    }

    public CanvasPane() {
        getStyleClass().add("canvas-pane");
        getStylesheets().add(CanvasPane.class.getResource("CanvasView.css").toExternalForm());
        setSpacing(16);
        setPadding(new Insets(12));

        Button clear = new Button("Clear");
        clear.setId("clearButton");
        clear.setOnAction(e -> canvas.clear());
        Button undo = new Button("Undo");
        undo.setId("undoButton");
        undo.setOnAction(e -> canvas.undo());
        canvas.setId("drawingCanvas");
        StackPane frame = new StackPane(canvas);
        frame.getStyleClass().add("canvas-frame");
        frame.setMaxSize(DrawingCanvas.SIZE + 4, DrawingCanvas.SIZE + 4);
        modelChoice.getItems().setAll(CanvasViewModel.ModelChoice.values());
        modelChoice.setId("modelChoice");
        modelChoice.setMaxWidth(DrawingCanvas.SIZE);   // a long run name is cut short; the line below has it all
        Label hint = new Label("Draw a digit (right click: undo)");
        hint.getStyleClass().add("hint");
        modelLabel.getStyleClass().add("hint");
        modelLabel.setWrapText(true);
        modelLabel.setMaxWidth(DrawingCanvas.SIZE);
        VBox left = new VBox(8, hint, frame, new HBox(8, clear, undo), new Label("Predict with:"), modelChoice, modelLabel);

        digitView.setFitWidth(140);
        digitView.setFitHeight(140);
        digitView.setSmooth(false);
        digitView.setId("digitView");
        StackPane digitFrame = new StackPane(digitView);
        digitFrame.getStyleClass().add("digit-frame");
        energyLabel.setId("predictionLabel");
        energyLabel.getStyleClass().add("prediction");
        softmaxLabel.setId("softmaxLabel");
        softmaxLabel.getStyleClass().add("softmax");
        timingLabel.setId("timingLabel");
        timingLabel.getStyleClass().add("timing");
        sourceLabel.getStyleClass().add("hint");
        VBox summary = new VBox(4, headingLabel, energyLabel, softmaxLabel, sourceLabel, timingLabel);
        summary.setAlignment(Pos.TOP_LEFT);
        HBox top = new HBox(16, new VBox(4, new Label("As the network sees it (28×28)"), digitFrame), summary);

        energyChart = ChartFactory.createBarChart("Energy (summed goodness) per label", "label", "energy", energy,
                PlotOrientation.VERTICAL, false, true, false);
        CategoryPlot plot = energyChart.getCategoryPlot();
        renderer.setBarPainter(new StandardBarPainter());
        renderer.setShadowVisible(false);
        renderer.setDefaultToolTipGenerator(new StandardCategoryToolTipGenerator("label {1}: energy {2}", new DecimalFormat("0.####")));
        plot.setRenderer(renderer);
        ((NumberAxis) plot.getRangeAxis()).setAutoRangeIncludesZero(false);
        plot.setBackgroundPaint(java.awt.Color.WHITE);
        energyChart.setBackgroundPaint(java.awt.Color.WHITE);
        energyChart.getTitle().setFont(new java.awt.Font("SansSerif", java.awt.Font.BOLD, 13));
        ChartViewer viewer = new ChartViewer(energyChart);
        viewer.setId("chart-energy");
        this.viewer = viewer;
        viewer.setPrefSize(460, 240);
        viewer.setMinHeight(180);

        layerGrid.getStyleClass().add("layer-grid");
        layerGrid.setHgap(6);
        layerGrid.setVgap(2);
        goodnessHeat.setId("goodnessHeatMap");
        goodnessHeat.setSmooth(false);
        heatHint.getStyleClass().add("hint");
        HBox goodnessRow = new HBox(14, layerGrid, new VBox(2, goodnessHeat, heatHint));
        activityGrid.setId("activityMaps");
        activityGrid.setHgap(8);
        activityGrid.setVgap(3);
        activityTitle.setText(activityTitle(PredictionWording.of(null, -1, 0)));
        headingLabel.setId("predictionHeading");
        VBox right = new VBox(10, top, viewer, settling, gridTitle, goodnessRow,
                activityTitle, activityGrid);
        HBox.setHgrow(right, Priority.ALWAYS);
        VBox.setVgrow(viewer, Priority.ALWAYS);
        getChildren().addAll(left, right);
        clearDigit();
    }

    private void showChoices(CanvasViewModel vm) {
        modelChoice.setConverter(new StringConverter<>() {
            @Override
            public String toString(CanvasViewModel.ModelChoice c) {
                return c == null ? "" : vm.choiceText(c);
            }

            @Override
            public CanvasViewModel.ModelChoice fromString(String s) {
                throw new UnsupportedOperationException("the box is not editable");
            }
        });
        modelChoice.getItems().setAll(CanvasViewModel.ModelChoice.values());
        modelChoice.setValue(vm.modelChoiceProperty().get());
    }

    /** @param figures the energy chart's context menu: export as PNG or SVG with the caption, copy */
    public void bind(CanvasViewModel vm, goodness.ui.FigureActions figures) {
        this.vm = vm;
        figures.install(viewer, "energy", vm::figureCaption);
        canvas.setOnChange(vm::predictStrokes);
        showChoices(vm);
        // The loaded model's entry names it: a new converter relabels the box, new items its menu.
        vm.loadedModelNameProperty().addListener((o, a, b) -> showChoices(vm));
        vm.modelChoiceProperty().addListener((o, a, b) -> modelChoice.setValue(b));
        modelChoice.setOnAction(e -> {
            if (modelChoice.getValue() != null && modelChoice.getValue() != vm.modelChoiceProperty().get()) vm.choose(modelChoice.getValue());
        });
        modelLabel.textProperty().bind(vm.modelTextProperty());
        sourceLabel.textProperty().bind(vm.sourceTextProperty());
        vm.resultProperty().addListener((o, a, r) -> show(r));
        vm.goodnessMapProperty().addListener((o, a, p) -> {
            goodnessHeat.setImage(p == null ? null : PictureImages.image(ColorMaps.upscale(p, 26, 17)));
        });
        vm.activityMapsProperty().addListener((o, a, m) -> showActivity(m));
        vm.settlingProperty().addListener((o, a, s) -> settling.show(s));
    }

    private void showActivity(CanvasViewModel.ActivityMaps m) {
        activityGrid.getChildren().clear();
        if (m == null) return;
        boolean pair = m.runnerUp() >= 0;
        activityGrid.add(new Label(pair ? "predicted " + m.predicted() : "the drawn image"), 1, 0);
        if (pair) activityGrid.add(new Label("runner-up " + m.runnerUp()), 2, 0);
        for (int l = 0; l < m.predictedMaps().size(); l++) {
            activityGrid.add(new Label("L" + (l + 1)), 0, l + 1);
            activityGrid.add(mapView(m.predictedMaps().get(l)), 1, l + 1);
            if (pair) activityGrid.add(mapView(m.runnerUpMaps().get(l)), 2, l + 1);
        }
    }

    private static ImageView mapView(Picture p) {
        ImageView v = new ImageView(PictureImages.image(ColorMaps.upscale(p, 3, 3)));
        v.setSmooth(false);
        return v;
    }

    public DrawingCanvas canvas() {
        return canvas;
    }

    public DefaultCategoryDataset energyDataset() {
        return energy;
    }

    /** The settling chart's lines (one series per label), empty unless a recurrent model predicts. */
    public org.jfree.data.xy.XYSeriesCollection settlingLines() {
        return settling.lines();
    }

    public int winnerIndex() {
        return renderer.winner;
    }

    public Label predictionLabel() {
        return energyLabel;
    }

    private void show(PredictionService.Result r) {
        energyChart.setNotify(false);
        try {
            energy.clear();
            layerGrid.getChildren().clear();
            if (r == null) {
                clearDigit();
                energyLabel.setText("–");
                softmaxLabel.setText("");
                timingLabel.setText("");
                return;
            }
            PixelWriter w = digitImage.getPixelWriter();
            float[] px = r.digit().pixels();
            for (int y = 0; y < 28; y++)
                for (int x = 0; x < 28; x++) {
                    int i = y * 28 + x;
                    double v = i < 10 ? 0 : Math.max(0, Math.min(1, px[i]));
                    w.setColor(x, y, Color.gray(v));
                }
            timingLabel.setText(String.format(Locale.ROOT, "%.1f ms", r.millis()));
            Prediction p = r.prediction();
            if (p == null) {
                energyLabel.setText(r.digit().empty() ? "(empty)" : "(no model)");
                softmaxLabel.setText("");
                return;
            }
            Dataset ds = vm != null ? vm.currentDataset() : Dataset.MNIST;
            // An unsupervised network has no energy score: the bars show what its readout sees instead.
            PredictionWording words = r.settling() != null ? PredictionWording.of(p, r.settling().scoreFrom(), r.settling().scoreTo())
                    : PredictionWording.of(p, -1, 0);
            String series = p.hasEnergy() ? "energy" : "readout probability";
            headingLabel.setText(words.heading());
            gridTitle.setText(words.gridTitle());
            activityTitle.setText(activityTitle(words));
            heatHint.setVisible(words.perLabel());
            energyChart.getTitle().setText(words.chartTitle());
            energyChart.getCategoryPlot().getRangeAxis().setLabel(words.rangeLabel());
            for (int c = 0; c < FFConfig.LABELS; c++) energy.addValue(p.scores()[c], series, ds == Dataset.MNIST ? Integer.toString(c) : c + " " + ds.className(c));
            renderer.winner = p.label();
            energyLabel.setText(ds == Dataset.MNIST ? Integer.toString(p.label()) : p.label() + " " + ds.className(p.label()));
            if (p.softmax() != null) {
                softmaxLabel.setText(String.format(Locale.ROOT, "%s: %s (%.1f %%)", words.readoutName(), ds == Dataset.MNIST ? Integer.toString(p.softmaxLabel()) : ds.className(p.softmaxLabel()),
                        100 * p.softmax()[p.softmaxLabel()]));
            } else {
                softmaxLabel.setText("softmax: no readout");
            }
            fillLayerGrid(p, words.perLabel());
        } finally {
            energyChart.setNotify(true);
        }
    }

    private static String activityTitle(PredictionWording words) {
        return "Hidden activity per layer (one cell per unit, " + CanvasViewModel.ACTIVITY_COLUMNS + " per row; brighter = more active), "
                + words.activityNote();
    }

    private void fillLayerGrid(Prediction p, boolean perLabel) {
        layerGrid.add(new Label("layer"), 0, 0);
        if (!perLabel) { // no label in the input: one goodness per layer
            layerGrid.add(new Label("goodness"), 1, 0);
            for (int l = 0; l < p.goodness().length; l++) {
                layerGrid.add(new Label("L" + (l + 1)), 0, l + 1);
                layerGrid.add(new Label(String.format(Locale.ROOT, "%.1f", p.goodness()[l][0])), 1, l + 1);
            }
            return;
        }
        for (int c = 0; c < FFConfig.LABELS; c++) {
            Label h = new Label(Integer.toString(c));
            h.getStyleClass().add("grid-header");
            layerGrid.add(h, c + 1, 0);
        }
        for (int l = 0; l < p.goodness().length; l++) {
            layerGrid.add(new Label("L" + (l + 1) + (p.countsInEnergy()[l] ? " ★" : "")), 0, l + 1);
            float[] g = p.goodness()[l];
            int best = 0;
            for (int c = 1; c < g.length; c++) if (g[c] > g[best]) best = c;
            for (int c = 0; c < g.length; c++) {
                Label v = new Label(String.format(Locale.ROOT, "%.1f", g[c]));
                v.getStyleClass().add(c == best ? "grid-best" : "grid-cell");
                layerGrid.add(v, c + 1, l + 1);
            }
        }
    }

    private void clearDigit() {
        PixelWriter w = digitImage.getPixelWriter();
        for (int y = 0; y < 28; y++) for (int x = 0; x < 28; x++) w.setColor(x, y, Color.BLACK);
    }
}
