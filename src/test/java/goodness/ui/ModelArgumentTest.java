package goodness.ui;

import goodness.ff.FFConfig;
import goodness.ff.FFNetwork;
import goodness.ff.SeededRandom;
import goodness.ff.io.Checkpoints;
import goodness.service.ServiceTestSupport;
import goodness.ui.draw.CanvasViewModel.ModelChoice;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static goodness.ui.FxTestSupport.fx;
import static goodness.ui.FxTestSupport.waitFor;
import static org.junit.jupiter.api.Assertions.*;

/**
 * The window's {@code --model=FILE} option in its view model (no window): the Draw tab's
 * "Predict with" box names the model that was loaded, and says "bundled model" only for that one.
 */
class ModelArgumentTest extends MainViewModelTestBase {
    /** As the window starts: the bundled model loads, then the {@code --model} value is applied. */
    private void startWith(String modelArgument) {
        vm = newViewModel();
        fx(() -> {
            vm.files().loadBundledModel();
            vm.files().loadModelArgument(modelArgument);
            return null;
        });
    }

    @Test
    void aModelFileGivenWithModelIsWhatThePredictWithBoxNames() throws Exception {
        FFConfig tiny = ServiceTestSupport.tiny(1);
        Path file = tmp.resolve("mine.ffm");
        Checkpoints.saveModel(FFNetwork.initialise(tiny, new SeededRandom(3)), file);
        startWith(file.toString());
        waitFor("the file's model on the canvas", 30,
                () -> vm.canvas().currentModel() != null && vm.canvas().currentModel().config().hiddenSizes().equals(tiny.hiddenSizes()));

        assertEquals(ModelChoice.BUNDLED, fx(() -> vm.canvas().modelChoiceProperty().get()), "the loaded model's entry is chosen");
        assertEquals("model mine.ffm", fx(() -> vm.canvas().choiceText(ModelChoice.BUNDLED)));
        assertEquals("current training model", fx(() -> vm.canvas().choiceText(ModelChoice.TRAINING)));
        assertEquals("predicting with the model mine.ffm", fx(() -> vm.canvas().modelTextProperty().get()));
        assertEquals("loaded model mine.ffm", fx(() -> vm.statusTextProperty().get()));
    }

    @Test
    void aModelFileThatCannotBeReadLeavesTheBundledModelNamedAsSuch() throws Exception {
        Path file = Files.write(tmp.resolve("broken.ffm"), new byte[]{1, 2, 3});
        startWith(file.toString());
        waitFor("the error", 30, () -> vm.errorMessageProperty().get() != null);
        waitFor("the bundled model on the canvas", 30, () -> vm.canvas().currentModel() != null);

        String error = fx(() -> vm.errorMessageProperty().get());
        assertTrue(error.startsWith(file + ": "), error);
        String bundled = "bundled model (" + fx(() -> vm.canvas().currentModel().config().presetName()) + ")";
        assertEquals(bundled, fx(() -> vm.canvas().choiceText(ModelChoice.BUNDLED)));
        assertEquals("predicting with the " + bundled, fx(() -> vm.canvas().modelTextProperty().get()));
        assertNotEquals(List.of(100, 100, 100), fx(() -> vm.canvas().currentModel().config().hiddenSizes()), "not a model file's");
    }
}
