package goodness.runs;

import goodness.ff.Recipe;

import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;

/**
 * One line of the run store's listing.
 *
 * @param name                    the run's folder name (unique in its store)
 * @param message                 why it stopped or diverged ("" when there is nothing to say)
 * @param epochsDone              epochs whose metrics row and checkpoint are both on disk
 * @param epochsPlanned           the config's epoch count
 * @param recipe                  the recipe
 * @param presetName              the named preset the run was made from (hinton, hinton-plus, sleep)
 * @param dataset                 dataset folder name ("mnist", "fashion-mnist")
 * @param changedSettings         config fields that differ from the named preset's defaults, name → value,
 *                                in the config's field order
 * @param bestValid               the validation evaluation with the fewest energy errors, both scores of that
 *                                epoch ({@link ValidErrors#best}), or null if never evaluated
 * @param lastValid               the last validation evaluation (the final weights'), or null
 * @param validCases              the validation set's size (0 if unknown)
 * @param testEnergyErrors        final energy errors on the test set (finished runs), or null
 * @param testSoftmaxErrors       final softmax errors on the test set, or null
 * @param testCases               the test set's size (0 if unknown)
 * @param date                    when the run was created
 * @param origin                  "cli", "app", or "" for folders written before the store existed
 * @param imported                where the run was imported from ({@code imported.json}), or null for a run trained here
 */
public record RunSummary(String name, Path folder, RunStatus status, String message, int epochsDone, int epochsPlanned,
                         Recipe recipe, String presetName, String dataset, Map<String, String> changedSettings,
                         ValidErrors bestValid, ValidErrors lastValid, int validCases,
                         Integer testEnergyErrors, Integer testSoftmaxErrors, int testCases, Instant date, String origin,
                         RunImport imported) {

    public RunSummary {
        changedSettings = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(changedSettings));
    }

    /** A run trained in this store (not imported). */
    public RunSummary(String name, Path folder, RunStatus status, String message, int epochsDone, int epochsPlanned,
                      Recipe recipe, String presetName, String dataset, Map<String, String> changedSettings,
                      ValidErrors bestValid, ValidErrors lastValid, int validCases,
                      Integer testEnergyErrors, Integer testSoftmaxErrors, int testCases, Instant date, String origin) {
        this(name, folder, status, message, epochsDone, epochsPlanned, recipe, presetName, dataset, changedSettings, bestValid, lastValid,
                validCases, testEnergyErrors, testSoftmaxErrors, testCases, date, origin, null);
    }

    /** Fewest energy errors on the validation set, or null. */
    public Integer bestValidEnergyErrors() {
        return bestValid == null ? null : bestValid.energyErrors();
    }

    /** Whether the run can be continued from its checkpoint (stopped or diverged). */
    public boolean resumable() {
        return status == RunStatus.STOPPED || status == RunStatus.DIVERGED;
    }
}
