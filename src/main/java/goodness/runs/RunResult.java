package goodness.runs;

/**
 * A finished run's final figures ({@code result.json}). Softmax fields are null for recipe B; energy
 * fields for an unsupervised network (its readout is its only prediction).
 *
 * @param wallSeconds wall time of the run's last invocation (the CLI's or the app's), or NaN if unknown
 */
public record RunResult(Integer energyErrorsTrain, Integer energyErrorsTest, Integer softmaxErrorsTrain, Integer softmaxErrorsTest,
                        int trainCases, int testCases, double wallSeconds) {
}
