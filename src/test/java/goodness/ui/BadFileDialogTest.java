package goodness.ui;

import goodness.ff.io.Checkpoints;
import static goodness.ui.FxTestSupport.fx;
import static goodness.ui.FxTestSupport.waitFor;
import goodness.ff.io.DefaultModel;
import goodness.ff.FFNetwork;
import goodness.fuzz.Fuzz;
import goodness.service.ServiceState;
import goodness.service.ServiceTestSupport;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonType;
import javafx.scene.control.DialogPane;
import javafx.stage.Stage;
import javafx.stage.Window;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.*;

/**
 * Loading a bad checkpoint or model in the app shows the reader's one-line message in an error
 * dialog, and the app keeps working afterwards (the canvas keeps its model, a run still starts
 * and finishes). Dialogs are on here, unlike in the other window tests.
 */
@ExtendWith(ApplicationExtension.class)
class BadFileDialogTest {
    private GoodnessApp app;
    private Stage stage;
    private boolean alertsBefore;

    @BeforeAll
    static void tinyRun() {
        GoodnessApp.setInitialConfig(ServiceTestSupport.tiny(1));
    }

    @AfterAll
    static void restore() {
        GoodnessApp.setInitialConfig(null);
    }

    @Start
    void start(Stage stage) throws Exception {
        FxTestSupport.forgetPreferences();
        alertsBefore = MainViewController.alerts;
        MainViewController.alerts = true;
        this.stage = stage;
        app = new GoodnessApp();
        app.start(stage);
    }

    @AfterEach
    void close() throws Exception {
        MainViewController.alerts = alertsBefore;
        WaitForAsyncUtils.asyncFx(() -> {
            for (Window w : List.copyOf(Window.getWindows())) if (w != stage && w instanceof Stage s) s.close();
            stage.hide();
        }).get(10, TimeUnit.SECONDS);
        app.shutdown();
        ServiceTestSupport.await("no trainer thread", java.time.Duration.ofSeconds(20), () -> ServiceTestSupport.trainerThreads().isEmpty());
    }

    /** The error dialog's text, once it shows; then it is closed with its OK button. */
    private String dialogTextThenOk(FxRobot robot) {
        waitFor("an error dialog", 30, () -> dialog() != null);
        DialogPane pane = fx(this::dialog);
        String text = fx(pane::getContentText);
        Button ok = fx(() -> (Button) pane.lookupButton(ButtonType.OK));
        robot.clickOn(ok);
        waitFor("the dialog to close", 10, () -> dialog() == null);
        return text;
    }

    private DialogPane dialog() {
        for (Window w : Window.getWindows())
            if (w != stage && w.isShowing() && w.getScene() != null && w.getScene().getRoot() instanceof DialogPane p) return p;
        return null;
    }

    @Test
    void aBadCheckpointAndABadModelEachShowOneLineInADialogAndTheAppKeepsWorking(FxRobot robot, @TempDir Path dir) throws Exception {
        waitFor("bundled model", 30, () -> app.viewModel().canvas().currentModel() != null);
        FFNetwork before = fx(() -> app.viewModel().canvas().currentModel());

        // A checkpoint cut short: the checksum catches it.
        Path checkpoint = dir.resolve("cut.bin");
        FFNetwork net = DefaultModel.load();
        Path good = dir.resolve("good.ffm");
        Checkpoints.saveModel(net, good);
        byte[] bytes = Files.readAllBytes(good);
        Files.write(checkpoint, Arrays.copyOf(bytes, bytes.length / 2));
        fx(() -> app.viewModel().files().loadCheckpoint(checkpoint));
        String first = dialogTextThenOk(robot);
        assertTrue(first.startsWith(checkpoint + ": "), first);
        assertTrue(first.contains("checksum mismatch"), first);
        assertFalse(first.contains("\n") || first.contains("Exception"), first);

        // A model whose checksum is right but whose weights are not.
        net.weights[2].data[7] = Float.NaN;
        Path model = dir.resolve("nan.ffm");
        Checkpoints.saveModel(net, model);
        fx(() -> app.viewModel().files().loadModel(model));
        String second = dialogTextThenOk(robot);
        assertEquals(model + ": W3: entry 7 is NaN (every value must be finite)", second);

        // A model that is content-bad in its config (checksum recomputed).
        byte[] b = Files.readAllBytes(good);
        int length = java.nio.ByteBuffer.wrap(b, 16, 4).getInt();
        String json = new String(b, 20, length, java.nio.charset.StandardCharsets.UTF_8);
        byte[] bad = json.replace("\"preset\":\"HINTON\"", "\"preset\":null").getBytes(java.nio.charset.StandardCharsets.UTF_8);
        assertEquals(json.length() - 4, bad.length, "the preset became null");
        byte[] spliced = new byte[b.length - length + bad.length];
        System.arraycopy(b, 0, spliced, 0, 16);
        java.nio.ByteBuffer.wrap(spliced, 16, 4).putInt(bad.length);
        System.arraycopy(bad, 0, spliced, 20, bad.length);
        System.arraycopy(b, 20 + length, spliced, 20 + bad.length, b.length - 20 - length);
        Path config = Files.write(dir.resolve("config.ffm"), Fuzz.withFreshChecksum(spliced));
        fx(() -> app.viewModel().files().loadModel(config));
        String third = dialogTextThenOk(robot);
        assertEquals(config + ": config: invalid preset: must be set", third);

        // The app keeps working: the canvas kept its model, and a run starts and finishes.
        assertSame(before, fx(() -> app.viewModel().canvas().currentModel()));
        assertNotEquals(ServiceState.FAILED, fx(() -> app.viewModel().stateProperty().get()));
        fx(() -> app.viewModel().errorMessageProperty().get()); // still readable
        robot.clickOn("#startButton");
        waitFor("the run to finish", 90, () -> app.viewModel().stateProperty().get() == ServiceState.FINISHED);
        assertEquals(1, (int) fx(() -> app.viewModel().history().size()));
    }
}
