package goodness.ui.draw;

import goodness.data.Dataset;
import goodness.ff.FFNetwork;
import goodness.service.PredictionService;
import goodness.ui.ColorMaps;
import goodness.ui.Picture;
import javafx.application.Platform;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;

import java.util.List;

/**
 * State of the drawing tab: which model predicts (the loaded one: the bundled model, a model file
 * or a stored run's, or the latest snapshot of the training run), the latest prediction, and the
 * source of the digit shown. Predictions run on
 * the {@link PredictionService} thread; only their results are applied here, on the FX thread.
 */
public final class CanvasViewModel {
    public enum ModelChoice {
        /** The model loaded: the bundled one at start, or a model file or stored run's model loaded since. */
        BUNDLED("bundled model"),
        TRAINING("current training model");

        private final String text;

        ModelChoice(String text) {
            this.text = text;
        }

        @Override
        public String toString() {
            return text;
        }
    }

    private final PredictionService predictions = new PredictionService();
    private final ReadOnlyObjectWrapper<PredictionService.Result> result = new ReadOnlyObjectWrapper<>();
    private final ObjectProperty<ModelChoice> modelChoice = new SimpleObjectProperty<>(ModelChoice.BUNDLED);
    private final StringProperty modelText = new SimpleStringProperty("loading the bundled model…");
    private final StringProperty sourceText = new SimpleStringProperty("draw a digit");
    private final ReadOnlyStringWrapper loadedModelName = new ReadOnlyStringWrapper(ModelChoice.BUNDLED.toString());
    private final ObjectProperty<ActivityMaps> activityMaps = new SimpleObjectProperty<>();
    private final ObjectProperty<Picture> goodnessMap = new SimpleObjectProperty<>();
    private final ObjectProperty<SettlingData> settling = new SimpleObjectProperty<>();
    private FFNetwork bundled, training;
    private String bundledName = "bundled model", trainingName = "";
    private java.util.function.BiConsumer<FFNetwork, String> onBundledModel = (n, s) -> { };
    private boolean userChose;
    private List<float[]> lastStrokes = List.of();
    private float[] lastDigit;
    private long latestRequest, shownRequest = -1;

    /** Columns of the hidden-activity maps: 1,000 units show as 25 rows × 40. */
    public static final int ACTIVITY_COLUMNS = 40;

    /**
     * The drawn digit's hidden activity in every layer (one cell per unit, heat-coloured on a
     * scale shared by the two labels of a layer) with the predicted label and with the runner-up;
     * for a network without labels in its input (unsupervised) the image's activity alone, with
     * {@code runnerUp} -1 and no runner-up maps.
     */
    public record ActivityMaps(int predicted, int runnerUp, List<Picture> predictedMaps, List<Picture> runnerUpMaps) {
    }

    public CanvasViewModel() {
        modelChoice.addListener((o, a, b) -> applyModel());
        result.addListener((o, a, r) -> updateMaps(r));
    }

    private void updateMaps(PredictionService.Result r) {
        settling.set(r == null || r.settling() == null ? null : SettlingData.of(r.settling()));
        if (r == null || r.prediction() == null || r.activity().size() < 2) {
            activityMaps.set(null);
            goodnessMap.set(null);
            return;
        }
        activityMaps.set(activityMaps(r));
        // Without a label in the input every label's goodness is the same: no heat strip to draw.
        goodnessMap.set(r.prediction().hasEnergy() ? goodnessPicture(r.prediction().goodness()) : null);
    }

    /** The maps of {@link ActivityMaps} for a result with a prediction and at least two activities. */
    static ActivityMaps activityMaps(PredictionService.Result r) {
        boolean labelled = r.prediction().hasEnergy();
        PredictionService.HiddenActivity best = r.activity().get(0), second = r.activity().get(1);
        List<Picture> a = new java.util.ArrayList<>(), b = new java.util.ArrayList<>();
        for (int l = 0; l < best.perLayer().length; l++) {
            float[] x = best.perLayer()[l], y = second.perLayer()[l];
            double scale = labelled ? Math.max(ColorMaps.maxAbs(x, 0, x.length), ColorMaps.maxAbs(y, 0, y.length)) : ColorMaps.maxAbs(x, 0, x.length);
            a.add(ColorMaps.unitGrid(x, x.length, ACTIVITY_COLUMNS, scale));
            if (labelled) b.add(ColorMaps.unitGrid(y, y.length, ACTIVITY_COLUMNS, scale));
        }
        return new ActivityMaps(best.label(), labelled ? second.label() : -1, List.copyOf(a), List.copyOf(b));
    }

    /** goodness[layer][label] as a layers × 10 picture, each layer (row) scaled from its lowest to its highest label. */
    static Picture goodnessPicture(float[][] goodness) {
        int rows = goodness.length, cols = goodness.length == 0 ? 0 : goodness[0].length;
        int[] px = new int[rows * cols];
        for (int l = 0; l < rows; l++) {
            double lo = Double.MAX_VALUE, hi = -Double.MAX_VALUE;
            for (float g : goodness[l]) {
                lo = Math.min(lo, g);
                hi = Math.max(hi, g);
            }
            for (int c = 0; c < cols; c++) px[l * cols + c] = ColorMaps.heat(hi > lo ? (goodness[l][c] - lo) / (hi - lo) : 0);
        }
        return new Picture(cols, rows, px);
    }

    public ObjectProperty<ActivityMaps> activityMapsProperty() {
        return activityMaps;
    }

    /** A recurrent model's settling on the shown digit; null for the other recipes and without a prediction. */
    public ObjectProperty<SettlingData> settlingProperty() {
        return settling;
    }

