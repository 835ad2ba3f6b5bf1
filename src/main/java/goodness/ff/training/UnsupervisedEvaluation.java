package goodness.ff.training;

import goodness.data.DataSplits;
import goodness.data.LabeledImages;
import goodness.ff.FFConfig;
import goodness.ff.FFNetwork;
import goodness.ff.backend.MatrixBackend;
import goodness.ff.scoring.GoodnessScorer;
import goodness.ff.scoring.TestResult;

import java.util.ArrayList;
import java.util.List;

/**
 * The unsupervised network's evaluation: its only prediction is the softmax readout, so the
 * figures are readout errors (validation set each evaluated epoch; training and test sets at the
 * end). Scored in chunks through one {@link GoodnessScorer}.
 */
final class UnsupervisedEvaluation implements TestSetEvaluation {
    /** Readout errors on the validation set and, per true label, among its cases. */
    record ValidErrors(Integer errors, List<Integer> perClass) {
    }

    private final DataSplits data;
    private final GoodnessScorer scorer;
    private final GoodnessScorer.Scores scores;
    private static final int CHUNK = 500;

    UnsupervisedEvaluation(FFNetwork net, MatrixBackend backend, DataSplits data) {
        this.data = data;
        scorer = new GoodnessScorer(net, backend, CHUNK);
        scores = new GoodnessScorer.Scores(CHUNK, net.layerCount());
    }

    /** Readout errors on the validation set; null figures when there is none. */
    ValidErrors validErrors() {
        if (data.valid().count() == 0) return new ValidErrors(null, null);
        int[] perClass = new int[FFConfig.LABELS];
        int e = errors(data.valid(), null, perClass);
        List<Integer> pc = new ArrayList<>();
        for (int v : perClass) pc.add(v);
        return new ValidErrors(e, List.copyOf(pc));
    }

    @Override
    public int testErrors() {
        return errors(data.test(), null, null);
    }

    @Override
    public TestResult evaluateTest() {
        int train = errors(data.train(), null, null);
        int[][] confusion = new int[FFConfig.LABELS][FFConfig.LABELS];
        int test = errors(data.test(), confusion, null);
        return new TestResult(null, null, train, test, data.train().count(), data.test().count(), confusion);
    }

    /** Readout errors on a set; fills {@code confusion[true][predicted]} and {@code perClass[true]} if given. */
    private int errors(LabeledImages set, int[][] confusion, int[] perClass) {
        int errors = 0;
        for (int first = 0; first < set.count(); first += CHUNK) {
            int r = Math.min(CHUNK, set.count() - first);
            scorer.score(set.pixels(), first, r, scores, true);
            for (int i = 0; i < r; i++) {
                int truth = set.labels()[first + i], predicted = scores.softmaxPrediction(i);
                if (predicted != truth) {
                    errors++;
                    if (perClass != null) perClass[truth]++;
                }
                if (confusion != null) confusion[truth][predicted]++;
            }
        }
        return errors;
    }
}
