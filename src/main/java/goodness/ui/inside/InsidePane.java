package goodness.ui.inside;

import goodness.ff.NegativeMode;
import goodness.ff.scoring.GoodnessHistogram;
import goodness.ui.ColorMaps;
import goodness.ui.FigureActions;
import goodness.ui.Picture;
import goodness.ui.PictureImages;
import javafx.collections.ListChangeListener;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.canvas.Canvas;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.image.ImageView;
import javafx.scene.image.PixelFormat;
import javafx.scene.image.WritableImage;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import javafx.scene.paint.Color;
import org.jfree.chart.ChartFactory;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.LogAxis;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.fx.ChartViewer;
import org.jfree.chart.labels.StandardXYToolTipGenerator;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.chart.plot.ValueMarker;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.data.xy.XYSeriesCollection;

import java.text.DecimalFormat;
import java.util.ArrayList;
import java.util.List;

/**
 * The Inside tab: the negatives strip, layer-1 receptive fields, goodness over time per layer,
 * per-layer error curves and update ratios. Binds to an {@link InsideViewModel}; draws its
 * pictures and charts, computes nothing.
 */
public final class InsidePane extends ScrollPane {
    static final double TILE_SCALE = 1.5;
    private static final String[] ROWS = {"positive", "true label", "negative", "its label", "mask", "source a", "source b"};
    private static final int MASK_ROW = 4;
    private static final double STRIP_W = 330, STRIP_H = 104;

    private final GridPane strip = new GridPane();
    private final List<WritableImage[]> stripImages = new ArrayList<>();
    private final List<Label[]> stripLabels = new ArrayList<>();
    private final List<javafx.scene.Node> maskRowNodes = new ArrayList<>();
    private final Label stripText = new Label();
    private final ImageView fieldsView = new ImageView();
    private final Label fieldsText = new Label();
    private final ChoiceBox<String> unitChoice = new ChoiceBox<>();
    private final VBox goodnessBox = new VBox(4);
    private final List<Canvas> goodnessCanvases = new ArrayList<>();
    private final Label errorsTitle = new Label(), perClass = new Label();
    private JFreeChart errorsChart, ratioChart;
    private InsideViewModel vm;
    private FigureActions figures;

    static final String MOST_ACTIVE = "100 most active units (this batch)", FIXED = "100 fixed units (random, seeded)";

    public InsidePane() {
        getStyleClass().add("inside-pane");
        getStylesheets().add(InsidePane.class.getResource("InsideView.css").toExternalForm());
        setFitToWidth(true);

        strip.setId("negativesStrip");
        strip.setHgap(4);
        strip.setVgap(1);
        for (int r = 0; r < ROWS.length; r++) {
            Label h = new Label(ROWS[r]);
            h.getStyleClass().add("row-header");
            strip.add(h, 0, r);
            if (r >= MASK_ROW) maskRowNodes.add(h);
        }
        for (int i = 0; i < InsideViewModel.STRIP_CASES; i++) {
            WritableImage[] imgs = new WritableImage[5];
            Label[] labels = new Label[2];
            int imageIndex = 0;
            for (int r = 0; r < ROWS.length; r++) {
                if (r == 1 || r == 3) {
                    Label l = new Label();
                    l.getStyleClass().add(r == 1 ? "case-label" : "negative-label");
                    labels[r == 1 ? 0 : 1] = l;
                    strip.add(l, i + 1, r);
                    continue;
                }
                WritableImage img = new WritableImage(InsideViewModel.TILE, InsideViewModel.TILE);
                ImageView v = new ImageView(img);
                v.setSmooth(false);
                v.setFitWidth(InsideViewModel.TILE * TILE_SCALE);
                v.setFitHeight(InsideViewModel.TILE * TILE_SCALE);
                imgs[imageIndex++] = img;
                strip.add(v, i + 1, r);
                if (r >= MASK_ROW) maskRowNodes.add(v);
            }
            stripImages.add(imgs);
            stripLabels.add(labels);
        }
        stripText.getStyleClass().add("hint");
        VBox stripPanel = new VBox(4, title("Negatives strip: the batch's first 16 cases as the network receives them"), stripText, strip);

        fieldsView.setId("receptiveFields");
        fieldsView.setSmooth(false);
        fieldsText.getStyleClass().add("hint");
        fieldsText.setWrapText(true);
        fieldsText.setMaxWidth(300);
        unitChoice.getItems().setAll(MOST_ACTIVE, FIXED);
        unitChoice.setId("unitChoice");
        VBox fieldsPanel = new VBox(4, title("Receptive fields: layer-1 weights"), unitChoice, fieldsView, fieldsText);
        fieldsPanel.setMinWidth(300);

        goodnessBox.setId("goodnessStrips");
        Label gHint = new Label("Per epoch (x) the goodness G of positive (orange) and negative (blue) data, log scale around the threshold θ (white line); yellow ticks: negative-mode changes");
        gHint.getStyleClass().add("hint");
        gHint.setWrapText(true);
        gHint.setMaxWidth(STRIP_W + 40);
        VBox goodnessPanel = new VBox(4, title("Goodness over time"), gHint, goodnessBox);

        errorsTitle.getStyleClass().add("panel-title");
        errorsTitle.setWrapText(true);
        perClass.getStyleClass().add("hint");
        perClass.setWrapText(true);
        VBox chartsPanel = new VBox(4);
        chartsPanel.setId("insideCharts");
        HBox.setHgrow(chartsPanel, Priority.ALWAYS);
        this.chartsPanel = chartsPanel;

        HBox lower = new HBox(14, fieldsPanel, goodnessPanel, chartsPanel);
        VBox content = new VBox(10, stripPanel, lower);
        content.setPadding(new Insets(8));
        setContent(content);
    }

