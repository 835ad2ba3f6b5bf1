package goodness.ui;

import goodness.service.ServiceTestSupport;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.api.FxToolkit;

/**
 * The whole app in a headless window for every test (TestFX through Monocle): a tiny 3-epoch
 * recipe-A run as its first configuration, alerts off (a modal dialog would wait for a click
 * that never comes), and after each test the window closed and the trainer thread ended. JUnit
 * runs a subclass's own {@code @BeforeAll} after this class's, so a subclass may set another
 * first configuration there.
 */
@ExtendWith(ApplicationExtension.class)
public abstract class HeadlessAppTest {
    protected GoodnessApp app;
    protected Stage stage;

    @BeforeAll
    protected static void tinyRunWithoutAlerts() {
        GoodnessApp.setInitialConfig(ServiceTestSupport.tiny(3));
        MainViewController.alerts = false;
    }

    @AfterAll
    protected static void restoreAppHooks() {
        GoodnessApp.setInitialConfig(null);
        MainViewController.alerts = true;
    }

    /** Hands every error the window would show in a dialog to {@code sink} instead (null: back to no dialogs). */
    protected static void sendAlertsTo(java.util.function.Consumer<String> sink) {
        MainViewController.alertSink = sink;
    }

    /**
     * Starts the app in the primary stage that the extension registered just before. Not a
     * {@code @Start} method: TestFX looks for those only in the test class itself, not in its
     * superclasses.
     */
    @BeforeEach
    protected void startApp() throws Exception {
        FxTestSupport.forgetPreferences();
        launchApp();
    }

    /** Starts the app with whatever preferences file the config folder holds (a restart). */
    protected void launchApp() throws Exception {
        stage = FxToolkit.registerPrimaryStage();
        FxToolkit.setupStage(primary -> {
            app = new GoodnessApp();
            app.start(primary);
        });
    }

    @AfterEach
    protected void closeApp() throws Exception {
        FxTestSupport.closeApp(stage, app);
    }
}
