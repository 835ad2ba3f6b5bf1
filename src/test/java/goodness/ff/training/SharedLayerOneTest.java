package goodness.ff.training;

import goodness.data.DataSplits;
import goodness.ff.FFConfig;
import goodness.ff.NegativeMode;
import goodness.ff.Phase;
import goodness.ff.PhaseSchedule;
import goodness.ff.TestData;
import goodness.ff.backend.EjmlBackend;
import goodness.ff.backend.MatrixBackend;
import goodness.ff.backend.OpenBlasBackend;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.*;

/**
 * Recipe A's layer 1 shared by the positive, neutral and negative passes (one image product per
 * batch, the label rows and row factors added in the element-wise kernel; the layer-1 gradient
 * on combined deltas) is an exact rearrangement of the plain path, where every pass multiplies
 * its own normalised, label-embedded input: both agree to float rounding. The same for recipe
 * B's layer 1, shared by the positive and negative halves of each of its K steps.
 */
class SharedLayerOneTest {

    /** |a − b| ≤ rel · max|a| for every entry: float32 sums in another order, nothing more. */
    private static void assertClose(float[] expected, float[] actual, double rel, String what) {
        assertEquals(expected.length, actual.length, what);
        double scale = 0;
        for (float v : expected) scale = Math.max(scale, Math.abs(v));
        assertTrue(scale > 0, what + " is all zero: the comparison would prove nothing");
        for (int k = 0; k < expected.length; k++)
            assertEquals(expected[k], actual[k], rel * scale, what + "[" + k + "]");
    }

    private record Case(List<Integer> widths, int batch, NegativeMode negatives, PhaseSchedule phases, int batches) {
    }

    private static List<Case> randomCases(long seed, int count) {
        Random r = new Random(seed);
        List<Case> cases = new ArrayList<>();
        NegativeMode[] modes = {NegativeMode.RANDOM, NegativeMode.MASK, NegativeMode.HARD};
        PhaseSchedule[] schedules = {PhaseSchedule.unseparated(), PhaseSchedule.symmetric(1), new PhaseSchedule(2, 1, true)};
        for (int i = 0; i < count; i++) {
            List<Integer> widths = List.of(3 + r.nextInt(60), 3 + r.nextInt(40), 2 + r.nextInt(30));
            cases.add(new Case(widths, 2 + r.nextInt(30), modes[i % modes.length], schedules[r.nextInt(schedules.length)], 3));
        }
        return cases;
    }

    /** Runs both paths batch by batch and compares the passes' goodness, the momenta and the parameters after each. */
    private static void compare(Case c, DataSplits data, MatrixBackend plainBackend, MatrixBackend sharedBackend) {
        FFConfig config = TestData.tiny().hiddenSizes(c.widths()).batchSize(c.batch()).negatives(c.negatives())
                .phases(c.phases()).evalEvery(0).build();
        String name = c.toString();
        try (HintonTrainer plain = HintonTrainer.plainLayerOne(config, data, plainBackend);
             HintonTrainer shared = new HintonTrainer(config, data, sharedBackend)) {
            for (int b = 0; b < c.batches(); b++) {
                plain.trainBatch();
                shared.trainBatch();
                String at = name + ", batch " + b + ": ";
                BatchSnapshot p = plain.batchSnapshot(), s = shared.batchSnapshot();
                for (int l = 0; l < 3; l++) {
                    // Forward: the goodness of every positive and negative row in every layer.
                    assertClose(p.lastPos().get(l), s.lastPos().get(l), 2e-5, at + "positive goodness, layer " + (l + 1));
                    assertClose(p.lastNeg().get(l), s.lastNeg().get(l), 2e-5, at + "negative goodness, layer " + (l + 1));
                    // Gradient: the momenta hold Σ (1−μ)μ^k·dW/B of the batches so far.
                    String m = "weightMomentum" + l;
                    assertClose(plain.state().buffers().get(m), shared.state().buffers().get(m), 2e-4, at + m);
                    assertClose(plain.network().weights[l].data, shared.network().weights[l].data, 1e-5, at + "W" + (l + 1));
                    assertClose(plain.network().biases[l], shared.network().biases[l], 2e-4, at + "b" + (l + 1));
                }
                // The neutral pass: the readouts trained on its layers 2 and 3.
                for (int l = 1; l < 3; l++)
                    assertClose(plain.network().readout[l].data, shared.network().readout[l].data, 2e-4, at + "S" + (l + 1));
            }
        }
    }

