package goodness.ff.training;

import goodness.data.DataSplits;
import goodness.data.LabeledImages;
import goodness.ff.FFNetwork;
import goodness.ff.scoring.EnergyErrors;
import goodness.ff.scoring.GoodnessScorer;
import goodness.ff.scoring.TestResult;

import java.util.ArrayList;
import java.util.List;

/**
 * Recipe B's evaluation: energy errors on the whole test set (which stands in for the validation
 * split the recipe lacks) and on the first {@value SleepTrainer#TRAIN_EVAL_LIMIT} training images,
 * scored by the trainer's own {@link GoodnessScorer} into one buffer sized for the larger set.
 */
final class SleepEvaluation implements TestSetEvaluation {
    /** The figures of an epoch's evaluation; all null for an epoch without one. */
    record EpochErrors(Integer energyTrain, List<Integer> trainPerLayer, Integer energyTest,
                       List<Integer> testPerLayer, List<Integer> testPerClass, List<Double> rms) {
        static final EpochErrors NONE = new EpochErrors(null, null, null, null, null, null);
    }

    private final FFNetwork net;
    private final DataSplits data;
    private final int layers;
    private final GoodnessScorer scorer;
    private final GoodnessScorer.Scores evalScores;

    SleepEvaluation(FFNetwork net, DataSplits data, int layers, GoodnessScorer scorer) {
        this.net = net;
        this.data = data;
        this.layers = layers;
        this.scorer = scorer;
        evalScores = new GoodnessScorer.Scores(Math.max(trainCases(), data.test().count()), layers);
    }

    /** How many training images the train-set errors are out of. */
    int trainCases() {
        return Math.min(data.train().count(), SleepTrainer.TRAIN_EVAL_LIMIT);
    }

    /** The per-epoch evaluation: train errors, then the test set's energy, per-layer and per-class errors (the same scores), then the weights' rms. */
    EpochErrors epochErrors() {
        EnergyErrors t = errors(data.train(), trainCases(), null);
        EnergyErrors te = errors(data.test(), data.test().count(), null);
        List<Double> rms = new ArrayList<>();
        for (int l = 0; l < layers; l++) rms.add(net.weightRms(l));
        return new EpochErrors(t.energy(), t.perLayer(), te.energy(), te.perLayer(), te.perClass(), rms);
    }

    /** Energy errors (also per layer and per class) on the first {@code count} images of a set; fills {@code confusion[true][predicted]} if given. */
    EnergyErrors errors(LabeledImages set, int count, int[][] confusion) {
        scorer.score(set.pixels(), 0, count, evalScores);
        return EnergyErrors.count(evalScores, set.labels(), count, layers, false, confusion);
    }

    /** Energy errors on the test set (all of it), with a confusion matrix if given. */
    @Override
    public int testErrors() {
        return testErrors(null);
    }

    int testErrors(int[][] confusion) {
        return errors(data.test(), data.test().count(), confusion).energy();
    }

    /** Test errors on the whole test set; train errors on the first {@link #trainCases()} training images. */
    @Override
    public TestResult evaluateTest() {
        int trainCases = trainCases();
        int tr = errors(data.train(), trainCases, null).energy();
        int[][] confusion = new int[AbstractTrainer.L][AbstractTrainer.L];
        int te = testErrors(confusion);
        return new TestResult(tr, te, null, null, trainCases, data.test().count(), confusion);
    }
}
