package goodness.ff.scoring;

/**
 * Final figures of a run: errors out of {@code trainCases} / {@code testCases}. Softmax fields are
 * null for presets without a readout.
 */
public record TestResult(int energyErrorsTrain, int energyErrorsTest, Integer softmaxErrorsTrain, Integer softmaxErrorsTest,
                         int trainCases, int testCases, int[][] confusionEnergy) {

    public String seedStyle() {
        String s = String.format("Energy-based errs: Train %d/%d Test %d/%d", energyErrorsTrain, trainCases, energyErrorsTest, testCases);
        if (softmaxErrorsTest != null)
            s += String.format("%nSoftmax-based errs: Train %d/%d Test %d/%d", softmaxErrorsTrain, trainCases, softmaxErrorsTest, testCases);
        return s;
    }
}
