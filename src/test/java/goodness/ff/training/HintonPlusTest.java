package goodness.ff.training;

import goodness.data.DataSplits;
import goodness.ff.FFConfig;
import goodness.ff.FFNetwork;
import goodness.ff.InvalidConfigException;
import goodness.ff.Recipe;
import goodness.ff.SeededRandom;
import goodness.ff.TestData;
import goodness.ff.backend.EjmlBackend;
import goodness.ff.io.Checkpoints;
import goodness.ff.io.DefaultModel;
import goodness.ff.scoring.TestResult;
import org.ejml.data.FMatrixRMaj;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

/** The hinton-plus additions to recipe A: input shifts and dropout, and what must not change. */
class HintonPlusTest {

    private static FFConfig.Builder tinyPlus() {
        return TestData.tiny().shiftPixels(2).dropout(0.2);
    }

    @Test
    void aShiftedImageIsTheOriginalMovedByExactlyDxDyWithZerosFilledIn() {
        float[] src = new float[784 + 5];
        for (int i = 0; i < src.length; i++) src[i] = 1 + i;           // every pixel distinct and non-zero
        for (int dx = -3; dx <= 3; dx++) {
            for (int dy = -3; dy <= 3; dy++) {
                float[] dst = new float[784 + 7];
                java.util.Arrays.fill(dst, -1f);
                InputShift.shiftInto(src, 5, dx, dy, dst, 7);
                for (int r = 0; r < 28; r++) {
                    for (int c = 0; c < 28; c++) {
                        int sr = r - dy, sc = c - dx;
                        float expected = sr >= 0 && sr < 28 && sc >= 0 && sc < 28 ? src[5 + sr * 28 + sc] : 0f;
                        assertEquals(expected, dst[7 + r * 28 + c], "pixel (" + r + ", " + c + ") for shift (" + dx + ", " + dy + ")");
                    }
                }
                for (int i = 0; i < 7; i++) assertEquals(-1f, dst[i], "nothing written before the output's offset");
            }
        }
    }

    @Test
    void anAffineMapWithoutRotationOrScalingIsExactlyTheWholePixelShift() {
        float[] src = new float[784 + 3];
        for (int i = 0; i < src.length; i++) src[i] = 1 + i * 0.37f;
        for (int dx = -2; dx <= 2; dx++)
            for (int dy = -2; dy <= 2; dy++) {
                float[] shifted = new float[784], mapped = new float[784 + 4];
                InputShift.shiftInto(src, 3, dx, dy, shifted, 0);
                InputAffine.transformInto(src, 3, dx, dy, 0, 1, mapped, 4);
                assertArrayEquals(shifted, java.util.Arrays.copyOfRange(mapped, 4, 788), "shift (" + dx + ", " + dy + ")");
            }
    }

    @Test
    void aQuarterTurnMovesEveryPixelWhereTheRotationSendsIt() {
        // 90° maps the pixel grid onto itself, so every value must land exactly: counter-clockwise on
        // screen (rows grow downwards) sends the pixel at (r, c) to (27 - c, r).
        float[] src = new float[784];
        for (int i = 0; i < 784; i++) src[i] = 1 + i;
        float[] dst = new float[784];
        InputAffine.transformInto(src, 0, 0, 0, 90, 1, dst, 0);
        for (int r = 0; r < 28; r++)
            for (int c = 0; c < 28; c++)
                assertEquals(src[r * 28 + c], dst[(27 - c) * 28 + r], 1e-3, "pixel (" + r + ", " + c + ")");
    }

