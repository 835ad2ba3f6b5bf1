package goodness.ff.training;

import goodness.data.DataSplits;
import goodness.ff.FFConfig;
import goodness.ff.FFNetwork;
import goodness.ff.InvalidConfigException;
import goodness.ff.NegativeMode;
import goodness.ff.TestData;
import goodness.ff.backend.EjmlBackend;
import goodness.ff.backend.MatrixBackend;
import goodness.ff.backend.OpenBlasBackend;
import goodness.ff.io.Checkpoints;
import goodness.ff.scoring.TestResult;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

/** Unsupervised FF (hinton-unsupervised): one batch against a plain transcription, and the run's guarantees. */
class UnsupervisedTrainerTest {

    private static FFConfig.Builder tinyUnsupervised() {
        return TestData.tiny().negatives(NegativeMode.MASK).unsupervised(true).hiddenSizes(List.of(12, 10, 8, 6));
    }

    @Test
    void onePresetStandsForThePapersNetwork() {
        FFConfig c = FFConfig.named("hinton-unsupervised");
        assertTrue(c.unsupervised());
        assertEquals(List.of(2000, 2000, 2000, 2000), c.hiddenSizes());
        assertEquals(NegativeMode.MASK, c.negatives());
        assertEquals(100, c.epochs());
        assertEquals(110, c.totalEpochs(), "100 epochs of FF learning, then 10 of the readout alone");
    }

    @Test
    void labelledNegativesAndReadoutEpochsWithLabelsAreRefused() {
        var hard = assertThrows(InvalidConfigException.class, () -> tinyUnsupervised().negatives(NegativeMode.HARD).build());
        assertTrue(hard.getMessage().contains("negatives"), hard.getMessage());
        var readout = assertThrows(InvalidConfigException.class, () -> TestData.tiny().readoutEpochs(2).build());
        assertTrue(readout.getMessage().contains("readoutEpochs"), readout.getMessage());
    }

    @Test
    void oneBatchMatchesAPlainTranscriptionOnEveryBackend() {
        for (int[] shape : new int[][]{{4, 12, 10, 8, 6}, {7, 5, 9, 3}, {3, 16, 16}}) {
            List<Integer> widths = new ArrayList<>();
            for (int k = 1; k < shape.length; k++) widths.add(shape[k]);
            for (MatrixBackend backend : new MatrixBackend[]{new EjmlBackend(1), new OpenBlasBackend(1)})
                checkOneBatch(shape[0], widths, backend);
        }
    }

