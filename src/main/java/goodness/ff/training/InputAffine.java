package goodness.ff.training;

/**
 * A small random rotation and scaling of a 28×28 training image about its centre, followed by a
 * translation, sampled bilinearly with zero fill (MNIST's background): the augmentation of
 * {@code --rotate} and {@code --scale}. Output pixel (r, c) takes the source at
 * {@code centre + R(−θ)·((r, c) − centre − (dy, dx)) / s}, so θ = 0, s = 1 and whole-pixel
 * (dx, dy) give exactly {@link InputShift}'s result.
 */
public final class InputAffine {
    private static final int SIDE = InputShift.SIDE;
    private static final double CENTRE = (SIDE - 1) / 2.0;

    private InputAffine() {
    }

    /**
     * Writes {@code src[srcOff .. srcOff+784)} rotated by {@code degrees} (counter-clockwise as
     * seen on screen, rows growing downwards), scaled by {@code scale} about the image centre and
     * moved right by {@code dx} and down by {@code dy}, into {@code dst[dstOff .. dstOff+784)}
     * (caller-owned; must not overlap the source). Allocates nothing.
     */
    public static void transformInto(float[] src, int srcOff, double dx, double dy, double degrees, double scale, float[] dst, int dstOff) {
        if (!(scale > 0) || !Double.isFinite(scale) || !Double.isFinite(degrees) || !Double.isFinite(dx) || !Double.isFinite(dy))
            throw new IllegalArgumentException("affine map needs a finite angle and shift and a scale > 0, got " + degrees + "°, " + scale + ", (" + dx + ", " + dy + ")");
        double t = Math.toRadians(degrees), cos = Math.cos(t) / scale, sin = Math.sin(t) / scale;
        for (int r = 0; r < SIDE; r++) {
            double y = r - CENTRE - dy;
            for (int c = 0; c < SIDE; c++) {
                double x = c - CENTRE - dx;
                // The inverse map: rotate back by θ (screen coordinates, y down), undo the scale.
                double sc = CENTRE + cos * x - sin * y, sr = CENTRE + sin * x + cos * y;
                dst[dstOff + r * SIDE + c] = bilinear(src, srcOff, sr, sc);
            }
        }
    }

    /** The source sampled at (row, col) between pixels; 0 outside the frame. */
    private static float bilinear(float[] src, int off, double row, double col) {
        int r0 = (int) Math.floor(row), c0 = (int) Math.floor(col);
        double fr = row - r0, fc = col - c0;
        // Snap coordinates within rounding of a pixel centre, so whole-pixel maps copy exactly.
        if (fr < 1e-9) fr = 0;
        else if (fr > 1 - 1e-9) { r0++; fr = 0; }
        if (fc < 1e-9) fc = 0;
        else if (fc > 1 - 1e-9) { c0++; fc = 0; }
        double top = (1 - fc) * at(src, off, r0, c0) + (fc == 0 ? 0 : fc * at(src, off, r0, c0 + 1));
        if (fr == 0) return (float) top;
        double bottom = (1 - fc) * at(src, off, r0 + 1, c0) + (fc == 0 ? 0 : fc * at(src, off, r0 + 1, c0 + 1));
        return (float) ((1 - fr) * top + fr * bottom);
    }

    private static double at(float[] src, int off, int r, int c) {
        return r < 0 || r >= SIDE || c < 0 || c >= SIDE ? 0 : src[off + r * SIDE + c];
    }
}
