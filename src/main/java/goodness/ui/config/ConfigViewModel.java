package goodness.ui.config;

import goodness.data.Dataset;
import goodness.ff.FFConfig;
import goodness.ff.InvalidConfigException;
import goodness.ff.NamedPreset;
import goodness.ff.NegativeMode;
import goodness.ff.PhaseSchedule;
import goodness.service.LiveSettings;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.DoubleProperty;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleDoubleProperty;
import javafx.beans.property.SimpleIntegerProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.beans.value.ObservableBooleanValue;
import javafx.beans.value.ObservableValue;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The form that describes the next run: the left panel's fields (dataset, preset, epochs, seed and
 * the live settings) and the Config tab's {@link ConfigEditor}. Every edit re-validates the whole
 * form, so Start is enabled exactly when it would start; the problem names its field. Live
 * settings are forwarded as they change, since a run in progress applies them at its next batch.
 */
public final class ConfigViewModel {
    /** Where live settings go: the training service, which applies them at its next batch boundary. */
    public interface LiveControls {
        void setNegativeMode(NegativeMode mode);

        void setPhases(PhaseSchedule phases);

        void setRateScale(double scale);

        void setThreads(int threads);
    }

    private final FFConfig initial;
    private final ObservableBooleanValue runActive;
    private final ObjectProperty<Dataset> dataset = new SimpleObjectProperty<>();
    /** The named preset (hinton, hinton-plus, sleep) whose defaults the form starts from. */
    private final ObjectProperty<NamedPreset> preset = new SimpleObjectProperty<>();
    private final ObjectProperty<NegativeMode> negatives = new SimpleObjectProperty<>();
    private final javafx.beans.binding.BooleanBinding negativesFixed = preset.isEqualTo(NamedPreset.HINTON_UNSUPERVISED);
    private final StringProperty phases = new SimpleStringProperty();
    private final IntegerProperty epochs = new SimpleIntegerProperty();
    private final StringProperty seed = new SimpleStringProperty();
    private final DoubleProperty rateScale = new SimpleDoubleProperty(1.0);
    private final IntegerProperty threads = new SimpleIntegerProperty();
    private final BooleanProperty fashionCaveat = new SimpleBooleanProperty(false);
    private final ConfigEditor editor = new ConfigEditor();
    private final StringProperty problem = new SimpleStringProperty("");
    private final StringProperty problemField = new SimpleStringProperty("");
    private final BooleanProperty valid = new SimpleBooleanProperty(true);
    /** True while the fields show the service's state (a resumed run): nothing is sent back to it. */
    private boolean showingService;

    /**
     * @param initial   the launch config: the form's first values, and its sizes and limits for every preset
     * @param runActive whether a run is active: a preset chosen then does not replace the fields
     * @param live      receives the live settings as the user changes them
     */
    public ConfigViewModel(FFConfig initial, ObservableBooleanValue runActive, LiveControls live) {
        this.initial = initial;
        this.runActive = runActive;
        dataset.set(initial.dataset());
        preset.set(NamedPreset.of(initial));
        negatives.set(initial.negatives());
        phases.set(initial.phases().toString());
        epochs.set(initial.epochs());
        seed.set(Long.toString(initial.seed()));
        threads.set(initial.threads());
        fashionCaveat.bind(dataset.isEqualTo(Dataset.FASHION));
        editor.load(initial);
        // Values set from the service would only echo its own state back, stale by then.
        negatives.addListener((o, a, b) -> {
            if (b != null && !showingService) live.setNegativeMode(b);
        });
        phases.addListener((o, a, b) -> {
            if (showingService) return;
            try {
                live.setPhases(PhaseSchedule.parse(b));
            } catch (IllegalArgumentException e) {
                // Shown at the field by build(); the run keeps its phases.
            }
        });
        rateScale.addListener((o, a, b) -> {
            if (!showingService) live.setRateScale(b.doubleValue());
        });
        threads.addListener((o, a, b) -> {
            if (!showingService) live.setThreads(b.intValue());
        });
        preset.addListener((o, a, b) -> {
            if (b != null && !runActive.get() && !showingService) {
                FFConfig d = base(b);
                negatives.set(d.negatives());
                phases.set(d.phases().toString());
                epochs.set(d.epochs());
                editor.load(d);
            }
        });
        // Change listeners: an invalidation listener would go quiet on a property build() did not read.
        for (ObservableValue<?> o : List.<ObservableValue<?>>of(dataset, preset, negatives, phases, epochs, seed, threads))
            o.addListener((ob, a, b) -> build());
        for (ConfigEditor.Field f : editor.fields()) f.textProperty().addListener((ob, a, b) -> build());
        build();
    }

    /**
     * Builds the config the form describes and records the outcome: {@link #validProperty}, the
     * message ({@link #problemProperty}) and the field it is about, marked in the editor when
     * the editor holds it.
     *
     * @return the config, or null while a field is invalid
     */
    public FFConfig build() {
        try {
            FFConfig c = tryBuild();
            problem.set("");
            problemField.set("");
            editor.mark("", "");
            valid.set(true);
            return c;
        } catch (InvalidConfigException e) {
            problem.set(e.getMessage());
            problemField.set(e.field());
            editor.mark(e.field(), e.getMessage());
        } catch (IllegalArgumentException e) {
            problem.set(e.getMessage());
            problemField.set("phases");
            editor.mark("", "");
        }
        valid.set(false);
        return null;
    }

