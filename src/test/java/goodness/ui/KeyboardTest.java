package goodness.ui;

import goodness.service.ServiceState;
import javafx.scene.control.Button;
import javafx.scene.control.Menu;
import javafx.scene.control.MenuBar;
import javafx.scene.control.MenuItem;
import javafx.scene.control.SeparatorMenuItem;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyCombination;
import org.junit.jupiter.api.Test;
import org.testfx.api.FxRobot;
import org.testfx.util.WaitForAsyncUtils;

import java.util.Map;

import static goodness.ui.FxTestSupport.fx;
import static goodness.ui.FxTestSupport.waitFor;
import static org.junit.jupiter.api.Assertions.*;

/** The keyboard: run-control accelerators do what their enabled buttons do, and the menus and tooltips name the keys. */
class KeyboardTest extends HeadlessAppTest {

    private ServiceState state() {
        return fx(() -> app.viewModel().stateProperty().get());
    }

    private Button button(FxRobot robot, String id) {
        return robot.lookup(id).queryButton();
    }

    /** Under Monocle on Linux the shortcut key is Control. */
    private static void push(FxRobot robot, KeyCode... keys) {
        robot.push(keys);
        WaitForAsyncUtils.waitForFxEvents();
    }

    @Test
    void runControlKeysDoWhatTheEnabledButtonsDo(FxRobot robot) {
        assertEquals(ServiceState.IDLE, state());
        // Disabled buttons: Pause, Resume and Stop keys do nothing while idle.
        push(robot, KeyCode.CONTROL, KeyCode.P);
        push(robot, KeyCode.CONTROL, KeyCode.PERIOD);
        assertEquals(ServiceState.IDLE, state());

        // A long run, so that it is still going when the pause key comes.
        fx(() -> { app.viewModel().config().epochsProperty().set(10_000); return null; });
        // The keys work also while a text field has focus.
        robot.clickOn("#seedField");
        push(robot, KeyCode.CONTROL, KeyCode.ENTER);
        waitFor("running", 20, () -> app.viewModel().stateProperty().get() == ServiceState.RUNNING);
        push(robot, KeyCode.CONTROL, KeyCode.P);
        waitFor("paused", 20, () -> app.viewModel().stateProperty().get() == ServiceState.PAUSED);
        // Start is disabled while a run is paused: the key must not start another one.
        push(robot, KeyCode.CONTROL, KeyCode.ENTER);
        assertEquals(ServiceState.PAUSED, state());
        push(robot, KeyCode.CONTROL, KeyCode.P);
        waitFor("resumed", 20, () -> app.viewModel().stateProperty().get() == ServiceState.RUNNING);
        push(robot, KeyCode.CONTROL, KeyCode.PERIOD);
        waitFor("stopped", 20, () -> !app.viewModel().stateProperty().get().active());
        assertFalse(state().active());
    }

    @Test
    void stepKeyTrainsOneEpochLikeTheButton(FxRobot robot) {
        assertFalse(fx(() -> button(robot, "#stepButton").isDisabled()));
        robot.clickOn("#seedField");
        push(robot, KeyCode.CONTROL, KeyCode.T);
        waitFor("one epoch, paused", 60, () -> app.viewModel().stateProperty().get() == ServiceState.PAUSED
                && app.viewModel().history().size() == 1);
        push(robot, KeyCode.CONTROL, KeyCode.PERIOD);
        waitFor("stopped", 20, () -> !app.viewModel().stateProperty().get().active());
    }

    @Test
    void everyFileMenuItemWithAnActionHasAnAccelerator(FxRobot robot) {
        MenuBar bar = robot.lookup("#menuBar").queryAs(MenuBar.class);
        Menu file = fx(() -> bar.getMenus().get(0));
        int items = 0;
        for (MenuItem item : fx(() -> java.util.List.copyOf(file.getItems()))) {
            if (item instanceof SeparatorMenuItem || item.getOnAction() == null) continue;
            items++;
            KeyCombination keys = item.getAccelerator();
            assertNotNull(keys, item.getText() + " has an accelerator");
            assertEquals(KeyCombination.ModifierValue.DOWN, keys.getShortcut(), item.getText() + " holds the shortcut key: " + keys.getName());
            assertFalse(keys.getDisplayText().isBlank());
        }
        assertEquals(8, items, "save/load checkpoint, save model, two exports, import run, experiment, exit");
        // The menu bar puts its items' accelerators on the scene, where they work.
        assertTrue(fx(() -> stage.getScene().getAccelerators().containsKey(MainViewController.SAVE_CHECKPOINT)));
        assertTrue(fx(() -> stage.getScene().getAccelerators().containsKey(MainViewController.EXIT)));
    }

    @Test
    void buttonTooltipsNameTheirKeys(FxRobot robot) {
        Map<String, KeyCombination> keys = Map.of(
                "#startButton", MainViewController.START,
                "#pauseButton", MainViewController.PAUSE_RESUME,
                "#resumeButton", MainViewController.PAUSE_RESUME,
                "#stepButton", MainViewController.STEP,
                "#stopButton", MainViewController.STOP,
                "#saveButton", MainViewController.SAVE_CHECKPOINT,
                "#loadButton", MainViewController.LOAD_CHECKPOINT);
        keys.forEach((id, k) -> {
            Button b = button(robot, id);
            assertNotNull(b.getTooltip(), id + " has a tooltip");
            assertTrue(b.getTooltip().getText().contains(k.getDisplayText()), id + ": " + b.getTooltip().getText());
        });
        assertTrue(button(robot, "#startButton").getTooltip().getText().contains("Ctrl+"),
                "on Linux the shortcut shows as Ctrl");
        for (KeyCombination k : keys.values())
            assertTrue(fx(() -> stage.getScene().getAccelerators().containsKey(k)
                    || k.equals(MainViewController.SAVE_CHECKPOINT) || k.equals(MainViewController.LOAD_CHECKPOINT)));
    }

    @Test
    void everyControlOfTheLeftPanelIsReachableWithTab(FxRobot robot) {
        javafx.scene.Parent controls = robot.lookup("#controls").queryParent();
        for (var n : fx(() -> controls.lookupAll(".button, .combo-box, .spinner, .slider, .text-field, .menu-button")))
            assertTrue(n.isFocusTraversable() || n.getParent() instanceof javafx.scene.control.Spinner
                    || n.getParent() instanceof javafx.scene.control.ComboBoxBase, n + " is focus-traversable");
        assertTrue(fx(() -> robot.lookup("#tabs").query().isFocusTraversable()));
    }
}
