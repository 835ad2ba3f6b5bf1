package goodness.ui.runs;

import goodness.runs.ExampleRuns;
import goodness.runs.RunFolder;
import goodness.ui.BackgroundTasks;
import goodness.ui.ReferenceRun;
import goodness.ui.RunSeries;
import goodness.ui.training.ChartsViewModel;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxToolkit;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import static goodness.ui.FxTestSupport.fx;
import static goodness.ui.FxTestSupport.waitFor;
import static org.junit.jupiter.api.Assertions.*;

/**
 * The examples that come with the app in the Runs tab's view model (no window): listed after the
 * user's runs, marked, read-only, and overlaid like any run.
 */
class ExampleRowsTest {
    /** A small committed example (5 epochs of recipe A). */
    static final String SMALL = "recipeA-5ep-hard";
    static final String SMALL_ID = ExampleRuns.id(SMALL);

    @TempDir
    Path tmp;
    private Path store, examples;
    private BackgroundTasks tasks;
    private ChartsViewModel charts;
    private RunsViewModel vm;
    private final List<String> errors = new CopyOnWriteArrayList<>();

    @BeforeAll
    static void toolkit() throws Exception {
        FxToolkit.registerPrimaryStage();
    }

    /** Copies a committed example's run files into {@code into}/{@code name}. */
    static Path copyExample(String example, Path into, String name) throws IOException {
        Path from = ExampleRuns.RELATIVE.resolve(example), to = Files.createDirectories(into.resolve(name));
        for (String f : List.of(RunFolder.CONFIG, RunFolder.METRICS, RunFolder.RESULT, RunFolder.RUN))
            if (Files.exists(from.resolve(f))) Files.copy(from.resolve(f), to.resolve(f));
        return to;
    }

    @BeforeEach
    void storeAndExamples() throws Exception {
        store = Files.createDirectories(tmp.resolve("store"));
        copyExample("recipeA-5ep-mask", store, "mine");
        examples = Files.createDirectories(tmp.resolve("examples"));
        copyExample(SMALL, examples, SMALL);
        Files.writeString(Files.createDirectories(examples.resolve("broken")).resolve(RunFolder.CONFIG), "{\"epochs\": ");
        Files.writeString(Files.createDirectories(examples.resolve("notes")).resolve("mistakes.csv"), "case,label\n");
        Files.writeString(examples.resolve("eval.txt"), "not a run\n");
        tasks = new BackgroundTasks();
        charts = fx(ChartsViewModel::new);
        vm = fx(() -> new RunsViewModel(tasks, errors::add, charts, () -> null));
        fx(() -> {
            vm.setExamplesRoot(examples);
            vm.rootProperty().set(store);
            return null;
        });
        waitFor("the store and the examples listed", 20, () -> vm.rows().stream().anyMatch(r -> r.name().equals(SMALL_ID))
                && vm.rows().stream().anyMatch(r -> r.name().equals("mine")));
    }

    @AfterEach
    void stop() {
        tasks.shutdown();
    }

    private RunsViewModel.RunRow row(String name) {
        return fx(() -> vm.rows().stream().filter(r -> r.name().equals(name)).findFirst().orElseThrow());
    }

    @Test
    void examplesAreListedAfterTheStoresRunsMarkedAsExamplesAndADamagedOneIsARowNotFatal() {
        assertEquals(List.of(ReferenceRun.ID, "mine", SMALL_ID, "example:broken"), fx(() -> vm.rows().stream().map(RunsViewModel.RunRow::name).toList()),
                "the folder that is not a run is no row; the damaged example comes after the examples");
        RunsViewModel.RunRow broken = row("example:broken");
        assertTrue(broken.damaged());
        assertTrue(broken.readOnly(), "an example, damaged or not, cannot be deleted");
        assertEquals("example, damaged", broken.statusText());
        assertTrue(broken.notes().startsWith("config.json: "), broken.notes());
        RunsViewModel.RunRow example = row(SMALL_ID), mine = row("mine");
        assertTrue(example.example());
        assertTrue(example.readOnly());
        assertEquals("example, finished", example.statusText());
        assertEquals(SMALL, example.shownName(), "the table shows its folder name; its status says it is an example");
        assertEquals("mine", mine.shownName());
        assertEquals(5, example.epochsDone());
        assertFalse(mine.example());
        assertFalse(mine.readOnly());
        String status = fx(() -> vm.statusProperty().get());
        assertTrue(status.contains("1 examples (read-only) from " + examples), status);
        assertTrue(status.contains("1 examples (read-only) from " + examples + "; 1 example damaged: see its row below the examples"), status);
    }

    @Test
    void renameDeleteAndResumeRefuseAnExampleAndSayWhy() {
        fx(() -> vm.selected().setAll(SMALL_ID));
        String reason = fx(() -> vm.readOnlyReasonProperty().get());
        assertTrue(reason.startsWith("Examples come with the app and are read-only"), reason);
        fx(() -> {
            vm.rename(SMALL_ID, "renamed");
            vm.delete(List.of("mine", SMALL_ID));
            vm.resume(SMALL_ID);
            return null;
        });
        assertEquals(List.of("example:" + SMALL + " is an example that comes with the app: examples cannot be renamed",
                "examples come with the app and cannot be deleted; nothing was deleted",
                "only a stopped or diverged stored run can be resumed; " + SMALL_ID + " is read-only"), errors);
        assertTrue(Files.isDirectory(examples.resolve(SMALL)));
        assertTrue(Files.isDirectory(store.resolve("mine")), "nothing of a mixed selection is deleted");

        fx(() -> vm.selected().setAll("mine"));
        assertEquals("", fx(() -> vm.readOnlyReasonProperty().get()), "the user's own runs are not read-only");
        fx(() -> vm.selected().setAll(ReferenceRun.ID));
        assertTrue(fx(() -> vm.readOnlyReasonProperty().get()).contains("published log"));
    }

    @Test
    void aSelectedExampleIsOverlaidOnTheChartsUnderItsFolderName() {
        fx(() -> vm.selected().setAll(SMALL_ID, "mine"));
        waitFor("both overlaid", 20, () -> charts.model().overlays().size() == 2);
        RunSeries overlaid = fx(() -> charts.model().overlays().stream().filter(s -> s.id().equals(SMALL_ID)).findFirst().orElseThrow());
        assertEquals(SMALL + " (example)", overlaid.label());
        assertEquals(List.of(), errors);
    }

    @Test
    void aStoreThatIsTheExamplesFolderListsThemOnceAsTheUsersRuns() {
        fx(() -> {
            vm.rootProperty().set(examples);
            return null;
        });
        waitFor("listed as the store", 20, () -> vm.rows().stream().anyMatch(r -> r.name().equals(SMALL)));
        assertEquals(List.of(ReferenceRun.ID, SMALL, "broken"), fx(() -> vm.rows().stream().map(RunsViewModel.RunRow::name).toList()));
        assertFalse(row(SMALL).readOnly());
        assertTrue(row("broken").damaged());
        assertFalse(row("broken").readOnly(), "the user's own damaged run: Delete applies");
    }
}
