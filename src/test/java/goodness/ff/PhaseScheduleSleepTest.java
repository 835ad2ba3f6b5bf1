package goodness.ff;

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
            Phase[] seen = new Phase[6];
            int k = 0;
            while (!t.finished()) {
                while (t.batchInEpoch() < t.batchesPerEpoch()) {
                    t.trainBatch();
                    seen[k++] = t.batchSnapshot().phase();
                }
                t.finishEpoch();
            }
            assertArrayEquals(new Phase[] {POSITIVE, POSITIVE, POSITIVE, NEGATIVE, NEGATIVE, NEGATIVE}, seen);
            assertEquals(6, t.batchCounter());
        }
    }
}
