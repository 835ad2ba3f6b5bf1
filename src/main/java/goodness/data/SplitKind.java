package goodness.data;

/**
 * How the official training file is divided between training and validation.
 *
 * <p>The test set is always the official {@code t10k} file; it is never used for choosing
 * anything, which is why {@link #FULL} leaves validation empty instead of borrowing the test
 * set (doing so would quietly turn the reported test accuracy into a tuned number).
 */
public enum SplitKind {

    /**
     * The split used in Hinton's Forward-Forward experiments: the first 50,000 training images
     * (in file order) train, the last {@link DatasetLoader#VALIDATION_SIZE} validate. Use it
     * while choosing hyper-parameters.
     */
    HINTON,

    /**
     * All 60,000 training images train and there is no validation set (count 0). Use it for a
     * final run once the hyper-parameters are fixed.
     */
    FULL
}
