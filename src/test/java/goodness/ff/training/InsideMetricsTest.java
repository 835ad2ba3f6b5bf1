package goodness.ff.training;

import goodness.data.DataSplits;
import goodness.data.LabeledImages;
import goodness.ff.FFConfig;
import goodness.ff.FFMath;
import goodness.ff.FFNetwork;
import goodness.ff.NegativeMode;
import goodness.ff.SeededRandom;
import goodness.ff.TestData;
import goodness.ff.backend.EjmlBackend;
import goodness.ff.negatives.NegativesSample;
import goodness.ff.scoring.DigitPredictor;
import goodness.ff.scoring.GoodnessHistogram;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

/**
 * The engine's metrics for the Inside view: per-layer and per-class errors, goodness histograms,
 * update ratios, and the negatives and receptive fields it publishes.
 */
class InsideMetricsTest {

    /** One epoch of recipe A (evaluated at its end: evalEvery 1). */
    private static EpochMetrics oneEpoch(HintonTrainer t) {
        while (t.batchInEpoch() < t.batchesPerEpoch()) t.trainBatch();
        return t.finishEpoch();
    }

    @Test
    void perLayerAndPerClassErrorsEqualAPlainRecomputationPerLabelAndLayer() {
        DataSplits data = TestData.small(500, 80);
        try (HintonTrainer t = new HintonTrainer(TestData.tiny().build(), data, new EjmlBackend(1))) {
            EpochMetrics m = oneEpoch(t);
            // The network is unchanged after finishEpoch: recompute with a plain double-precision pass per label.
            FFNetwork net = t.network();
            LabeledImages valid = data.valid();
            int n = valid.count(), layers = net.layerCount();
            double[][][] goodness = new double[layers][n][10];
            for (int c = 0; c < 10; c++) {
                int[] labels = new int[n];
                java.util.Arrays.fill(labels, c);
                double[][][] pass = HintonTrainerTest.forward(net, valid, labels, 0);
                for (int l = 0; l < layers; l++)
                    for (int i = 0; i < n; i++) {
                        double g = 0;
                        for (double v : pass[2 * l + 1][i]) g += v * v;
                        goodness[l][i][c] = g;
                    }
            }
            int[] layerErrors = new int[layers], classErrors = new int[10];
            int nearTies = 0, energyErrors = 0;
            for (int i = 0; i < n; i++) {
                int truth = valid.labels()[i];
                double[] energy = new double[10];
                for (int l = 0; l < layers; l++) {
                    if (argmax(goodness[l][i]) != truth) layerErrors[l]++;
                    if (nearTie(goodness[l][i])) nearTies++;
                    if (net.countsInEnergy(l)) for (int c = 0; c < 10; c++) energy[c] += goodness[l][i][c];
                }
                if (nearTie(energy)) nearTies++;
                if (argmax(energy) != truth) {
                    energyErrors++;
                    classErrors[truth]++;
                }
            }
            // float vs double can only flip a label whose best two scores are within rounding of each other.
            assertTrue(nearTies <= n / 50, "too many near ties for a meaningful check: " + nearTies);
            List<Integer> perLayer = m.energyErrorsValidPerLayer();
            assertEquals(layers, perLayer.size());
            for (int l = 0; l < layers; l++)
                assertTrue(Math.abs(perLayer.get(l) - layerErrors[l]) <= nearTies, "layer " + (l + 1) + ": " + perLayer.get(l) + " vs plain " + layerErrors[l]);
            assertTrue(Math.abs(m.energyErrorsValid() - energyErrors) <= nearTies);
            List<Integer> perClass = m.energyErrorsValidPerClass();
            assertEquals(10, perClass.size());
            assertEquals((int) m.energyErrorsValid(), perClass.stream().mapToInt(Integer::intValue).sum(), "per-class errors add up to the energy errors");
            for (int c = 0; c < 10; c++) assertTrue(Math.abs(perClass.get(c) - classErrors[c]) <= nearTies, "class " + c);
            assertEquals(layers, m.energyErrorsTrainPerLayer().size());
        }
    }

