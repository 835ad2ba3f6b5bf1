package goodness.ff.training;

import goodness.ff.scoring.TestResult;

/** A recipe's scoring of the test set, to which {@link Trainer#testErrors()} and {@link Trainer#evaluateTest()} delegate. */
interface TestSetEvaluation {
    /** The test figure of {@link #evaluateTest()} alone: errors on the whole test set with the current network. */
    int testErrors();

    /** The final evaluation: train and test errors with every score the recipe has. */
    TestResult evaluateTest();
}
