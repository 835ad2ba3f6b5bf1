package goodness.ui;

import javafx.animation.PauseTransition;
import javafx.scene.Scene;
import javafx.stage.Stage;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * Measures and exercises the app's start, for launch-time figures and for the class-data-sharing
 * archive the installable image is built with (docs/performance.md, "Launch time"). Off unless a
 * system property asks:
 * <ul>
 *   <li>{@value #REPORT_PROPERTY}{@code =true}: when the first frame of the window has been laid
 *       out, print one line on standard output, {@value #LINE_START}, the milliseconds since the
 *       process started and the CPU time the process has used (all its threads);</li>
 *   <li>{@value #EXIT_PROPERTY}{@code =SECONDS}: close the window that many seconds after its first
 *       frame (the app then shuts down as when the user closes it).</li>
 * </ul>
 * A value that is not a number of seconds is reported in one line and ignored.
 */
final class StartupProbe {
    static final String REPORT_PROPERTY = "goodness.startupReport";
    static final String EXIT_PROPERTY = "goodness.exitAfterShown";
    static final String LINE_START = "goodness: first window shown";

    private static final System.Logger LOG = System.getLogger(StartupProbe.class.getName());

    private StartupProbe() {
    }

    /** Arms the probe on the stage's scene, if a property asks for it (FX thread, before or after show). */
    static void arm(Stage stage) {
        boolean report = Boolean.parseBoolean(System.getProperty(REPORT_PROPERTY));
        Optional<Duration> exitAfter = exitDelay(System.getProperty(EXIT_PROPERTY));
        if (!report && exitAfter.isEmpty()) return;
        Scene scene = stage.getScene();
        Runnable[] once = new Runnable[1];
        once[0] = () -> {
            scene.removePostLayoutPulseListener(once[0]);
            if (report) {
                ProcessHandle.Info me = ProcessHandle.current().info();
                System.out.println(line(System.currentTimeMillis(), me.startInstant(), me.totalCpuDuration()));
            }
            exitAfter.ifPresent(d -> {
                PauseTransition later = new PauseTransition(javafx.util.Duration.millis(d.toMillis()));
                later.setOnFinished(e -> stage.close());
                later.play();
            });
        };
        scene.addPostLayoutPulseListener(once[0]);
    }

    /** The delay {@value #EXIT_PROPERTY} names; empty if unset, or (with one log line) not a number of seconds from 0 to 3600. */
    static Optional<Duration> exitDelay(String value) {
        if (value == null || value.isBlank()) return Optional.empty();
        try {
            double s = Double.parseDouble(value.trim());
            if (s >= 0 && s <= 3600) return Optional.of(Duration.ofMillis(Math.round(s * 1000)));
        } catch (NumberFormatException e) {
            // reported below
        }
        LOG.log(System.Logger.Level.WARNING, "-D" + EXIT_PROPERTY + "=" + value + " is not a number of seconds from 0 to 3600; ignored");
        return Optional.empty();
    }

    /** The line printed at the first frame: with the time since the process started and its CPU time, where the system tells them. */
    static String line(long nowMillis, Optional<Instant> processStart, Optional<Duration> cpu) {
        return LINE_START
                + processStart.map(s -> " " + (nowMillis - s.toEpochMilli()) + " ms after the process started").orElse("")
                + cpu.map(c -> ", CPU " + c.toMillis() + " ms").orElse("");
    }
}
