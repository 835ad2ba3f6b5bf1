package goodness.ui;

import goodness.runs.ErrorPair;
import goodness.runs.ExampleRuns;
import goodness.runs.RunFolder;
import goodness.service.ServiceState;
import goodness.service.TrainingEvent;
import goodness.ui.runs.RunsViewModel;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static goodness.ui.FxTestSupport.fx;
import static goodness.ui.FxTestSupport.waitFor;
import static org.junit.jupiter.api.Assertions.*;

/**
 * The window's first start in its view model (no window): the Training tab asks for Start and
 * overlays the bundled model's own run and the seed 000 log, until a run starts.
 */
class FirstStartTest extends MainViewModelTestBase {
    /** A window's view model over an empty store, with the examples of {@code examples} (null: none). */
    private MainViewModel start(Path examples) throws IOException {
        Path store = Files.createDirectories(tmp.resolve("store"));
        vm = newViewModel();
        fx(() -> {
            vm.runs().setExamplesRoot(examples);
            vm.runs().rootProperty().set(store);
            return null;
        });
        return vm;
    }

    /** An examples folder holding a copy of the committed run that made the bundled model. */
    private Path examplesWithTheBundledModelsRun() throws IOException {
        Path examples = Files.createDirectories(tmp.resolve("examples"));
        Path from = ExampleRuns.RELATIVE.resolve(ExampleRuns.BUNDLED_MODEL_RUN);
        Path to = Files.createDirectories(examples.resolve(ExampleRuns.BUNDLED_MODEL_RUN));
        for (String f : List.of(RunFolder.CONFIG, RunFolder.METRICS, RunFolder.RESULT, RunFolder.RUN)) Files.copy(from.resolve(f), to.resolve(f));
        return examples;
    }

    @Test
    void aFirstStartOverlaysTheBundledModelsRunAndTheSeedLogUntilARunStarts() throws IOException {
        start(examplesWithTheBundledModelsRun());
        fx(() -> {
            vm.showWelcome();
            return null;
        });
        String bundled = ExampleRuns.id(ExampleRuns.BUNDLED_MODEL_RUN);
        waitFor("both runs selected", 20, () -> vm.runs().selected().equals(List.of(bundled, ReferenceRun.ID)));
        waitFor("both overlaid on the charts", 20, () -> vm.charts().model().overlays().size() == 2);
        assertEquals(List.of(bundled, ReferenceRun.ID), fx(() -> vm.charts().model().overlays().stream().map(RunSeries::id).toList()));
        RunsViewModel.RunRow row = fx(() -> RunsViewModel.bundledModelRow(List.copyOf(vm.runs().rows())));
        String banner = fx(() -> vm.welcomeProperty().get());
        assertTrue(banner.startsWith("Press Start to train a network."), banner);
        assertTrue(banner.contains("the run that made the bundled model (hinton-plus, " + row.epochsDone() + " epochs, test errors " + row.test()), banner);
        assertTrue(banner.contains("seed 000 log (recipe A, " + ReferenceRun.metrics().size() + " epochs, "
                + ErrorPair.text(ReferenceRun.TEST_ENERGY_ERRORS, ReferenceRun.TEST_SOFTMAX_ERRORS) + ")"), banner);

        fx(() -> {
            vm.apply(List.of(new TrainingEvent.StateChanged(ServiceState.IDLE, ServiceState.LOADING, "")));
            return null;
        });
        assertEquals("", fx(() -> vm.welcomeProperty().get()), "the banner goes when a run starts");
    }

    @Test
    void withoutExamplesTheBannerStillAsksForStartAndNothingIsOverlaid() throws IOException {
        start(null);
        fx(() -> {
            vm.showWelcome();
            return null;
        });
        // The banner's wait ends with the listing that fills the rows (in the same FX step).
        waitFor("listed", 20, () -> !vm.runs().rows().isEmpty());
        assertEquals(MainViewModel.WELCOME, fx(() -> vm.welcomeProperty().get()));
        assertEquals(List.of(), fx(() -> List.copyOf(vm.runs().selected())));
        assertEquals(0, fx(() -> vm.charts().model().overlays().size()));
    }

    @Test
    void withoutAFirstStartNothingIsOverlaidAndNoBannerShows() throws IOException {
        start(examplesWithTheBundledModelsRun());
        waitFor("the examples listed", 20, () -> vm.runs().rows().stream().anyMatch(RunsViewModel.RunRow::example));
        assertEquals("", fx(() -> vm.welcomeProperty().get()));
        assertEquals(List.of(), fx(() -> List.copyOf(vm.runs().selected())));
        assertEquals(0, fx(() -> vm.charts().model().overlays().size()));
    }
}
