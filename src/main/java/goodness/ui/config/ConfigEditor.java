package goodness.ui.config;

import goodness.ff.FFConfig;
import goodness.ff.InvalidConfigException;
import goodness.ff.RecurrentSettings;
import goodness.ff.Recipe;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;

import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.BiConsumer;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The config editor's state: every {@link FFConfig} field that the left panel does not already
 * hold, as text the user edits, grouped. {@link #applyTo} parses them into a config builder; a
 * field that is not a number, or that {@link FFConfig}'s validator rejects, gets the message at
 * the field ({@link Field#errorProperty()}), so the view can mark it.
 *
 * <p>The left panel keeps the run's identity and live settings (dataset, preset, epochs, seed,
 * negative data, phases, threads); everything else is here.
 */
public final class ConfigEditor {
    /** One editable field: its FFConfig name, group, label, help text, current text and error. */
    public static final class Field {
        private final String name, group, label, help;
        private final StringProperty text = new SimpleStringProperty("");
        private final ReadOnlyStringWrapper error = new ReadOnlyStringWrapper("");
        private final Function<FFConfig, String> read;
        private final BiConsumer<FFConfig.Builder, String> write;

        private Field(String name, String group, String label, String help, Function<FFConfig, String> read,
                      BiConsumer<FFConfig.Builder, String> write) {
            this.name = name;
            this.group = group;
            this.label = label;
            this.help = help;
            this.read = read;
            this.write = write;
        }

        public String name() { return name; }
        public String group() { return group; }
        public String label() { return label; }
        public String help() { return help; }
        public StringProperty textProperty() { return text; }
        /** The validator's message for this field, or "" while it is valid. */
        public ReadOnlyStringProperty errorProperty() { return error.getReadOnlyProperty(); }
        /** Whether the value is a boolean (a check box) rather than text. */
        public boolean isFlag() { return FLAGS.contains(name); }
    }

    /** FFConfig's boolean components: the fields shown as check boxes (a new one needs no list kept here). */
    private static final Set<String> FLAGS = Arrays.stream(FFConfig.class.getRecordComponents())
            .filter(c -> c.getType() == boolean.class)
            .map(RecordComponent::getName)
            .collect(Collectors.toUnmodifiableSet());

    /** The hinton-plus preset, whose regularisation values the fields' help quotes. */
    private static final FFConfig PLUS = FFConfig.hintonPlus();

    public static final String NETWORK = "Network and data", OPTIMISER = "Optimiser", GOODNESS = "Goodness and labels",
            REGULARISATION = "Regularisation", RECURRENT = "Recurrent network (hinton-recurrent)", ENGINE = "Evaluation and engine";
    private final Map<String, Field> fields = new LinkedHashMap<>();

    public ConfigEditor() {
        add("hiddenSizes", NETWORK, "Hidden layer widths", "comma-separated, input side first (recipe A: at least 2)",
                c -> join(c.hiddenSizes()), (b, s) -> b.hiddenSizes = widths(s));
        add("batchSize", NETWORK, "Batch size", "cases per batch", c -> Integer.toString(c.batchSize()),
                (b, s) -> b.batchSize = integer("batchSize", s));
        add("trainLimit", NETWORK, "Train limit", "use only the first N training images (0 = all)",
                c -> Integer.toString(c.trainLimit()), (b, s) -> b.trainLimit = integer("trainLimit", s));
        add("shuffle", NETWORK, "Shuffle every epoch", "reshuffle the training set each epoch (seeded; recipe A: off, hinton-plus: " + (PLUS.shuffle() ? "on" : "off") + ", recipe B: on)",
                c -> Boolean.toString(c.shuffle()), (b, s) -> b.shuffle = Boolean.parseBoolean(s.trim()));
        add("learningRate", OPTIMISER, "Learning rate", "recipe A: SGD rate of the weights; recipe B: Adam's rate",
                c -> num(c.learningRate()), (b, s) -> b.learningRate = decimal("learningRate", s));
        add("softmaxLearningRate", OPTIMISER, "Softmax learning rate", "recipe A: rate of the readout",
                c -> num(c.softmaxLearningRate()), (b, s) -> b.softmaxLearningRate = decimal("softmaxLearningRate", s));
        add("momentum", OPTIMISER, "Momentum", "recipe A, in [0, 1)", c -> num(c.momentum()),
                (b, s) -> b.momentum = decimal("momentum", s));
        add("weightCost", OPTIMISER, "Weight cost", "recipe A: weight decay of the FF weights", c -> num(c.weightCost()),
                (b, s) -> b.weightCost = decimal("weightCost", s));
        add("softmaxWeightCost", OPTIMISER, "Softmax weight cost", "recipe A: weight decay of the readout",
                c -> num(c.softmaxWeightCost()), (b, s) -> b.softmaxWeightCost = decimal("softmaxWeightCost", s));
        add("stepsPerBatch", OPTIMISER, "Steps per batch (K)", "recipe B: Adam steps per layer per batch; recipe A: 1",
                c -> Integer.toString(c.stepsPerBatch()), (b, s) -> b.stepsPerBatch = integer("stepsPerBatch", s));
        add("threshold", GOODNESS, "Threshold", "goodness threshold per unit", c -> num(c.threshold()),
                (b, s) -> b.threshold = decimal("threshold", s));
        add("temperature", GOODNESS, "Temperature", "T of p = σ((G − θ)/T)", c -> num(c.temperature()),
                (b, s) -> b.temperature = decimal("temperature", s));
        add("peerLambda", GOODNESS, "λ (peer normalisation)", "recipe A: 0.03 after Hinton; 0 as the seed log ran",
                c -> num(c.peerLambda()), (b, s) -> b.peerLambda = decimal("peerLambda", s));
        add("peerDecay", GOODNESS, "Peer decay", "recipe A: decay of the running mean activity", c -> num(c.peerDecay()),
                (b, s) -> b.peerDecay = decimal("peerDecay", s));
        add("labelStrength", GOODNESS, "Label strength", "recipe A: the one-hot label pixel's value", c -> num(c.labelStrength()),
                (b, s) -> b.labelStrength = decimal("labelStrength", s));
        add("neutralLabel", GOODNESS, "Neutral label", "recipe A: the ten label pixels in the softmax pass",
                c -> num(c.neutralLabel()), (b, s) -> b.neutralLabel = decimal("neutralLabel", s));
        add("shiftPixels", REGULARISATION, "Input shift (pixels)", "recipe A: random shift of each training image by up to ±s pixels (0 = off; hinton-plus: " + PLUS.shiftPixels() + ")",
                c -> Integer.toString(c.shiftPixels()), (b, s) -> b.shiftPixels = integer("shiftPixels", s));
        add("dropout", REGULARISATION, "Dropout", "recipe A: drop probability of hidden units during training (0 = off; hinton-plus: " + num(PLUS.dropout()) + ")",
                c -> num(c.dropout()), (b, s) -> b.dropout = decimal("dropout", s));
        add("dropoutScored", REGULARISATION, "Dropout on scored states", "recipe A: the dropout mask also applies to the states whose goodness is scored (off in every preset)",
                c -> Boolean.toString(c.dropoutScored()), (b, s) -> b.dropoutScored = Boolean.parseBoolean(s.trim()));
        add("rotateDegrees", REGULARISATION, "Input rotation (degrees)", "recipe A: random rotation of each training image by up to ±d degrees (0 = off; hinton-plus: " + num(PLUS.rotateDegrees()) + ")",
                c -> num(c.rotateDegrees()), (b, s) -> b.rotateDegrees = decimal("rotateDegrees", s));
        add("scaleRange", REGULARISATION, "Input scaling (±)", "recipe A: random scaling of each training image by a factor in [1 − r, 1 + r] (0 = off; hinton-plus: " + num(PLUS.scaleRange()) + ")",
                c -> num(c.scaleRange()), (b, s) -> b.scaleRange = decimal("scaleRange", s));
        add("readoutEpochs", OPTIMISER, "Readout-only epochs", "hinton-unsupervised: epochs after the FF epochs in which only the readout learns, on the frozen layers (0 = none; other presets: 0)",
                c -> Integer.toString(c.readoutEpochs()), (b, s) -> b.readoutEpochs = integer("readoutEpochs", s));
        recurrent("iterations", "Iterations (T)", "hinton-recurrent only: synchronous iterations after the bottom-up pass (the paper: 8)",
                r -> Integer.toString(r.iterations()), (r, s) -> new RecurrentSettings(integer("recurrentSettings.iterations", s), r.damping(), r.scoreFrom(), r.scoreTo()));
        recurrent("damping", "Damping", "hinton-recurrent only: share of a unit's previous state kept at each iteration, in [0, 1) (the paper: 0.3)",
                r -> num(r.damping()), (r, s) -> new RecurrentSettings(r.iterations(), decimal("recurrentSettings.damping", s), r.scoreFrom(), r.scoreTo()));
        recurrent("scoreFrom", "Score from iteration", "hinton-recurrent only: the first iteration whose goodness the prediction adds (the paper: 3)",
                r -> Integer.toString(r.scoreFrom()), (r, s) -> new RecurrentSettings(r.iterations(), r.damping(), integer("recurrentSettings.scoreFrom", s), r.scoreTo()));
        recurrent("scoreTo", "Score to iteration", "hinton-recurrent only: the last iteration whose goodness the prediction adds (the paper: 5)",
                r -> Integer.toString(r.scoreTo()), (r, s) -> new RecurrentSettings(r.iterations(), r.damping(), r.scoreFrom(), integer("recurrentSettings.scoreTo", s)));
        add("evalEvery", ENGINE, "Evaluate every (epochs)", "train/valid errors every N epochs (0 = only at the end)",
                c -> Integer.toString(c.evalEvery()), (b, s) -> b.evalEvery = integer("evalEvery", s));
        add("topLayerTerm", ENGINE, "Top-layer term", "add an untrained 10-unit top layer to the energy score, as the seed log did",
                c -> Boolean.toString(c.topLayerTerm()), (b, s) -> b.topLayerTerm = Boolean.parseBoolean(s.trim()));
        add("backend", ENGINE, "Backend", "openblas (fast) or ejml (reference)", FFConfig::backend,
                (b, s) -> b.backend = s.trim().toLowerCase(Locale.ROOT));
    }

    /**
     * One component of {@link RecurrentSettings}, named {@code recurrentSettings.<component>} as
     * its validator names it. Other recipes have no such settings: the field shows nothing, and
     * what is typed there is not used (their configs carry none).
     */
    private void recurrent(String component, String label, String help, Function<RecurrentSettings, String> read,
                           BiFunction<RecurrentSettings, String, RecurrentSettings> write) {
        add("recurrentSettings." + component, RECURRENT, label, help,
                c -> c.recurrentSettings() == null ? "" : read.apply(c.recurrentSettings()),
                (b, s) -> {
                    if (b.recipe != Recipe.RECURRENT || s.isBlank()) return;
                    b.recurrentSettings = write.apply(b.recurrentSettings == null ? RecurrentSettings.paper() : b.recurrentSettings, s);
                });
    }

    private void add(String name, String group, String label, String help, Function<FFConfig, String> read,
                     BiConsumer<FFConfig.Builder, String> write) {
        fields.put(name, new Field(name, group, label, help, read, write));
    }

    public List<Field> fields() {
        return List.copyOf(fields.values());
    }

    /** The field of an FFConfig component, or null if the editor does not hold it. */
    public Field field(String name) {
        return fields.get(name);
    }

    public List<String> groups() {
        return List.of(NETWORK, OPTIMISER, GOODNESS, REGULARISATION, RECURRENT, ENGINE);
    }

    /** Shows {@code c}'s values in every field (a preset's defaults, a loaded run) and clears the marks. */
    public void load(FFConfig c) {
        for (Field f : fields.values()) {
            f.text.set(f.read.apply(c));
            f.error.set("");
        }
    }

    /** Whether every field shows {@code c}'s value. */
    public boolean shows(FFConfig c) {
        for (Field f : fields.values()) if (!f.read.apply(c).equals(f.text.get().trim())) return false;
        return true;
    }

    /**
     * Parses every field into {@code b}; a text that is not a number is refused as an
     * {@link InvalidConfigException} naming the field.
     */
    public void applyTo(FFConfig.Builder b) {
        for (Field f : fields.values()) f.write.accept(b, f.text.get());
    }

    /** Marks the field the message is about ("" clears every mark); false if the editor has no such field. */
    public boolean mark(String fieldName, String message) {
        for (Field f : fields.values()) f.error.set("");
        Field f = fields.get(fieldName);
        if (f == null) return false;
        f.error.set(message);
        return true;
    }

    private static int integer(String field, String s) {
        try {
            return Integer.parseInt(s.trim());
        } catch (NumberFormatException e) {
            throw new InvalidConfigException(field, "must be a whole number, got '" + s.trim() + "'");
        }
    }

    private static double decimal(String field, String s) {
        try {
            return Double.parseDouble(s.trim());
        } catch (NumberFormatException e) {
            throw new InvalidConfigException(field, "must be a number, got '" + s.trim() + "'");
        }
    }

    private static List<Integer> widths(String s) {
        List<Integer> w = new ArrayList<>();
        for (String part : s.split("[,\\s]+")) {
            if (part.isEmpty()) continue;
            try {
                w.add(Integer.parseInt(part));
            } catch (NumberFormatException e) {
                throw new InvalidConfigException("hiddenSizes", "each width must be a whole number, got '" + part + "'");
            }
        }
        return w;
    }

    private static String join(List<Integer> v) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < v.size(); i++) b.append(i == 0 ? "" : ", ").append(v.get(i));
        return b.toString();
    }

    /** A number as a person writes it: 0.01, 1000, 0.9 (no trailing ".0" on whole values). */
    public static String num(double v) {
        if (v == Math.rint(v) && Math.abs(v) < 1e9) return Long.toString((long) v);
        return Double.toString(v);
    }
}
