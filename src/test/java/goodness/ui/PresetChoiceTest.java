package goodness.ui;

import goodness.ff.FFConfig;
import goodness.ff.NamedPreset;
import goodness.ff.NegativeMode;
import goodness.runs.RunStore;
import goodness.runs.RunSummary;
import goodness.service.ServiceState;
import goodness.service.ServiceTestSupport;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Spinner;
import javafx.scene.control.TextField;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.Start;

import java.nio.file.Path;
import java.util.List;

import static goodness.ui.FxTestSupport.fx;
import static goodness.ui.FxTestSupport.waitFor;
import static org.junit.jupiter.api.Assertions.*;

/**
 * The Preset box, headless: it offers the named presets of {@code train --preset}, fills the
 * form from the same factory, the run started uses them, and a resumed run shows its name again.
 */
class PresetChoiceTest extends HeadlessAppTest {
    @TempDir
    Path store;

    private MainViewModel vm() {
        return app.viewModel();
    }

    private static String text(FxRobot robot, String id) {
        return fx(() -> robot.lookup(id).queryAs(TextField.class).getText());
    }

    @Test
    void hintonPlusFillsTheFormAsTheCliPresetDoesTheRunUsesItAndAResumedRunShowsItsName(FxRobot robot) {
        fx(() -> {
            vm().runs().rootProperty().set(store);
            return null;
        });
        ComboBox<NamedPreset> box = robot.lookup("#presetBox").queryComboBox();
        assertEquals(List.of(NamedPreset.HINTON, NamedPreset.HINTON_PLUS, NamedPreset.HINTON_UNSUPERVISED, NamedPreset.SLEEP, NamedPreset.HINTON_RECURRENT),
                fx(() -> List.copyOf(box.getItems())));
        assertEquals(NamedPreset.HINTON, fx(box::getValue), "the launch config is plain recipe A");
        assertEquals("0", text(robot, "#config-shiftPixels"));

        fx(() -> {
            box.setValue(NamedPreset.HINTON_PLUS);
            return null;
        });
        robot.clickOn("Config");
        assertEquals("1", text(robot, "#config-shiftPixels"));
        assertEquals("0.1", text(robot, "#config-dropout"));
        assertEquals("10", text(robot, "#config-rotateDegrees"));
        assertTrue(fx(() -> robot.lookup("#config-shuffle").queryAs(javafx.scene.control.CheckBox.class).isSelected()), "reshuffled every epoch");
        assertEquals(Integer.valueOf(200), fx(() -> ((Spinner<?>) robot.lookup("#epochsSpinner").query()).getValue()), "the left panel's epochs");
        // Every field shows what `train --preset hinton-plus` uses; only the launch config's data and
        // speed limits (train limit, backend, threads) carry over, as for any preset change.
        FFConfig cli = FFConfig.named("hinton-plus");
        FFConfig launch = ServiceTestSupport.tiny(3);
        FFConfig expected = cli.toBuilder().trainLimit(launch.trainLimit()).backend(launch.backend()).threads(launch.threads()).build();
        assertTrue(fx(() -> vm().config().editor().shows(expected)), "the Config tab shows the CLI's hinton-plus");
        assertEquals(expected, fx(() -> vm().buildConfig()));

        // A test-sized network (edited in the Config tab like any field), then Start.
        fx(() -> {
            robot.lookup("#config-hiddenSizes").queryAs(TextField.class).setText("40, 30, 20");
            return null;
        });
        fx(() -> vm().start());
        waitFor("one epoch of the hinton-plus run", 90, () -> vm().history().size() >= 1);
        FFConfig used = vm().service().config();
        assertEquals("hinton-plus", used.presetName());
        assertEquals(1, used.shiftPixels());
        assertEquals(0.1, used.dropout());
        assertEquals(10.0, used.rotateDegrees());
        assertEquals(200, used.epochs());
        assertEquals(List.of(40, 30, 20), used.hiddenSizes());
        robot.clickOn("#stopButton");
        waitFor("stopped", 30, () -> vm().stateProperty().get() == ServiceState.STOPPED);

        // The store lists it by its name, compared with hinton-plus's own defaults.
        RunSummary stored = new RunStore(store).list().get(0);
        assertEquals("hinton-plus", stored.presetName());
        assertTrue(stored.name().startsWith("hinton-plus-mnist-"), stored.name());
        assertFalse(stored.changedSettings().containsKey("shiftPixels") || stored.changedSettings().containsKey("dropout")
                || stored.changedSettings().containsKey("epochs") || stored.changedSettings().containsKey("rotateDegrees"), stored.changedSettings().toString());
        robot.clickOn("Runs");
        waitFor("listed as hinton-plus", 20, () -> vm().runs().rows().stream()
                .anyMatch(r -> r.name().equals(stored.name()) && r.preset().equals("hinton-plus") && r.resumable()));

        // Another preset in the box, then the stored run resumed: the box and the form show hinton-plus again.
        fx(() -> {
            box.setValue(NamedPreset.SLEEP);
            return null;
        });
        assertEquals("0", text(robot, "#config-shiftPixels"));
        fx(() -> {
            vm().runs().resume(stored.name());
            return null;
        });
        waitFor("resumed, paused", 60, () -> vm().stateProperty().get() == ServiceState.PAUSED);
        waitFor("the box shows the run's preset", 10, () -> box.getValue() == NamedPreset.HINTON_PLUS);
        assertEquals("1", text(robot, "#config-shiftPixels"));
        assertEquals("0.1", text(robot, "#config-dropout"));
        assertEquals("40, 30, 20", text(robot, "#config-hiddenSizes"));
        assertEquals("hinton-plus", vm().service().config().presetName());
        robot.clickOn("#stopButton");
        waitFor("stopped", 30, () -> !vm().stateProperty().get().active());

        // The recurrent preset: wrong labels only in the Negatives box, its settings in the Config tab.
        fx(() -> {
            box.setValue(NamedPreset.HINTON_RECURRENT);
            return null;
        });
        ComboBox<NegativeMode> negatives = robot.lookup("#negativesBox").queryComboBox();
        assertEquals(List.of(NegativeMode.HARD, NegativeMode.RANDOM), fx(() -> List.copyOf(negatives.getItems())), "no mask hybrids for this recipe");
        assertEquals("8", text(robot, "#config-recurrentSettings-iterations"));
        assertFalse(fx(() -> robot.lookup("#config-recurrentSettings-iterations").query().isDisabled()), "editable for this preset");
        assertEquals("0.3", text(robot, "#config-recurrentSettings-damping"));
        FFConfig recurrent = fx(() -> vm().buildConfig());
        assertNotNull(recurrent, fx(() -> vm().config().problemProperty().get()));
        assertEquals(goodness.ff.RecurrentSettings.paper(), recurrent.recurrentSettings());
        fx(() -> {
            box.setValue(NamedPreset.HINTON);
            return null;
        });
        assertEquals(NegativeMode.values().length, fx(() -> negatives.getItems().size()), "recipe A takes all three again");
        assertTrue(fx(() -> robot.lookup("#config-recurrentSettings-iterations").query().isDisabled()), "recipe A has no recurrent settings");
    }
}
