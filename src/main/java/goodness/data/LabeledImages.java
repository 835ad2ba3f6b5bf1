package goodness.data;

import java.util.Arrays;

/**
 * A block of 28x28 grayscale images with one class label each, ready for training.
 *
 * <p>Pixels are floats {@code pixel / 255f} in {@code [0,1]}, image after image, each image
 * row-major (index {@code image * 784 + row * 28 + col}). Labels are class indices 0..9.
 *
 * <h2>Read-only by contract, not by copying</h2>
 * {@link #pixels()} and {@link #labels()} return the internal arrays themselves, not copies:
 * the trainer streams over 47 million floats every epoch and a defensive copy per call would
 * cost more than the work. Callers <strong>must not modify</strong> these arrays. Everything
 * that produces a new set ({@link #subset}, {@link #first}) copies, so sets never share
 * storage and one set can never change another.
 */
public final class LabeledImages {

    /** Image width in pixels. */
    public static final int WIDTH = 28;
    /** Image height in pixels. */
    public static final int HEIGHT = 28;
    /** Values per image, {@code WIDTH * HEIGHT}. */
    public static final int DIM = WIDTH * HEIGHT;
    /** Number of classes; labels are {@code 0 .. CLASSES-1}. */
    public static final int CLASSES = 10;

    /**
     * {@code TO_UNIT[b] == b / 255f}: a table instead of a division per pixel, and it pins the
     * exact float each byte maps to so every loader path produces identical values.
     */
    private static final float[] TO_UNIT = new float[256];

    static {
        for (int b = 0; b < 256; b++) {
            TO_UNIT[b] = b / 255f;
        }
    }

    private static final LabeledImages EMPTY = new LabeledImages(new float[0], new int[0], true);

    private final float[] pixels;
    private final int[] labels;

    /**
     * Wraps the given arrays without copying them; from now on they belong to this object.
     *
     * @throws IllegalArgumentException if the lengths disagree, a label is outside 0..9 or a
     *                                  pixel outside [0,1] (NaN included)
     */
    public LabeledImages(float[] pixels, int[] labels) {
        this(validated(pixels, labels), labels, true);
    }

    /** For arrays already known to be valid (copies of a valid set, fresh byte conversions). */
    private LabeledImages(float[] pixels, int[] labels, boolean trusted) {
        this.pixels = pixels;
        this.labels = labels;
    }

    private static float[] validated(float[] pixels, int[] labels) {
        if (pixels.length != (long) labels.length * DIM) {
            throw new IllegalArgumentException(pixels.length + " pixel values for "
                    + labels.length + " labels; expected " + ((long) labels.length * DIM));
        }
        for (int i = 0; i < labels.length; i++) {
            if (labels[i] < 0 || labels[i] >= CLASSES) {
                throw new IllegalArgumentException("label " + labels[i] + " at index " + i
                        + " is outside 0.." + (CLASSES - 1));
            }
        }
        for (int i = 0; i < pixels.length; i++) {
            float p = pixels[i];
            if (!(p >= 0f && p <= 1f)) {
                throw new IllegalArgumentException("pixel value " + p + " at index " + i
                        + " is outside [0,1]");
            }
        }
        return pixels;
    }

    /** A set with no images, e.g. the validation set of {@link SplitKind#FULL}. */
    public static LabeledImages empty() {
        return EMPTY;
    }

    /**
     * Converts raw IDX bytes of images {@code from} (inclusive) to {@code to} (exclusive) into
     * a new set. Converting straight from the file's bytes lets the loader build train and
     * validation sets without an intermediate float copy of the whole file.
     *
     * @param pixels unsigned bytes, 784 per image
     * @param labels one unsigned byte per image, each 0..9
     * @throws IllegalArgumentException if the range is out of bounds, the arrays do not hold
     *                                  whole 28x28 images, or a label is outside 0..9
     */
    public static LabeledImages fromUnsignedBytes(byte[] pixels, byte[] labels, int from, int to) {
        if (pixels.length != (long) labels.length * DIM) {
            throw new IllegalArgumentException(pixels.length + " pixel bytes for "
                    + labels.length + " labels; expected " + ((long) labels.length * DIM));
        }
        checkRange(from, to, labels.length);
        int n = to - from;
        float[] px = new float[n * DIM];
        int src = from * DIM;
        for (int i = 0; i < px.length; i++) {
            px[i] = TO_UNIT[pixels[src + i] & 0xFF];
        }
        int[] lb = new int[n];
        for (int i = 0; i < n; i++) {
            lb[i] = labels[from + i] & 0xFF;
            if (lb[i] >= CLASSES) {
                throw new IllegalArgumentException("label " + lb[i] + " at index " + (from + i)
                        + " is outside 0.." + (CLASSES - 1));
            }
        }
        return new LabeledImages(px, lb, true);
    }

    /** Number of images. */
    public int count() {
        return labels.length;
    }

    /** Image width, always 28. */
    public int width() {
        return WIDTH;
    }

    /** Image height, always 28. */
    public int height() {
        return HEIGHT;
    }

    /** Values per image, always 784. */
    public int dim() {
        return DIM;
    }

    /** True when there are no images. */
    public boolean isEmpty() {
        return labels.length == 0;
    }

    /**
     * The internal pixel array ({@code count() * 784} values in [0,1]).
     * <strong>Do not modify</strong>: returned without copying for speed, see the class notes.
     */
    public float[] pixels() {
        return pixels;
    }

    /**
     * The internal label array ({@code count()} values in 0..9).
     * <strong>Do not modify</strong>: returned without copying for speed, see the class notes.
     */
    public int[] labels() {
        return labels;
    }

    /** The label of one image. */
    public int label(int index) {
        return labels[index];
    }

    /** One pixel, {@code row} and {@code col} in 0..27. */
    public float pixel(int index, int row, int col) {
        return pixels[index * DIM + row * WIDTH + col];
    }

    /** Copies the 784 values of one image into {@code dst} starting at {@code dstOffset}. */
    public void copyImage(int index, float[] dst, int dstOffset) {
        if (index < 0 || index >= labels.length) {
            throw new IndexOutOfBoundsException("image " + index + " of " + labels.length);
        }
        System.arraycopy(pixels, index * DIM, dst, dstOffset, DIM);
    }

    /** A fresh array holding one image's 784 values; convenient, but allocates. */
    public float[] image(int index) {
        float[] out = new float[DIM];
        copyImage(index, out, 0);
        return out;
    }

    /** A copy of images {@code from} (inclusive) to {@code to} (exclusive), in order. */
    public LabeledImages subset(int from, int to) {
        checkRange(from, to, labels.length);
        return new LabeledImages(Arrays.copyOfRange(pixels, from * DIM, to * DIM),
                Arrays.copyOfRange(labels, from, to), true);
    }

    /** A copy of the first {@code n} images; {@code n} may not exceed {@link #count()}. */
    public LabeledImages first(int n) {
        return subset(0, n);
    }

    /** How many images carry each label: element {@code k} counts label {@code k}. */
    public int[] classCounts() {
        int[] counts = new int[CLASSES];
        for (int label : labels) {
            counts[label]++;
        }
        return counts;
    }

    private static void checkRange(int from, int to, int count) {
        if (from < 0 || to < from || to > count) {
            throw new IndexOutOfBoundsException("range [" + from + ", " + to + ") of "
                    + count + " images");
        }
    }

    @Override
    public String toString() {
        return "LabeledImages[" + count() + " images of " + WIDTH + "x" + HEIGHT + "]";
    }
}
