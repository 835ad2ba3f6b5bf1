package goodness.runs;

import java.time.Instant;
import java.util.List;

/**
 * Where a run's figures come from, beyond its config ({@code config.json}): who started it, with
 * which build, on which data, and every checkpoint it was resumed from.
 *
 * @param origin      "cli" or "app"
 * @param codeVersion the build that started the run ({@link CodeVersion#current()})
 * @param created     when the run was created
 * @param seed        the run's seed (also in its config; repeated so that a listing needs no config)
 * @param dataRoot    the data folder the run read
 * @param dataset     the dataset folder name ("mnist", "fashion-mnist")
 * @param split       the split kind ("HINTON" 50k/10k/10k, "FULL" 60k + test)
 * @param resumedFrom every resumption, oldest first (empty for a run that never stopped)
 */
public record RunProvenance(String origin, String codeVersion, Instant created, long seed, String dataRoot, String dataset,
                            String split, int trainCases, int validCases, int testCases, List<ResumePoint> resumedFrom) {

    public RunProvenance {
        resumedFrom = List.copyOf(resumedFrom);
    }

    /** The same provenance with one more resumption. */
    public RunProvenance withResume(ResumePoint p) {
        List<ResumePoint> all = new java.util.ArrayList<>(resumedFrom);
        all.add(p);
        return new RunProvenance(origin, codeVersion, created, seed, dataRoot, dataset, split, trainCases, validCases, testCases, all);
    }
}
