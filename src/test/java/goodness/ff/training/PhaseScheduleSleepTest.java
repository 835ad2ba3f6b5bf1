package goodness.ff.training;

import goodness.ff.FFConfig;
import goodness.ff.Phase;
import goodness.ff.PhaseSchedule;
import goodness.ff.io.Checkpoints;
import org.junit.jupiter.api.Test;

import static goodness.ff.Phase.NEGATIVE;
import static goodness.ff.Phase.POSITIVE;
import static org.junit.jupiter.api.Assertions.*;

/** The phase counter: A = S = N and A = N, S = 1 sequences, positive-lr scaling. */
class PhaseScheduleSleepTest {

    private static Phase[] seq(PhaseSchedule s, int n) {
        Phase[] p = new Phase[n];
        for (int k = 0; k < n; k++) p[k] = s.phaseOf(k);
        return p;
    }

    @Test
    void symmetricSchedule() {
        assertArrayEquals(new Phase[] {POSITIVE, NEGATIVE, POSITIVE, NEGATIVE}, seq(PhaseSchedule.symmetric(1), 4));
        assertArrayEquals(new Phase[] {POSITIVE, POSITIVE, POSITIVE, NEGATIVE, NEGATIVE, NEGATIVE, POSITIVE, POSITIVE},
                seq(PhaseSchedule.symmetric(3), 8));
        assertEquals(1.0, PhaseSchedule.symmetric(4).positiveRateScale());
    }

    @Test
    void awakeHeavyScheduleAndScaling() {
        PhaseSchedule s = PhaseSchedule.awakeHeavy(4);
        assertArrayEquals(new Phase[] {POSITIVE, POSITIVE, POSITIVE, POSITIVE, NEGATIVE, POSITIVE, POSITIVE, POSITIVE, POSITIVE, NEGATIVE},
                seq(s, 10));
        assertEquals(0.25, s.positiveRateScale(), 1e-12);
    }

    @Test
    void counterNeverResetsAcrossEpochs() throws Exception {
        // 2 batches per epoch, A = S = 3: the phase follows the run's batch counter, not the epoch's.
        FFConfig c = FFConfig.sleep().toBuilder().hiddenSizes(java.util.List.of(8)).batchSize(4).stepsPerBatch(1)
                .epochs(3).trainLimit(8).threads(1).backend("ejml").phases(PhaseSchedule.symmetric(3)).build();
        try (SleepTrainer t = new SleepTrainer(c, SleepTrainerTest.tinyData(8), goodness.ff.backend.Backends.create("ejml", 1))) {
            assertArrayEquals(new Phase[] {POSITIVE, POSITIVE, POSITIVE, NEGATIVE, NEGATIVE, NEGATIVE}, phasesToTheEnd(t, 6));
            assertEquals(6, t.batchCounter());
        }
    }

    @Test
    void tableTwoScheduleAndPositiveRateScalingHoldAfterResume(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) throws Exception {
        // Table 2, N = 4 (A = 4, S = 1, positive lr / 4); 2 batches per epoch, cut after epoch 1 (counter 2).
        FFConfig c = FFConfig.sleep().toBuilder().hiddenSizes(java.util.List.of(8)).batchSize(4).stepsPerBatch(1)
                .epochs(4).trainLimit(8).threads(1).backend("ejml").phases(PhaseSchedule.awakeHeavy(4)).evalEvery(0).build();
        var data = SleepTrainerTest.tinyData(8);
        java.nio.file.Path ckpt = dir.resolve("t2.bin");
        try (SleepTrainer t = new SleepTrainer(c, data, goodness.ff.backend.Backends.create("ejml", 1))) {
            while (t.batchInEpoch() < t.batchesPerEpoch()) t.trainBatch();
            t.finishEpoch();
            Checkpoints.saveState(t.state(), ckpt);
        }
        // The counter continues: batches 2..7 are P P N P P P (cycle of 5), not a fresh P P P P N.
        try (Trainer t = Trainers.resume(Checkpoints.loadState(ckpt), data, goodness.ff.backend.Backends.create("ejml", 1))) {
            assertEquals(PhaseSchedule.awakeHeavy(4), t.phases());
            assertArrayEquals(new Phase[] {POSITIVE, POSITIVE, NEGATIVE, POSITIVE, POSITIVE, POSITIVE}, phasesToTheEnd(t, 6));
            assertEquals(8, t.batchCounter());
        }
        // The positive step after resume is a quarter of the unscaled one: Adam's update is linear in its
        // step size for one step (K = 1) from the same state, so |dW| scaled * 4 = |dW| unscaled.
        double scaled = positiveStepSize(ckpt, data, PhaseSchedule.awakeHeavy(4));
        double unscaled = positiveStepSize(ckpt, data, new PhaseSchedule(4, 1, false));
        assertTrue(unscaled > 0);
        assertEquals(unscaled, 4 * scaled, 1e-3 * unscaled, "positive lr / 4 after resume");
    }

    /** Sum of |dW| of layer 1 over the first batch after resuming {@code ckpt} with {@code phases} (a positive batch). */
    private static double positiveStepSize(java.nio.file.Path ckpt, goodness.data.DataSplits data, PhaseSchedule phases) {
        try (Trainer t = Trainers.resume(Checkpoints.loadState(ckpt), data, goodness.ff.backend.Backends.create("ejml", 1))) {
            t.setPhases(phases);
            float[] before = t.network().weights[0].data.clone();
            t.trainBatch();
            assertEquals(POSITIVE, t.batchSnapshot().phase());
            float[] after = t.network().weights[0].data;
            double sum = 0;
            for (int i = 0; i < before.length; i++) sum += Math.abs((double) after[i] - before[i]);
            return sum;
        }
    }

    /** Trains {@code t} to its end and returns each batch's phase (exactly {@code batches} of them). */
    private static Phase[] phasesToTheEnd(Trainer t, int batches) {
        java.util.List<Phase> seen = new java.util.ArrayList<>();
        while (!t.finished()) {
            while (t.batchInEpoch() < t.batchesPerEpoch()) {
                t.trainBatch();
                seen.add(t.batchSnapshot().phase());
            }
            t.finishEpoch();
        }
        assertEquals(batches, seen.size(), "batches trained to the end");
        return seen.toArray(new Phase[0]);
    }
}
