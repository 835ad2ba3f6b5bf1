package goodness.ff.training;

import goodness.data.DataSplits;
import goodness.data.LabeledImages;
import goodness.ff.FFConfig;
import goodness.ff.FFNetwork;
import goodness.ff.NegativeMode;
import goodness.ff.Phase;
import goodness.ff.PhaseSchedule;
import goodness.ff.SeededRandom;
import goodness.ff.TestData;
import goodness.ff.backend.EjmlBackend;
import goodness.ff.backend.OpenBlasBackend;
import goodness.ff.io.Checkpoints;
import goodness.ff.scoring.TestResult;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

/** Recipe A: one batch against a plain double-precision transcription of the recipe (docs/recipes.md), and run-level guarantees. */
public class HintonTrainerTest {

    @Test
    void oneBatchMatchesAPlainTranscriptionOfTheRecipe() {
        int b = 4;
        DataSplits d = TestData.mnist();
        LabeledImages four = d.train().first(b);
        DataSplits data = new DataSplits(four, d.valid().first(10), d.test().first(10), d.dataset());
        FFConfig config = TestData.tiny().hiddenSizes(List.of(6, 5, 4)).batchSize(b).negatives(NegativeMode.RANDOM).evalEvery(0).build();

        // The reference draws the same initial weights and the same wrong labels from the same seed.
        SeededRandom rng = new SeededRandom(config.seed());
        FFNetwork start = FFNetwork.initialise(config, rng);
        int[] y = four.labels(), neg = new int[b];
        for (int i = 0; i < b; i++) {
            int k = rng.nextInt(9);
            neg[i] = k >= y[i] ? k + 1 : k;
        }

        double[][][] pos = forward(start, four, y, -1), negPass = forward(start, four, neg, -1), neutral = forward(start, four, null, 0.1);
        int layers = 3;
        double[][][] expectedW = new double[layers][][];
        double[][] expectedB = new double[layers][];
        for (int l = 0; l < layers; l++) {
            int w = config.width(l), in = l == 0 ? 784 : config.width(l - 1);
            double[][] sPos = pos[2 * l + 1], sNeg = negPass[2 * l + 1], nPosIn = pos[2 * l], nNegIn = negPass[2 * l];
            double[] m = new double[w];
            for (int j = 0; j < w; j++) {
                double mean = 0;
                for (int i = 0; i < b; i++) mean += sPos[i][j] / b;
                m[j] = 0.9 * 0.5 + 0.1 * mean;
            }
            double mm = 0;
            for (double v : m) mm += v / w;
            double[][] dW = new double[in][w];
            double[] db = new double[w];
            for (int i = 0; i < b; i++) {
                double gp = 0, gn = 0;
                for (int j = 0; j < w; j++) {
                    gp += sPos[i][j] * sPos[i][j];
                    gn += sNeg[i][j] * sNeg[i][j];
                }
                double pp = 1 / (1 + Math.exp(-(gp - w))), pn = 1 / (1 + Math.exp(-(gn - w)));
                for (int j = 0; j < w; j++) {
                    double dPos = (1 - pp) * sPos[i][j] + 0.03 * (mm - m[j]);
                    double dNeg = -pn * sNeg[i][j];
                    db[j] += dPos + dNeg;
                    for (int k = 0; k < in; k++) dW[k][j] += nPosIn[i][k] * dPos + nNegIn[i][k] * dNeg;
                }
            }
            expectedW[l] = new double[in][w];
            expectedB[l] = new double[w];
            for (int k = 0; k < in; k++)
                for (int j = 0; j < w; j++) {
                    double w0 = start.weights[l].get(k, j), mom = 0.1 * dW[k][j] / b;
                    expectedW[l][k][j] = w0 + 0.01 * (mom - 0.002 * w0);
                }
            for (int j = 0; j < w; j++) expectedB[l][j] = 0.01 * 0.1 * db[j] / b;
        }
        // Readout: S starts at 0, so q is uniform (0.1) and S ← 0.1 · 0.1 · n_lᵀ(Y − q)/B.
        double[][][] expectedS = new double[layers][][];
        for (int l = 1; l < layers; l++) {
            int w = config.width(l);
            expectedS[l] = new double[w][10];
            double[][] n = neutral[2 * l + 2];
            for (int j = 0; j < w; j++)
                for (int c = 0; c < 10; c++) {
                    double g = 0;
                    for (int i = 0; i < b; i++) g += n[i][j] * ((y[i] == c ? 1 : 0) - 0.1);
                    expectedS[l][j][c] = 0.1 * 0.1 * g / b;
                }
        }

        try (HintonTrainer trainer = new HintonTrainer(config, data, new EjmlBackend(1))) {
            assertMatrixEquals(start, trainer.network());
            trainer.trainBatch();
            FFNetwork after = trainer.network();
            for (int l = 0; l < layers; l++) {
                double maxUpdate = 0;
                for (int k = 0; k < expectedW[l].length; k++)
                    for (int j = 0; j < expectedW[l][k].length; j++)
                        maxUpdate = Math.max(maxUpdate, Math.abs(expectedW[l][k][j] - start.weights[l].get(k, j)));
                assertTrue(maxUpdate > 1e-6, "the batch must move the weights");
                for (int k = 0; k < expectedW[l].length; k++)
                    for (int j = 0; j < expectedW[l][k].length; j++)
                        assertEquals(expectedW[l][k][j], after.weights[l].get(k, j), 1e-3 * maxUpdate + 1e-7, "W" + (l + 1) + "[" + k + "][" + j + "]");
                for (int j = 0; j < expectedB[l].length; j++) assertEquals(expectedB[l][j], after.biases[l][j], 1e-6, "b" + (l + 1));
                if (l >= 1)
                    for (int j = 0; j < expectedS[l].length; j++)
                        for (int c = 0; c < 10; c++) assertEquals(expectedS[l][j][c], after.readout[l].get(j, c), 1e-6, "S" + (l + 1));
            }
        }
    }