    private final VBox chartsPanel;

    private static Label title(String text) {
        Label l = new Label(text);
        l.getStyleClass().add("panel-title");
        return l;
    }

    static final String NO_EVALUATION_YET = "Start a run: each of its evaluations adds a point per layer here";
    static final String NO_UPDATE_YET = "Start a run: each of its epochs adds a point per layer here";

    /**
     * @param figures    the context menus: the charts export as PNG or SVG with a caption, the
     *                   pictures as PNG at their native size; both copy
     * @param runCaption the caption of the charts (the live run and its changed settings)
     */
    public void bind(InsideViewModel vm, FigureActions figures, java.util.function.Supplier<String> runCaption) {
        this.vm = vm;
        this.figures = figures;
        // Native size (see InsideViewModel): the strip's tiles and the fields one pixel per input
        // pixel, a heat strip one pixel per epoch and goodness bin.
        figures.install(strip, "negatives-strip", vm::stripPicture);
        figures.install(fieldsView, "receptive-fields", () -> vm.fieldsProperty().get());
        stripText.textProperty().bind(vm.stripTextProperty());
        fieldsText.textProperty().bind(vm.fieldsTextProperty());
        errorsTitle.textProperty().bind(vm.errorsTitleProperty());
        perClass.textProperty().bind(vm.perClassTextProperty());
        unitChoice.setValue(vm.mostActiveProperty().get() ? MOST_ACTIVE : FIXED);
        unitChoice.setOnAction(e -> vm.mostActiveProperty().set(MOST_ACTIVE.equals(unitChoice.getValue())));
        unitChoice.disableProperty().bind(vm.runBegunProperty().not());   // before a run the model's strongest units are shown
        vm.strip().addListener((ListChangeListener<InsideViewModel.StripCase>) c -> showStrip());
        vm.stripModeProperty().addListener((o, a, b) -> setMaskRowsVisible(b == NegativeMode.MASK));
        setMaskRowsVisible(false);
        vm.fieldsProperty().addListener((o, a, p) -> {
            if (p == null) {
                fieldsView.setImage(null);
                return;
            }
            fieldsView.setImage(PictureImages.image(p));
            fieldsView.setFitWidth(p.width());
        });
        vm.epochsVersionProperty().addListener((o, a, b) -> drawGoodness());
        vm.layersProperty().addListener((o, a, b) -> drawGoodness());

        errorsChart = logChart("", "errors (%)", vm.errorCurves(), new DecimalFormat("0.###"));
        // Series 0 is the recipe's energy (the view model adds it first): black, thicker, and
        // drawn last (the plot's default reverse order), so a layer that ties it cannot hide it.
        errorsChart.getXYPlot().getRenderer().setSeriesStroke(0, new java.awt.BasicStroke(2f));
        errorsChart.getXYPlot().getRenderer().setSeriesPaint(0, java.awt.Color.BLACK);
        for (int i = 0; i + 1 < PALETTE.length; i++) errorsChart.getXYPlot().getRenderer().setSeriesPaint(i + 1, PALETTE[i]);
        ratioChart = logChart("Update ratio rms(ΔW) / rms(W), last update of each epoch", "ratio", vm.updateRatios(), new DecimalFormat("0E0"));
        ValueMarker guide = new ValueMarker(1e-3, new java.awt.Color(0x888888), new java.awt.BasicStroke(1f, java.awt.BasicStroke.CAP_BUTT,
                java.awt.BasicStroke.JOIN_MITER, 1f, new float[] {4f, 4f}, 0f));
        guide.setLabel("1e-3");
        // Above the line at the right end: at the left the label sat on the axis's own tick label.
        guide.setLabelFont(new java.awt.Font("SansSerif", java.awt.Font.PLAIN, 10));
        guide.setLabelAnchor(org.jfree.chart.ui.RectangleAnchor.TOP_RIGHT);
        guide.setLabelTextAnchor(org.jfree.chart.ui.TextAnchor.BOTTOM_RIGHT);
        ratioChart.getXYPlot().addRangeMarker(guide);
        // The guide stays in view: the range covers the data and 1e-3 (auto-ranging ignores markers).
        vm.updateRatios().addChangeListener(e -> includeGuide());
        // Both fill only from a run's own evaluations and updates: say so rather than show empty axes.
        errorsChart.getXYPlot().setNoDataMessage(NO_EVALUATION_YET);
        ratioChart.getXYPlot().setNoDataMessage(NO_UPDATE_YET);
        ChartViewer ev = new ChartViewer(errorsChart), rv = new ChartViewer(ratioChart);
        ev.setId("chart-layerErrors");
        rv.setId("chart-updateRatio");
        for (ChartViewer v : List.of(ev, rv)) {
            v.setMinSize(260, 150);
            v.setPrefSize(420, 200);
        }
        figures.install(ev, "layer-errors", runCaption);
        figures.install(rv, "update-ratio", runCaption);
        chartsPanel.getChildren().setAll(errorsTitle, ev, perClass, rv, new SettlingChart(vm.settling()));
    }

