package goodness.ui;

import org.testfx.util.WaitForAsyncUtils;

import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.fail;

/** What the headless app tests share: running a read on the FX thread, waiting for a condition there, closing the app. */
public final class FxTestSupport {
    private FxTestSupport() {
    }

    /** {@code c}'s result, computed on the FX thread (an assertion error after 20 s or on failure). */
    public static <T> T fx(Callable<T> c) {
        try {
            return WaitForAsyncUtils.asyncFx(c).get(20, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    /** Waits up to {@code seconds} for {@code condition}, evaluated on the FX thread; fails naming {@code what}. */
    public static void waitFor(String what, int seconds, Callable<Boolean> condition) {
        try {
            WaitForAsyncUtils.waitFor(seconds, TimeUnit.SECONDS, () -> fx(condition));
        } catch (Exception e) {
            fail("timed out waiting for " + what);
        }
    }

    /** Closes a test's app window and shuts the app down, then waits for its trainer thread to end. */
    /**
     * Removes the window's preferences file (in the tests' config folder, never the user's), so
     * that each test's window opens as on a first start: a tab or a smoothing left by an earlier
     * test would otherwise change what the next one sees (charts behind another tab are not redrawn).
     */
    public static void forgetPreferences() throws java.io.IOException {
        if (System.getProperty(AppPreferences.DIR_PROPERTY) == null) return;
        java.nio.file.Files.deleteIfExists(AppPreferences.forUser().file());
    }

    public static void closeApp(javafx.stage.Stage stage, GoodnessApp app) throws Exception {
        WaitForAsyncUtils.asyncFx(stage::hide).get(10, TimeUnit.SECONDS);
        app.shutdown();
        goodness.service.ServiceTestSupport.await("no trainer thread", java.time.Duration.ofSeconds(20),
                () -> goodness.service.ServiceTestSupport.trainerThreads().isEmpty());
    }
}