    /** The batch's real images and hybrids (read from the trainer's batch buffers) through a double-precision transcription of docs/unsupervised.md. */
    private static void checkOneBatch(int b, List<Integer> widths, MatrixBackend backend) {
        DataSplits d = TestData.mnist();
        DataSplits data = new DataSplits(d.train().first(40), d.valid().first(10), d.test().first(10), d.dataset());
        FFConfig config = tinyUnsupervised().hiddenSizes(widths).batchSize(b).evalEvery(0).build();
        int layers = widths.size();
        try (UnsupervisedTrainer trainer = new UnsupervisedTrainer(config, data, backend)) {
            FFNetwork start = trainer.snapshot();
            trainer.trainBatch();
            FFNetwork after = trainer.network();
            float[] real = trainer.negBatch.images, hybrid = trainer.negBatch.negImages;
            int[] y = trainer.negBatch.labels;
            double[][][] pos = forward(start, real, b), neg = forward(start, hybrid, b);
            for (int l = 0; l < layers; l++) {
                int w = widths.get(l), in = l == 0 ? 784 : widths.get(l - 1);
                double[][] sPos = pos[2 * l + 1], sNeg = neg[2 * l + 1], inPos = pos[2 * l], inNeg = neg[2 * l];
                double[] m = new double[w];
                double mm = 0;
                for (int j = 0; j < w; j++) {
                    double mean = 0;
                    for (int i = 0; i < b; i++) mean += sPos[i][j] / b;
                    m[j] = 0.9 * 0.5 + 0.1 * mean;
                    mm += m[j] / w;
                }
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
                        double dPos = (1 - pp) * sPos[i][j] + 0.03 * (mm - m[j]), dNeg = -pn * sNeg[i][j];
                        db[j] += dPos + dNeg;
                        for (int k = 0; k < in; k++) dW[k][j] += inPos[i][k] * dPos + inNeg[i][k] * dNeg;
                    }
                }
                double maxUpdate = 0;
                for (int k = 0; k < in; k++)
                    for (int j = 0; j < w; j++) {
                        double w0 = start.weights[l].get(k, j);
                        maxUpdate = Math.max(maxUpdate, Math.abs(0.01 * (0.1 * dW[k][j] / b - 0.002 * w0)));
                    }
                assertTrue(maxUpdate > 1e-7, "the batch must move layer " + (l + 1));
                for (int k = 0; k < in; k++)
                    for (int j = 0; j < w; j++) {
                        double w0 = start.weights[l].get(k, j), expected = w0 + 0.01 * (0.1 * dW[k][j] / b - 0.002 * w0);
                        assertEquals(expected, after.weights[l].get(k, j), 1e-3 * maxUpdate + 1e-7, backend + " " + widths + " W" + (l + 1) + "[" + k + "][" + j + "]");
                    }
                for (int j = 0; j < w; j++) assertEquals(0.01 * 0.1 * db[j] / b, after.biases[l][j], 1e-6, "b" + (l + 1));
                // The readout starts at 0, so q is uniform and S ← 0.1 · 0.1 · n_lᵀ(Y − q)/B on the real rows only.
                if (l >= 1) {
                    double[][] n = pos[2 * l + 2];
                    for (int j = 0; j < w; j++)
                        for (int c = 0; c < 10; c++) {
                            double gsum = 0;
                            for (int i = 0; i < b; i++) gsum += n[i][j] * ((y[i] == c ? 1 : 0) - 0.1);
                            assertEquals(0.1 * 0.1 * gsum / b, after.readout[l].get(j, c), 1e-6, "S" + (l + 1));
                        }
                }
            }
        }
    }

    /** [n0, s1, n1, s2, n2, …] of {@code rows} images taken as they are (no label), rownorm between layers. */
    private static double[][][] forward(FFNetwork net, float[] images, int rows) {
        int layers = net.layerCount();
        double[][][] out = new double[2 * layers + 1][][];
        double[][] x = new double[rows][784];
        for (int i = 0; i < rows; i++) for (int k = 0; k < 784; k++) x[i][k] = images[i * 784 + k];
        out[0] = rownorm(x);
        for (int l = 0; l < layers; l++) {
            int w = net.width(l), in = out[2 * l][0].length;
            double[][] s = new double[rows][w];
            for (int i = 0; i < rows; i++)
                for (int j = 0; j < w; j++) {
                    double z = net.biases[l][j];
                    for (int k = 0; k < in; k++) z += out[2 * l][i][k] * net.weights[l].get(k, j);
                    s[i][j] = Math.max(0, z);
                }
            out[2 * l + 1] = s;
            out[2 * l + 2] = rownorm(s);
        }
        return out;
    }

    private static double[][] rownorm(double[][] a) {
        double[][] r = new double[a.length][];
        for (int i = 0; i < a.length; i++) {
            double ms = 0;
            for (double v : a[i]) ms += v * v / a[i].length;
            double f = 1 / (1e-20 + Math.sqrt(ms));
            r[i] = new double[a[i].length];
            for (int k = 0; k < a[i].length; k++) r[i][k] = a[i][k] * f;
        }
        return r;
    }

    private static List<EpochMetrics> run(Trainer t) {
        List<EpochMetrics> ms = new ArrayList<>();
        while (!t.finished()) {
            while (t.batchInEpoch() < t.batchesPerEpoch()) t.trainBatch();
            ms.add(HintonTrainerTest.withoutTiming(t.finishEpoch()));
        }
        return ms;
    }

    @Test
    void theReadoutPhaseLeavesTheLayersAsTheyWereAndOnlyTrainsTheReadout() {
        DataSplits data = TestData.small(600, 200);
        FFConfig config = tinyUnsupervised().epochs(1).readoutEpochs(2).build();
        try (Trainer t = Trainers.create(config, data, new EjmlBackend(1))) {
            assertInstanceOf(UnsupervisedTrainer.class, t);
            while (t.batchInEpoch() < t.batchesPerEpoch()) t.trainBatch();
            t.finishEpoch();
            FFNetwork afterLearning = t.snapshot();
            List<EpochMetrics> readout = run(t);
            assertEquals(2, readout.size(), "two readout epochs follow the one FF epoch");
            for (int l = 0; l < afterLearning.layerCount(); l++) {
                assertArrayEquals(afterLearning.weights[l].data, t.network().weights[l].data, "W" + (l + 1) + " is frozen");
                assertArrayEquals(afterLearning.biases[l], t.network().biases[l], "b" + (l + 1) + " is frozen");
            }
            assertFalse(java.util.Arrays.equals(afterLearning.readout[3].data, t.network().readout[3].data), "the readout learns");
            for (EpochMetrics m : readout) {
                assertNotNull(m.softmaxErrorsValid(), "every readout epoch is evaluated");
                assertNull(m.energyErrorsValid(), "there is no labelled energy score");
            }
            assertTrue(t.finished());
        }
    }

    @Test
    void aSmallRunReadsOutFarAboveChanceWithSoftmaxFiguresOnly() {
        DataSplits data = TestData.small(2000, 1000);
        FFConfig config = tinyUnsupervised().hiddenSizes(List.of(100, 100, 100, 100)).epochs(2).readoutEpochs(1).evalEvery(0).build();
        try (Trainer t = Trainers.create(config, data, new OpenBlasBackend(1))) {
            run(t);
            TestResult r = t.evaluateTest();
            assertNull(r.energyErrorsTest());
            assertEquals("softmax", r.headline());
            // Chance is 900/1000 errors.
            assertTrue(r.softmaxErrorsTest() < 400, "readout errors " + r.softmaxErrorsTest() + "/1000");
            assertEquals(r.softmaxErrorsTest(), t.testErrors(), "the short test figure is the readout's too");
            int sum = 0;
            for (int[] row : r.confusion()) for (int v : row) sum += v;
            assertEquals(1000, sum);
        }
    }

    @Test
    void aResumedRunContinuesExactlyAsIfItHadNotStoppedIncludingInTheReadoutPhase(@TempDir Path dir) {
        DataSplits data = TestData.small(600, 200);
        FFConfig config = tinyUnsupervised().epochs(2).readoutEpochs(1).shuffle(true).build();
        List<EpochMetrics> straight;
        FFNetwork straightEnd;
        try (Trainer t = Trainers.create(config, data, new EjmlBackend(1))) {
            straight = run(t);
            straightEnd = t.snapshot();
        }
        for (int stopEpoch : new int[]{1, 2}) {
            Path ckpt = dir.resolve("mid" + stopEpoch + ".bin");
            List<EpochMetrics> interrupted = new ArrayList<>();
            try (Trainer t = Trainers.create(config, data, new EjmlBackend(1))) {
                while (t.epoch() < stopEpoch) {
                    while (t.batchInEpoch() < t.batchesPerEpoch()) t.trainBatch();
                    interrupted.add(HintonTrainerTest.withoutTiming(t.finishEpoch()));
                }
                for (int i = 0; i < 2; i++) t.trainBatch();
                Checkpoints.saveState(t.state(), ckpt);
            }
            try (Trainer t = Trainers.resume(Checkpoints.loadState(ckpt), data, new EjmlBackend(1))) {
                assertInstanceOf(UnsupervisedTrainer.class, t);
                assertEquals(stopEpoch, t.epoch());
                interrupted.addAll(run(t));
                for (int l = 0; l < straightEnd.layerCount(); l++) {
                    assertArrayEquals(straightEnd.weights[l].data, t.network().weights[l].data);
                    if (l >= 1) assertArrayEquals(straightEnd.readout[l].data, t.network().readout[l].data);
                }
            }
            assertEquals(straight, interrupted, "stopped in epoch " + stopEpoch);
        }
    }

    @Test
    void theNegativesCannotBeSwitchedToLabelledOnesDuringARun() {
        try (Trainer t = Trainers.create(tinyUnsupervised().build(), TestData.small(300, 100), new EjmlBackend(1))) {
            var e = assertThrows(InvalidConfigException.class, () -> t.setNegativeMode(NegativeMode.HARD));
            assertTrue(e.getMessage().contains("no labels"), e.getMessage());
            assertEquals(NegativeMode.MASK, t.negativeMode());
        }
    }

    @Test
    void aBatchAllocatesNoMemory() {
        com.sun.management.ThreadMXBean mx = (com.sun.management.ThreadMXBean) java.lang.management.ManagementFactory.getThreadMXBean();
        org.junit.jupiter.api.Assumptions.assumeTrue(mx.isThreadAllocatedMemorySupported());
        try (Trainer t = Trainers.create(tinyUnsupervised().build(), TestData.small(3000, 100), new EjmlBackend(1))) {
            for (int i = 0; i < 5; i++) t.trainBatch();
            long id = Thread.currentThread().getId(), before = mx.getThreadAllocatedBytes(id);
            for (int i = 0; i < 20; i++) t.trainBatch();
            long allocated = mx.getThreadAllocatedBytes(id) - before;
            assertTrue(allocated < 20 * 1024, "20 batches allocated " + allocated + " bytes");
        }
    }
}
