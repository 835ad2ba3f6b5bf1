package goodness.experiment;

/** The budget every cell of a run shares; part of a cell's key in {@code cells.csv}. */
public record Budget(int epochs, int steps, int batchSize, int trainImages, double learningRate, long seed) {

    /** Same budget up to the seed: its cells belong to the same table. */
    public boolean sameExceptSeed(Budget o) {
        return epochs == o.epochs && steps == o.steps && batchSize == o.batchSize && trainImages == o.trainImages
                && Double.compare(learningRate, o.learningRate) == 0;
    }

    /** Batches one cell trains: epochs times full batches per epoch. */
    public int batchesPerCell() {
        return epochs * (trainImages / batchSize);
    }

    /** The learning rate as {@code cells.csv} and the report write it. */
    static String lr(double lr) {
        return String.format(java.util.Locale.ROOT, "%s", lr);
    }
}
