package goodness.ui;

/**
 * The colour maps of the Inside view and the Draw tab's activity maps, as ARGB ints, and the
 * drawing of 28×28 and unit-grid tiles into {@link Picture} pixel arrays. Pure functions, no
 * JavaFX: the view models build pictures with them, the views only show them.
 */
public final class ColorMaps {
    private ColorMaps() {
    }

    public static final int BACKGROUND = argb(40, 40, 40);

    public static int argb(int r, int g, int b) {
        return 0xFF000000 | clamp(r) << 16 | clamp(g) << 8 | clamp(b);
    }

    private static int clamp(int v) {
        return v < 0 ? 0 : Math.min(255, v);
    }

    /** A pixel in [0,1] as grey (0 black, 1 white). */
    public static int gray(double v) {
        int k = (int) Math.round(255 * Math.max(0, Math.min(1, v)));
        return argb(k, k, k);
    }

    /** Diverging: −1 blue, 0 white, +1 red (clamped). For weights scaled by their largest magnitude. */
    public static int diverging(double v) {
        double t = Math.max(-1, Math.min(1, v));
        if (t >= 0) return argb(255, (int) Math.round(255 * (1 - t)), (int) Math.round(255 * (1 - t)));
        return argb((int) Math.round(255 * (1 + t)), (int) Math.round(255 * (1 + t)), 255);
    }

    /** Sequential: 0 black → red → yellow → 1 white (clamped). For activities and goodness. */
    public static int heat(double v) {
        double t = Math.max(0, Math.min(1, v));
        return argb((int) Math.round(255 * Math.min(1, 3 * t)), (int) Math.round(255 * Math.min(1, Math.max(0, 3 * t - 1))),
                (int) Math.round(255 * Math.max(0, 3 * t - 2)));
    }

    /**
     * Two distributions in one pixel on black: positive in orange, negative in blue, added
     * (where both are present the pixel turns pale violet-white). Intensities in [0,1].
     */
    public static int posNeg(double pos, double neg) {
        double p = Math.max(0, Math.min(1, pos)), n = Math.max(0, Math.min(1, neg));
        return argb((int) Math.round(255 * p + 60 * n), (int) Math.round(140 * p + 150 * n), (int) Math.round(20 * p + 255 * n));
    }

    /** Largest |v| of {@code v[o .. o+n)} (1 if all are 0, so that scaling by it is safe). */
    public static double maxAbs(float[] v, int o, int n) {
        double m = 0;
        for (int k = 0; k < n; k++) m = Math.max(m, Math.abs(v[o + k]));
        return m > 0 ? m : 1;
    }

    /** A 28×28 grey image (pixels in [0,1] at {@code src[o..o+784)}) as a picture. */
    public static Picture grayDigit(float[] src, int o) {
        int[] px = new int[784];
        for (int k = 0; k < 784; k++) px[k] = gray(src[o + k]);
        return new Picture(28, 28, px);
    }

    /**
     * {@code n} values (one per unit) as a {@code columns}-wide grid, heat-coloured by
     * {@code value / scale}; cells past {@code n} in the last row are background.
     */
    public static Picture unitGrid(float[] v, int n, int columns, double scale) {
        int rows = (n + columns - 1) / columns;
        int[] px = new int[rows * columns];
        for (int k = 0; k < px.length; k++) px[k] = k < n ? heat(v[k] / scale) : BACKGROUND;
        return new Picture(columns, rows, px);
    }

    /** {@code p} enlarged by whole factors, each pixel a {@code sx × sy} block (crisp at any renderer's filtering). */
    public static Picture upscale(Picture p, int sx, int sy) {
        int w = p.width() * sx, h = p.height() * sy;
        int[] px = new int[w * h];
        for (int y = 0; y < h; y++) for (int x = 0; x < w; x++) px[y * w + x] = p.pixel(x / sx, y / sy);
        return new Picture(w, h, px);
    }
}
