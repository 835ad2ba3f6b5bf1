package goodness.ui.runs;

import goodness.ff.FFNetwork;
import goodness.ff.io.Checkpoints;
import goodness.ff.io.DefaultModel;
import goodness.runs.ExampleRuns;
import goodness.runs.StoredRun;

/** The model behind a stored run or an example, for Draw and Gallery (read on the task thread). */
final class RunModels {
    private RunModels() {
    }

    /** A model and what it is, in words ("run NAME (final model)"). */
    record Opened(FFNetwork network, String what) {
    }

    /**
     * The run's final model, else its last checkpoint's weights; the bundled model for the
     * example it was trained in.
     *
     * @throws IllegalStateException if the run has neither yet, or is an example that keeps its records only
     */
    static Opened open(String name, StoredRun r) {
        boolean example = ExampleRuns.isId(name);
        if (example && r.model() == null && ExampleRuns.folderName(name).equals(ExampleRuns.BUNDLED_MODEL_RUN))
            return new Opened(DefaultModel.load(), "bundled model (the final model of " + name + ")");   // its model.ffm is the bundled model
        if (example && r.model() == null) throw new IllegalStateException(name + " keeps its records only: it has no model to open");
        if (r.model() != null) return new Opened(Checkpoints.loadModel(r.model()), "run " + name + " (final model)");
        if (r.checkpoint() != null)
            return new Opened(Checkpoints.loadState(r.checkpoint()).network(), "run " + name + " (checkpoint after epoch " + r.summary().epochsDone() + ")");
        throw new IllegalStateException("run " + name + " has neither a model nor a checkpoint yet");
    }
}
