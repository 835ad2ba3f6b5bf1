package goodness.ff.negatives;

import goodness.ff.NegativeMode;

/**
 * Makes a batch's negative data. Implementations are stateless apart from their scratch
 * buffers, so a trainer can switch strategy between any two batches.
 */
public interface NegativeStrategy {

    NegativeMode mode();

    /** Fills {@code batch.negImages} and {@code batch.negLabels} for {@code batch.rows} cases. */
    void makeNegatives(NegativeBatch batch);

    /**
     * True if the negative images are the positive images themselves (only the label differs).
     * Recipe A then shares layer 1's image product between the positive and negative passes.
     */
    default boolean keepsImages() {
        return false;
    }

    static NegativeStrategy of(NegativeMode mode) {
        return switch (mode) {
            case HARD -> new HardNegatives();
            case RANDOM -> new RandomWrongLabels();
            case MASK -> new MaskHybrids();
        };
    }
}
