package goodness.ui;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The launch-time probe's settings and its one line (the probe itself runs only when a property asks). */
class StartupProbeTest {

    @Test
    void exitDelayIsReadInSecondsWithFractions() {
        assertEquals(Optional.of(Duration.ofSeconds(2)), StartupProbe.exitDelay("2"));
        assertEquals(Optional.of(Duration.ofMillis(500)), StartupProbe.exitDelay(" 0.5 "));
        assertEquals(Optional.of(Duration.ZERO), StartupProbe.exitDelay("0"));
    }

    @Test
    void unsetOrNonsensicalExitDelayLeavesTheAppRunning() {
        assertTrue(StartupProbe.exitDelay(null).isEmpty());
        assertTrue(StartupProbe.exitDelay("  ").isEmpty());
        assertTrue(StartupProbe.exitDelay("soon").isEmpty());
        assertTrue(StartupProbe.exitDelay("-1").isEmpty());
        assertTrue(StartupProbe.exitDelay("NaN").isEmpty());
        assertTrue(StartupProbe.exitDelay("1e9").isEmpty());
    }

    @Test
    void lineGivesTheMillisecondsSinceTheProcessStartedAndItsCpuTime() {
        Instant start = Instant.ofEpochMilli(1_000_000L);
        assertEquals(StartupProbe.LINE_START + " 2345 ms after the process started, CPU 4010 ms",
                StartupProbe.line(1_002_345L, Optional.of(start), Optional.of(Duration.ofMillis(4010))));
        assertEquals(StartupProbe.LINE_START + " 2345 ms after the process started",
                StartupProbe.line(1_002_345L, Optional.of(start), Optional.empty()));
        assertEquals(StartupProbe.LINE_START, StartupProbe.line(1_002_345L, Optional.empty(), Optional.empty()));
    }
}
