package goodness.ff.training;

import goodness.data.DataSplits;
import goodness.data.LabeledImages;
import goodness.ff.FFConfig;
import goodness.ff.FFNetwork;
import goodness.ff.NegativeMode;
import goodness.ff.RecurrentSettings;
import goodness.ff.SeededRandom;
import goodness.ff.TestData;
import goodness.ff.backend.EjmlBackend;
import goodness.ff.backend.MatrixBackend;
import goodness.ff.backend.OpenBlasBackend;
import goodness.ff.io.CheckpointException;
import goodness.ff.io.Checkpoints;
import goodness.ff.negatives.HardNegatives;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.CRC32;

import static org.junit.jupiter.api.Assertions.*;

/**
 * The recurrent recipe (docs/recurrent.md): one batch against a plain double-precision
 * transcription, and the run-level guarantees (a seed fixes the run, a resumed run continues
 * exactly, a damaged top-down matrix is refused when read).
 */
public class RecurrentTrainerTest {

    static FFConfig.Builder tiny() {
        // The transcription below writes recipe A's learning rate, 0.01, as a literal.
        return FFConfig.recurrent().toBuilder().hiddenSizes(List.of(20, 20)).epochs(2).evalEvery(1).backend("ejml").threads(1).learningRate(0.01);
    }

    @Test
    void oneBatchMatchesAPlainTranscriptionOnThreeShapes() {
        oneBatch(List.of(6, 5), 4, new RecurrentSettings(3, 0.3, 1, 2), NegativeMode.RANDOM, new EjmlBackend(1));
        oneBatch(List.of(7), 3, new RecurrentSettings(2, 0.5, 1, 2), NegativeMode.HARD, new EjmlBackend(1));
        Assumptions.assumeTrue(OpenBlasBackend.isAvailable(), "OpenBLAS is not available here");
        oneBatch(List.of(5, 4, 6), 5, RecurrentSettings.paper(), NegativeMode.HARD, new OpenBlasBackend(1));
    }