    private void includeGuide() {
        XYSeriesCollection d = vm.updateRatios();
        double lo = 1e-3, hi = 1e-3;
        for (int s = 0; s < d.getSeriesCount(); s++)
            for (int i = 0; i < d.getItemCount(s); i++) {
                double y = d.getYValue(s, i);
                lo = Math.min(lo, y);
                hi = Math.max(hi, y);
            }
        ratioChart.getXYPlot().getRangeAxis().setRange(lo / 1.5, hi * 1.5);
    }

    /** The Inside charts' series colours, in series order. */
    private static final java.awt.Color[] PALETTE = {new java.awt.Color(0x1f77b4), new java.awt.Color(0xd62728),
            new java.awt.Color(0x2ca02c), new java.awt.Color(0x9467bd), java.awt.Color.BLACK};

    private static JFreeChart logChart(String title, String yLabel, XYSeriesCollection data, java.text.NumberFormat ticks) {
        JFreeChart chart = ChartFactory.createXYLineChart(title, "epoch", yLabel, data, PlotOrientation.VERTICAL, true, true, false);
        XYPlot plot = chart.getXYPlot();
        LogAxis y = new LogAxis(yLabel);
        y.setSmallestValue(1e-6);
        y.setAutoRange(true);
        y.setTickUnit(new org.jfree.chart.axis.NumberTickUnit(1));   // one labelled tick per decade, 9 minor ones
        y.setMinorTickCount(9);
        y.setMinorTickMarksVisible(true);
        y.setNumberFormatOverride(ticks);
        plot.setRangeAxis(y);
        NumberAxis x = (NumberAxis) plot.getDomainAxis();
        x.setAutoRangeIncludesZero(false);
        // Whole epochs, and a range of at least two: with one evaluation the default range is
        // a sliver around it and every tick read "5E0".
        x.setStandardTickUnits(NumberAxis.createIntegerTickUnits());
        x.setAutoRangeMinimumSize(2);
        XYLineAndShapeRenderer r = new XYLineAndShapeRenderer(true, true);
        r.setDefaultToolTipGenerator(new StandardXYToolTipGenerator("{0}: epoch {1}, {2}", new DecimalFormat("0"), new DecimalFormat("0.####E0")));
        for (int i = 0; i < PALETTE.length; i++) {
            r.setSeriesPaint(i, PALETTE[i]);
            r.setSeriesShape(i, new java.awt.geom.Ellipse2D.Double(-2, -2, 4, 4));
        }
        plot.setRenderer(r);
        plot.setBackgroundPaint(java.awt.Color.WHITE);
        plot.setRangeGridlinePaint(new java.awt.Color(0xdddddd));
        plot.setDomainGridlinePaint(new java.awt.Color(0xdddddd));
        chart.setBackgroundPaint(java.awt.Color.WHITE);
        if (chart.getTitle() != null) chart.getTitle().setFont(new java.awt.Font("SansSerif", java.awt.Font.BOLD, 12));
        return chart;
    }

