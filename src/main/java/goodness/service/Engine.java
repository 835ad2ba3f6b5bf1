package goodness.service;

import goodness.data.DataSplits;
import goodness.data.Dataset;
import goodness.data.SplitKind;
import goodness.ff.FFConfig;
import goodness.ff.backend.MatrixBackend;
import goodness.ff.training.Trainer;
import goodness.ff.training.Trainers;
import goodness.ff.training.TrainingState;

import java.nio.file.Path;
import java.util.function.Supplier;

/**
 * The service's trainer with its matrix backend, and the data set it was last given (kept
 * loaded, since a new run of the same data set is the common case). Worker thread only.
 */
final class Engine implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger(Engine.class.getName());

    private record DataKey(Path root, Dataset dataset, SplitKind split, int trainLimit) {
    }

    private final Supplier<Path> dataRoot;
    private Trainer trainer;
    private MatrixBackend backend;
    private DataSplits data;
    private DataKey dataKey;

    Engine(Supplier<Path> dataRoot) {
        this.dataRoot = dataRoot;
    }

    /** The trainer's matrix backend, or null when none is installed (worker thread only, between batches). */
    MatrixBackend backend() {
        return backend;
    }

    /** The trainer, or null when none is installed. */
    Trainer trainer() {
        return trainer;
    }

    Path dataRoot() {
        return dataRoot.get();
    }

    /** A new run of {@code c}. */
    void install(FFConfig c) {
        swapIn(c, null);
    }

    /** The run {@code s} continued exactly (a load, a resume, a change of thread count). */
    void install(TrainingState s) {
        swapIn(s.config(), s);
    }

    /**
     * The one create-backend / create-or-resume / swap / close sequence: the old trainer is closed
     * only once the new one exists, so on failure it is still in place.
     */
    private void swapIn(FFConfig c, TrainingState s) {
        DataSplits d = dataFor(c);
        MatrixBackend nb = Trainers.backendFor(c);
        Trainer nt;
        try {
            nt = s != null ? Trainers.resume(s, d, nb) : Trainers.create(c, d, nb);
        } catch (RuntimeException | Error e) {
            nb.close();
            throw e;
        }
        Trainer ot = trainer;
        MatrixBackend ob = backend;
        trainer = nt;
        backend = nb;
        closeQuietly(ot, ob);
    }

    private DataSplits dataFor(FFConfig c) {
        Path root = dataRoot.get();
        DataKey key = new DataKey(root, c.dataset(), Trainers.splitOf(c.recipe()), c.trainLimit());
        if (!key.equals(dataKey)) {
            data = null; // the old set can be collected while the new one loads
            data = Trainers.loadData(root, c);
            dataKey = key;
        }
        return data;
    }

    /** Closes the trainer and its backend (the loaded data stay). */
    @Override
    public void close() {
        Trainer t = trainer;
        MatrixBackend b = backend;
        trainer = null;
        backend = null;
        closeQuietly(t, b);
    }

    private static void closeQuietly(Trainer t, MatrixBackend b) {
        try {
            if (t != null) t.close();
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, "closing a trainer failed", e);
        }
        try {
            if (b != null) b.close();
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, "closing a matrix backend failed", e);
        }
    }
}
