package goodness.ui.inside;

import goodness.ff.scoring.SettlingCurve;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Locale;

/**
 * The Inside tab's settling chart of a recurrent run (FX thread): for the last
 * {@value #EPOCHS_SHOWN} epochs' samples, one series each ("epoch N"), oldest first: at each
 * iteration, the true label's mean goodness minus the best wrong label's. Zero at iteration 0
 * (the bottom-up pass does not see the label); how far and how early it rises is how well the
 * network settles. Empty, and not shown, for the other recipes.
 */
public final class SettlingCurves {
    /** Epochs drawn at once: more lines than this cannot be told apart. */
    public static final int EPOCHS_SHOWN = 8;

    private final XYSeriesCollection lines = new XYSeriesCollection();
    private final Deque<SettlingCurve> shown = new ArrayDeque<>();
    private final ReadOnlyBooleanWrapper present = new ReadOnlyBooleanWrapper(false);
    private final ReadOnlyStringWrapper text = new ReadOnlyStringWrapper("");
    private int scoreFrom = -1, scoreTo = -1;

    void add(SettlingCurve c) {
        shown.removeIf(s -> s.epoch() == c.epoch());   // a replayed epoch replaces its sample
        shown.addLast(c);
        while (shown.size() > EPOCHS_SHOWN) shown.removeFirst();
        scoreFrom = c.scoreFrom();
        scoreTo = c.scoreTo();
        lines.setNotify(false);
        lines.removeAllSeries();
        for (SettlingCurve s : shown) {
            XYSeries gap = new XYSeries("epoch " + s.epoch(), false, true);
            for (int t = 0; t <= s.iterations(); t++) gap.add(t, s.trueLabel()[t] - s.bestWrong()[t]);
            lines.addSeries(gap);
        }
        lines.setNotify(true);
        int t = c.scoreTo();
        text.set(String.format(Locale.ROOT, "Epoch %d, first %d validation images: at iteration %d the true label's goodness is %.1f, the best wrong label's %.1f (gap %.1f)",
                c.epoch(), c.images(), t, c.trueLabel()[t], c.bestWrong()[t], c.trueLabel()[t] - c.bestWrong()[t]));
        present.set(true);
    }

    void clear() {
        shown.clear();
        lines.removeAllSeries();
        text.set("");
        present.set(false);
    }

    /** One series per epoch shown (the true label's goodness minus the best wrong label's), oldest epoch first. */
    public XYSeriesCollection lines() {
        return lines;
    }

    /** Whether there is a sample (a recurrent run has ended an epoch). */
    public ReadOnlyBooleanProperty presentProperty() {
        return present.getReadOnlyProperty();
    }

    /** The latest epoch's gap at the last scored iteration, in words. */
    public ReadOnlyStringProperty textProperty() {
        return text.getReadOnlyProperty();
    }

    public int scoreFrom() {
        return scoreFrom;
    }

    public int scoreTo() {
        return scoreTo;
    }
}
