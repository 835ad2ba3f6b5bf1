package goodness.runs;

/**
 * A finished run's final figures ({@code result.json}). Softmax fields are null for recipe B.
 *
 * @param wallSeconds wall time of the run's last invocation (the CLI's or the app's), or NaN if unknown
 */
public record RunResult(int energyErrorsTrain, int energyErrorsTest, Integer softmaxErrorsTrain, Integer softmaxErrorsTest,
                        int trainCases, int testCases, double wallSeconds) {
}
