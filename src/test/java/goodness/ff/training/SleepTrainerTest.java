package goodness.ff.training;

import goodness.data.DataSplits;
import goodness.data.Dataset;
import goodness.data.DatasetLoader;
import goodness.data.LabeledImages;
import goodness.data.SplitKind;
import goodness.ff.FFConfig;
import goodness.ff.FFNetwork;
import goodness.ff.NegativeMode;
import goodness.ff.Phase;
import goodness.ff.PhaseSchedule;
import goodness.ff.SeededRandom;
import goodness.ff.backend.Backends;
import goodness.ff.io.Checkpoints;
import goodness.ff.scoring.TestResult;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

/** Recipe B: Adam state separation, checkpoint/resume, and learning on a small subset. */
class SleepTrainerTest {

    /** n random images (pixels in [0,1], labels i % 10) as train and test sets. */
    static DataSplits tinyData(int n) {
        SeededRandom r = new SeededRandom(99);
        float[] px = new float[n * FFConfig.IMAGE_PIXELS];
        int[] lab = new int[n];
        for (int i = 0; i < px.length; i++) px[i] = r.nextFloat();
        for (int i = 0; i < n; i++) lab[i] = i % 10;
        LabeledImages set = new LabeledImages(px, lab);
        return new DataSplits(set, LabeledImages.empty(), set, Dataset.MNIST);
    }

    private static FFConfig tiny(PhaseSchedule phases, int steps) {
        return FFConfig.sleep().toBuilder().hiddenSizes(List.of(16, 12)).batchSize(8).stepsPerBatch(steps).epochs(2)
                .trainLimit(32).threads(1).backend("ejml").phases(phases).evalEvery(1).build();
    }

    @Test
    void eachPhaseUsesAndUpdatesOnlyItsOwnAdamState() {
        try (SleepTrainer t = new SleepTrainer(tiny(PhaseSchedule.symmetric(1), 3), tinyData(32), Backends.create("ejml", 1))) {
            t.trainBatch(); // batch 0: positive-only
            for (int l = 0; l < 2; l++) {
                assertEquals(3, t.adamSteps(l, Phase.POSITIVE));
                assertEquals(0, t.adamSteps(l, Phase.NEGATIVE));
                assertEquals(0, t.adamSteps(l, Phase.JOINT));
                assertTrue(allZero(t.adamFirstMoment(l, Phase.NEGATIVE)), "negative state untouched by a positive step");
                assertFalse(allZero(t.adamFirstMoment(l, Phase.POSITIVE)));
            }
            float[] posMoment = t.adamFirstMoment(0, Phase.POSITIVE);
            t.trainBatch(); // batch 1: negative-only
            assertEquals(3, t.adamSteps(0, Phase.POSITIVE));
            assertEquals(3, t.adamSteps(0, Phase.NEGATIVE));
            assertArrayEquals(posMoment, t.adamFirstMoment(0, Phase.POSITIVE), "positive state untouched by a negative step");
            assertFalse(allZero(t.adamFirstMoment(0, Phase.NEGATIVE)));
            assertTrue(allZero(t.adamFirstMoment(0, Phase.JOINT)));
        }
        try (SleepTrainer t = new SleepTrainer(tiny(PhaseSchedule.unseparated(), 2), tinyData(32), Backends.create("ejml", 1))) {
            t.trainBatch();
            assertEquals(2, t.adamSteps(1, Phase.JOINT));
            assertEquals(0, t.adamSteps(1, Phase.POSITIVE));
            assertEquals(0, t.adamSteps(1, Phase.NEGATIVE));
        }
    }

    private static boolean allZero(float[] v) {
        for (float x : v) if (x != 0f) return false;
        return true;
    }

    @Test
    void resumedRunMatchesAnUninterruptedOne(@TempDir Path dir) {
        FFConfig c = tiny(PhaseSchedule.parse("2:1:scaled"), 2).toBuilder().negatives(NegativeMode.MASK).build();
        DataSplits data = tinyData(32);
        FFNetwork straight;
        try (SleepTrainer t = new SleepTrainer(c, data, Backends.create("ejml", 1))) {
            run(t, Integer.MAX_VALUE);
            straight = t.network().copy();
        }
        Path ckpt = dir.resolve("c.bin");
        try (SleepTrainer t = new SleepTrainer(c, data, Backends.create("ejml", 1))) {
            run(t, 5); // stop mid-epoch (4 batches per epoch)
            Checkpoints.saveState(t.state(), ckpt);
        }
        try (Trainer t = Trainers.resume(Checkpoints.loadState(ckpt), data, Backends.create("ejml", 1))) {
            assertInstanceOf(SleepTrainer.class, t);
            run(t, Integer.MAX_VALUE);
            for (int l = 0; l < 2; l++) {
                assertArrayEquals(straight.weights[l].data, t.network().weights[l].data);
                assertArrayEquals(straight.biases[l], t.network().biases[l]);
            }
        }
    }

    private static void run(Trainer t, int maxBatches) {
        int done = 0;
        while (!t.finished()) {
            while (t.batchInEpoch() < t.batchesPerEpoch()) {
                if (done++ == maxBatches) return;
                t.trainBatch();
            }
            EpochMetrics m = t.finishEpoch();
            assertEquals(2, m.pairwiseErrors().size());
            assertNotNull(m.energyErrorsTrain());
            assertNull(m.energyErrorsValid());
        }
    }