    @Test
    void rotationAndScalingOfALinearRampAreExactInsideAndZeroOutside() {
        // Bilinear sampling reproduces a linear function exactly, so a ramp's rotated, scaled copy is
        // known at every output pixel whose source lies inside the frame; outside, the fill is 0.
        float[] ramp = new float[784];
        for (int r = 0; r < 28; r++) for (int c = 0; c < 28; c++) ramp[r * 28 + c] = 2f * r + 0.5f * c + 1f;
        double degrees = 17, scale = 0.8, t = Math.toRadians(degrees), centre = 13.5;
        float[] dst = new float[784];
        InputAffine.transformInto(ramp, 0, 1, -1, degrees, scale, dst, 0);
        int inside = 0, outside = 0;
        for (int r = 0; r < 28; r++)
            for (int c = 0; c < 28; c++) {
                double x = c - centre - 1, y = r - centre + 1;
                double sc = centre + (Math.cos(t) * x - Math.sin(t) * y) / scale, sr = centre + (Math.sin(t) * x + Math.cos(t) * y) / scale;
                if (sr >= 0 && sr <= 27 && sc >= 0 && sc <= 27) {
                    assertEquals(2 * sr + 0.5 * sc + 1, dst[r * 28 + c], 1e-4, "pixel (" + r + ", " + c + ")");
                    inside++;
                } else if (sr < -1 || sr > 28 || sc < -1 || sc > 28) {
                    assertEquals(0f, dst[r * 28 + c], "pixel (" + r + ", " + c + ") comes from outside the frame");
                    outside++;
                }
            }
        assertTrue(inside > 400 && outside > 10, inside + " inside, " + outside + " outside");
    }

    @Test
    void rotationAndScalingAreTheirOwnOptionsOnOnlyInHintonPlus() {
        for (FFConfig c : List.of(FFConfig.hinton(), FFConfig.sleep())) {
            assertEquals(0.0, c.rotateDegrees());
            assertEquals(0.0, c.scaleRange());
            assertFalse(c.affineAugmentation());
        }
        assertTrue(FFConfig.hintonPlus().affineAugmentation());
        assertFalse(FFConfig.hintonPlus().toBuilder().rotateDegrees(0).scaleRange(0).build().affineAugmentation(), "each can be turned off");
        assertEquals("rotateDegrees", assertThrows(InvalidConfigException.class,
                () -> FFConfig.hintonPlus().toBuilder().rotateDegrees(FFConfig.MAX_ROTATE_DEGREES + 1).build()).field());
        assertEquals("scaleRange", assertThrows(InvalidConfigException.class, () -> FFConfig.hintonPlus().toBuilder().scaleRange(-0.1).build()).field());
        assertEquals("rotateDegrees", assertThrows(InvalidConfigException.class, () -> FFConfig.sleep().toBuilder().rotateDegrees(5).build()).field());
    }

    @Test
    void dropoutZeroesAboutPOfTheUnitsAndScalesTheRestByOneOverOneMinusP() {
        FMatrixRMaj m = new FMatrixRMaj(100, 1001);
        java.util.Arrays.fill(m.data, 2f);
        Dropout.applyInPlace(m, 99, 0.25, new SeededRandom(7));
        int zeros = 0;
        for (int i = 0; i < 99 * 1001; i++) {
            if (m.data[i] == 0f) zeros++;
            else assertEquals(2f / 0.75f, m.data[i], 1e-6, "a kept unit is scaled by 1/(1-p)");
        }
        double fraction = zeros / (99.0 * 1001);
        assertEquals(0.25, fraction, 0.01, "dropped fraction");
        for (int i = 99 * 1001; i < 100 * 1001; i++) assertEquals(2f, m.data[i], "rows past 'rows' are untouched");

        FMatrixRMaj a = new FMatrixRMaj(3, 5), b = new FMatrixRMaj(3, 5);
        java.util.Arrays.fill(a.data, 1f);
        java.util.Arrays.fill(b.data, 1f);
        Dropout.applyInPlace(a, 3, 0.5, new SeededRandom(11));
        Dropout.applyInPlace(b, 3, 0.5, new SeededRandom(11));
        assertArrayEquals(a.data, b.data, "the same seed gives the same mask");
    }