    /**
     * Recipe B has no validation split: its evaluation scores the test set, and the per-layer and
     * per-class errors come from those scores (no extra pass). They equal a plain recomputation:
     * standardised image, label pixel = (1 − mean)/std, L2-normalised inputs, goodness = mean h²,
     * energy = the sum over all layers.
     */
    @Test
    void recipeBsPerLayerAndPerClassTestErrorsEqualAPlainRecomputationPerLabelAndLayer() {
        FFConfig c = FFConfig.sleep().toBuilder().hiddenSizes(List.of(40, 30, 20)).batchSize(50).stepsPerBatch(2).epochs(1)
                .trainLimit(200).threads(1).backend("ejml").evalEvery(1).build();
        DataSplits data = TestData.small(200, 120);
        try (SleepTrainer t = new SleepTrainer(c, data, new EjmlBackend(1))) {
            while (t.batchInEpoch() < t.batchesPerEpoch()) t.trainBatch();
            EpochMetrics m = t.finishEpoch();
            FFNetwork net = t.network();
            LabeledImages test = data.test();
            int n = test.count(), layers = net.layerCount();
            double[][][] goodness = plainSleepGoodness(net, test);
            int[] layerErrors = new int[layers], classErrors = new int[10];
            int nearTies = 0, energyErrors = 0;
            for (int i = 0; i < n; i++) {
                int truth = test.labels()[i];
                double[] energy = new double[10];
                for (int l = 0; l < layers; l++) {
                    if (argmax(goodness[l][i]) != truth) layerErrors[l]++;
                    if (nearTie(goodness[l][i])) nearTies++;
                    for (int k = 0; k < 10; k++) energy[k] += goodness[l][i][k];
                }
                if (nearTie(energy)) nearTies++;
                if (argmax(energy) != truth) {
                    energyErrors++;
                    classErrors[truth]++;
                }
            }
            assertTrue(nearTies <= n / 50, "too many near ties for a meaningful check: " + nearTies);
            assertEquals(n, m.testCases());
            assertTrue(Math.abs(m.energyErrorsTest() - energyErrors) <= nearTies, m.energyErrorsTest() + " vs plain " + energyErrors);
            List<Integer> perLayer = m.energyErrorsTestPerLayer();
            assertEquals(layers, perLayer.size());
            for (int l = 0; l < layers; l++)
                assertTrue(Math.abs(perLayer.get(l) - layerErrors[l]) <= nearTies, "layer " + (l + 1) + ": " + perLayer.get(l) + " vs plain " + layerErrors[l]);
            List<Integer> perClass = m.energyErrorsTestPerClass();
            assertEquals(10, perClass.size());
            assertEquals((int) m.energyErrorsTest(), perClass.stream().mapToInt(Integer::intValue).sum(), "per-class errors add up to the energy errors");
            for (int k = 0; k < 10; k++) assertTrue(Math.abs(perClass.get(k) - classErrors[k]) <= nearTies, "class " + k);
            // A meaningful check needs errors that differ between layers and classes, not all or none.
            assertTrue(energyErrors > 0 && energyErrors < n, "energy errors " + energyErrors + " of " + n);
            assertNull(m.energyErrorsValidPerLayer(), "recipe B has no validation split");
            assertNull(m.energyErrorsValidPerClass());
        }
    }

    /** goodness[layer][image][label] of recipe B, in double precision, one plain pass per label. */
    private static double[][][] plainSleepGoodness(FFNetwork net, LabeledImages set) {
        int n = set.count(), layers = net.layerCount();
        double mean = net.config().dataset().mean(), std = net.config().dataset().std(), labelValue = (1 - mean) / std;
        double[][][] g = new double[layers][n][10];
        for (int i = 0; i < n; i++)
            for (int label = 0; label < 10; label++) {
                double[] x = new double[784];
                for (int k = 10; k < 784; k++) x[k] = (set.pixels()[i * 784 + k] - mean) / std;
                x[label] = labelValue;
                for (int l = 0; l < layers; l++) {
                    double[] in = l2normalised(x);
                    int w = net.width(l);
                    double[] h = new double[w];
                    double sum = 0;
                    for (int j = 0; j < w; j++) {
                        double z = net.biases[l][j];
                        for (int k = 0; k < in.length; k++) z += in[k] * net.weights[l].get(k, j);
                        h[j] = Math.max(0, z);
                        sum += h[j] * h[j];
                    }
                    g[l][i][label] = sum / w;
                    x = h;
                }
            }
        return g;
    }

    private static double[] l2normalised(double[] x) {
        double ss = 0;
        for (double v : x) ss += v * v;
        double f = 1 / (Math.sqrt(ss) + 1e-4);
        double[] r = new double[x.length];
        for (int k = 0; k < x.length; k++) r[k] = x[k] * f;
        return r;
    }

    private static int argmax(double[] v) {
        return FFMath.argmax(v);
    }

    private static boolean nearTie(double[] v) {
        int best = argmax(v);
        for (int c = 0; c < v.length; c++) if (c != best && v[best] - v[c] <= 1e-5 * Math.abs(v[best])) return true;
        return false;
    }

