package goodness.ff.training;

import goodness.data.DataSplits;
import goodness.data.LabeledImages;
import goodness.ff.FFNetwork;
import goodness.ff.backend.MatrixBackend;
import goodness.ff.scoring.EnergyErrors;
import goodness.ff.scoring.GoodnessScorer;
import goodness.ff.scoring.TestResult;

import java.util.ArrayList;
import java.util.List;

/**
 * Recipe A's evaluation: energy errors on the training set, energy and softmax errors on the
 * validation set each evaluated epoch, and on the test set at the end, all scored into one
 * buffer sized for the largest split.
 */
final class HintonEvaluation implements TestSetEvaluation {
    /** The figures of an epoch's evaluation; all null for an epoch without one. */
    record EpochErrors(Integer energyTrain, List<Integer> trainPerLayer, Integer energyValid, Integer softmaxValid,
                       List<Integer> validPerLayer, List<Integer> validPerClass, List<Double> rms, List<Double> suprms) {
        static final EpochErrors NONE = new EpochErrors(null, null, null, null, null, null, null, null);
    }

    private final FFNetwork net;
    private final DataSplits data;
    private final int layers;
    private final GoodnessScorer scorer;
    private final GoodnessScorer.Scores scores;

    HintonEvaluation(FFNetwork net, MatrixBackend backend, DataSplits data, int layers) {
        this.net = net;
        this.data = data;
        this.layers = layers;
        scorer = new GoodnessScorer(net, backend, 250);
        scores = new GoodnessScorer.Scores(Math.max(data.train().count(), Math.max(data.valid().count(), data.test().count())), layers);
    }

    /** The per-epoch evaluation: train errors, the validation set's (if any), then the weights' and readouts' rms. */
    EpochErrors epochErrors() {
        Integer eValid = null, sValid = null;
        List<Integer> validPerLayer = null, validPerClass = null;
        EnergyErrors t = errors(data.train(), null, false);   // the recipe prints energy errors only on train
        if (data.valid().count() > 0) {
            EnergyErrors v = errors(data.valid(), null, true);
            eValid = v.energy();
            sValid = v.softmax();
            validPerLayer = v.perLayer();
            validPerClass = v.perClass();
        }
        List<Double> rms = new ArrayList<>(), suprms = new ArrayList<>();
        for (int l = 0; l < layers; l++) {
            rms.add(net.weightRms(l));
            if (net.hasReadout(l)) suprms.add(net.readoutRms(l));
        }
        return new EpochErrors(t.energy(), t.perLayer(), eValid, sValid, validPerLayer, validPerClass, rms, suprms);
    }

    /** Energy (and with {@code withSoftmax} softmax) errors on a set, per layer and per class; fills {@code confusion[true][predicted]} if given. */
    private EnergyErrors errors(LabeledImages set, int[][] confusion, boolean withSoftmax) {
        scorer.score(set.pixels(), 0, set.count(), scores, withSoftmax);
        return EnergyErrors.count(scores, set.labels(), set.count(), layers, withSoftmax, confusion);
    }

    @Override
    public int testErrors() {
        return errors(data.test(), null, false).energy();
    }

    @Override
    public TestResult evaluateTest() {
        EnergyErrors tr = errors(data.train(), null, true);
        int[][] confusion = new int[AbstractTrainer.L][AbstractTrainer.L];
        EnergyErrors te = errors(data.test(), confusion, true);
        return new TestResult(tr.energy(), te.energy(), tr.softmax(), te.softmax(), data.train().count(), data.test().count(), confusion);
    }
}
