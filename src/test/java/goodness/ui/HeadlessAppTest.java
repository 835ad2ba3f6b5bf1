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
abstract class HeadlessAppTest {
    GoodnessApp app;
    Stage stage;

    @BeforeAll
    static void tinyRunWithoutAlerts() {
        GoodnessApp.setInitialConfig(ServiceTestSupport.tiny(3));
        MainViewController.alerts = false;
    }

    @AfterAll
    static void restoreAppHooks() {
        GoodnessApp.setInitialConfig(null);
        MainViewController.alerts = true;
    }

    /**
     * Starts the app in the primary stage that the extension registered just before. Not a
     * {@code @Start} method: TestFX looks for those only in the test class itself, not in its
     * superclasses (TestFX issue 730).
     */
    @BeforeEach
    void startApp() throws Exception {
        stage = FxToolkit.registerPrimaryStage();
        FxToolkit.setupStage(primary -> {
            app = new GoodnessApp();
            app.start(primary);
        });
    }

    @AfterEach
    void closeApp() throws Exception {
        FxTestSupport.closeApp(stage, app);
    }
}
