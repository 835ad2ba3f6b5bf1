package goodness.ui.training;

import javafx.animation.Animation;
import javafx.animation.PauseTransition;
import javafx.util.Duration;

import java.util.LinkedHashSet;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Decides when the charts are redrawn (FX thread only). Changed charts are marked dirty; they
 * are redrawn together, at once if the budget allows, else by a timer when it does, and never
 * while hidden ({@link #setShown}; showing them again redraws what changed meanwhile, once).
 *
 * <p>Budget: each redraw is timed and the next waits at least {@code cost / share} (and a
 * minimum gap), so slow rendering (a software pipeline, a large window) lowers the redraw rate
 * instead of taking cores from training: on two cores every redraw stalls the BLAS threads.
 *
 * @param <K> what is redrawn (a chart)
 */
final class RedrawThrottle<K> {
    private final double share;
    private final long minGapNanos;
    private final Consumer<Set<K>> redraw;
    private final Set<K> dirty = new LinkedHashSet<>();
    private long lastRedrawEnd = System.nanoTime() - 1_000_000_000L, lastRedrawCost, redraws;
    private boolean shown = true;
    private PauseTransition flush;

    /**
     * @param share       the share of the FX thread's time that redraws may take
     * @param minGapNanos the least time between two redraws
     * @param redraw      draws the given charts (a copy of the dirty set)
     */
    RedrawThrottle(double share, long minGapNanos, Consumer<Set<K>> redraw) {
        this.share = share;
        this.minGapNanos = minGapNanos;
        this.redraw = redraw;
    }

    void markDirty(Iterable<K> changed) {
        for (K k : changed) dirty.add(k);
    }

    boolean isShown() {
        return shown;
    }

    void setShown(boolean shown) {
        if (this.shown == shown) return;
        this.shown = shown;
        if (shown) redrawNow();
    }

    /** Redraws the dirty charts now if shown and the budget allows, else once it does. */
    void request() {
        if (dirty.isEmpty() || !shown) return;
        long wait = lastRedrawEnd + Math.max(minGapNanos, (long) (lastRedrawCost / share)) - System.nanoTime();
        if (wait <= 0) {
            redrawNow();
            return;
        }
        if (flush == null) {
            flush = new PauseTransition();
            flush.setOnFinished(e -> {
                if (this.shown) redrawNow();
            });
        }
        if (flush.getStatus() != Animation.Status.RUNNING) {
            flush.setDuration(Duration.millis(wait / 1e6));
            flush.playFromStart();
        }
    }

    /** Redraws every dirty chart at once, ignoring the budget (showing, exporting), and times it. */
    void redrawNow() {
        if (dirty.isEmpty()) return;
        long start = System.nanoTime();
        Set<K> now = new LinkedHashSet<>(dirty);
        dirty.clear();
        redraw.accept(now);
        lastRedrawEnd = System.nanoTime();
        lastRedrawCost = lastRedrawEnd - start;
        redraws++;
    }

    long count() {
        return redraws;
    }

    boolean pending() {
        return !dirty.isEmpty();
    }
}
