package goodness.data;

/**
 * The result of {@link DigitPreprocessor#preprocess}: an MNIST-like image plus what the
 * preprocessor found, so a UI can show the user which part of the drawing was used.
 *
 * <p>Records compare arrays by identity; compare {@link #pixels()} with
 * {@link java.util.Arrays#equals(float[], float[])} when the content matters.
 *
 * @param pixels  784 values in [0,1], row-major 28x28, bright ink on a zero background, with
 *                the first {@value DigitPreprocessor#LABEL_PIXELS} values (row 0, columns
 *                0..9) set to 0 because the Forward-Forward network writes the label there
 * @param empty   true when no ink was found; {@code pixels} is then all zeros
 * @param inkBox  the bounding box of the ink in the <em>input</em> image's pixel
 *                coordinates; {@code Box(0, 0, 0, 0)} when {@code empty}
 */
public record PreprocessedDigit(float[] pixels, boolean empty, Box inkBox) {

    /**
     * An axis-aligned rectangle of whole pixels: columns {@code x .. x+width-1}, rows
     * {@code y .. y+height-1}.
     */
    public record Box(int x, int y, int width, int height) {

        /** The box of an empty result. */
        public static final Box NONE = new Box(0, 0, 0, 0);
    }
}