    public ObjectProperty<Picture> goodnessMapProperty() {
        return goodnessMap;
    }

    public ReadOnlyObjectProperty<PredictionService.Result> resultProperty() {
        return result.getReadOnlyProperty();
    }

    public ObjectProperty<ModelChoice> modelChoiceProperty() {
        return modelChoice;
    }

    public StringProperty modelTextProperty() {
        return modelText;
    }

    public StringProperty sourceTextProperty() {
        return sourceText;
    }

    /**
     * The name of the loaded model, as {@link #setBundledModel} gave it ("bundled model (hinton-plus)",
     * "model mine.ffm", "run NAME (final model)"); "bundled model" while that loads.
     */
    public ReadOnlyStringProperty loadedModelNameProperty() {
        return loadedModelName.getReadOnlyProperty();
    }

    /** A choice's entry in the "Predict with" box: the loaded model by its name, the training model as such. */
    public String choiceText(ModelChoice c) {
        return c == ModelChoice.BUNDLED ? loadedModelName.get() : c.toString();
    }

    /** The user picked a model explicitly: automatic switching stops. */
    public void choose(ModelChoice c) {
        userChose = true;
        modelChoice.set(c);
    }

    /**
     * The model the {@link ModelChoice#BUNDLED} choice predicts with, and its name (which the
     * "Predict with" box shows): the bundled model, a loaded model file or a stored run's model.
     */
    public void setBundledModel(FFNetwork net, String name) {
        bundled = net;
        bundledName = name;
        loadedModelName.set(name);
        applyModel();
        onBundledModel.accept(net, name);
    }

    /** Told of every model set with {@link #setBundledModel} (the bundled one at start, one loaded or opened), with its name. */
    public void setOnBundledModel(java.util.function.BiConsumer<FFNetwork, String> listener) {
        onBundledModel = java.util.Objects.requireNonNull(listener);
    }

    public void bundledModelFailed(String message) {
        modelText.set("no bundled model: " + message);
    }

    /** A new snapshot of the training run; the first finished epoch switches to it unless the user chose. */
    public void setTrainingModel(FFNetwork net, int epoch, int batch) {
        training = net;
        trainingName = "training model, epoch " + epoch + (batch > 0 ? " + " + batch + " batches" : "");
        if (!userChose && modelChoice.get() == ModelChoice.BUNDLED && epoch >= 1) modelChoice.set(ModelChoice.TRAINING);
        else applyModel();
    }

    /** The network predictions use now (null while none is loaded). */
    public FFNetwork currentModel() {
        return modelChoice.get() == ModelChoice.TRAINING && training != null ? training : bundled;
    }

    /**
     * The line under an exported energy chart: the model that predicted, with its changed
     * settings, and the digit ("Model: bundled model (hinton-plus) (hinton-plus, mnist; changed:
     * …). Digit: your drawing").
     */
    public String figureCaption() {
        FFNetwork n = currentModel();
        String name = n == training && training != null ? trainingName : bundledName;
        String model = n == null ? "no model" : goodness.ui.FigureCaption.describe(name, n.config());
        return "Model: " + model + ". Digit: " + sourceText.get();
    }

    public Dataset currentDataset() {
        FFNetwork n = currentModel();
        return n == null ? Dataset.MNIST : n.config().dataset();
    }

    private void applyModel() {
        boolean useTraining = modelChoice.get() == ModelChoice.TRAINING && training != null;
        FFNetwork n = useTraining ? training : bundled;
        String name = useTraining ? trainingName : bundledName;
        predictions.setModel(n, name);
        modelText.set(n == null ? (modelChoice.get() == ModelChoice.TRAINING ? "no training model yet (finish an epoch)" : "loading the bundled model…")
                : "predicting with the " + name + (n.config().dataset() == Dataset.FASHION ? " (Fashion-MNIST: not the official split)" : ""));
        repredict();
    }

    private void repredict() {
        if (lastDigit != null) predictDigit(lastDigit);
        else predictStrokes(lastStrokes);
    }

    /** Strokes from the canvas (FX thread); rasterised and scored in the background. */
    public void predictStrokes(List<float[]> strokes) {
        lastStrokes = strokes;
        lastDigit = null;
        if (strokes.isEmpty()) {
            shownRequest = Math.max(shownRequest, latestRequest); // late results of the old drawing are dropped
            result.set(null);
            sourceText.set("draw a digit");
            return;
        }
        sourceText.set("your drawing");
        latestRequest = predictions.submitStrokes(strokes, DrawingCanvas.PEN_RADIUS, DrawingCanvas.SIZE, DrawingCanvas.SIZE, this::deliver);
    }

    /** A 28×28 image that needs no preprocessing (a test digit from the gallery). */
    public void showTestDigit(float[] pixels784, String description) {
        sourceText.set(description);
        predictDigit(pixels784);
    }

    private void predictDigit(float[] pixels) {
        lastDigit = pixels;
        latestRequest = predictions.submitPreprocessed(pixels, this::deliver);
    }

    private void deliver(PredictionService.Result r) {
        Platform.runLater(() -> {
            // Newer than what is shown (results arrive in order; a cleared canvas drops late ones).
            if (r.requestId() > shownRequest) {
                shownRequest = r.requestId();
                result.set(r);
            }
        });
    }

    /** True when the shown prediction is for the latest drawing (no newer request in flight). FX thread. */
    public boolean upToDate() {
        return shownRequest >= latestRequest;
    }

    public void shutdown() {
        predictions.close();
    }
}
