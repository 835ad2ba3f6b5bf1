package goodness.ui.playground;

import goodness.ff.playground.PlaygroundSettings;
import goodness.ui.HeadlessAppTest;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.control.TextField;
import javafx.scene.input.Clipboard;
import javafx.scene.input.MouseButton;
import org.junit.jupiter.api.Test;
import org.testfx.api.FxRobot;

import static goodness.ui.FxTestSupport.fx;
import static goodness.ui.FxTestSupport.waitFor;
import static org.junit.jupiter.api.Assertions.*;

/** The Playground tab in the app's window, headless (Monocle): its controls drive the view model, its buttons the training. */
class PlaygroundTabTest extends HeadlessAppTest {

    private PlaygroundViewModel pg() {
        return app.viewModel().playground();
    }

    private void showTab(FxRobot robot) {
        TabPane tabs = robot.lookup(".tab-pane").queryAs(TabPane.class);
        fx(() -> {
            for (Tab t : tabs.getTabs()) if (t.getText().equals("Playground")) tabs.getSelectionModel().select(t);
            return null;
        });
        waitFor("the first frame", 30, () -> pg().frameProperty().get() != null);
    }

    /** Types {@code text} into a settings field and commits it with Enter, as a user would. */
    private static void enter(FxRobot robot, String id, String text) {
        TextField f = robot.lookup(id).queryAs(TextField.class);
        fx(() -> {
            f.setText(text);
            f.fireEvent(new javafx.event.ActionEvent());
            return null;
        });
    }

    @Test
    void theControlsDriveTheViewModelStepBatchTrainsOneBatchAndTheSettingsStringRoundTrips(FxRobot robot) {
        showTab(robot);
        assertEquals(0, (long) fx(() -> pg().batchesProperty().get()));

        // Slow motion: three stages make one batch.
        for (int k = 0; k < 3; k++) {
            press(robot, "#pgStepStage");
            int stage = k;
            waitFor("stage " + (k + 1), 30, () -> pg().frameProperty().get().batch() != null
                    && pg().frameProperty().get().batch().done().ordinal() == stage);
        }
        assertEquals(1, (long) fx(() -> pg().batchesProperty().get()));
        press(robot, "#pgStepBatch");
        waitFor("the second batch", 30, () -> pg().batchesProperty().get() == 2);
        robot.sleep(300);
        assertEquals(2, (long) fx(() -> pg().batchesProperty().get()), "one click, one batch");

        // Hovering a unit's map names its weights and its goodness share per class.
        PlaygroundPane pane = robot.lookup((javafx.scene.Node n) -> n instanceof PlaygroundPane).queryAs(PlaygroundPane.class);
        String unit = fx(() -> pane.unitText(0, 0));
        assertTrue(unit.startsWith("Layer 1, unit 1\nweights in: x ") && unit.contains(", class 1 ") && unit.contains("mean s² on its class's points: class 1 "),
                unit);

        // Controls: the data set, a learning rate, negatives and peer normalisation.
        ComboBox<String> data = robot.lookup("#pgData").query(), neg = robot.lookup("#pgNeg").query();
        fx(() -> {
            data.setValue("blobs");
            neg.setValue("hard");
            return null;
        });
        fx(() -> {
            robot.lookup("#pgPeer").queryAs(CheckBox.class).fire();
            return null;
        });
        enter(robot, "#pgLr", "0.07");
        PlaygroundSettings s = fx(() -> pg().settingsProperty().get());
        assertEquals("blobs", s.shape().key());
        assertEquals(3, s.classes());
        assertEquals(0.07, s.rate());
        assertEquals("hard", s.negatives().key());
        assertTrue(s.peer());
        assertTrue(fx(() -> robot.lookup("#pgPeer").queryAs(CheckBox.class).isSelected()));
        waitFor("the blobs", 30, () -> pg().frameProperty().get().points().classes() == 3 && pg().batchesProperty().get() == 0);

        // A bad value: one message naming the key, nothing changed.
        enter(robot, "#pgLayers", "8,x");
        assertEquals("invalid layers: 'x' is not a whole number", fx(() -> robot.lookup("#pgProblem").queryAs(javafx.scene.control.Label.class).getText()));
        assertEquals(s.layers(), fx(() -> pg().settingsProperty().get().layers()));

        settingsStringRoundTripsThroughCopyAndApply(robot);
    }

    /** Presses a button (fired on the FX thread: the robot's mouse moves cost seconds on a busy machine). */
    private static void press(FxRobot robot, String id) {
        Button b = robot.lookup(id).queryAs(Button.class);
        fx(() -> {
            assertFalse(b.isDisabled(), id + " is enabled");
            b.fire();
            return null;
        });
    }

    private void settingsStringRoundTripsThroughCopyAndApply(FxRobot robot) {
        String text = "data=spirals;classes=3;points=90;noise=0.02;layers=12,10;lr=0.08;momentum=0.9;wc=0.001;theta=1.2;temp=1;neg=uniform;"
                + "batch=15;peer=off;score=all;seed=11";
        enter(robot, "#pgSettings", text);
        assertEquals(PlaygroundSettings.parse(text), fx(() -> pg().settingsProperty().get()));
        assertEquals("12,10", fx(() -> robot.lookup("#pgLayers").queryAs(TextField.class).getText()));
        press(robot, "#pgCopy");
        assertEquals(text, fx(() -> Clipboard.getSystemClipboard().getString()));
        waitFor("the spirals' frame", 30, () -> pg().frameProperty().get().points().size() == 90);

        // A click on the regions adds a point of the selected class; a right-click removes the nearest.
        fx(() -> {
            pg().selectedClassProperty().set(2);
            return null;
        });
        robot.clickOn("#pgMain");
        waitFor("the added point", 30, () -> pg().frameProperty().get().points().size() == 91);
        assertEquals(31, (int) fx(() -> pg().frameProperty().get().points().count(2)), "a point of class 3 was added");
        robot.clickOn("#pgMain", MouseButton.SECONDARY);
        waitFor("the removed point", 30, () -> pg().frameProperty().get().points().size() == 90);

        // Start trains on until Pause.
        press(robot, "#pgStart");
        waitFor("training", 30, () -> pg().batchesProperty().get() >= 10);
        press(robot, "#pgPause");
        waitFor("paused", 30, () -> !pg().runningProperty().get());
    }
}