    /** Returns [n0, s1, n1, s2, n2, s3, n3] for the batch with labels embedded (one-hot, or all = neutral). */
    public static double[][][] forward(FFNetwork net, LabeledImages images, int[] labels, double neutral) {
        int b = images.count();
        List<double[][]> out = new ArrayList<>();
        double[][] x = new double[b][784];
        for (int i = 0; i < b; i++) {
            for (int k = 0; k < 784; k++) x[i][k] = images.pixels()[i * 784 + k];
            for (int c = 0; c < 10; c++) x[i][c] = labels == null ? neutral : (c == labels[i] ? 1 : 0);
        }
        double[][] n = rownorm(x);
        out.add(n);
        for (int l = 0; l < net.layerCount(); l++) {
            int w = net.width(l);
            double[][] s = new double[b][w];
            for (int i = 0; i < b; i++)
                for (int j = 0; j < w; j++) {
                    double z = net.biases[l][j];
                    for (int k = 0; k < n[i].length; k++) z += n[i][k] * net.weights[l].get(k, j);
                    s[i][j] = Math.max(0, z);
                }
            out.add(s);
            n = rownorm(s);
            out.add(n);
        }
        return out.toArray(new double[0][][]);
    }

    private static double[][] rownorm(double[][] a) {
        double[][] r = new double[a.length][];
        for (int i = 0; i < a.length; i++) {
            double ms = 0;
            for (double v : a[i]) ms += v * v / a[i].length;
            double f = 1 / (1e-20 + Math.sqrt(ms));
            r[i] = new double[a[i].length];
            for (int j = 0; j < a[i].length; j++) r[i][j] = a[i][j] * f;
        }
        return r;
    }

    private static void assertMatrixEquals(FFNetwork expected, FFNetwork actual) {
        for (int l = 0; l < expected.layerCount(); l++) assertArrayEquals(expected.weights[l].data, actual.weights[l].data);
    }

    // ------------------------------------------------------------------------------------------

    private static List<EpochMetrics> run(Trainer t) {
        List<EpochMetrics> ms = new ArrayList<>();
        while (!t.finished()) {
            while (t.batchInEpoch() < t.batchesPerEpoch()) t.trainBatch();
            ms.add(withoutTiming(t.finishEpoch()));
        }
        return ms;
    }

    /** Everything but the wall-clock fields, which legitimately differ between runs. */
    static EpochMetrics withoutTiming(EpochMetrics m) {
        return new EpochMetrics(m.epoch(), m.gain(), m.trainLogCost(), m.pairwiseErrors(), m.goodnessPos(), m.goodnessNeg(),
                m.layerAccuracy(), m.energyErrorsTrain(), m.energyErrorsValid(), m.softmaxErrorsValid(), m.rms(), m.suprms(),
                0, 0, 0, m.negatives(), m.phases(), m.trainCases(), m.validCases(), m.energyErrorsTrainPerLayer(),
                m.energyErrorsValidPerLayer(), m.energyErrorsValidPerClass(), m.updateRatio(), m.goodnessHistograms());
    }

