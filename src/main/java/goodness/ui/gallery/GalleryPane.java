package goodness.ui.gallery;

import goodness.data.LabeledImages;
import goodness.ff.FFConfig;
import goodness.service.TestSetEvaluator;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.Tooltip;
import javafx.scene.image.ImageView;
import javafx.scene.image.PixelWriter;
import javafx.scene.image.WritableImage;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import javafx.scene.paint.Color;

import java.util.function.BiConsumer;
import java.util.function.Supplier;

/** Confusion matrix (clickable cells filter the thumbnails) and misclassified test digits. */
public final class GalleryPane extends VBox {
    private static final int MAX_THUMBS = 300;
    /** What the empty panel says before the first evaluation, so it does not look broken. */
    public static final String NOT_EVALUATED = "No evaluation yet. Press Evaluate test set: the model the Draw tab uses is scored"
            + " on the test digits, its confusion matrix fills the left and the digits it misreads appear here.";
    private final GridPane confusion = new GridPane();
    private final FlowPane thumbs = new FlowPane(6, 6);
    private final Label status = new Label(), filterLabel = new Label();
    private final Button evaluate = new Button("Evaluate test set");
    private final ChoiceBox<String> limit = new ChoiceBox<>();
    private GalleryViewModel vm;
    private BiConsumer<float[], String> onSelect = (p, d) -> { };

    public GalleryPane() {
        getStyleClass().add("gallery-pane");
        getStylesheets().add(GalleryPane.class.getResource("GalleryView.css").toExternalForm());
        setSpacing(10);
        setPadding(new Insets(12));
        evaluate.setId("evaluateButton");
        limit.getItems().setAll("first 2,000 images", "all 10,000 images");
        limit.setValue("all 10,000 images");
        status.setWrapText(true);
        status.setId("galleryStatus");
        filterLabel.setId("galleryFilter");
        filterLabel.setWrapText(true);
        filterLabel.setText(NOT_EVALUATED);
        Button all = new Button("Show all mistakes");
        all.setOnAction(e -> {
            if (vm != null) vm.setFilter(-1, -1);
        });
        HBox bar = new HBox(10, evaluate, limit, all, status);
        bar.setAlignment(Pos.CENTER_LEFT);
        confusion.getStyleClass().add("confusion");
        confusion.setHgap(1);
        confusion.setVgap(1);
        VBox left = new VBox(6, new Label("Confusion matrix (rows: true, columns: predicted)"), confusion);
        left.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE);   // the long hint on the right must not squeeze the title
        ScrollPane scroll = new ScrollPane(thumbs);
        scroll.setFitToWidth(true);
        thumbs.setPadding(new Insets(4));
        VBox right = new VBox(6, filterLabel, scroll);
        VBox.setVgrow(scroll, Priority.ALWAYS);
        HBox.setHgrow(right, Priority.ALWAYS);
        HBox body = new HBox(16, left, right);
        VBox.setVgrow(body, Priority.ALWAYS);
        getChildren().addAll(bar, body);
    }

    /** {@code model} supplies the network to evaluate (the one the canvas uses). */
    public void bind(GalleryViewModel vm, Supplier<goodness.ff.FFNetwork> model, BiConsumer<float[], String> onSelect) {
        this.vm = vm;
        this.onSelect = onSelect;
        status.textProperty().bind(vm.statusProperty());
        evaluate.disableProperty().bind(vm.busyProperty());
        evaluate.setOnAction(e -> vm.evaluate(model.get(), limit.getValue().startsWith("first") ? 2000 : 0));
        vm.evaluationProperty().addListener((o, a, b) -> refresh());
        vm.filterProperty().addListener((o, a, b) -> refresh());
    }

    public GridPane confusionGrid() {
        return confusion;
    }

    public FlowPane thumbnails() {
        return thumbs;
    }

    private void refresh() {
        confusion.getChildren().clear();
        thumbs.getChildren().clear();
        TestSetEvaluator.Evaluation e = vm.evaluationProperty().get();
        if (e == null) {
            filterLabel.setText(NOT_EVALUATED);
            return;
        }
        int[][] m = e.confusion();
        int max = 1;
        for (int t = 0; t < 10; t++) for (int p = 0; p < 10; p++) if (t != p) max = Math.max(max, m[t][p]);
        for (int c = 0; c < 10; c++) {
            Label h = new Label(Integer.toString(c));
            h.getStyleClass().add("confusion-header");
            confusion.add(h, c + 1, 0);
            Label r = new Label(Integer.toString(c));
            r.getStyleClass().add("confusion-header");
            confusion.add(r, 0, c + 1);
        }
        int[] f = vm.filterProperty().get();
        for (int t = 0; t < 10; t++) {
            for (int p = 0; p < 10; p++) {
                Button cell = new Button(Integer.toString(m[t][p]));
                cell.getStyleClass().add(t == p ? "confusion-diagonal" : "confusion-cell");
                if (t != p && m[t][p] > 0) {
                    double a = 0.15 + 0.85 * m[t][p] / (double) max;
                    cell.setStyle(String.format(java.util.Locale.ROOT, "-fx-background-color: rgba(214,39,40,%.2f);", a));
                }
                if (f[0] == t && f[1] == p) cell.getStyleClass().add("confusion-selected");
                final int tt = t, pp = p;
                cell.setOnAction(ev -> vm.setFilter(tt, pp));
                cell.setTooltip(new Tooltip("true " + t + ", predicted " + p + ": " + m[t][p]));
                confusion.add(cell, p + 1, t + 1);
            }
        }
        int[] idx = e.mistakes(f[0], f[1]);
        filterLabel.setText((f[0] >= 0 ? "true " + f[0] + ", predicted " + f[1] + ": " : "Misclassified: ")
                + idx.length + " images" + (idx.length > MAX_THUMBS ? " (first " + MAX_THUMBS + " shown)" : "") + " — click one to inspect it");
        LabeledImages images = e.images();
        for (int k = 0; k < Math.min(MAX_THUMBS, idx.length); k++) {
            int i = idx[k];
            float[] px = images.image(i);
            WritableImage img = new WritableImage(28, 28);
            PixelWriter w = img.getPixelWriter();
            for (int y = 0; y < 28; y++) for (int x = 0; x < 28; x++) w.setColor(x, y, Color.gray(Math.max(0, Math.min(1, px[y * 28 + x]))));
            ImageView v = new ImageView(img);
            v.setFitWidth(56);
            v.setFitHeight(56);
            v.setSmooth(false);
            Label caption = new Label(images.label(i) + "→" + e.predicted()[i]);
            VBox box = new VBox(2, v, caption);
            box.setAlignment(Pos.CENTER);
            box.getStyleClass().add("thumb");
            String desc = "test image #" + i + ": true " + images.label(i) + ", predicted " + e.predicted()[i];
            box.setOnMouseClicked(ev -> onSelect.accept(px, desc));
            Tooltip.install(box, new Tooltip(desc));
            thumbs.getChildren().add(box);
        }
    }

    static int labels() {
        return FFConfig.LABELS;
    }
}