    @Test
    void dropoutOnTheScoredStatesUsesTheSameMaskAndScoresWhatSurvived() {
        SeededRandom values = new SeededRandom(3);
        int rows = 7, cols = 33;                                     // odd: the last element takes its own draw
        FMatrixRMaj n = new FMatrixRMaj(rows + 1, cols), s = new FMatrixRMaj(rows + 1, cols);
        for (int i = 0; i < n.data.length; i++) {
            n.data[i] = 0.1f + (float) values.nextDouble();          // positive, like ReLU outputs that survived
            s.data[i] = 1f + (float) values.nextDouble();
        }
        FMatrixRMaj nPlain = n.copy(), sBefore = s.copy();
        float[] g = new float[rows + 1];
        g[rows] = -5f;
        Dropout.applyInPlace(n, s, g, rows, 0.3, new SeededRandom(19));
        Dropout.applyInPlace(nPlain, rows, 0.3, new SeededRandom(19));
        assertArrayEquals(nPlain.data, n.data, "n gets the mask plain dropout draws from the same seed");
        int dropped = 0;
        for (int i = 0; i < rows * cols; i++) {
            if (n.data[i] == 0f) {
                dropped++;
                assertEquals(0f, s.data[i], "element " + i + ": dropped in n, so dropped in s");
            } else {
                assertEquals(sBefore.data[i] / 0.7f, s.data[i], 1e-5, "element " + i + ": kept and scaled like n");
            }
        }
        assertTrue(dropped > 0 && dropped < rows * cols, "some dropped, some kept: " + dropped);
        for (int r = 0; r < rows; r++) {
            double sum = 0;
            for (int c = 0; c < cols; c++) sum += (double) s.data[r * cols + c] * s.data[r * cols + c];
            assertEquals(sum, g[r], 1e-4 * sum, "row " + r + "'s goodness is that of its surviving states");
        }
        assertEquals(-5f, g[rows], "rows past 'rows' keep their goodness");
        for (int i = rows * cols; i < (rows + 1) * cols; i++) assertEquals(sBefore.data[i], s.data[i], "and their states");
    }

    @Test
    void dropoutOnTheScoredStatesIsItsOwnOptionOffInEveryPreset() {
        DataSplits data = TestData.small(1000, 200);
        FFConfig scored = tinyPlus().epochs(1).dropoutScored(true).build();
        FFNetwork a = trainBatches(scored, data, 6), b = trainBatches(scored, data, 6);
        for (int l = 0; l < a.layerCount(); l++) assertArrayEquals(a.weights[l].data, b.weights[l].data, "deterministic, layer " + (l + 1));
        FFNetwork unscored = trainBatches(tinyPlus().epochs(1).build(), data, 6);
        assertFalse(java.util.Arrays.equals(a.weights[0].data, unscored.weights[0].data), "scoring the dropped states changes the learning");
        assertFalse(FFConfig.hintonPlus().dropoutScored());
        assertFalse(FFConfig.hinton().dropoutScored());
        InvalidConfigException e = assertThrows(InvalidConfigException.class, () -> FFConfig.sleep().toBuilder().dropoutScored(true).build());
        assertEquals("dropoutScored", e.field());
    }