    @Test
    void theSameConfigAndSeedGiveTheSameMetrics() {
        DataSplits data = TestData.small(1000, 300);
        FFConfig config = TestData.tiny().build();
        List<EpochMetrics> first, second;
        try (Trainer t = Trainers.create(config, data, new EjmlBackend(1))) { first = run(t); }
        try (Trainer t = Trainers.create(config, data, new EjmlBackend(1))) { second = run(t); }
        assertEquals(first, second);
        List<EpochMetrics> otherSeed;
        try (Trainer t = Trainers.create(config.toBuilder().seed(99).build(), data, new EjmlBackend(1))) { otherSeed = run(t); }
        assertNotEquals(first, otherSeed, "a different seed gives a different run");
    }

    @Test
    void aResumedRunContinuesExactlyAsIfItHadNotStopped(@TempDir Path dir) {
        DataSplits data = TestData.small(1000, 300);
        FFConfig config = TestData.tiny().epochs(3).shuffle(true).negatives(NegativeMode.MASK).build();
        List<EpochMetrics> straight;
        FFNetwork straightEnd;
        try (Trainer t = Trainers.create(config, data, new EjmlBackend(1))) {
            straight = run(t);
            straightEnd = t.snapshot();
        }
        Path ckpt = dir.resolve("mid.bin");
        List<EpochMetrics> interrupted = new ArrayList<>();
        try (Trainer t = Trainers.create(config, data, new EjmlBackend(1))) {
            while (t.batchInEpoch() < t.batchesPerEpoch()) t.trainBatch();
            interrupted.add(withoutTiming(t.finishEpoch()));
            for (int i = 0; i < 3; i++) t.trainBatch();        // stop in the middle of epoch 1
            Checkpoints.saveState(t.state(), ckpt);
        }
        try (Trainer t = Trainers.resume(Checkpoints.loadState(ckpt), data, new EjmlBackend(1))) {
            assertEquals(1, t.epoch());
            assertEquals(3, t.batchInEpoch());
            interrupted.addAll(run(t));
            for (int l = 0; l < straightEnd.layerCount(); l++) assertArrayEquals(straightEnd.weights[l].data, t.network().weights[l].data);
        }
        assertEquals(straight, interrupted);
    }

    @Test
    void aSmallRunLearnsFarAboveChance() {
        DataSplits data = TestData.small(3000, 1000);
        FFConfig config = TestData.tiny().hiddenSizes(List.of(200, 200, 200)).epochs(3).evalEvery(0).build();
        try (Trainer t = Trainers.create(config, data, new EjmlBackend(1))) {
            List<EpochMetrics> ms = run(t);
            TestResult r = t.evaluateTest();
            // Chance is 900/1000 errors. Ninety batches are early days for FF (the full recipe needs
            // ~60,000), but both read-outs must already be far better than guessing.
                        assertTrue(r.energyErrorsTest() < 700, "energy errors " + r.energyErrorsTest() + "/1000");
            assertTrue(r.softmaxErrorsTest() < 400, "softmax errors " + r.softmaxErrorsTest() + "/1000");

            assertTrue(ms.get(2).trainLogCost() < ms.get(0).trainLogCost(), "the softmax cost falls");
            int sum = 0;
            for (int[] row : r.confusion()) for (int v : row) sum += v;
            assertEquals(1000, sum, "the confusion matrix counts every test image once");
        }
    }

    @Test
    void theEvaluationCadenceFollowsEvalEvery() {
        DataSplits data = TestData.small(500, 100);
        FFConfig config = TestData.tiny().epochs(4).evalEvery(2).build();
        try (Trainer t = Trainers.create(config, data, new EjmlBackend(1))) {
            List<EpochMetrics> ms = run(t);
            assertFalse(ms.get(0).hasEvaluation());
            assertTrue(ms.get(1).hasEvaluation());
            assertEquals(3, ms.get(1).rms().size());
            assertEquals(2, ms.get(1).suprms().size(), "readouts of layers 2 and 3 only");
            assertNotNull(ms.get(1).softmaxErrorsValid());
            assertFalse(ms.get(2).hasEvaluation());
        }
    }

    @Test
    void aNaNWeightStopsTrainingWithAClearMessage() {
        DataSplits data = TestData.small(500, 100);
        try (Trainer t = Trainers.create(TestData.tiny().build(), data, new EjmlBackend(1))) {
            t.trainBatch();
            t.network().weights[1].data[7] = Float.NaN;
            TrainingDivergedException e = assertThrows(TrainingDivergedException.class, t::trainBatch);
            assertTrue(e.getMessage().contains("diverged at epoch 0, batch 1"), e.getMessage());
        }
    }

