package goodness.cli;

import goodness.ff.FFConfig;
import goodness.ff.FFNetwork;
import goodness.ff.backend.Backends;
import goodness.ff.backend.MatrixBackend;
import goodness.ff.io.Checkpoints;
import goodness.ff.io.DefaultModel;

import java.nio.file.Files;
import java.nio.file.Path;

/** Model and backend lookup shared by {@code eval}, {@code predict} and {@code bench}. */
final class Models {
    private Models() {
    }

    /** A network and the name the output calls it by. */
    record Loaded(FFNetwork network, String name) {
    }

    /**
     * The network of a model file (.ffm) or a training checkpoint, or the bundled default model
     * when {@code file} is null. Missing, foreign, truncated and corrupt files end as a one-line
     * {@link goodness.ff.io.CheckpointException} naming the file.
     */
    static Loaded load(Path file) {
        if (file == null) return new Loaded(DefaultModel.load(), "bundled:" + DefaultModel.RESOURCE);
        if (Files.isDirectory(file))
            throw new CliException(file + ": is a folder; expected a model file (.ffm) or a training checkpoint (checkpoint.bin)", 1);
        return new Loaded(Checkpoints.loadModel(file), file.toString());
    }

    /** A backend by name; a native library that will not load becomes a one-line hint. */
    static MatrixBackend backend(String name, int threads) {
        if (threads < 1 || threads > 256) throw new CliException("--threads must be in 1..256, got " + threads, 1);
        try {
            return Backends.create(name, threads);
        } catch (IllegalStateException | UnsatisfiedLinkError e) {
            throw new CliException("backend '" + name + "' is not available here (" + e.getMessage() + "); try --backend ejml", 1);
        }
    }

    /** "784-1000-1000-1000" */
    static String shape(FFConfig c) {
        StringBuilder b = new StringBuilder().append(FFConfig.IMAGE_PIXELS);
        for (int h : c.hiddenSizes()) b.append('-').append(h);
        return b.toString();
    }
}