    private void setMaskRowsVisible(boolean visible) {
        for (javafx.scene.Node n : maskRowNodes) {
            n.setVisible(visible);
            n.setManaged(visible);
        }
    }

    private void showStrip() {
        List<InsideViewModel.StripCase> cases = vm.strip();
        for (int i = 0; i < InsideViewModel.STRIP_CASES; i++) {
            WritableImage[] imgs = stripImages.get(i);
            Label[] labels = stripLabels.get(i);
            InsideViewModel.StripCase c = i < cases.size() ? cases.get(i) : null;
            Picture[] pics = c == null ? new Picture[5] : new Picture[] {c.positive(), c.negative(), c.mask(), c.sourceA(), c.sourceB()};
            for (int k = 0; k < 5; k++) fill(imgs[k], pics[k]);
            labels[0].setText(c == null ? "" : c.positiveLabel());
            labels[1].setText(c == null ? "" : c.negativeLabel());
        }
    }

    private static void fill(WritableImage img, Picture p) {
        int w = (int) img.getWidth(), h = (int) img.getHeight();
        if (p == null || p.width() != w || p.height() != h) {
            int[] blank = new int[w * h];
            java.util.Arrays.fill(blank, ColorMaps.BACKGROUND);
            img.getPixelWriter().setPixels(0, 0, w, h, PixelFormat.getIntArgbInstance(), blank, 0, w);
            return;
        }
        img.getPixelWriter().setPixels(0, 0, w, h, PixelFormat.getIntArgbInstance(), p.argb(), 0, w);
    }

    /** One heat strip per layer: epochs × goodness bins, the threshold line, negative-mode changes. */
    private void drawGoodness() {
        int layers = vm.layersProperty().get();
        while (goodnessCanvases.size() < layers) {
            Canvas c = new Canvas(STRIP_W + 40, STRIP_H + 16);
            int layer = goodnessCanvases.size();
            c.setId("goodnessStrip" + (layer + 1));
            if (figures != null) figures.install(c, "goodness-L" + (layer + 1), () -> vm.goodnessStrip(layer));
            goodnessCanvases.add(c);
        }
        goodnessBox.getChildren().setAll(goodnessCanvases.subList(0, layers));
        int epochs = vm.epochCount();
        for (int l = 0; l < layers; l++) {
            Canvas canvas = goodnessCanvases.get(l);
            GraphicsContext g = canvas.getGraphicsContext2D();
            g.setFill(Color.WHITE);
            g.fillRect(0, 0, canvas.getWidth(), canvas.getHeight());
            double x0 = 36, y0 = 2, w = STRIP_W, h = STRIP_H;
            g.setFill(Color.rgb(40, 40, 40));
            g.fillRect(x0, y0, w, h);
            g.setFill(Color.BLACK);
            g.setFont(javafx.scene.text.Font.font(10));
            g.fillText("L" + (l + 1), 2, y0 + 12);
            g.fillText("θ·16", 2, y0 + 22);
            g.fillText("θ", 2, y0 + h / 2 + 4);
            g.fillText("θ/16", 2, y0 + h);
            Picture p = vm.goodnessStrip(l);
            if (p != null) {
                g.setImageSmoothing(false);
                g.drawImage(PictureImages.image(p), x0, y0, w, h);
                g.setFill(Color.BLACK);
                g.fillText("epoch 0", x0, y0 + h + 12);
                g.fillText(Integer.toString(epochs - 1), x0 + w - 20, y0 + h + 12);
                g.setStroke(Color.YELLOW);
                g.setLineWidth(2);
                for (double x : vm.negativeChanges()) {
                    double px = x0 + w * Math.min(1, x / epochs);
                    g.strokeLine(px, y0, px, y0 + 8);
                    g.strokeLine(px, y0 + h - 8, px, y0 + h);
                }
            } else {
                g.setFill(Color.GRAY);
                g.fillText("after the first epoch", x0 + 8, y0 + h / 2 - 8);
            }
            g.setStroke(Color.WHITE);
            g.setLineWidth(1);
            double ty = y0 + h * (1 - (double) GoodnessHistogram.thresholdBin() / GoodnessHistogram.BINS);
            g.strokeLine(x0, ty, x0 + w, ty);
        }
    }

    // Test access.
    JFreeChart errorsChart() { return errorsChart; }
    JFreeChart ratioChart() { return ratioChart; }
    GridPane stripGrid() { return strip; }
}