    @Test
    void sharedForwardAndGradientEqualThePlainPathOnRandomShapesAndLabels() {
        DataSplits data = TestData.small(400, 10);
        for (Case c : randomCases(14, 9)) compare(c, data, new EjmlBackend(1), new EjmlBackend(1));
    }

    @Test
    void sharedPathEqualsThePlainPathWithInputShiftsAndDropout() {
        // hinton-plus: shifted images (every pass of a case sees the same one) and dropout on n_l.
        DataSplits data = TestData.small(400, 10);
        for (Case c : randomCases(77, 3)) {
            FFConfig config = TestData.tiny().hiddenSizes(c.widths()).batchSize(c.batch()).negatives(c.negatives())
                    .phases(c.phases()).evalEvery(0).shiftPixels(2).dropout(0.2).build();
            try (HintonTrainer plain = HintonTrainer.plainLayerOne(config, data, new EjmlBackend(1));
                 HintonTrainer shared = new HintonTrainer(config, data, new EjmlBackend(1))) {
                for (int b = 0; b < 3; b++) {
                    plain.trainBatch();
                    shared.trainBatch();
                    for (int l = 0; l < 3; l++) {
                        String m = "weightMomentum" + l;
                        assertClose(plain.state().buffers().get(m), shared.state().buffers().get(m), 2e-4, c + ", batch " + b + ": " + m);
                        assertClose(plain.batchSnapshot().lastNeg().get(l), shared.batchSnapshot().lastNeg().get(l), 2e-5, c + ", batch " + b + ": G-" + l);
                    }
                }
            }
        }
    }

    @Test
    void sharedPathOnOpenBlasEqualsThePlainPathOnEjml() {
        Assumptions.assumeTrue(OpenBlasBackend.isAvailable(), OpenBlasBackend.unavailableReason());
        DataSplits data = TestData.small(400, 10);
        // Resident weights, images and momentum accumulators on the shared side, plain EJML on the other.
        for (Case c : randomCases(41, 3)) compare(c, data, new EjmlBackend(1), new OpenBlasBackend(1));
    }

    @Test
    void aTwoEpochRunMatchesThePlainPathsMetrics() {
        DataSplits data = TestData.small(1000, 300);
        FFConfig config = TestData.tiny().epochs(2).evalEvery(1).build();   // hard negatives, the default
        List<EpochMetrics> plain = new ArrayList<>(), shared = new ArrayList<>();
        try (HintonTrainer t = HintonTrainer.plainLayerOne(config, data, new EjmlBackend(1))) { run(t, plain); }
        try (HintonTrainer t = new HintonTrainer(config, data, new EjmlBackend(1))) { run(t, shared); }
        assertEquals(2, shared.size());
        for (int e = 0; e < 2; e++) {
            EpochMetrics p = plain.get(e), s = shared.get(e);
            assertEquals(p.trainLogCost(), s.trainLogCost(), 1e-4 * p.trainLogCost(), "trainlogcost, epoch " + e);
            for (int l = 0; l < 3; l++) {
                // Counts can move by a case or two when a sampled negative label or a goodness
                // comparison sits within rounding of its boundary.
                assertEquals(p.pairwiseErrors().get(l), s.pairwiseErrors().get(l), 2, "PairwiseErrs layer " + (l + 1) + ", epoch " + e);
                assertEquals(p.goodnessPos().get(l), s.goodnessPos().get(l), 1e-4 * p.goodnessPos().get(l), "goodness+ layer " + (l + 1));
                assertEquals(p.goodnessNeg().get(l), s.goodnessNeg().get(l), 1e-4 * p.goodnessNeg().get(l), "goodness- layer " + (l + 1));
                assertEquals(p.rms().get(l), s.rms().get(l), 1e-5 * p.rms().get(l), "rms layer " + (l + 1));
            }
            assertEquals(p.energyErrorsTrain(), s.energyErrorsTrain(), 2, "energy errors train, epoch " + e);
            assertEquals(p.energyErrorsValid(), s.energyErrorsValid(), 2, "energy errors valid, epoch " + e);
            assertEquals(p.softmaxErrorsValid(), s.softmaxErrorsValid(), 2, "softmax errors valid, epoch " + e);
        }
    }