    /** The preset is the settings of the run chosen by valid error, whose model the app bundles. */
    @Test
    void theHintonPlusPresetTrainsWhatTheBundledModelWasTrainedWith() {
        FFConfig bundled = DefaultModel.load().config();
        assertEquals("hinton-plus", bundled.presetName());
        // Apart from the seed (the bundled run is the second seed of the chosen settings, 5678) only the
        // run's speed and logging settings were the script's own: BLAS threads, evaluation every 20 epochs.
        assertEquals(5678L, bundled.seed());
        assertEquals(bundled, FFConfig.hintonPlus().toBuilder().seed(bundled.seed()).threads(bundled.threads()).evalEvery(bundled.evalEvery()).build());
        // The example the app overlays at its first start as the bundled model's run is the run that made it.
        java.nio.file.Path config = goodness.runs.ExampleRuns.RELATIVE.resolve(goodness.runs.ExampleRuns.BUNDLED_MODEL_RUN).resolve(goodness.runs.RunFolder.CONFIG);
        try {
            assertEquals(bundled, goodness.runs.RunJson.config(java.nio.file.Files.readString(config), config));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @Test
    void theHintonPlusPresetIsRecipeAPlusReshufflingShiftsRotationsScalingDropoutAndMoreEpochs() {
        FFConfig plus = FFConfig.named("hinton-plus"), a = FFConfig.hinton();
        assertEquals(1, plus.shiftPixels());
        assertEquals(10.0, plus.rotateDegrees());
        assertEquals(0.1, plus.scaleRange());
        assertEquals(0.1, plus.dropout());
        assertTrue(plus.shuffle());
        assertEquals(200, plus.epochs());
        assertEquals(a.toBuilder().presetName("hinton-plus").epochs(200).shuffle(true).shiftPixels(1).rotateDegrees(10).scaleRange(0.1).dropout(0.1).build(),
                plus, "everything else is recipe A's");
        assertEquals("hinton-plus", plus.presetName(), "the config carries its name (the Runs listing shows it)");
        assertEquals(Recipe.HINTON, plus.recipe(), "the recipe is A");
        assertEquals(0, a.shiftPixels());
        assertEquals(0.0, a.rotateDegrees());
        assertEquals(0.0, a.scaleRange());
        assertFalse(a.shuffle());
        assertEquals(0.0, a.dropout(), "plain recipe A has none of them");
        InvalidConfigException e = assertThrows(InvalidConfigException.class, () -> FFConfig.named("hinton-pluss"));
        assertTrue(e.getMessage().contains("preset"), e.getMessage());
        assertThrows(InvalidConfigException.class, () -> a.toBuilder().dropout(1.0).build());
        assertThrows(InvalidConfigException.class, () -> a.toBuilder().shiftPixels(FFConfig.MAX_SHIFT + 1).build());
        assertThrows(InvalidConfigException.class, () -> FFConfig.sleep().toBuilder().dropout(0.1).build());
    }

    @Test
    void theSameSeedGivesTheSameShiftsAndMasks() {
        DataSplits data = TestData.small(1000, 200);
        FFConfig config = tinyPlus().epochs(1).build();
        FFNetwork first = trainBatches(config, data, 6), second = trainBatches(config, data, 6);
        for (int l = 0; l < first.layerCount(); l++) assertArrayEquals(first.weights[l].data, second.weights[l].data, "layer " + (l + 1));
        FFNetwork plain = trainBatches(TestData.tiny().epochs(1).build(), data, 6);
        assertFalse(java.util.Arrays.equals(first.weights[0].data, plain.weights[0].data), "shifts and dropout change the run");

        FFConfig turned = tinyPlus().epochs(1).rotateDegrees(10).scaleRange(0.1).build();
        FFNetwork a = trainBatches(turned, data, 6), b = trainBatches(turned, data, 6);
        for (int l = 0; l < a.layerCount(); l++) assertArrayEquals(a.weights[l].data, b.weights[l].data, "rotated and scaled, layer " + (l + 1));
        assertFalse(java.util.Arrays.equals(a.weights[0].data, first.weights[0].data), "rotations and scaling change the run");
    }

    @org.junit.jupiter.params.ParameterizedTest(name = "dropout on the scored states: {0}, rotation and scaling: {1}")
    @org.junit.jupiter.params.provider.CsvSource({"false, false", "true, false", "false, true"})
    void aResumedHintonPlusRunContinuesExactly(boolean dropoutScored, boolean affine, @TempDir Path dir) {
        DataSplits data = TestData.small(1000, 200);
        FFConfig config = tinyPlus().epochs(2).shuffle(true).dropoutScored(dropoutScored)
                .rotateDegrees(affine ? 12 : 0).scaleRange(affine ? 0.15 : 0).build();
        List<EpochMetrics> straight = new ArrayList<>();
        FFNetwork straightEnd;
        try (Trainer t = Trainers.create(config, data, new EjmlBackend(1))) {
            while (!t.finished()) straight.add(epoch(t));
            straightEnd = t.snapshot();
        }
        Path ckpt = dir.resolve("mid.bin");
        List<EpochMetrics> resumed = new ArrayList<>();
        try (Trainer t = Trainers.create(config, data, new EjmlBackend(1))) {
            resumed.add(epoch(t));
            for (int i = 0; i < 4; i++) t.trainBatch();
            Checkpoints.saveState(t.state(), ckpt);
        }
        try (Trainer t = Trainers.resume(Checkpoints.loadState(ckpt), data, new EjmlBackend(1))) {
            while (!t.finished()) resumed.add(epoch(t));
            for (int l = 0; l < straightEnd.layerCount(); l++) assertArrayEquals(straightEnd.weights[l].data, t.network().weights[l].data, "layer " + (l + 1));
        }
        assertEquals(straight, resumed);
    }

    @Test
    void evaluationAppliesNeitherDropoutNorShifts() {
        DataSplits data = TestData.small(500, 300);
        // Same seed, so the same initial network: the evaluation must not see the training-only additions.
        try (Trainer plain = Trainers.create(TestData.tiny().build(), data, new EjmlBackend(1));
             Trainer plus = Trainers.create(TestData.tiny().shiftPixels(1).dropout(0.5).rotateDegrees(20).scaleRange(0.2).build(), data,
                     new EjmlBackend(1))) {
            TestResult a = plain.evaluateTest(), b = plus.evaluateTest(), again = plus.evaluateTest();
            assertEquals(a.energyErrorsTest(), b.energyErrorsTest());
            assertEquals(a.softmaxErrorsTest(), b.softmaxErrorsTest());
            assertArrayEquals(a.confusion(), b.confusion());
            assertArrayEquals(b.confusion(), again.confusion(), "no randomness at evaluation");
        }
    }

    @Test
    void aSmallHintonPlusRunLearns() {
        DataSplits data = TestData.small(3000, 1000);
        FFConfig config = TestData.tiny().hiddenSizes(List.of(200, 200, 200)).epochs(3).evalEvery(0).shiftPixels(1).dropout(0.15).build();
        try (Trainer t = Trainers.create(config, data, new EjmlBackend(1))) {
            List<EpochMetrics> ms = new ArrayList<>();
            while (!t.finished()) ms.add(epoch(t));
            TestResult r = t.evaluateTest();
            // Chance is 900/1000 errors; the same bounds as plain recipe A's small-run test.
            assertTrue(r.energyErrorsTest() < 700, "energy errors " + r.energyErrorsTest() + "/1000");
            assertTrue(r.softmaxErrorsTest() < 400, "softmax errors " + r.softmaxErrorsTest() + "/1000");
            assertTrue(ms.get(2).trainLogCost() < ms.get(0).trainLogCost(), "the softmax cost falls");
        }
    }

    @org.junit.jupiter.params.ParameterizedTest(name = "with rotation and scaling: {0}")
    @org.junit.jupiter.params.provider.ValueSource(booleans = {false, true})
    void shiftsAndDropoutAllocateNothingPerBatch(boolean affine) {
        com.sun.management.ThreadMXBean mx = (com.sun.management.ThreadMXBean) java.lang.management.ManagementFactory.getThreadMXBean();
        org.junit.jupiter.api.Assumptions.assumeTrue(mx.isThreadAllocatedMemorySupported());
        FFConfig config = tinyPlus().rotateDegrees(affine ? 10 : 0).scaleRange(affine ? 0.1 : 0).build();
        try (Trainer t = Trainers.create(config, TestData.small(3000, 100), new EjmlBackend(1))) {
            for (int i = 0; i < 5; i++) t.trainBatch(); // first batches may load classes
            long id = Thread.currentThread().getId();
            long before = mx.getThreadAllocatedBytes(id);
            for (int i = 0; i < 20; i++) t.trainBatch();
            long allocated = mx.getThreadAllocatedBytes(id) - before;
            assertTrue(allocated < 20 * 1024, "20 batches allocated " + allocated + " bytes"); // the same slack as recipe A's test
        }
    }

    private static FFNetwork trainBatches(FFConfig config, DataSplits data, int batches) {
        try (Trainer t = Trainers.create(config, data, new EjmlBackend(1))) {
            for (int i = 0; i < batches; i++) t.trainBatch();
            return t.snapshot();
        }
    }

    /** The rest of the current epoch; the metrics without their wall times (which always differ). */
    private static EpochMetrics epoch(Trainer t) {
        while (t.batchInEpoch() < t.batchesPerEpoch()) t.trainBatch();
        EpochMetrics m = t.finishEpoch();
        return new EpochMetrics(m.epoch(), m.gain(), m.trainLogCost(), m.pairwiseErrors(), m.goodnessPos(), m.goodnessNeg(),
                m.layerAccuracy(), m.energyErrorsTrain(), m.energyErrorsValid(), m.softmaxErrorsValid(), m.rms(), m.suprms(),
                0, 0, 0, m.negatives(), m.phases(), m.trainCases(), m.validCases());
    }
}
