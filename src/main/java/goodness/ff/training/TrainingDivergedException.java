package goodness.ff.training;

/** Training produced a NaN or infinite value; the message says where. The last good state is kept by the caller. */
public final class TrainingDivergedException extends RuntimeException {
    public TrainingDivergedException(String message) {
        super(message);
    }
}