    private static void oneBatch(List<Integer> widths, int b, RecurrentSettings settings, NegativeMode mode, MatrixBackend backend) {
        DataSplits d = TestData.mnist();
        LabeledImages batch = d.train().first(b);
        DataSplits data = new DataSplits(batch, d.valid().first(10), d.test().first(10), d.dataset());
        FFConfig config = tiny().hiddenSizes(widths).batchSize(b).negatives(mode).recurrentSettings(settings).evalEvery(0).build();
        String shape = widths + " B=" + b + " T=" + settings.iterations() + " " + mode;
        int layers = widths.size(), T = settings.iterations();
        double keep = settings.damping();

        // The reference draws the same initial weights, and the same wrong labels from the same generator.
        SeededRandom rng = new SeededRandom(config.seed());
        FFNetwork start = FFNetwork.initialise(config, rng);
        int[] y = batch.labels(), neg = new int[b];
        double[][] n0 = new double[b][];
        for (int i = 0; i < b; i++) {
            double[] x = new double[784];
            for (int k = 0; k < 784; k++) x[k] = batch.pixels()[i * 784 + k];
            n0[i] = rownorm(x);
        }
        // t = 0: bottom-up, no top-down input, the same for both runs.
        double[][][] h0 = new double[layers][b][], z0 = new double[layers][b][];
        for (int i = 0; i < b; i++) {
            double[] in = n0[i];
            for (int l = 0; l < layers; l++) {
                z0[l][i] = affine(in, start, l);
                h0[l][i] = relu(z0[l][i]);
                in = rownorm(h0[l][i]);
            }
        }
        HardNegatives hard = new HardNegatives();
        for (int i = 0; i < b; i++) {
            if (mode == NegativeMode.RANDOM) {
                int k = rng.nextInt(9);
                neg[i] = k >= y[i] ? k + 1 : k;
            } else {
                int top = layers - 1, w = widths.get(top);
                float[] logits = new float[10];
                for (int c = 0; c < 10; c++) {
                    double g = 0;
                    for (int j = 0; j < w; j++) {
                        double v = Math.max(0, z0[top][i][j] + start.topDown[top].get(c, j));
                        g += v * v;
                    }
                    logits[c] = (float) (g / (RecurrentTrainer.BELIEF_TEMPERATURE_PER_UNIT * w));
                }
                neg[i] = hard.sampleWrongLabel(logits, 0, y[i], rng.nextDouble());
            }
        }

        // Both runs, the gradients summed over the T iterations and the rows.
        double[][][] dW = new double[layers][][], dV = new double[layers][][];
        double[][] db = new double[layers][];
        for (int l = 0; l < layers; l++) {
            int w = widths.get(l), in = l == 0 ? 784 : widths.get(l - 1), above = l + 1 < layers ? widths.get(l + 1) : 10;
            dW[l] = new double[in][w];
            dV[l] = new double[above][w];
            db[l] = new double[w];
        }
        for (int run = 0; run < 2; run++) {
            boolean positive = run == 0;
            int[] label = positive ? y : neg;
            double[][][] h = new double[layers][b][];
            for (int l = 0; l < layers; l++) for (int i = 0; i < b; i++) h[l][i] = h0[l][i].clone();
            for (int t = 1; t <= T; t++) {
                double[][][] n = new double[layers][b][];
                for (int l = 0; l < layers; l++) for (int i = 0; i < b; i++) n[l][i] = rownorm(h[l][i]);
                double[][][] hNew = new double[layers][b][], delta = new double[layers][b][];
                for (int l = 0; l < layers; l++) {
                    int w = widths.get(l);
                    for (int i = 0; i < b; i++) {
                        double[] below = l == 0 ? n0[i] : n[l - 1][i];
                        double[] above = l + 1 < layers ? n[l + 1][i] : oneHot(label[i], 1.0);
                        double[] z = affine(below, start, l);
                        for (int j = 0; j < w; j++)
                            for (int k = 0; k < above.length; k++) z[j] += above[k] * start.topDown[l].get(k, j);
                        hNew[l][i] = new double[w];
                        double g = 0;
                        for (int j = 0; j < w; j++) {
                            hNew[l][i][j] = keep * h[l][i][j] + (1 - keep) * Math.max(0, z[j]);
                            g += hNew[l][i][j] * hNew[l][i][j];
                        }
                        double p = 1 / (1 + Math.exp(-(g - w)));
                        double a = positive ? 1 - p : -p;
                        delta[l][i] = new double[w];
                        for (int j = 0; j < w; j++) delta[l][i][j] = z[j] > 0 ? a * hNew[l][i][j] : 0;
                    }
                    if (positive && t == T) {   // peer normalisation on the last iteration's positive states
                        double[] m = new double[w];
                        double mm = 0;
                        for (int j = 0; j < w; j++) {
                            double mean = 0;
                            for (int i = 0; i < b; i++) mean += hNew[l][i][j] / b;
                            m[j] = 0.9 * 0.5 + 0.1 * mean;
                            mm += m[j] / w;
                        }
                        for (int i = 0; i < b; i++) for (int j = 0; j < w; j++) delta[l][i][j] += 0.03 * (mm - m[j]);
                    }
                    for (int i = 0; i < b; i++) {
                        double[] below = l == 0 ? n0[i] : n[l - 1][i];
                        double[] above = l + 1 < layers ? n[l + 1][i] : oneHot(label[i], 1.0);
                        for (int j = 0; j < w; j++) {
                            double dl = delta[l][i][j];
                            db[l][j] += dl;
                            for (int k = 0; k < below.length; k++) dW[l][k][j] += below[k] * dl;
                            for (int k = 0; k < above.length; k++) dV[l][k][j] += above[k] * dl;
                        }
                    }
                }
                h = hNew;
            }
        }

        try (RecurrentTrainer trainer = new RecurrentTrainer(config, data, backend)) {
            for (int l = 0; l < layers; l++) assertArrayEquals(start.topDown[l].data, trainer.network().topDown[l].data, "the same initial V");
            trainer.trainBatch();
            assertArrayEquals(neg, java.util.Arrays.copyOf(trainer.negBatch.negLabels, b), shape + ": the same wrong labels");
            FFNetwork after = trainer.network();
            double scale = 0.1 / (b * T);
            for (int l = 0; l < layers; l++) {
                compare(shape + " W" + (l + 1), start.weights[l], dW[l], scale, after.weights[l]);
                compare(shape + " V" + (l + 1), start.topDown[l], dV[l], scale, after.topDown[l]);
                for (int j = 0; j < db[l].length; j++)
                    assertEquals(0.01 * scale * db[l][j], after.biases[l][j], 1e-6, shape + " b" + (l + 1) + "[" + j + "]");
            }
        }
    }

