package goodness.ff.training;

import goodness.data.DataSplits;
import goodness.data.LabeledImages;
import goodness.ff.FFNetwork;
import goodness.ff.backend.MatrixBackend;
import goodness.ff.scoring.EnergyErrors;
import goodness.ff.scoring.GoodnessScorer;
import goodness.ff.scoring.RecurrentScorer;
import goodness.ff.scoring.TestResult;

import java.util.ArrayList;
import java.util.List;

/**
 * The recurrent recipe's evaluation ({@link RecurrentScorer}): each evaluated epoch the errors on
 * the validation set (also per layer and per true class) and the rms of every W_l; at the end the
 * errors on the test set and on the first {@value #TRAIN_EVAL_LIMIT} training images. Training
 * errors are not counted at the evaluated epochs: one scoring of 10,000 images runs ten labels ×
 * five iterations, about a third of a training epoch of the full preset, and the validation set
 * already tells how the run goes. There is no readout, so no softmax figures.
 */
final class RecurrentEvaluation implements TestSetEvaluation {
    /** Training images scored at the end of a run. */
    static final int TRAIN_EVAL_LIMIT = 10_000;

    /** The figures of an epoch's evaluation; all null for an epoch without one. */
    record EpochErrors(Integer energyValid, List<Integer> validPerLayer, List<Integer> validPerClass, List<Double> rms) {
        static final EpochErrors NONE = new EpochErrors(null, null, null, null);
    }

    private final FFNetwork net;
    private final DataSplits data;
    private final int layers;
    private final RecurrentScorer scorer;
    private final GoodnessScorer.Scores scores;

    RecurrentEvaluation(FFNetwork net, MatrixBackend backend, DataSplits data) {
        this.net = net;
        this.data = data;
        this.layers = net.layerCount();
        scorer = new RecurrentScorer(net, backend, RecurrentScorer.MAX_BLOCK);
        int most = Math.max(trainCases(), Math.max(data.valid().count(), data.test().count()));
        scores = new GoodnessScorer.Scores(most, layers);
    }

    private int trainCases() {
        return Math.min(data.train().count(), TRAIN_EVAL_LIMIT);
    }

    EpochErrors epochErrors() {
        Integer valid = null;
        List<Integer> perLayer = null, perClass = null;
        if (data.valid().count() > 0) {
            EnergyErrors v = errors(data.valid(), data.valid().count(), null);
            valid = v.energy();
            perLayer = v.perLayer();
            perClass = v.perClass();
        }
        List<Double> rms = new ArrayList<>();
        for (int l = 0; l < layers; l++) rms.add(net.weightRms(l));
        return new EpochErrors(valid, perLayer, perClass, rms);
    }

    /** Errors on the first {@code count} images of {@code set}. */
    private EnergyErrors errors(LabeledImages set, int count, int[][] confusion) {
        scorer.score(set.pixels(), 0, count, scores);
        return EnergyErrors.count(scores, set.labels(), count, layers, false, confusion);
    }

    @Override
    public int testErrors() {
        return errors(data.test(), data.test().count(), null).energy();
    }

    @Override
    public TestResult evaluateTest() {
        EnergyErrors tr = errors(data.train(), trainCases(), null);
        int[][] confusion = new int[AbstractTrainer.L][AbstractTrainer.L];
        EnergyErrors te = errors(data.test(), data.test().count(), confusion);
        return new TestResult(tr.energy(), te.energy(), null, null, trainCases(), data.test().count(), confusion);
    }
}
