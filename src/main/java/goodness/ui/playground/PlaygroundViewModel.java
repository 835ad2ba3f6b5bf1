package goodness.ui.playground;

import goodness.ff.InvalidConfigException;
import goodness.ff.playground.BatchView;
import goodness.ff.playground.Landscape;
import goodness.ff.playground.PlaneShape;
import goodness.ff.playground.PlaygroundSettings;
import goodness.ff.playground.PlaygroundTrainer;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.DoubleProperty;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.LongProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleDoubleProperty;
import javafx.beans.property.SimpleIntegerProperty;
import javafx.beans.property.SimpleLongProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;

import java.util.ArrayDeque;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Executor;

/**
 * The Playground tab's state and commands. Every setting is a text property named by its key in
 * the settings string ({@link PlaygroundSettings#KEYS}); a change is checked at once (a bad value
 * gives {@link #problemProperty()}, naming the key, and changes nothing) and applied: live
 * settings from the next batch, the others (data, classes, points, noise, layers, seed) by a
 * reset. The trainer lives on the worker (the app's one {@code BackgroundTasks} executor) and
 * only there: every command is a task; each task ends by making a {@link PlaygroundFrame}
 * (landscape included) that the FX thread receives in {@link #frameProperty()} and only draws.
 * While running, each task trains {@link #batchesPerFrameProperty()} batches and the next task
 * is queued when the FX thread has the frame, so other background work interleaves and frames
 * never pile up.
 */
public final class PlaygroundViewModel {
    /** Cells per side of the landscape grid. */
    public static final int GRID = 64;
    /** Cells per side of each hidden unit's map. */
    public static final int UNIT_GRID = 20;

    private final Executor worker, fx;
    private final Map<String, StringProperty> fields = new LinkedHashMap<>();
    private final StringProperty settingsText = new SimpleStringProperty(), problem = new SimpleStringProperty(""),
            problemKey = new SimpleStringProperty(""), timing = new SimpleStringProperty(""), stageText = new SimpleStringProperty(""), status = new SimpleStringProperty("");
    private final BooleanProperty running = new SimpleBooleanProperty(), shown = new SimpleBooleanProperty(), peer = new SimpleBooleanProperty();
    private final IntegerProperty selectedClass = new SimpleIntegerProperty(), shownLayer = new SimpleIntegerProperty(),
            batchesPerFrame = new SimpleIntegerProperty(5);
    private final LongProperty batches = new SimpleLongProperty();
    private final DoubleProperty accuracy = new SimpleDoubleProperty(Double.NaN), framesPerSecond = new SimpleDoubleProperty();
    private final ReadOnlyObjectWrapper<PlaygroundFrame> frame = new ReadOnlyObjectWrapper<>();
    private final ObjectProperty<PlaygroundSettings> settings = new SimpleObjectProperty<>();

    /** Worker-confined: the trainer and the last landscape made. */
    private PlaygroundTrainer trainer;
    private Landscape lastLandscape;
    private long workerGeneration;

    private long generation;
    private boolean updating, loopQueued, started;
    /** running ∧ shown, for the worker: a queued frame trains nothing once paused or hidden. */
    private volatile boolean trainWanted;
    private final ArrayDeque<Long> frameTimes = new ArrayDeque<>();

    /**
     * @param worker runs the training and landscape tasks, one at a time, in order
     * @param fx     runs results on the FX thread
     */
    public PlaygroundViewModel(Executor worker, Executor fx, PlaygroundSettings initial) {
        this.worker = worker;
        this.fx = fx;
        for (String key : PlaygroundSettings.KEYS) {
            StringProperty p = new SimpleStringProperty();
            fields.put(key, p);
            p.addListener((o, a, b) -> fieldChanged(key));
        }
        peer.addListener((o, a, b) -> field("peer").set(b ? "on" : "off"));
        running.addListener((o, a, b) -> trainWanted = running.get() && shown.get());
        shown.addListener((o, a, b) -> {
            trainWanted = running.get() && shown.get();
            if (b) ensureStarted();
            loop();
        });
        selectedClass.addListener((o, a, b) -> {
            if (started) redraw();
        });
        shownLayer.addListener((o, a, b) -> {
            if (started) redraw();
        });
        show(initial);
        settings.set(initial);
        settingsText.set(initial.toString());
    }