    /** W' = W + 0.01·(0.1·dW/(B·T) − 0.002·W), entry by entry, relative to the largest update. */
    private static void compare(String what, org.ejml.data.FMatrixRMaj before, double[][] grad, double scale, org.ejml.data.FMatrixRMaj after) {
        double[][] expected = new double[grad.length][grad[0].length];
        double maxUpdate = 0;
        for (int k = 0; k < grad.length; k++)
            for (int j = 0; j < grad[k].length; j++) {
                double w0 = before.get(k, j);
                expected[k][j] = w0 + 0.01 * (scale * grad[k][j] - 0.002 * w0);
                maxUpdate = Math.max(maxUpdate, Math.abs(expected[k][j] - w0));
            }
        assertTrue(maxUpdate > 1e-7, what + ": the batch must move the weights");
        for (int k = 0; k < grad.length; k++)
            for (int j = 0; j < grad[k].length; j++)
                assertEquals(expected[k][j], after.get(k, j), 1e-3 * maxUpdate + 1e-7, what + "[" + k + "][" + j + "]");
    }

    private static double[] affine(double[] in, FFNetwork net, int l) {
        int w = net.width(l);
        double[] z = new double[w];
        for (int j = 0; j < w; j++) {
            double s = net.biases[l][j];
            for (int k = 0; k < in.length; k++) s += in[k] * net.weights[l].get(k, j);
            z[j] = s;
        }
        return z;
    }

    private static double[] relu(double[] z) {
        double[] r = new double[z.length];
        for (int j = 0; j < z.length; j++) r[j] = Math.max(0, z[j]);
        return r;
    }

    private static double[] oneHot(int c, double v) {
        double[] r = new double[10];
        r[c] = v;
        return r;
    }

    private static double[] rownorm(double[] a) {
        double ms = 0;
        for (double v : a) ms += v * v / a.length;
        double f = 1 / (1e-20 + Math.sqrt(ms));
        double[] r = new double[a.length];
        for (int j = 0; j < a.length; j++) r[j] = a[j] * f;
        return r;
    }

    // ------------------------------------------------------------------------------------------

    private static List<EpochMetrics> run(Trainer t) {
        List<EpochMetrics> ms = new ArrayList<>();
        while (!t.finished()) {
            while (t.batchInEpoch() < t.batchesPerEpoch()) t.trainBatch();
            ms.add(HintonTrainerTest.withoutTiming(t.finishEpoch()));
        }
        return ms;
    }

    @Test
    void theSameSeedGivesTheSameRunAndAnotherSeedAnotherOne() {
        DataSplits data = TestData.small(200, 100);
        FFConfig config = tiny().batchSize(50).build();
        List<EpochMetrics> first, second, other;
        FFNetwork a, c;
        try (Trainer t = Trainers.create(config, data, new EjmlBackend(1))) { first = run(t); a = t.snapshot(); }
        try (Trainer t = Trainers.create(config, data, new EjmlBackend(1))) {
            second = run(t);
            for (int l = 0; l < 2; l++) {
                assertArrayEquals(a.weights[l].data, t.network().weights[l].data);
                assertArrayEquals(a.topDown[l].data, t.network().topDown[l].data);
            }
        }
        assertEquals(first, second);
        assertNotNull(first.get(1).energyErrorsValid(), "valid errors every epoch");
        assertNull(first.get(1).softmaxErrorsValid(), "no readout");
        try (Trainer t = Trainers.create(config.toBuilder().seed(99).build(), data, new EjmlBackend(1))) { other = run(t); c = t.snapshot(); }
        assertNotEquals(first, other, "a different seed gives a different run");
        assertFalse(java.util.Arrays.equals(a.topDown[0].data, c.topDown[0].data));
    }

