package goodness.ui;

import goodness.ui.training.ChartsViewModel;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;

import static goodness.ui.FxTestSupport.fx;
import static org.junit.jupiter.api.Assertions.*;

/** The window started twice with the same config folder comes back as the user left it. */
class PreferencesRestartTest extends HeadlessAppTest {
    private static Path configDir;
    private static String previous;

    @BeforeAll
    static void ownConfigFolder() throws Exception {
        previous = System.getProperty(AppPreferences.DIR_PROPERTY);
        configDir = Files.createTempDirectory("goodness-config");
        System.setProperty(AppPreferences.DIR_PROPERTY, configDir.toString());
    }

    @AfterAll
    static void restoreConfigFolder() {
        if (previous == null) System.clearProperty(AppPreferences.DIR_PROPERTY);
        else System.setProperty(AppPreferences.DIR_PROPERTY, previous);
    }


    /**
     * A closed app leaves nothing of itself on the stage: the window's stage can outlive its app
     * (here one primary stage serves every test), and a listener left on its geometry would keep
     * the closed app, its model and its data in memory.
     */
    @Test
    void aClosedAppCanBeCollectedWhileItsStageLivesOn() throws Exception {
        java.lang.ref.WeakReference<GoodnessApp> closed = new java.lang.ref.WeakReference<>(app);
        closeApp();
        app = null;
        launchApp();
        for (int i = 0; i < 50 && closed.get() != null; i++) {
            System.gc();
            Thread.sleep(100);
        }
        assertNull(closed.get(), "the closed app is still reachable");
    }

    @Test
    void tabSmoothingXAxisAndGeometrySurviveARestart() throws Exception {
        ChartsViewModel charts = app.viewModel().charts();
        assertEquals("chartsTab", fx(() -> app.viewModel().selectedTabProperty().get()), "a first start opens on Training");
        assertEquals(MainViewModel.WELCOME, fx(() -> app.viewModel().welcomeProperty().get()), "a first start asks for Start");
        assertTrue(fx(() -> stage.getScene().lookup("#welcomeBanner").isVisible()));
        fx(() -> {
            var tabs = (javafx.scene.control.TabPane) stage.getScene().lookup("#tabs");
            tabs.getSelectionModel().select(tabs.getTabs().stream().filter(t -> "insideTab".equals(t.getId())).findFirst().orElseThrow());
            charts.smoothingProperty().set(0.75);
            charts.xAxisProperty().set(SeriesModel.XAxis.WALL_TIME);
            stage.setX(30);
            stage.setY(20);
            stage.setWidth(1000);
            stage.setHeight(700);
            return null;
        });
        assertEquals("insideTab", fx(() -> app.viewModel().selectedTabProperty().get()), "the view model follows the tab pane");
        closeApp();
        AppPreferences.Values saved = new AppPreferences(configDir).read();
        assertEquals("insideTab", saved.tab(), "written on close");
        assertEquals(0.75, saved.smoothing());

        launchApp();
        assertEquals("insideTab", fx(() -> app.viewModel().selectedTabProperty().get()));
        assertEquals("", fx(() -> app.viewModel().welcomeProperty().get()), "a later start has no banner");
        assertFalse(fx(() -> stage.getScene().lookup("#welcomeBanner").isVisible()));
        assertEquals("insideTab", fx(() -> ((javafx.scene.control.TabPane) stage.getScene().lookup("#tabs"))
                .getSelectionModel().getSelectedItem().getId()), "the window opens on the tab left open");
        assertEquals(0.75, fx(() -> app.viewModel().charts().smoothingProperty().get()));
        assertEquals(SeriesModel.XAxis.WALL_TIME, fx(() -> app.viewModel().charts().xAxisProperty().get()));
        assertEquals(1000, fx(stage::getWidth), 1);
        assertEquals(700, fx(stage::getHeight), 1);
        assertEquals(30, fx(stage::getX), 1);
        assertEquals(20, fx(stage::getY), 1);
    }

    @Test
    void aChangeIsWrittenSoonWithoutClosing() throws Exception {
        fx(() -> {
            app.viewModel().charts().smoothingProperty().set(0.3);
            app.viewModel().charts().smoothingProperty().set(0.4);
            return null;
        });
        // Written on the worker about a second after the last change, the window still open.
        FxTestSupport.waitFor("the file written", 20, () -> Double.valueOf(0.4).equals(new AppPreferences(configDir).read().smoothing()));
        assertTrue(fx(stage::isShowing));
    }

    @Test
    void aBrokenFileOrAnOffScreenWindowStillStarts() throws Exception {
        closeApp();
        Files.writeString(configDir.resolve(AppPreferences.FILE_NAME), "{\"tab\": \"runsTab\", \"smoo");
        launchApp();
        assertTrue(fx(stage::isShowing));
        assertEquals("chartsTab", fx(() -> app.viewModel().selectedTabProperty().get()), "the defaults");
        closeApp();
        // A window left on a screen that is gone opens on the one there is.
        new AppPreferences(configDir).write(new AppPreferences.Values(null, 50_000.0, 40_000.0, 900.0, 600.0, false, "runsTab", null, null));
        launchApp();
        assertEquals("runsTab", fx(() -> app.viewModel().selectedTabProperty().get()));
        var screen = fx(() -> javafx.stage.Screen.getPrimary().getVisualBounds());
        assertTrue(fx(() -> screen.contains(stage.getX(), stage.getY())), () -> "on the screen: " + stage.getX() + ", " + stage.getY());
    }
}