    /** The first run starts when the tab first shows (or at the first command), not with the app. */
    public void ensureStarted() {
        if (started) return;
        started = true;
        reset();
    }

    /** The system property that opens the Playground with a settings string: {@code java -Dgoodness.playground="data=spirals;..." ...}. */
    public static final String SETTINGS_PROPERTY = "goodness.playground";

    /** The settings the tab opens with: {@link #SETTINGS_PROPERTY}'s string, or the defaults (a bad string is reported in one line and ignored). */
    public static PlaygroundSettings initialSettings() {
        String text = System.getProperty(SETTINGS_PROPERTY);
        if (text == null) return PlaygroundSettings.defaults();
        try {
            return PlaygroundSettings.parse(text);
        } catch (InvalidConfigException e) {
            System.err.println("Goodness: -D" + SETTINGS_PROPERTY + " ignored: " + e.getMessage());
            return PlaygroundSettings.defaults();
        }
    }

    // ------------------------------------------------------------------------------------------
    // Properties.

    /** The text of one setting, by its key in the settings string. */
    public StringProperty field(String key) {
        StringProperty p = fields.get(key);
        if (p == null) throw new IllegalArgumentException("no setting " + key);
        return p;
    }

    public BooleanProperty peerProperty() { return peer; }
    public StringProperty settingsTextProperty() { return settingsText; }
    /** Why the settings last typed were refused ("" when they were not). */
    public StringProperty problemProperty() { return problem; }
    /** The key the problem is about ("" when none). */
    public StringProperty problemKeyProperty() { return problemKey; }
    /** The current batch in words, stage by stage. */
    public StringProperty stageTextProperty() { return stageText; }
    public StringProperty statusProperty() { return status; }
    public BooleanProperty runningProperty() { return running; }
    /** False while the tab is hidden: training pauses until it shows again. */
    public BooleanProperty shownProperty() { return shown; }
    /** The class a click adds, and the class the unit maps show. */
    public IntegerProperty selectedClassProperty() { return selectedClass; }
    /** 0: the landscape of the scored layers' summed goodness; k: of layer k alone. */
    public IntegerProperty shownLayerProperty() { return shownLayer; }
    public IntegerProperty batchesPerFrameProperty() { return batchesPerFrame; }
    public LongProperty batchesProperty() { return batches; }
    public DoubleProperty accuracyProperty() { return accuracy; }
    /** New frames drawn per second, over the last 5 s ({@link #frameDrawn(long)}). */
    public DoubleProperty framesPerSecondProperty() { return framesPerSecond; }
    public ReadOnlyObjectProperty<PlaygroundFrame> frameProperty() { return frame.getReadOnlyProperty(); }
    /** The settings in force (the last valid ones). */
    public ObjectProperty<PlaygroundSettings> settingsProperty() { return settings; }

    // ------------------------------------------------------------------------------------------
    // Settings.

    private void show(PlaygroundSettings s) {
        updating = true;
        try {
            String[] parts = s.toString().split(";");
            for (String part : parts) {
                int eq = part.indexOf('=');
                fields.get(part.substring(0, eq)).set(part.substring(eq + 1));
            }
            peer.set(s.peer());
        } finally {
            updating = false;
        }
    }

    private void fieldChanged(String key) {
        if (updating) return;
        if (key.equals("data")) {
            // A new data set keeps the class count only where it fits.
            PlaneShape shape = PlaneShape.byKey(field("data").get());
            if (shape != null) {
                int c = settings.get().withShape(shape).classes();
                updating = true;
                field("classes").set(String.valueOf(c));
                updating = false;
            }
        }
        PlaygroundSettings s;
        try {
            StringBuilder b = new StringBuilder();
            fields.forEach((k, p) -> b.append(k).append('=').append(p.get() == null ? "" : p.get()).append(';'));
            s = PlaygroundSettings.parse(b.toString());
        } catch (InvalidConfigException e) {
            problem.set(e.getMessage());
            problemKey.set(e.field());
            return;
        }
        apply(s, false);
    }