    @Test
    void histogramCountsAddUpToTheBatchAndSplitAtTheThreshold() {
        DataSplits data = TestData.small(400, 50);
        try (HintonTrainer t = new HintonTrainer(TestData.tiny().build(), data, new EjmlBackend(1))) {
            t.trainBatch();
            List<GoodnessHistogram> afterOne = t.tally.histograms();
            for (int l = 0; l < 3; l++) {
                assertEquals(100, afterOne.get(l).positiveCount(), "layer " + (l + 1) + " positives of one batch");
                assertEquals(100, afterOne.get(l).negativeCount(), "layer " + (l + 1) + " negatives of one batch");
            }
            while (t.batchInEpoch() < t.batchesPerEpoch()) t.trainBatch();
            int thr = GoodnessHistogram.thresholdBin();
            for (int l = 0; l < 3; l++) {
                GoodnessHistogram h = t.tally.histograms().get(l);
                int above = h.positive().subList(thr, GoodnessHistogram.BINS).stream().mapToInt(Integer::intValue).sum();
                int below = h.negative().subList(0, thr).stream().mapToInt(Integer::intValue).sum();
                // p+ > 0.5 exactly when G > θ, so the bins above the threshold hold the layer's correct positives.
                assertEquals((int) t.tally.posCorrect[l], above, "layer " + (l + 1) + " positives above θ");
                assertEquals((int) t.tally.negCorrect[l], below, "layer " + (l + 1) + " negatives below θ");
                assertEquals(t.config().threshold() * t.network().width(l), h.threshold());
            }
            EpochMetrics m = t.finishEpoch();
            for (GoodnessHistogram h : m.goodnessHistograms()) {
                assertEquals(400, h.positiveCount());
                assertEquals(400, h.negativeCount());
            }
        }
    }

    @Test
    void histogramBinsAreFixedStepsOfLog2AroundTheThreshold() {
        int thr = GoodnessHistogram.thresholdBin();
        assertEquals(GoodnessHistogram.BINS / 2, thr);
        assertEquals(thr, GoodnessHistogram.bin(1000, 1000));
        assertEquals(thr - 1, GoodnessHistogram.bin(990, 1000));
        assertEquals(thr + 4, GoodnessHistogram.bin(2000.5, 1000), "one octave = " + 4 + " bins");
        assertEquals(0, GoodnessHistogram.bin(0, 1000));
        assertEquals(0, GoodnessHistogram.bin(1e-9, 1.5));
        assertEquals(GoodnessHistogram.BINS - 1, GoodnessHistogram.bin(1e9, 1.5));
        GoodnessHistogram h = new GoodnessHistogram(1.5, java.util.Collections.nCopies(32, 0), java.util.Collections.nCopies(32, 0));
        assertEquals(1.5, h.lowerEdge(thr), 1e-12);
        assertEquals(3.0, h.lowerEdge(thr + 4), 1e-12);
    }

    @Test
    void updateRatioIsTheLastUpdatesRelativeSize() {
        DataSplits data = TestData.small(300, 50);
        try (HintonTrainer t = new HintonTrainer(TestData.tiny().build(), data, new EjmlBackend(1))) {
            while (t.batchInEpoch() < t.batchesPerEpoch() - 1) t.trainBatch();
            float[][] before = weights(t.network());
            t.trainBatch();
            EpochMetrics m = t.finishEpoch();
            assertRatios(before, t.network(), m.updateRatio(), 1e-3);
        }
        // Recipe B: one Adam step per batch, so the last batch's change is the last step.
        FFConfig sleep = FFConfig.sleep().toBuilder().hiddenSizes(List.of(16, 12)).batchSize(8).stepsPerBatch(1).epochs(2)
                .trainLimit(32).threads(1).backend("ejml").evalEvery(1).build();
        try (SleepTrainer t = new SleepTrainer(sleep, SleepTrainerTest.tinyData(32), new EjmlBackend(1))) {
            while (t.batchInEpoch() < t.batchesPerEpoch() - 1) t.trainBatch();
            float[][] before = weights(t.network());
            t.trainBatch();
            EpochMetrics m = t.finishEpoch();
            assertRatios(before, t.network(), m.updateRatio(), 1e-3);
            assertEquals(2, m.energyErrorsTrainPerLayer().size());
            assertNull(m.energyErrorsValidPerLayer(), "recipe B has no validation split");
            for (GoodnessHistogram h : m.goodnessHistograms()) assertEquals(32, h.positiveCount() + 0 * h.negativeCount());
        }
    }

