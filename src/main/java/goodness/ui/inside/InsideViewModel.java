package goodness.ui.inside;

import goodness.ff.NegativeMode;
import goodness.ff.negatives.NegativesSample;
import goodness.ff.scoring.GoodnessHistogram;
import goodness.ff.training.EpochMetrics;
import goodness.ff.training.ReceptiveFields;
import goodness.service.TrainingEvent;
import goodness.service.TrainingService;
import goodness.ui.ColorMaps;
import goodness.ui.Picture;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleIntegerProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * State of the Inside tab, on the FX thread: the negatives strip and the receptive fields (from
 * the engine's samples, which it publishes only while this tab shows), and per epoch the goodness
 * histograms, the per-layer errors and the update ratios. Pictures are built here from the
 * events' data (a few thousand pixels each); the view only copies them to the screen.
 *
 * <p>What the engine publishes follows {@link #shownProperty()} and {@link #mostActiveProperty()}:
 * every change is sent as a {@link TrainingService.InsideRequest}.
 */
public final class InsideViewModel {
    public static final int STRIP_CASES = 16, FIELD_COLUMNS = 10, TILE = 28;
    public static final String COMBINED = "energy (recipe)";

    /** One column of the negatives strip: a positive case and the negative made beside it. */
    public record StripCase(Picture positive, String positiveLabel, Picture negative, String negativeLabel,
                            Picture mask, Picture sourceA, Picture sourceB) {
    }

    private final Consumer<TrainingService.InsideRequest> requests;
    private final BooleanProperty shown = new SimpleBooleanProperty(false);
    private final BooleanProperty mostActive = new SimpleBooleanProperty(true);
    private final ObservableList<StripCase> strip = FXCollections.observableArrayList();
    private final StringProperty stripText = new SimpleStringProperty("Start a run: the strip shows each batch's first 16 cases.");
    private final ObjectProperty<NegativeMode> stripMode = new SimpleObjectProperty<>();
    private final ObjectProperty<Picture> fields = new SimpleObjectProperty<>();
    private final StringProperty fieldsText = new SimpleStringProperty("");
    private final IntegerProperty epochsVersion = new SimpleIntegerProperty(0);
    private final IntegerProperty layers = new SimpleIntegerProperty(0);
    private final StringProperty errorsTitle = new SimpleStringProperty("Errors per layer alone and combined");
    private final StringProperty perClassText = new SimpleStringProperty("");
    private final List<EpochMetrics> epochs = new ArrayList<>();
    private final List<Double> negativeChanges = new ArrayList<>();
    private final XYSeriesCollection errorCurves = new XYSeriesCollection(), updateRatios = new XYSeriesCollection();
    private final SettlingCurves settling = new SettlingCurves();
    private long stripUpdates, fieldUpdates;
    /** The Draw tab's model's fields and its name, shown while no run has begun; null before one is known. */
    private ReceptiveFields modelFields;
    private String modelName;
    /**
     * A run has begun (started or restored) since the last reset: its own network's fields belong
     * here, and the choice of units (most active / fixed) applies; before, the model's strongest are shown.
     */
    private final javafx.beans.property.ReadOnlyBooleanWrapper runBegun = new javafx.beans.property.ReadOnlyBooleanWrapper(false);

    public InsideViewModel(Consumer<TrainingService.InsideRequest> requests) {
        this.requests = Objects.requireNonNull(requests);
        shown.addListener((o, a, b) -> sendRequest());
        mostActive.addListener((o, a, b) -> sendRequest());
    }

    private void sendRequest() {
        boolean on = shown.get();
        requests.accept(on ? new TrainingService.InsideRequest(true, true, mostActive.get()) : TrainingService.InsideRequest.NONE);
    }

    // ------------------------------------------------------------------------------------------
    // Events (FX thread).

    public void apply(List<TrainingEvent> events) {
        boolean epochsChanged = false;
        for (TrainingEvent e : events) {
            if (e instanceof TrainingEvent.RunStarted r) {
                clear();
                runBegun.set(true);
                layers.set(r.config().layerCount());
                unlabelled = r.config().unsupervised();
                epochsChanged = true;
            } else if (e instanceof TrainingEvent.RunReset) {
                clear();
                runBegun.set(false);
                showModelFields();
                epochsChanged = true;
            } else if (e instanceof TrainingEvent.HistoryRestored h) {
                runBegun.set(true);
                // A resumed run: its panels continue from its stored epochs and mode changes.
                for (EpochMetrics m : h.metrics()) addEpoch(m);
                for (TrainingEvent.SettingChanged s : h.changes()) if (s.what().equals("negatives")) negativeChanges.add(s.x());
                epochsChanged = true;
            } else if (e instanceof TrainingEvent.EpochCompleted c) {
                addEpoch(c.metrics());
                epochsChanged = true;
            } else if (e instanceof TrainingEvent.SettingChanged s && s.what().equals("negatives")) {
                negativeChanges.add(s.x());
                epochsChanged = true;
            } else if (e instanceof TrainingEvent.NegativesSampled n) {
                showStrip(n.sample());
            } else if (e instanceof TrainingEvent.ReceptiveFieldsSampled f) {
                showFields(f.fields());
            } else if (e instanceof TrainingEvent.SettlingSampled s) {
                settling.add(s.curve());
            }
        }
        if (epochsChanged) epochsVersion.set(epochsVersion.get() + 1);
    }

    private void clear() {
        settling.clear();
        epochs.clear();
        negativeChanges.clear();
        errorCurves.removeAllSeries();
        updateRatios.removeAllSeries();
        strip.clear();
        stripMode.set(null);
        fields.set(null);
        fieldsText.set("");
        perClassText.set("");
        stripText.set("Start a run: the strip shows each batch's first 16 cases.");
    }

    private void addEpoch(EpochMetrics m) {
        epochs.add(m);
        double x = m.epoch() + 1;
        if (m.updateRatio() != null) {
            for (int l = 0; l < m.updateRatio().size(); l++) {
                double r = m.updateRatio().get(l);
                if (r > 0 && Double.isFinite(r)) series(updateRatios, "L" + (l + 1)).add(x, r);
            }
        }
        // The held-out set the evaluation scored: recipe A's valid split; recipe B has none and
        // scores the test set every evaluation; runs recorded before that kept only the train subset.
        EvaluatedSet set = EvaluatedSet.of(m);
        if (set != null) {
            errorsTitle.set(set.title);
            List<Integer> perLayer = set.perLayer(m);
            int cases = set.cases(m);
            // The recipe's energy first: series 0, which the view draws on top and thicker.
            Integer combined = set.energy(m);
            if (combined != null) addPercent(series(errorCurves, COMBINED), x, combined, cases);
            for (int l = 0; l < perLayer.size(); l++) addPercent(series(errorCurves, "L" + (l + 1) + " alone"), x, perLayer.get(l), cases);
            List<Integer> pc = set.perClass(m);
            if (pc != null) {
                StringBuilder b = new StringBuilder(set.label + " errors per class after epoch " + m.epoch() + ":");
                for (int c = 0; c < pc.size(); c++) b.append(c == 0 ? "  " : ", ").append(c).append(": ").append(pc.get(c));
                b.append(" (of ").append(cases).append(" ").append(set.label.toLowerCase(Locale.ROOT)).append(" cases)");
                perClassText.set(b.toString());
            }
        }
    }

    /** The set whose per-layer errors the chart draws, in order of preference. */
    private enum EvaluatedSet {
        VALID("Valid", "Valid errors (%): each layer alone vs the energy"),
        TEST("Test", "Test-set errors (%; recipe B has no validation split): each layer alone vs the energy"),
        TRAIN("Train-subset", "Train-subset errors (%): layers alone vs the energy");

        /** How the per-class line names the set, and the chart's title. */
        final String label, title;

        EvaluatedSet(String label, String title) {
            this.label = label;
            this.title = title;
        }

        static EvaluatedSet of(EpochMetrics m) {
            for (EvaluatedSet s : values()) if (s.perLayer(m) != null && s.cases(m) > 0) return s;
            return null;
        }

        List<Integer> perLayer(EpochMetrics m) {
            return switch (this) {
                case VALID -> m.energyErrorsValidPerLayer();
                case TEST -> m.energyErrorsTestPerLayer();
                case TRAIN -> m.energyErrorsTrainPerLayer();
            };
        }

        List<Integer> perClass(EpochMetrics m) {
            return switch (this) {
                case VALID -> m.energyErrorsValidPerClass();
                case TEST -> m.energyErrorsTestPerClass();
                case TRAIN -> null;
            };
        }

        Integer energy(EpochMetrics m) {
            return switch (this) {
                case VALID -> m.energyErrorsValid();
                case TEST -> m.energyErrorsTest();
                case TRAIN -> m.energyErrorsTrain();
            };
        }

        int cases(EpochMetrics m) {
            return switch (this) {
                case VALID -> m.validCases();
                case TEST -> m.testCases();
                case TRAIN -> m.trainCases();
            };
        }
    }

    /** On a log axis only positive values can be drawn: 0 errors is left out (the line ends there). */
    private static void addPercent(XYSeries s, double x, int errors, int cases) {
        if (errors > 0) s.add(x, 100.0 * errors / cases);
    }

    private static XYSeries series(XYSeriesCollection c, String key) {
        int i = c.getSeriesIndex(key);
        if (i >= 0) return c.getSeries(i);
        XYSeries s = new XYSeries(key, true, false);
        c.addSeries(s);
        return s;
    }

    private void showStrip(NegativesSample s) {
        if (!shown.get()) return;
        stripUpdates++;
        List<StripCase> cases = new ArrayList<>();
        int dim = TILE * TILE;
        for (int i = 0; i < Math.min(STRIP_CASES, s.cases()); i++) {
            String neg = switch (s.mode()) {
                // Label and probability on two lines: one line is wider than the 28-pixel tile it sits under.
                case HARD -> String.format(Locale.ROOT, "%d\n%.0f%%", s.negativeLabels()[i], 100 * s.chosenProbability()[i]);
                // An unsupervised network sees no label: the hybrid's drawn label never enters it.
                case RANDOM, MASK -> unlabelled ? "" : Integer.toString(s.negativeLabels()[i]);
            };
            Picture mask = null, a = null, b = null;
            if (s.mode() == NegativeMode.MASK) {
                mask = ColorMaps.grayDigit(s.masks(), i * dim);
                a = ColorMaps.grayDigit(s.sourceA(), i * dim);
                b = ColorMaps.grayDigit(s.sourceB(), i * dim);
            }
            cases.add(new StripCase(ColorMaps.grayDigit(s.positives(), i * dim), Integer.toString(s.labels()[i]),
                    ColorMaps.grayDigit(s.negatives(), i * dim), neg, mask, a, b));
        }
        strip.setAll(cases);
        stripMode.set(s.mode());
        stripText.set(String.format(Locale.ROOT, "Epoch %d, batch %d — negatives: %s%s", s.epoch(), s.batch(), s.mode().id(), switch (s.mode()) {
            case HARD -> " (the wrong label the model sampled · its probability)";
            case RANDOM -> " (a uniformly drawn wrong label)";
            case MASK -> unlabelled ? " (hybrid = mask·a + (1 − mask)·b; no label enters the network, the true labels train only the readout)"
                    : " (hybrid = mask·a + (1 − mask)·b, random label)";
        }));
    }

    /**
     * The negatives strip as one picture at its native size: one pixel per input pixel, each case
     * a column of 28 × 28 tiles (positive, negative, and with mask negatives the mask and the two
     * sources) one background pixel apart. The labels are not in it (the strip's text gives the
     * batch). Null while the strip is empty.
     */
    public Picture stripPicture() {
        if (strip.isEmpty()) return null;
        boolean mask = strip.get(0).mask() != null;
        int rows = mask ? 5 : 2, step = TILE + 1, w = strip.size() * step - 1, h = rows * step - 1;
        int[] px = new int[w * h];
        java.util.Arrays.fill(px, ColorMaps.BACKGROUND);
        for (int c = 0; c < strip.size(); c++) {
            StripCase s = strip.get(c);
            Picture[] column = mask ? new Picture[] {s.positive(), s.negative(), s.mask(), s.sourceA(), s.sourceB()}
                    : new Picture[] {s.positive(), s.negative()};
            for (int r = 0; r < rows; r++) {
                Picture p = column[r];
                if (p == null || p.width() != TILE || p.height() != TILE) continue;
                for (int y = 0; y < TILE; y++) System.arraycopy(p.argb(), y * TILE, px, (r * step + y) * w + c * step, TILE);
            }
        }
        return new Picture(w, h, px);
    }

    private void showFields(ReceptiveFields f) {
        if (!shown.get()) return;
        fieldUpdates++;
        fields.set(fieldsPicture(f));
        float[] range = range(f.activity());
        fieldsText.set(String.format(Locale.ROOT, "Epoch %d, batch %d — %s; " + (unlabelled ? FIELDS_KEY_UNLABELLED : FIELDS_KEY),
                f.epoch(), f.batch(), f.mostActive() ? String.format(Locale.ROOT, "%d most active units (mean activity %.2g–%.2g)", f.units().length, range[0], range[1])
                        : f.units().length + " fixed units"));
    }

    private static final String FIELDS_KEY = "red +, blue −, each tile scaled to its largest |w|; row 0's first ten pixels are the label weights";
    private static final String FIELDS_KEY_UNLABELLED = "red +, blue −, each tile scaled to its largest |w|";
    /** The live run is unsupervised: no label pixels, no labels on its negatives. */
    private boolean unlabelled;

    /**
     * The layer-1 fields of the model the Draw tab uses ({@link ReceptiveFields#strongestOf}),
     * named for the caption: shown until a run begins and again after a reset, so that the panel
     * shows what a trained network's first layer learned before any run has drawn its own.
     */
    public void setModelFields(ReceptiveFields f, String name) {
        modelFields = f;
        modelName = name;
        if (!runBegun.get()) showModelFields();
    }

    private void showModelFields() {
        if (modelFields == null) return;
        fields.set(fieldsPicture(modelFields));
        float[] range = range(modelFields.activity());
        fieldsText.set(String.format(Locale.ROOT, "No run yet: layer 1 of the %s, its %d units with the largest weights (norm %.2g–%.2g); " + FIELDS_KEY
                + ". A run shows its own network's fields as they form.", modelName, modelFields.units().length, range[0], range[1]));
    }

    private static float[] range(float[] values) {
        float lo = Float.MAX_VALUE, hi = 0;
        for (float a : values) {
            lo = Math.min(lo, a);
            hi = Math.max(hi, a);
        }
        return new float[] {lo, hi};
    }

    /** The fields as tiles, {@link #FIELD_COLUMNS} a row, each scaled to its largest |w|. */
    private static Picture fieldsPicture(ReceptiveFields f) {
        int n = f.units().length, rows = (n + FIELD_COLUMNS - 1) / FIELD_COLUMNS, step = TILE + 1;
        int w = FIELD_COLUMNS * step - 1, h = Math.max(0, rows * step - 1), dim = TILE * TILE;
        int[] px = new int[w * h];
        java.util.Arrays.fill(px, ColorMaps.BACKGROUND);
        for (int k = 0; k < n; k++) {
            double scale = ColorMaps.maxAbs(f.weights(), k * dim, dim);
            int ox = (k % FIELD_COLUMNS) * step, oy = (k / FIELD_COLUMNS) * step;
            for (int p = 0; p < dim; p++) px[(oy + p / TILE) * w + ox + p % TILE] = ColorMaps.diverging(f.weights()[k * dim + p] / scale);
        }
        return new Picture(w, h, px);
    }

    // ------------------------------------------------------------------------------------------
    // Goodness heat strips.

    /** Epochs recorded so far. */
    public int epochCount() {
        return epochs.size();
    }

    /**
     * Layer {@code l}'s goodness over time: one column per epoch, one row per histogram bin (the
     * highest goodness at the top); positive data orange, negative blue, each column scaled to its
     * own largest count (square root, so small tails stay visible). Null before the first epoch.
     */
    public Picture goodnessStrip(int l) {
        if (epochs.isEmpty() || l >= layers.get()) return null;
        int w = epochs.size(), h = GoodnessHistogram.BINS;
        int[] px = new int[w * h];
        for (int x = 0; x < w; x++) {
            List<GoodnessHistogram> hs = epochs.get(x).goodnessHistograms();
            if (hs == null || l >= hs.size()) {
                for (int y = 0; y < h; y++) px[y * w + x] = ColorMaps.BACKGROUND;
                continue;
            }
            GoodnessHistogram g = hs.get(l);
            double maxP = 1, maxN = 1;
            for (int k = 0; k < h; k++) {
                maxP = Math.max(maxP, g.positive().get(k));
                maxN = Math.max(maxN, g.negative().get(k));
            }
            for (int k = 0; k < h; k++)
                px[(h - 1 - k) * w + x] = ColorMaps.posNeg(Math.sqrt(g.positive().get(k) / maxP), Math.sqrt(g.negative().get(k) / maxN));
        }
        return new Picture(w, h, px);
    }

    /** Fractional epochs (0 = the run's start) at which the negative mode was changed. */
    public List<Double> negativeChanges() {
        return List.copyOf(negativeChanges);
    }

    // ------------------------------------------------------------------------------------------
    // Properties.

    public BooleanProperty shownProperty() { return shown; }
    public BooleanProperty mostActiveProperty() { return mostActive; }

    /** Whether the fields shown are a run's (the unit choice applies) rather than the Draw tab model's. */
    public javafx.beans.property.ReadOnlyBooleanProperty runBegunProperty() { return runBegun.getReadOnlyProperty(); }
    public ObservableList<StripCase> strip() { return strip; }
    public StringProperty stripTextProperty() { return stripText; }
    public ObjectProperty<NegativeMode> stripModeProperty() { return stripMode; }
    public ObjectProperty<Picture> fieldsProperty() { return fields; }
    public StringProperty fieldsTextProperty() { return fieldsText; }
    public IntegerProperty epochsVersionProperty() { return epochsVersion; }
    public IntegerProperty layersProperty() { return layers; }
    public StringProperty errorsTitleProperty() { return errorsTitle; }
    public StringProperty perClassTextProperty() { return perClassText; }
    public XYSeriesCollection errorCurves() { return errorCurves; }
    /** A recurrent run's settling on a fixed validation batch, per epoch; empty for the other recipes. */
    public SettlingCurves settling() { return settling; }
    public XYSeriesCollection updateRatios() { return updateRatios; }
    /** Strips and field pictures built so far (tests: the tab updates). */
    public long stripUpdates() { return stripUpdates; }
    public long fieldUpdates() { return fieldUpdates; }
}
