package goodness.ff.io;

/** A checkpoint or model file that cannot be read or written; the message names the file and the problem. */
public final class CheckpointException extends RuntimeException {
    public CheckpointException(String message) {
        super(message);
    }

    public CheckpointException(String message, Throwable cause) {
        super(message, cause);
    }
}
