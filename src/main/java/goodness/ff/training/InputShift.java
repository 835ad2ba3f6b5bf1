package goodness.ff.training;

/**
 * Translation of a 28×28 image by whole pixels, the augmentation of the hinton-plus preset:
 * pixel (r, c) of the result is pixel (r − dy, c − dx) of the source, and pixels shifted in from
 * outside the frame are 0 (MNIST's background), so nothing wraps around.
 */
public final class InputShift {
    static final int SIDE = 28;

    private InputShift() {
    }

    /**
     * Writes {@code src[srcOff .. srcOff+784)} moved right by {@code dx} and down by {@code dy}
     * into {@code dst[dstOff .. dstOff+784)} (caller-owned; must not overlap the source).
     */
    public static void shiftInto(float[] src, int srcOff, int dx, int dy, float[] dst, int dstOff) {
        if (Math.abs(dx) >= SIDE || Math.abs(dy) >= SIDE) throw new IllegalArgumentException("shift (" + dx + ", " + dy + ") leaves the 28x28 frame");
        java.util.Arrays.fill(dst, dstOff, dstOff + SIDE * SIDE, 0f);
        int c0 = Math.max(0, dx), c1 = Math.min(SIDE, SIDE + dx);
        for (int r = Math.max(0, dy); r < Math.min(SIDE, SIDE + dy); r++)
            System.arraycopy(src, srcOff + (r - dy) * SIDE + (c0 - dx), dst, dstOff + r * SIDE + c0, c1 - c0);
    }
}