    private static float[][] weights(FFNetwork net) {
        float[][] w = new float[net.layerCount()][];
        for (int l = 0; l < w.length; l++) w[l] = net.weights[l].data.clone();
        return w;
    }

    private static void assertRatios(float[][] before, FFNetwork after, List<Double> ratio, double relTol) {
        assertEquals(before.length, ratio.size());
        for (int l = 0; l < before.length; l++) {
            float[] a = after.weights[l].data;
            double d = 0, w = 0;
            for (int k = 0; k < a.length; k++) {
                double x = (double) a[k] - before[l][k];
                d += x * x;
                w += (double) a[k] * a[k];
            }
            double measured = Math.sqrt(d / w);
            assertTrue(measured > 0, "layer " + (l + 1) + " was updated");
            assertEquals(measured, ratio.get(l), relTol * measured + 1e-6 * measured, "layer " + (l + 1) + " update ratio");
        }
    }

    @Test
    void theNegativesPublishedAreTheOnesTheTrainerUsed() {
        DataSplits data = TestData.small(400, 50);
        LabeledImages train = data.train();
        for (NegativeMode mode : NegativeMode.values()) {
            try (HintonTrainer t = new HintonTrainer(TestData.tiny().negatives(mode).build(), data, new EjmlBackend(1))) {
                t.trainBatch();
                assertNull(t.negativesSample(), mode + ": nothing is recorded unless asked");
                t.setNegativeDetails(true);
                t.trainBatch();                                  // batch 1: images 100..199 (no shuffling)
                NegativesSample s = t.negativesSample();
                assertNotNull(s);
                assertEquals(mode, s.mode());
                assertEquals(0, s.epoch());
                assertEquals(1, s.batch());
                assertEquals(16, s.cases());
                float[] negIn = t.negativePassInput();
                for (int i = 0; i < 16; i++) {
                    assertArrayEquals(train.image(100 + i), java.util.Arrays.copyOfRange(s.positives(), i * 784, (i + 1) * 784), mode + " positive " + i);
                    assertEquals(train.labels()[100 + i], s.labels()[i]);
                    // The published negative, with its label embedded and normalised, is the row the negative pass used.
                    float[] row = java.util.Arrays.copyOfRange(s.negatives(), i * 784, (i + 1) * 784);
                    for (int c = 0; c < 10; c++) row[c] = c == s.negativeLabels()[i] ? 1f : 0f;
                    double ms = 0;
                    for (float v : row) ms += (double) v * v / 784;
                    double f = 1 / (1e-20 + Math.sqrt(ms));
                    for (int k = 0; k < 784; k++) assertEquals(row[k] * f, negIn[i * 784 + k], 1e-5, mode + " negative " + i + " pixel " + k);
                    switch (mode) {
                        case HARD -> {
                            assertNotEquals(s.labels()[i], s.negativeLabels()[i]);
                            assertTrue(s.chosenProbability()[i] > 0 && s.chosenProbability()[i] <= 1, "probability " + s.chosenProbability()[i]);
                            assertArrayEquals(train.image(100 + i), java.util.Arrays.copyOfRange(s.negatives(), i * 784, (i + 1) * 784));
                        }
                        case RANDOM -> {
                            assertNotEquals(s.labels()[i], s.negativeLabels()[i]);
                            assertNull(s.chosenProbability());
                            assertArrayEquals(train.image(100 + i), java.util.Arrays.copyOfRange(s.negatives(), i * 784, (i + 1) * 784));
                        }
                        case MASK -> {
                            int ones = 0;
                            for (int k = 0; k < 784; k++) {
                                float mk = s.masks()[i * 784 + k];
                                assertTrue(mk == 0f || mk == 1f);
                                ones += (int) mk;
                                float expected = mk * s.sourceA()[i * 784 + k] + (1 - mk) * s.sourceB()[i * 784 + k];
                                assertEquals(expected, s.negatives()[i * 784 + k], 0f, "hybrid " + i + " pixel " + k);
                            }
                            assertTrue(ones > 0 && ones < 784, "a mask mixes both sources");
                        }
                    }
                }
                // A live toggle shows from the next batch on; switching details off stops the copies.
                NegativeMode next = mode == NegativeMode.MASK ? NegativeMode.RANDOM : NegativeMode.MASK;
                t.setNegativeMode(next);
                t.trainBatch();
                assertEquals(next, t.negativesSample().mode());
                t.setNegativeDetails(false);
                t.trainBatch();
                assertNull(t.negativesSample());
            }
        }
    }

