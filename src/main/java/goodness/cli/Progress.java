package goodness.cli;

import java.io.PrintStream;

/**
 * A one-line progress bar inside an epoch, drawn on stderr only when stderr is a terminal (never
 * into logs or pipes), at most a few times a second.
 */
final class Progress {
    private final PrintStream out = System.err;
    private final boolean enabled;
    private long lastDraw;

    Progress(boolean wanted) {
        this.enabled = wanted && System.console() != null;
    }

    void update(String label, int done, int total, double samplesPerSecond, double etaSeconds) {
        if (!enabled) return;
        long now = System.nanoTime();
        if (done < total && now - lastDraw < 200_000_000L) return;
        lastDraw = now;
        int width = 30, filled = total == 0 ? width : (int) ((long) width * done / total);
        String bar = "#".repeat(filled) + " ".repeat(width - filled);
        out.printf("\r%s [%s] %d/%d  %.0f samples/s  ETA %s   ", label, bar, done, total, samplesPerSecond, eta(etaSeconds));
        out.flush();
    }

    void clear() {
        if (!enabled) return;
        out.print("\r" + " ".repeat(100) + "\r");
        out.flush();
    }

    static String eta(double s) {
        if (!Double.isFinite(s) || s < 0) return "?";
        long t = Math.round(s);
        return t >= 3600 ? String.format("%dh%02dm", t / 3600, t / 60 % 60) : t >= 60 ? String.format("%dm%02ds", t / 60, t % 60) : t + "s";
    }
}
