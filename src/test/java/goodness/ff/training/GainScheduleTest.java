package goodness.ff.training;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

class GainScheduleTest {

    @Test
    void matchesTheSeedLogOverA125EpochRun() {
        assertEquals(1.0, GainSchedule.gain(0, 125), 0);
        assertEquals(1.0, GainSchedule.gain(62, 125), 0);
        assertEquals(1.0, GainSchedule.gain(63, 125), 1e-12);
        assertEquals(0.984, GainSchedule.gain(64, 125), 1e-12);
        assertEquals(0.968, GainSchedule.gain(65, 125), 1e-12);
        assertEquals(0.024, GainSchedule.gain(124, 125), 1e-12);
    }

    @Test
    void decaysLinearlyBy2OverEOnceHalfwayThrough() {
        for (int e = 64; e < 124; e++) assertEquals(2.0 / 125, GainSchedule.gain(e, 125) - GainSchedule.gain(e + 1, 125), 1e-12);
    }
}
