package goodness.ui.training;

import goodness.ff.training.SlowMotionBatch;
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
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * One batch in slow motion: the positive pass, then the negative pass, then the update, each a
 * stage shown before the next. A pass stage plots every case's goodness per layer as a share of
 * the layer's threshold (sorted, so the threshold at 1 splits the cases the layer calls positive
 * from the rest) and says how many cases each layer gets right; the update stage gives each
 * layer's rms(ΔW)/rms(W) and the 16 layer-1 units whose weights moved most, their ΔW as 28×28
 * pictures (red = up, blue = down, each scaled to its largest change).
 */
public final class SlowMotionViewModel {
    public static final int POSITIVE = 0, NEGATIVE = 1, UPDATE = 2, STAGES = 3;
    private static final String[] TITLES = {"1 of 3: positive pass", "2 of 3: negative pass", "3 of 3: the update"};

    private final ObjectProperty<SlowMotionBatch> batch = new SimpleObjectProperty<>();
    private final IntegerProperty stage = new SimpleIntegerProperty(POSITIVE);
    private final StringProperty title = new SimpleStringProperty(""), text = new SimpleStringProperty("");
    private final BooleanProperty canBack = new SimpleBooleanProperty(false), canNext = new SimpleBooleanProperty(false);
    private final XYSeriesCollection goodness = new XYSeriesCollection();
    private final ObjectProperty<List<Picture>> unitChanges = new SimpleObjectProperty<>(List.of());

    public SlowMotionViewModel() {
        stage.addListener((o, a, b) -> show());
        batch.addListener((o, a, b) -> {
            stage.set(POSITIVE);
            show();
        });
    }

    /** A new batch to show, from its first stage. */
    public void show(SlowMotionBatch b) {
        batch.set(b);
    }

    public void next() {
        if (canNext.get()) stage.set(stage.get() + 1);
    }

    public void back() {
        if (canBack.get()) stage.set(stage.get() - 1);
    }

    private void show() {
        SlowMotionBatch b = batch.get();
        goodness.removeAllSeries();
        unitChanges.set(List.of());
        canBack.set(b != null && stage.get() > POSITIVE);
        canNext.set(b != null && stage.get() < UPDATE);
        if (b == null) {
            title.set("");
            text.set("");
            return;
        }
        int s = stage.get();
        title.set(String.format(Locale.ROOT, "Epoch %d, batch %d — %s", b.epoch(), b.batch(), TITLES[s]));
        if (s == UPDATE) {
            showUpdate(b);
            return;
        }
        boolean pos = s == POSITIVE;
        StringBuilder t = new StringBuilder(pos
                ? "The batch's real images with their true labels go up through every layer. Each layer wants its goodness G above the threshold θ: "
                : "The same images with the negatives (" + b.negatives().id() + ") go up with the same weights. Each layer wants its goodness below θ: ");
        t.append("p = σ((G − θ)/T) is the layer's belief that a case is positive.\n");
        List<float[]> passes = pos ? b.positive() : b.negative();
        for (int l = 0; l < passes.size(); l++) {
            float[] g = passes.get(l).clone();
            Arrays.sort(g);
            double th = b.threshold().get(l);
            XYSeries series = new XYSeries("layer " + (l + 1), false, true);
            for (int i = 0; i < g.length; i++) series.add(g.length == 1 ? 0.5 : (double) i / (g.length - 1), g[i] / th);
            goodness.addSeries(series);
            double mean = 0;
            for (float v : g) mean += v / g.length;
            t.append(String.format(Locale.ROOT, "layer %d: mean G %.4g (θ %.4g); %s %.0f%% of the cases%n", l + 1, mean, th,
                    pos ? "p > 0.5 (right) for" : "p < 0.5 (right) for", 100 * b.rightShare(l, pos)));
        }
        text.set(t.toString().strip());
    }

    private void showUpdate(SlowMotionBatch b) {
        StringBuilder t = new StringBuilder("Each layer changed its weights from its own two passes only (no gradient crosses layers): "
                + "up where the positive cases were below θ, down where the negatives were above it.\n");
        for (int l = 0; l < b.changeRatio().size(); l++)
            t.append(String.format(Locale.ROOT, "layer %d: rms(ΔW) / rms(W) = %.3g%n", l + 1, b.changeRatio().get(l)));
        t.append("Below: the ").append(b.units().length).append(" layer-1 units whose weights moved most; red up, blue down, each scaled to its largest change.");
        text.set(t.toString());
        List<Picture> pics = new ArrayList<>();
        for (float[] d : b.unitChanges()) {
            double max = Math.max(1e-30, ColorMaps.maxAbs(d, 0, d.length));
            int side = (int) Math.round(Math.sqrt(d.length));
            if (side * side != d.length) continue;   // not an image's worth of inputs
            int[] px = new int[d.length];
            for (int k = 0; k < d.length; k++) px[k] = ColorMaps.diverging(d[k] / max);
            pics.add(new Picture(side, side, px));
        }
        unitChanges.set(List.copyOf(pics));
    }

    public ObjectProperty<SlowMotionBatch> batchProperty() { return batch; }
    public IntegerProperty stageProperty() { return stage; }
    public StringProperty titleProperty() { return title; }
    public StringProperty textProperty() { return text; }
    public BooleanProperty canBackProperty() { return canBack; }
    public BooleanProperty canNextProperty() { return canNext; }
    /** Per layer, the pass's goodness over θ, sorted (x: the share of cases at or below). */
    public XYSeriesCollection goodness() { return goodness; }
    public ObjectProperty<List<Picture>> unitChangesProperty() { return unitChanges; }
}
