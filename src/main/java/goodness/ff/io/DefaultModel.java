package goodness.ff.io;

import goodness.ff.FFNetwork;

import java.io.IOException;
import java.io.InputStream;

/**
 * The trained model bundled with the application ({@code assets/default-model.ffm}, copied onto
 * the classpath by the build), so that prediction and the drawing canvas work on a fresh clone
 * with no training first. How it was made is recorded in the README.
 */
public final class DefaultModel {
    public static final String RESOURCE = "/goodness/assets/default-model.ffm";

    private DefaultModel() {
    }

    /** Loads the bundled model; a clear {@link CheckpointException} if it is missing or damaged. */
    public static FFNetwork load() {
        try (InputStream in = DefaultModel.class.getResourceAsStream(RESOURCE)) {
            if (in == null) throw new CheckpointException("the bundled model " + RESOURCE + " is missing from the build (expected assets/default-model.ffm)");
            return Checkpoints.loadModel(in.readAllBytes(), "bundled model " + RESOURCE);
        } catch (IOException e) {
            throw new CheckpointException("cannot read the bundled model: " + e.getMessage(), e);
        }
    }
}
