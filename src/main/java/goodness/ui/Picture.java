package goodness.ui;

/**
 * A small image as view-model data: {@code width × height} ARGB pixels, row by row. Views copy
 * it into a {@code WritableImage}; tests read the pixels. Never written after construction.
 */
public record Picture(int width, int height, int[] argb) {
    public Picture {
        if (width < 0 || height < 0 || argb.length != width * height)
            throw new IllegalArgumentException("a " + width + "×" + height + " picture needs " + width * height + " pixels, got " + argb.length);
    }

    public int pixel(int x, int y) {
        return argb[y * width + x];
    }
}