    /** The editor's fields over the preset's, then the left panel's; throws naming the field. */
    private FFConfig tryBuild() {
        long s;
        try {
            s = Long.parseLong(seed.get() == null ? "" : seed.get().trim());
        } catch (NumberFormatException e) {
            throw new InvalidConfigException("seed", "must be a whole number, got '" + seed.get() + "'");
        }
        PhaseSchedule p;
        try {
            p = PhaseSchedule.parse(phases.get() == null ? "" : phases.get());
        } catch (IllegalArgumentException e) {
            throw new InvalidConfigException("phases", e.getMessage());
        }
        FFConfig.Builder b = base(preset.get()).toBuilder();
        editor.applyTo(b);
        return b.dataset(dataset.get()).epochs(epochs.get()).seed(s).negatives(negatives.get()).phases(p).threads(threads.get()).build();
    }

    /**
     * The named preset's config (the factory {@code train --preset} uses), keeping the launch
     * config's sizes when the preset is the launch one, and its data and speed limits otherwise.
     */
    private FFConfig base(NamedPreset p) {
        if (p == NamedPreset.of(initial)) return initial;
        return FFConfig.named(p.id()).toBuilder().trainLimit(initial.trainLimit()).backend(initial.backend()).threads(initial.threads()).build();
    }

    /** Puts the preset's defaults back into the config editor (the left panel's fields stay). */
    public void loadPresetDefaults() {
        if (runActive.get()) return;
        editor.load(base(preset.get()));
    }

    /** Shows a resumed run's identity and config, without sending anything back to the service. */
    public void showRun(FFConfig c) {
        showingService(() -> {
            dataset.set(c.dataset());
            preset.set(NamedPreset.of(c));
            epochs.set(c.epochs());
            seed.set(Long.toString(c.seed()));
            editor.load(c);
        });
    }

    /** Shows the live settings a loaded run trains with, without sending them back to the service. */
    public void showLiveSettings(LiveSettings l) {
        showingService(() -> {
            negatives.set(l.negatives());
            phases.set(l.phases().toString());
            rateScale.set(l.rateScale());
            threads.set(l.threads());
        });
    }

    private void showingService(Runnable r) {
        boolean was = showingService;
        showingService = true;
        try {
            r.run();
        } finally {
            showingService = was;
        }
    }

    /** The Preset box's tooltip: what each preset is, with hinton-plus's additions as {@link FFConfig#hintonPlus()} sets them. */
    public static String presetHelp() {
        return presetHelp(FFConfig.hintonPlus());
    }

    /** The Preset box's tooltip for a hinton-plus preset of {@code plus}'s settings. */
    static String presetHelp(FFConfig plus) {
        List<String> extras = new ArrayList<>();
        if (plus.shuffle()) extras.add("reshuffling");
        if (plus.shiftPixels() > 0) extras.add("±" + plus.shiftPixels() + "-pixel shifts");
        if (plus.rotateDegrees() > 0) extras.add("±" + ConfigEditor.num(plus.rotateDegrees()) + "° rotations");
        if (plus.scaleRange() > 0) extras.add("±" + ConfigEditor.num(Math.round(plus.scaleRange() * 1e6) / 1e4) + " % scaling");
        if (plus.dropout() > 0) extras.add("dropout " + ConfigEditor.num(plus.dropout()));
        extras.add(plus.epochs() + " epochs");
        return String.format(Locale.ROOT, "The presets of train --preset: hinton = recipe A; hinton-plus = recipe A + %s;"
                + " sleep = recipe B (separated phases); hinton-unsupervised = recipe A's layers on mask hybrids, a readout on top;"
                + " hinton-recurrent = the recurrent network with top-down connections (hard or random wrong labels)", String.join(", ", extras));
    }

    public ObjectProperty<Dataset> datasetProperty() { return dataset; }
    public ObjectProperty<NamedPreset> presetProperty() { return preset; }
    public ObjectProperty<NegativeMode> negativesProperty() { return negatives; }
    /**
     * The negative data a preset's recipe accepts, for the Negatives box: the recurrent recipe
     * takes wrong labels only (hard or random), never mask hybrids; the others take all three.
     */
    public static List<NegativeMode> negativeChoices(NamedPreset p) {
        return p != null && p.recipe() == goodness.ff.Recipe.RECURRENT ? List.of(NegativeMode.HARD, NegativeMode.RANDOM) : List.of(NegativeMode.values());
    }

    /** True for the unsupervised preset: without labels the only negatives are mask hybrids, so the choice is fixed. */
    public javafx.beans.binding.BooleanBinding negativesFixedProperty() { return negativesFixed; }
    public StringProperty phasesProperty() { return phases; }
    public IntegerProperty epochsProperty() { return epochs; }
    public StringProperty seedProperty() { return seed; }
    public DoubleProperty rateScaleProperty() { return rateScale; }
    public IntegerProperty threadsProperty() { return threads; }
    public BooleanProperty fashionCaveatProperty() { return fashionCaveat; }
    public ConfigEditor editor() { return editor; }
    /** Whether a run is active: the fields that describe a new run are not editable then. */
    public ObservableBooleanValue runActive() { return runActive; }
    /** The form's problem ("" while the config is valid); Start and Step stay disabled while there is one. */
    public StringProperty problemProperty() { return problem; }
    /** The FFConfig field (or "seed", "phases") the problem is about, "" if none. */
    public StringProperty problemFieldProperty() { return problemField; }
    public BooleanProperty validProperty() { return valid; }
}