    @Test
    void receptiveFieldsAreColumnsOfW1ForTheMostActiveOrAFixedSetOfUnits() {
        DataSplits data = TestData.small(300, 50);
        try (HintonTrainer t = new HintonTrainer(TestData.tiny().build(), data, new EjmlBackend(1))) {
            t.trainBatch();
            ReceptiveFields active = t.receptiveFields(null, 10);
            assertTrue(active.mostActive());
            assertEquals(10, active.units().length);
            for (int k = 1; k < 10; k++) assertTrue(active.activity()[k - 1] >= active.activity()[k], "sorted by activity");
            assertTrue(active.activity()[0] > 0);
            int w = t.network().width(0);
            for (int k = 0; k < 10; k++)
                for (int p = 0; p < 784; p += 97)
                    assertEquals(t.network().weights[0].data[p * w + active.units()[k]], active.weights()[k * 784 + p]);
            int[] fixed = ReceptiveFields.fixedUnits(w, 10);
            assertArrayEquals(fixed, ReceptiveFields.fixedUnits(w, 10), "the fixed set is the same every time");
            assertEquals(10, java.util.Arrays.stream(fixed).distinct().count());
            ReceptiveFields f = t.receptiveFields(fixed, 10);
            assertFalse(f.mostActive());
            assertArrayEquals(fixed, f.units());
            assertEquals(t.network().weights[0].get(5, fixed[3]), f.weights()[3 * 784 + 5]);
        }
    }

    @Test
    void aStoredModelsFieldsAreTheColumnsOfW1WithTheLargestNormsLargestFirst() {
        FFNetwork net = FFNetwork.initialise(TestData.tiny().build(), new SeededRandom(3));
        int w = net.width(0);
        // Make three units stand out, in a known order: 2 > 0 > w - 1 by norm.
        for (int p = 0; p < 784; p++) {
            net.weights[0].data[p * w + 2] = 3f;
            net.weights[0].data[p * w] = -2f;
            net.weights[0].data[p * w + w - 1] = p % 2 == 0 ? 1.5f : -1.5f;
        }
        ReceptiveFields f = ReceptiveFields.strongestOf(net, 4);
        assertArrayEquals(new int[] {2, 0, w - 1}, java.util.Arrays.copyOf(f.units(), 3));
        assertEquals(4, f.units().length);
        assertEquals(3f * 28, f.activity()[0], 1e-3, "the activity slot holds the norm: sqrt(784 · 3²)");
        assertEquals(2f * 28, f.activity()[1], 1e-3);
        for (int k = 1; k < 4; k++) assertTrue(f.activity()[k - 1] >= f.activity()[k], "largest first");
        // The fourth is the largest of the untouched units: every other unit's norm is at most its own.
        double fourth = f.activity()[3];
        for (int j = 0; j < w; j++) {
            if (j == 2 || j == 0 || j == w - 1) continue;
            double sum = 0;
            for (int p = 0; p < 784; p++) sum += (double) net.weights[0].data[p * w + j] * net.weights[0].data[p * w + j];
            assertTrue(Math.sqrt(sum) <= fourth + 1e-5, "unit " + j + " has a larger norm than the chosen fourth");
        }
        for (int k = 0; k < 4; k++)
            for (int p = 0; p < 784; p += 61)
                assertEquals(net.weights[0].data[p * w + f.units()[k]], f.weights()[k * 784 + p], "a copy of the unit's column");
        assertEquals(-1, f.epoch());
        assertFalse(f.mostActive());
    }

    @Test
    void aDigitsHiddenActivityPerLabelIsThePlainForwardPass() {
        FFNetwork net = FFNetwork.initialise(TestData.tiny().hiddenSizes(List.of(40, 30, 20)).build(), new SeededRandom(3));
        LabeledImages one = TestData.mnist().test().first(1);
        try (DigitPredictor p = new DigitPredictor(net, new EjmlBackend(1))) {
            p.predict(one.image(0));
            for (int c : new int[] {0, 7}) {
                float[][] a = p.activity(c);
                double[][][] pass = HintonTrainerTest.forward(net, one, new int[] {c}, 0);
                for (int l = 0; l < 3; l++) {
                    assertEquals(net.width(l), a[l].length);
                    for (int j = 0; j < a[l].length; j++) assertEquals(pass[2 * l + 1][0][j], a[l][j], 1e-4 * (1 + Math.abs(pass[2 * l + 1][0][j])), "layer " + (l + 1) + " unit " + j);
                }
            }
        }
    }
}
