package goodness.ff.training;

import goodness.ff.NegativeMode;
import goodness.ff.PhaseSchedule;
import goodness.ff.scoring.GoodnessHistogram;

import java.util.List;

/**
 * Everything recorded about one epoch: the seed's log line, its 5-epoch evaluation block (null
 * fields when the epoch had no evaluation), and what the product adds (per-layer goodness,
 * per-layer accuracy, timing, the live settings in force when the epoch ended).
 *
 * @param epoch               0-based epoch number
 * @param gain                recipe A's learning-rate gain of this epoch (1 for recipe B)
 * @param trainLogCost        recipe A: summed −ln q_true of the neutral softmax pass / batches
 *                            (per 100 cases); recipe B: mean FF softplus loss per batch
 * @param pairwiseErrors      per layer: cases whose negative goodness exceeded the positive
 * @param goodnessPos         per layer: mean goodness of positive data
 * @param goodnessNeg         per layer: mean goodness of negative data
 * @param layerAccuracy       per layer: fraction of cases with p+ > 0.5 and of cases with p− < 0.5
 * @param energyErrorsTrain   energy-based errors on the training set, or null
 * @param energyErrorsValid   energy-based errors on the validation set, or null
 * @param softmaxErrorsValid  softmax errors on the validation set, or null (also null for recipe B)
 * @param rms                 per layer rms of W (biases excluded), or null
 * @param suprms              rms of the readout matrices of layers 2.., or null
 * @param trainSeconds        wall time of the epoch's training batches
 * @param evalSeconds         wall time of the epoch's evaluation (0 if none)
 * @param samplesPerSecond    training cases per second
 * @param negatives           negative mode in force at the end of the epoch
 * @param phases              phase schedule in force at the end of the epoch
 * @param trainCases          number of training cases the errors are out of
 * @param validCases          number of validation cases the errors are out of
 * @param energyErrorsTrainPerLayer per layer, errors on the training cases of {@code energyErrorsTrain}
 *                            predicting from that layer's goodness alone, or null (same scores)
 * @param energyErrorsValidPerLayer per layer, the same on the validation set, or null
 * @param energyErrorsValidPerClass per true label, energy errors on the validation set (10 entries), or null
 * @param updateRatio         per layer, rms(ΔW) / rms(W) of the epoch's last update of W (biases
 *                            excluded); NaN where the layer was never updated
 * @param goodnessHistograms  per layer, the epoch's positive and negative goodness histograms
 * @param energyErrorsTest    energy-based errors on the test set at this epoch, or null (recipe B
 *                            has no validation split, so its periodic evaluation scores the test
 *                            set; recipe A keeps the test set for the end of the run)
 * @param testCases           number of test cases {@code energyErrorsTest} is out of (0 if none)
 * @param energyErrorsTestPerLayer per layer, errors on the test cases of {@code energyErrorsTest}
 *                            predicting from that layer's goodness alone, or null (same scores)
 * @param energyErrorsTestPerClass per true label, energy errors on the test set (10 entries), or null
 */