    /** Reads a settings string (the field's text) and applies it; a bad string only sets the problem. */
    public void applySettingsText() {
        try {
            PlaygroundSettings s = PlaygroundSettings.parse(settingsText.get());
            show(s);
            apply(s, false);
        } catch (InvalidConfigException e) {
            problem.set(e.getMessage());
            problemKey.set(e.field());
        }
    }

    private void apply(PlaygroundSettings s, boolean reset) {
        problem.set("");
        problemKey.set("");
        settingsText.set(s.toString());
        PlaygroundSettings old = settings.get();
        settings.set(s);
        if (!started) return;
        if (reset || old == null || !PlaygroundTrainer.sameStructure(old, s)) {
            reset();
        } else {
            submit(() -> trainer.setLiveSettings(s), false);
        }
    }

    // ------------------------------------------------------------------------------------------
    // Commands.

    /** A new run with the current settings: the data drawn again, the weights from the seed. */
    public void reset() {
        started = true;
        PlaygroundSettings s = settings.get();
        long g = ++generation;
        running.set(false);
        selectedClass.set(Math.min(selectedClass.get(), s.classes() - 1));
        if (shownLayer.get() > s.layers().size()) shownLayer.set(0);
        submit(() -> {
            trainer = new PlaygroundTrainer(s);
            workerGeneration = g;
            lastLandscape = null;
        }, false);
    }

    public void start() {
        ensureStarted();
        running.set(true);
        loop();
    }

    public void pause() {
        running.set(false);
    }

    /** Trains one batch (or what is left of a batch begun stage by stage). */
    public void stepBatch() {
        ensureStarted();
        running.set(false);
        submit(() -> trainer.trainBatch(), false);
    }

    /** Runs one stage of the current batch: positive pass, negative pass or update. */
    public void stepStage() {
        ensureStarted();
        running.set(false);
        submit(() -> trainer.advance(), true);
    }

    /** Adds a point of the selected class at (x, y) in plane units. */
    public void addPoint(double x, double y) {
        ensureStarted();
        int c = selectedClass.get();
        submit(() -> {
            if (!trainer.points().add((float) x, (float) y, c)) throw new IllegalStateException("the set is full (" + trainer.points().size() + " points)");
        }, false);
    }

    /** Removes the training point nearest to (x, y). */
    public void removeNearest(double x, double y) {
        ensureStarted();
        submit(() -> {
            int i = trainer.points().nearest((float) x, (float) y);
            if (i >= 0) trainer.points().remove(i);
        }, false);
    }

    /** A new frame with the current view choices (class of the unit maps, layer shown). */
    public void redraw() {
        submit(() -> { }, false);
    }

    private void loop() {
        if (!running.get() || !shown.get() || loopQueued) return;
        loopQueued = true;
        int n = batchesPerFrame.get();
        submit(() -> {
            for (int i = 0; i < n && trainWanted; i++) trainer.trainBatch();
        }, false, true);
    }

    /**
     * Runs {@code work} on the worker, then makes a frame and hands it to the FX thread.
     * {@code keepBefore}: when the work is an update stage, the frame also carries the landscape from before it.
     */
    private void submit(Runnable work, boolean keepBefore) {
        submit(work, keepBefore, false);
    }