    @Test
    void periodicEvaluationScoresTheWholeTestSet() {
        // Recipe B has no validation split: its per-epoch evaluation is test accuracy, on every test image.
        FFConfig c = tiny(PhaseSchedule.unseparated(), 2).toBuilder().epochs(3).evalEvery(2).build();
        DataSplits data = tinyData(32);
        try (SleepTrainer t = new SleepTrainer(c, data, Backends.create("ejml", 1))) {
            for (int e = 0; e < 3; e++) {
                while (t.batchInEpoch() < t.batchesPerEpoch()) t.trainBatch();
                EpochMetrics m = t.finishEpoch();
                if (e == 1) {
                    assertNotNull(m.energyErrorsTest(), "epoch 1 is an evaluation epoch (every 2)");
                    assertEquals(data.test().count(), m.testCases());
                    assertEquals(t.testErrors(null), m.energyErrorsTest(), "the same network scored again gives the same errors");
                    assertEquals(1.0 - m.energyErrorsTest() / 32.0, m.testAccuracy(), 1e-12);
                    assertTrue(m.seedStyle().contains("Test " + m.energyErrorsTest() + "/32"), m.seedStyle());
                } else {
                    assertNull(m.energyErrorsTest(), "no evaluation in epoch " + e);
                    assertEquals(0, m.testCases());
                    assertTrue(Double.isNaN(m.testAccuracy()));
                }
            }
        }
    }

    @Test
    void maskAndWrongLabelRunsOfOneSeedDifferOnlyInTheirNegatives() {
        // Table rows compare negative modes, columns compare schedules: a cell may differ from its
        // neighbours only in that. Same seed -> same initial weights, same batches in the same order
        // over several (reshuffled) epochs; and the negatives do not depend on the schedule.
        DataSplits data = tinyData(32);
        FFConfig wrong = tiny(PhaseSchedule.unseparated(), 1).toBuilder().epochs(3).negatives(NegativeMode.RANDOM).build();
        FFConfig mask = wrong.toBuilder().negatives(NegativeMode.MASK).build();
        FFConfig wrongSeparated = wrong.toBuilder().phases(PhaseSchedule.symmetric(2)).build();
        try (SleepTrainer a = new SleepTrainer(wrong, data, Backends.create("ejml", 1));
             SleepTrainer b = new SleepTrainer(mask, data, Backends.create("ejml", 1));
             SleepTrainer c = new SleepTrainer(wrongSeparated, data, Backends.create("ejml", 1))) {
            for (int l = 0; l < 2; l++) assertArrayEquals(a.network().weights[l].data, b.network().weights[l].data, "same initial weights");
            int batches = 0;
            while (!a.finished()) {
                while (a.batchInEpoch() < a.batchesPerEpoch()) {
                    a.trainBatch();
                    b.trainBatch();
                    c.trainBatch();
                    assertArrayEquals(a.negBatch.images, b.negBatch.images, "batch " + batches + ": same positive images");
                    assertArrayEquals(a.negBatch.labels, b.negBatch.labels, "batch " + batches + ": same labels");
                    assertArrayEquals(a.negBatch.images, a.negBatch.negImages, "wrong-label negatives are the positive images");
                    assertFalse(java.util.Arrays.equals(b.negBatch.images, b.negBatch.negImages), "mask negatives are hybrids");
                    assertArrayEquals(a.negBatch.images, c.negBatch.images, "the schedule does not change the data order");
                    assertArrayEquals(a.negBatch.negLabels, c.negBatch.negLabels, "nor the negatives");
                    for (int i = 0; i < 8; i++) assertNotEquals(a.negBatch.labels[i], a.negBatch.negLabels[i]);
                    batches++;
                }
                a.finishEpoch();
                b.finishEpoch();
                c.finishEpoch();
            }
            assertEquals(12, batches, "3 epochs of 4 batches compared");
        }
    }

    @Test
    void hardNegativesWorkWithEnergyBeliefs() {
        FFConfig c = tiny(PhaseSchedule.unseparated(), 1).toBuilder().negatives(NegativeMode.HARD).build();
        try (SleepTrainer t = new SleepTrainer(c, tinyData(32), Backends.create("ejml", 1))) {
            t.trainBatch();
            t.setNegativeMode(NegativeMode.RANDOM);
            t.trainBatch();
            assertEquals(NegativeMode.RANDOM, t.batchSnapshot().negatives());
        }
    }

    @Test
    void learnsOnASmallMnistSubset() {
        FFConfig c = FFConfig.sleep().toBuilder().batchSize(128).trainLimit(2048).epochs(3).stepsPerBatch(5)
                .learningRate(0.03).threads(1).evalEvery(0).build();
        DataSplits data = DatasetLoader.load(DatasetLoader.defaultDataRoot(), Dataset.MNIST, SplitKind.FULL, 2048);
        try (SleepTrainer t = new SleepTrainer(c, data, Trainers.backendFor(c))) {
            EpochMetrics last = null;
            while (!t.finished()) {
                while (t.batchInEpoch() < t.batchesPerEpoch()) t.trainBatch();
                last = t.finishEpoch();
            }
            assertTrue(last.goodnessPos().get(0) > last.goodnessNeg().get(0), "layer 1 separates positive from negative goodness");
            TestResult r = t.evaluateTest();
            double acc = 1 - r.energyErrorsTest() / 10000.0;
            assertTrue(acc > 0.5, "test accuracy clearly above chance, got " + acc);
        }
    }
}
