package goodness.ff;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

/** Where a batch falls in its awake/sleep cycle: what a table cell's final evaluation sees. */
class PhaseScheduleTest {

    @Test
    void theDefaultBudgetsLastBatchFallsAwakeAtSixtyFourAndAsleepAtOneHundredTwentyEight() {
        long last = 43 * 117 - 1;   // 43 epochs of 117 batches: counter 5030
        assertEquals("awake, batch 39 of 64", PhaseSchedule.symmetric(64).positionOf(last).toString());
        assertEquals("sleep, batch 39 of 128", PhaseSchedule.symmetric(128).positionOf(last).toString());
        assertEquals(new PhaseSchedule.Position(Phase.POSITIVE, 1, 4), PhaseSchedule.awakeHeavy(4).positionOf(5));
        assertEquals(new PhaseSchedule.Position(Phase.NEGATIVE, 1, 1), PhaseSchedule.awakeHeavy(4).positionOf(4));
    }

    @Test
    void thePositionAgreesWithThePhaseAndCountsThroughEachPhase() {
        for (PhaseSchedule s : new PhaseSchedule[] {PhaseSchedule.symmetric(1), PhaseSchedule.symmetric(3),
                PhaseSchedule.awakeHeavy(5), new PhaseSchedule(2, 7, false)}) {
            PhaseSchedule.Position previous = null;
            for (long k = 0; k < 200; k++) {
                PhaseSchedule.Position p = s.positionOf(k);
                assertEquals(s.phaseOf(k), p.phase(), s + " batch " + k);
                assertEquals(p.phase() == Phase.POSITIVE ? s.awake() : s.sleep(), p.length(), s + " batch " + k);
                long expected = previous != null && previous.phase() == p.phase() && previous.batch() < previous.length() ? previous.batch() + 1 : 1;
                assertEquals(expected, p.batch(), s + " batch " + k);
                previous = p;
            }
        }
    }

    @Test
    void anUnseparatedScheduleHasNoPosition() {
        assertThrows(IllegalStateException.class, () -> PhaseSchedule.unseparated().positionOf(3));
    }
}