    @Test
    void backendsAgreeOnAShortRun() {
        Assumptions.assumeTrue(OpenBlasBackend.isAvailable(), OpenBlasBackend.unavailableReason());
        DataSplits data = TestData.small(1000, 300);
        // Random wrong labels: the draws do not depend on the weights, so only rounding differs.
        FFConfig config = TestData.tiny().epochs(1).negatives(NegativeMode.RANDOM).build();
        EpochMetrics ejml, blas;
        FFNetwork a, b;
        try (Trainer t = Trainers.create(config, data, new EjmlBackend(1))) { ejml = run(t).get(0); a = t.snapshot(); }
        try (Trainer t = Trainers.create(config, data, new OpenBlasBackend(1))) { blas = run(t).get(0); b = t.snapshot(); }
        assertEquals(ejml.trainLogCost(), blas.trainLogCost(), 1e-3 * ejml.trainLogCost());
        for (int l = 0; l < 3; l++) {
            assertEquals(ejml.goodnessPos().get(l), blas.goodnessPos().get(l), 1e-3 * ejml.goodnessPos().get(l));
            assertEquals(ejml.pairwiseErrors().get(l), blas.pairwiseErrors().get(l), 3);
            for (int k = 0; k < a.weights[l].data.length; k++) assertEquals(a.weights[l].data[k], b.weights[l].data[k], 1e-4);
        }
        assertEquals(ejml.energyErrorsValid(), blas.energyErrorsValid(), 3);
    }

    @Test
    void phaseSeparationUsesOnlyThatPhasesDeltasAndScalesThePositiveRate() {
        // At initialisation the goodness of every layer is far below its threshold, so p− ≈ 0 and
        // the negative deltas are ≈ 0: the bias changes isolate the positive deltas and momentum.
        DataSplits data = TestData.small(400, 100);
        FFConfig joint = TestData.tiny().negatives(NegativeMode.RANDOM).build();
        float[] bJoint, bScaled, b1, b2;
        try (Trainer t = Trainers.create(joint, data, new EjmlBackend(1))) {
            t.trainBatch();
            bJoint = t.network().biases[0].clone();
        }
        try (Trainer t = Trainers.create(joint.toBuilder().phases(new PhaseSchedule(4, 1, true)).build(), data, new EjmlBackend(1))) {
            t.trainBatch();
            bScaled = t.network().biases[0].clone();
        }
        try (Trainer t = Trainers.create(joint.toBuilder().phases(PhaseSchedule.symmetric(1)).build(), data, new EjmlBackend(1))) {
            assertEquals(Phase.POSITIVE, t.phases().phaseOf(0));
            assertEquals(Phase.NEGATIVE, t.phases().phaseOf(1));
            t.trainBatch();
            b1 = t.network().biases[0].clone();
            t.trainBatch();
            b2 = t.network().biases[0].clone();
        }
        double scale = 0;
        for (float v : bJoint) scale = Math.max(scale, Math.abs(v));
        assertTrue(scale > 1e-6);
        for (int j = 0; j < bJoint.length; j++) {
            // Awake batch with positive rate / 4: a quarter of the joint step.
            assertEquals(0.25 * bJoint[j], bScaled[j], 1e-3 * scale, "scaled positive step, unit " + j);
            // Sleep batch: no positive deltas, so only momentum moves b: b2 = b1 + 0.9·b1 (+ ≈0).
            assertEquals(1.9 * b1[j], b2[j], 1e-3 * scale, "negative-only step, unit " + j);
        }
    }

    @Test
    void aBatchAllocatesNoMemory() {
        com.sun.management.ThreadMXBean mx = (com.sun.management.ThreadMXBean) java.lang.management.ManagementFactory.getThreadMXBean();
        Assumptions.assumeTrue(mx.isThreadAllocatedMemorySupported());
        DataSplits data = TestData.small(3000, 100);
        for (NegativeMode mode : NegativeMode.values()) {
            try (Trainer t = Trainers.create(TestData.tiny().negatives(mode).build(), data, new EjmlBackend(1))) {
                for (int i = 0; i < 5; i++) t.trainBatch(); // first batches may load classes
                long id = Thread.currentThread().getId();
                long before = mx.getThreadAllocatedBytes(id);
                for (int i = 0; i < 20; i++) t.trainBatch();
                long allocated = mx.getThreadAllocatedBytes(id) - before;
                // Buffers are allocated once; 20 batches may only leave a few stray bytes (JIT, stats).
                assertTrue(allocated < 20 * 1024, mode + ": 20 batches allocated " + allocated + " bytes");
            }
        }
    }
}