public record EpochMetrics(
        int epoch,
        double gain,
        double trainLogCost,
        List<Integer> pairwiseErrors,
        List<Double> goodnessPos,
        List<Double> goodnessNeg,
        List<Double> layerAccuracy,
        Integer energyErrorsTrain,
        Integer energyErrorsValid,
        Integer softmaxErrorsValid,
        List<Double> rms,
        List<Double> suprms,
        double trainSeconds,
        double evalSeconds,
        double samplesPerSecond,
        NegativeMode negatives,
        PhaseSchedule phases,
        int trainCases,
        int validCases,
        List<Integer> energyErrorsTrainPerLayer,
        List<Integer> energyErrorsValidPerLayer,
        List<Integer> energyErrorsValidPerClass,
        List<Double> updateRatio,
        List<GoodnessHistogram> goodnessHistograms,
        Integer energyErrorsTest,
        int testCases,
        List<Integer> energyErrorsTestPerLayer,
        List<Integer> energyErrorsTestPerClass) {

    /** The metrics without a per-epoch test evaluation (recipe A, and recipe B's epochs without evaluation). */
    public EpochMetrics(int epoch, double gain, double trainLogCost, List<Integer> pairwiseErrors, List<Double> goodnessPos,
                        List<Double> goodnessNeg, List<Double> layerAccuracy, Integer energyErrorsTrain, Integer energyErrorsValid,
                        Integer softmaxErrorsValid, List<Double> rms, List<Double> suprms, double trainSeconds, double evalSeconds,
                        double samplesPerSecond, NegativeMode negatives, PhaseSchedule phases, int trainCases, int validCases,
                        List<Integer> energyErrorsTrainPerLayer, List<Integer> energyErrorsValidPerLayer,
                        List<Integer> energyErrorsValidPerClass, List<Double> updateRatio, List<GoodnessHistogram> goodnessHistograms) {
        this(epoch, gain, trainLogCost, pairwiseErrors, goodnessPos, goodnessNeg, layerAccuracy, energyErrorsTrain, energyErrorsValid,
                softmaxErrorsValid, rms, suprms, trainSeconds, evalSeconds, samplesPerSecond, negatives, phases, trainCases, validCases,
                energyErrorsTrainPerLayer, energyErrorsValidPerLayer, energyErrorsValidPerClass, updateRatio, goodnessHistograms, null, 0,
                null, null);
    }

    /** The metrics without the inside-view fields and without a per-epoch test evaluation (they are null), as recorded before they existed. */
    public EpochMetrics(int epoch, double gain, double trainLogCost, List<Integer> pairwiseErrors, List<Double> goodnessPos,
                        List<Double> goodnessNeg, List<Double> layerAccuracy, Integer energyErrorsTrain, Integer energyErrorsValid,
                        Integer softmaxErrorsValid, List<Double> rms, List<Double> suprms, double trainSeconds, double evalSeconds,
                        double samplesPerSecond, NegativeMode negatives, PhaseSchedule phases, int trainCases, int validCases) {
        this(epoch, gain, trainLogCost, pairwiseErrors, goodnessPos, goodnessNeg, layerAccuracy, energyErrorsTrain, energyErrorsValid,
                softmaxErrorsValid, rms, suprms, trainSeconds, evalSeconds, samplesPerSecond, negatives, phases, trainCases, validCases,
                null, null, null, null, null, null, 0, null, null);
    }

    public boolean hasEvaluation() {
        return energyErrorsValid != null || energyErrorsTrain != null || energyErrorsTest != null || softmaxErrorsValid != null;
    }

    /** Test accuracy of this epoch's evaluation (0..1), or NaN when the epoch has no test evaluation. */
    public double testAccuracy() {
        return energyErrorsTest == null || testCases <= 0 ? Double.NaN : 1.0 - (double) energyErrorsTest / testCases;
    }

    /** The epoch in the seed's log format (one line, plus the evaluation block when present). */
    public String seedStyle() {
        StringBuilder b = new StringBuilder();
        b.append(String.format("ep: %3d gain: %.3f trainlogcost: %.4f PairwiseErrs: %s",
                epoch, gain, trainLogCost, join(pairwiseErrors)));
        if (hasEvaluation()) {
            if (energyErrorsTrain == null && energyErrorsValid == null && energyErrorsTest == null)
                b.append("");   // no labelled score (unsupervised): the readout's line below is the evaluation
            else if (energyErrorsTest == null || validCases > 0)
                b.append(String.format("%nEnergy-based errs: Train %s/%d Valid %s/%d", str(energyErrorsTrain), trainCases, str(energyErrorsValid), validCases));
            else
                b.append(String.format("%nEnergy-based errs: Train %s/%d Test %d/%d (test accuracy %.2f%%)", str(energyErrorsTrain), trainCases,
                        energyErrorsTest, testCases, 100 * testAccuracy()));
            if (softmaxErrorsValid != null) b.append(String.format("%nSoftmax-based errs: Valid %d/%d", softmaxErrorsValid, validCases));
            if (rms != null) b.append("\nrms: ").append(fmt(rms));
            if (suprms != null && !suprms.isEmpty()) b.append("\nsuprms: ").append(fmt(suprms));
        }
        return b.toString();
    }

    private static String str(Integer v) {
        return v == null ? "-" : v.toString();
    }

    private static String join(List<Integer> v) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < v.size(); i++) b.append(i == 0 ? "" : ", ").append(v.get(i));
        return b.toString();
    }

    private static String fmt(List<Double> v) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < v.size(); i++) b.append(i == 0 ? " " : ", ").append(String.format("%.4f", v.get(i)));
        return b.toString();
    }
}