    @Test
    void recipeBSharedLayerOneEqualsThePlainPathOnRandomShapesLabelsAndPhases() {
        DataSplits data = SleepTrainerTest.tinyData(256);
        Random r = new Random(3);
        NegativeMode[] modes = {NegativeMode.RANDOM, NegativeMode.HARD, NegativeMode.MASK};
        PhaseSchedule[] schedules = {PhaseSchedule.unseparated(), PhaseSchedule.symmetric(1), new PhaseSchedule(2, 1, true)};
        for (int c = 0; c < 9; c++) {
            List<Integer> widths = List.of(3 + r.nextInt(40), 2 + r.nextInt(30));
            FFConfig config = FFConfig.sleep().toBuilder().hiddenSizes(widths).batchSize(2 + r.nextInt(30)).stepsPerBatch(1 + r.nextInt(4))
                    .epochs(2).trainLimit(256).threads(1).backend("ejml").negatives(modes[c % 3]).phases(schedules[r.nextInt(3)])
                    .learningRate(0.01).evalEvery(0).build();
            MatrixBackend sharedBackend = c % 3 == 0 && OpenBlasBackend.isAvailable() ? new OpenBlasBackend(1) : new EjmlBackend(1);
            String name = widths + ", B " + config.batchSize() + ", K " + config.stepsPerBatch() + ", " + config.negatives() + ", " + config.phases()
                    + ", " + sharedBackend.name();
            try (SleepTrainer plain = SleepTrainer.plainLayerOne(config, data, new EjmlBackend(1));
                 SleepTrainer shared = new SleepTrainer(config, data, sharedBackend)) {
                for (int b = 0; b < 3; b++) {
                    plain.trainBatch();
                    shared.trainBatch();
                    String at = name + ", batch " + b + ": ";
                    BatchSnapshot p = plain.batchSnapshot(), s = shared.batchSnapshot();
                    for (int l = 0; l < 2; l++) {
                        assertClose(p.lastPos().get(l), s.lastPos().get(l), 1e-4, at + "positive goodness, layer " + (l + 1));
                        assertClose(p.lastNeg().get(l), s.lastNeg().get(l), 1e-4, at + "negative goodness, layer " + (l + 1));
                        // Adam normalises the step, so weights move by ~lr per step whatever the gradient's
                        // size: compare the moments (the gradients) and the weights at the step's scale.
                        Phase ph = config.phases().phaseOf(b);
                        assertClose(plain.adamFirstMoment(l, ph), shared.adamFirstMoment(l, ph), 2e-3, at + "Adam first moment, layer " + (l + 1));
                        assertClose(plain.network().weights[l].data, shared.network().weights[l].data, 2e-3, at + "W" + (l + 1));
                    }
                }
            }
        }
    }

    @Test
    void aTwoEpochRecipeBRunMatchesThePlainPathsMetrics() {
        DataSplits data = SleepTrainerTest.tinyData(512);
        FFConfig config = FFConfig.sleep().toBuilder().hiddenSizes(List.of(40, 30, 20)).batchSize(32).stepsPerBatch(3).epochs(2)
                .trainLimit(512).threads(1).backend("ejml").learningRate(0.01).evalEvery(1).build();
        List<EpochMetrics> plain = new ArrayList<>(), shared = new ArrayList<>();
        try (SleepTrainer t = SleepTrainer.plainLayerOne(config, data, new EjmlBackend(1))) { run(t, plain); }
        try (SleepTrainer t = new SleepTrainer(config, data, new EjmlBackend(1))) { run(t, shared); }
        for (int e = 0; e < 2; e++) {
            EpochMetrics p = plain.get(e), s = shared.get(e);
            assertEquals(p.trainLogCost(), s.trainLogCost(), 1e-4 * p.trainLogCost(), "FF loss, epoch " + e);
            for (int l = 0; l < 3; l++) {
                assertEquals(p.pairwiseErrors().get(l), s.pairwiseErrors().get(l), 2, "PairwiseErrs layer " + (l + 1) + ", epoch " + e);
                assertEquals(p.goodnessPos().get(l), s.goodnessPos().get(l), 1e-4 * p.goodnessPos().get(l), "goodness+ layer " + (l + 1));
                assertEquals(p.rms().get(l), s.rms().get(l), 1e-4 * p.rms().get(l), "rms layer " + (l + 1));
            }
            assertEquals(p.energyErrorsTrain(), s.energyErrorsTrain(), 2, "energy errors train, epoch " + e);
        }
    }

    private static void run(Trainer t, List<EpochMetrics> out) {
        while (!t.finished()) {
            while (t.batchInEpoch() < t.batchesPerEpoch()) t.trainBatch();
            out.add(t.finishEpoch());
        }
    }
}