    private void submit(Runnable work, boolean keepBefore, boolean loopStep) {
        PlaygroundSettings view = settings.get();
        int unitClass = Math.min(selectedClass.get(), view.classes() - 1), layer = shownLayer.get();
        worker.execute(() -> {
            PlaygroundFrame f;
            String error = null;
            long t0 = System.nanoTime();
            try {
                Landscape before = keepBefore && trainer.nextStage() == PlaygroundTrainer.Stage.UPDATE ? lastLandscape : null;
                work.run();
                PlaygroundSettings s = trainer.settings();
                lastLandscape = Landscape.compute(trainer.network(), s, GRID, PlaygroundTrainer.PLANE, layer > 0,
                        UNIT_GRID, Math.min(unitClass, s.classes() - 1), trainer.points());
                f = new PlaygroundFrame(workerGeneration, lastLandscape, before, trainer.points().copy(), trainer.view(),
                        trainer.nextStage(), trainer.batches(), trainer.accuracy(), s,
                        (System.nanoTime() - t0) / 1e6);
            } catch (RuntimeException e) {
                f = null;
                error = e.getMessage();
            }
            PlaygroundFrame made = f;
            String failure = error;
            fx.execute(() -> received(made, failure, loopStep));
        });
    }

    private void received(PlaygroundFrame f, String error, boolean loopDone) {
        // The next frame's work is queued before this one is drawn, so the worker computes while the FX thread draws.
        if (loopDone && error == null) {
            loopQueued = false;
            loop();
            loopDone = false;
        }
        if (error != null) {
            running.set(false);
            status.set(error);
        } else if (f.generation() == generation) {
            frame.set(f);
            batches.set(f.batches());
            accuracy.set(f.accuracy());
            stageText.set(describe(f));
        }
        if (loopDone) {
            loopQueued = false;
            loop();
        }
    }

    /** The frame's batch in words: what the last stage did, per layer. */
    static String describe(PlaygroundFrame f) {
        BatchView b = f.batch();
        if (b == null) return "No batch yet. Step stage runs the first positive pass.";
        StringBuilder s = new StringBuilder("Batch " + b.batch() + " (" + b.cases() + " cases), after the " + switch (b.done()) {
            case POSITIVE -> "positive pass: positives above the threshold θ·width per layer";
            case NEGATIVE -> "negative pass: negatives below the threshold per layer";
            case UPDATE -> "update: rms of each layer's weight change";
        } + ":");
        for (int l = 0; l < b.thresholds().length; l++) {
            s.append(String.format(Locale.ROOT, "\n  layer %d (θ·w = %.0f): ", l + 1, b.thresholds()[l]));
            switch (b.done()) {
                case POSITIVE -> s.append(b.positivesAbove(l)).append('/').append(b.cases()).append(" positives above");
                case NEGATIVE -> s.append(b.positivesAbove(l)).append('/').append(b.cases()).append(" positives above, ")
                        .append(b.negativesBelow(l)).append('/').append(b.cases()).append(" negatives below");
                case UPDATE -> s.append(String.format(Locale.ROOT, "rms ΔW %.2e", b.updateRms()[l]));
            }
        }
        s.append("\nNext stage: ").append(f.nextStage().name().toLowerCase(Locale.ROOT));
        return s.toString();
    }

    /** What the last frame cost: its worker time and its drawing time. */
    public StringProperty timingProperty() { return timing; }

    /**
     * The view drew a new frame at {@code nanos} (System.nanoTime), taking {@code drawMillis} on the FX thread:
     * counts frames per second over the last 5 s.
     */
    public void frameDrawn(long nanos, double drawMillis) {
        PlaygroundFrame f = frame.get();
        if (f != null) timing.set(String.format(Locale.ROOT, "worker %.0f ms, drawing %.0f ms per frame", f.millis(), drawMillis));
        frameDrawn(nanos);
    }

    /** The view drew a new frame at {@code nanos} (System.nanoTime): counts frames per second over the last 5 s. */
    public void frameDrawn(long nanos) {
        frameTimes.addLast(nanos);
        while (frameTimes.size() > 1 && nanos - frameTimes.peekFirst() > 5_000_000_000L) frameTimes.removeFirst();
        double span = (nanos - frameTimes.peekFirst()) / 1e9;
        framesPerSecond.set(frameTimes.size() > 1 && span > 0.5 ? (frameTimes.size() - 1) / span : 0);
    }
}