    @Test
    void aResumedRunEndsWithTheSameBytesAsOneThatRanThrough(@TempDir Path dir) {
        DataSplits data = TestData.small(200, 100);
        FFConfig config = tiny().batchSize(50).shuffle(true).build();
        List<EpochMetrics> straight;
        FFNetwork end;
        try (Trainer t = Trainers.create(config, data, new EjmlBackend(1))) {
            straight = run(t);
            end = t.snapshot();
        }
        Path ckpt = dir.resolve("mid.bin");
        List<EpochMetrics> interrupted = new ArrayList<>();
        try (Trainer t = Trainers.create(config, data, new EjmlBackend(1))) {
            while (t.batchInEpoch() < t.batchesPerEpoch()) t.trainBatch();
            interrupted.add(HintonTrainerTest.withoutTiming(t.finishEpoch()));
            for (int i = 0; i < 2; i++) t.trainBatch();        // stop in the middle of epoch 1
            Checkpoints.saveState(t.state(), ckpt);
        }
        try (Trainer t = Trainers.resume(Checkpoints.loadState(ckpt), data, new EjmlBackend(1))) {
            assertEquals(1, t.epoch());
            assertEquals(2, t.batchInEpoch());
            interrupted.addAll(run(t));
            Path a = dir.resolve("a.ffm"), b = dir.resolve("b.ffm");
            Checkpoints.saveModel(end, a);
            Checkpoints.saveModel(t.network(), b);
            assertArrayEquals(bytes(a), bytes(b), "the same model file, byte for byte");
        }
        assertEquals(straight, interrupted);
    }

    @Test
    void aModelWithATopDownMatrixOfTheWrongShapeIsRefusedNamingIt(@TempDir Path dir) throws Exception {
        FFConfig config = tiny().build();
        FFNetwork net = FFNetwork.initialise(config, new SeededRandom(1));
        Path file = dir.resolve("m.ffm");
        Checkpoints.saveModel(net, file);
        assertArrayEquals(net.topDown[1].data, Checkpoints.loadModel(file).topDown[1].data, "a sound file reads back");
        byte[] bytes = bytes(file);
        // V2 (10x20) is the last matrix before the CRC: its header sits 10·20·4 + 8 bytes before it.
        int header = bytes.length - 8 - 10 * 20 * 4 - 8;
        assertEquals(10, ByteBuffer.wrap(bytes, header, 4).getInt());
        ByteBuffer.wrap(bytes, header, 4).putInt(11);
        CRC32 crc = new CRC32();
        crc.update(bytes, 0, bytes.length - 8);
        ByteBuffer.wrap(bytes, bytes.length - 8, 8).putLong(crc.getValue());
        Files.write(file, bytes);
        CheckpointException e = assertThrows(CheckpointException.class, () -> Checkpoints.loadModel(file));
        assertEquals(file + ": V2 (top-down): is 11x20 but the config implies 10x20", e.getMessage());
    }

    @Test
    void theRecurrentSettingsAreCheckedOnlyForTheRecurrentRecipe() {
        goodness.ff.InvalidConfigException e = assertThrows(goodness.ff.InvalidConfigException.class,
                () -> tiny().recurrentSettings(new RecurrentSettings(8, 0.3, 4, 9)).build());
        assertEquals("recurrentSettings.scoreTo", e.field());
        assertEquals("recurrentSettings.damping", assertThrows(goodness.ff.InvalidConfigException.class,
                () -> tiny().recurrentSettings(new RecurrentSettings(8, 1.0, 3, 5)).build()).field());
        assertEquals("negatives", assertThrows(goodness.ff.InvalidConfigException.class, () -> tiny().negatives(NegativeMode.MASK).build()).field());
        assertNull(FFConfig.hinton().toBuilder().recurrentSettings(RecurrentSettings.paper()).build().recurrentSettings(),
                "other recipes carry none, so their files are unchanged");
        FFConfig c = tiny().build();
        assertEquals(c, goodness.ff.io.ConfigJson.parse(goodness.ff.io.JsonFormat.GSON.toJson(c)), "the settings travel in the config's JSON");
    }

    private static byte[] bytes(Path p) {
        try {
            return Files.readAllBytes(p);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
