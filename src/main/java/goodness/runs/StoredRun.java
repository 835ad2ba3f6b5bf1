package goodness.runs;

import goodness.ff.FFConfig;
import goodness.ff.training.EpochMetrics;

import java.nio.file.Path;
import java.util.List;

/**
 * One run read back from the store: everything the charts and the hyper-parameter table need.
 *
 * @param metrics    one entry per committed epoch, in epoch order (what the charts plot)
 * @param events     the live setting changes, in order
 * @param provenance null for folders written before the store existed
 * @param result     null unless the run finished
 * @param checkpoint the run's {@code checkpoint.bin}, or null if it has none (yet)
 * @param model      the run's {@code model.ffm}, or null if it has none
 */
public record StoredRun(RunSummary summary, FFConfig config, List<EpochMetrics> metrics, List<RunEvent> events,
                        RunProvenance provenance, RunResult result, Path checkpoint, Path model) {

    public StoredRun {
        metrics = List.copyOf(metrics);
        events = List.copyOf(events);
    }

    public String name() {
        return summary.name();
    }

    public Path folder() {
        return summary.folder();
    }
}
