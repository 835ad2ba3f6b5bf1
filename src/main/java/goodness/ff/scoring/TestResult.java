package goodness.ff.scoring;

/**
 * Final figures of a run: errors out of {@code trainCases} / {@code testCases}. Softmax fields are
 * null for presets without a readout; energy fields are null for a network without a labelled
 * score (unsupervised: the readout is its only prediction).
 *
 * @param confusion [true][predicted] counts on the test set of the run's headline prediction
 *                  ({@link #headline()}: energy where there is one, else the softmax)
 */
public record TestResult(Integer energyErrorsTrain, Integer energyErrorsTest, Integer softmaxErrorsTrain, Integer softmaxErrorsTest,
                         int trainCases, int testCases, int[][] confusion) {

    public TestResult {
        if (energyErrorsTest == null && softmaxErrorsTest == null) throw new IllegalArgumentException("a test result needs energy or softmax errors");
    }

    /** The prediction a run is judged by: "energy" (the labelled goodness score) or "softmax" when there is no energy score. */
    public String headline() {
        return energyErrorsTest != null ? "energy" : "softmax";
    }

    /** The test errors of {@link #headline()}. */
    public int headlineErrorsTest() {
        return energyErrorsTest != null ? energyErrorsTest : softmaxErrorsTest;
    }

    public String seedStyle() {
        String s = energyErrorsTest == null ? ""
                : String.format("Energy-based errs: Train %d/%d Test %d/%d", energyErrorsTrain, trainCases, energyErrorsTest, testCases);
        if (softmaxErrorsTest != null)
            s += (s.isEmpty() ? "" : String.format("%n")) + String.format("Softmax-based errs: Train %d/%d Test %d/%d", softmaxErrorsTrain, trainCases, softmaxErrorsTest, testCases);
        return s;
    }
}
