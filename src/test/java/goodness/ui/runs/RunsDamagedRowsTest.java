package goodness.ui.runs;

import goodness.runs.RunFolder;
import goodness.runs.RunFolders;
import goodness.runs.RunStore;
import goodness.ui.BackgroundTasks;
import goodness.ui.ReferenceRun;
import goodness.ui.training.ChartsViewModel;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxToolkit;
import org.testfx.util.WaitForAsyncUtils;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import static goodness.ui.FxTestSupport.fx;
import static goodness.ui.FxTestSupport.waitFor;
import static org.junit.jupiter.api.Assertions.*;

/**
 * Run folders the store cannot read, in the Runs tab's view model (no window): each is a row
 * after the readable runs, as {@code goodness runs} lists it (its name, "damaged" or
 * "unreadable", the reason), and the only thing it can be is deleted.
 */
class RunsDamagedRowsTest {
    @TempDir
    Path tmp;
    private Path store;
    private BackgroundTasks tasks;
    private ChartsViewModel charts;
    private RunsViewModel vm;
    private final List<String> errors = new CopyOnWriteArrayList<>();

    @BeforeAll
    static void toolkit() throws Exception {
        FxToolkit.registerPrimaryStage();
    }

    @BeforeEach
    void aStoreWithAGoodAndADamagedRun() throws Exception {
        store = tmp.resolve("store");
        RunFolders.finished(store.resolve("good"), 3);
        Files.writeString(RunFolders.finished(store.resolve("broken"), 3).resolve(RunFolder.CONFIG), "{\"epochs\": ");
        Path examples = Files.createDirectories(tmp.resolve("examples"));
        ExampleRowsTest.copyExample(ExampleRowsTest.SMALL, examples, ExampleRowsTest.SMALL);
        tasks = new BackgroundTasks();
        charts = fx(ChartsViewModel::new);
        vm = fx(() -> new RunsViewModel(tasks, errors::add, charts, () -> null));
        fx(() -> {
            vm.setExamplesRoot(examples);
            vm.rootProperty().set(store);
            return null;
        });
        waitFor("the store listed", 20, () -> vm.rows().stream().anyMatch(r -> r.name().equals("broken"))
                && vm.rows().stream().anyMatch(r -> r.name().equals(ExampleRowsTest.SMALL_ID)));
    }

    @AfterEach
    void stop() {
        tasks.shutdown();
    }

    private RunsViewModel.RunRow row(String name) {
        return fx(() -> vm.rows().stream().filter(r -> r.name().equals(name)).findFirst().orElseThrow());
    }

    /** Waits until the worker and then the FX thread have done what is queued (a selection queues a load). */
    private void drain() {
        for (int i = 0; i < 3; i++) {
            tasks.supply(() -> null).join();
            WaitForAsyncUtils.waitForFxEvents();
        }
    }

    @Test
    void aDamagedRunIsARowAfterTheReadableRunsWithItsStatusAndReasonAndNoFigures() {
        assertEquals(List.of(ReferenceRun.ID, "good", "broken", ExampleRowsTest.SMALL_ID), fx(() -> vm.rows().stream().map(RunsViewModel.RunRow::name).toList()),
                "the user's damaged run right after the user's runs, before the examples");
        RunsViewModel.RunRow broken = row("broken");
        String line = new RunStore(store).scan().damaged().get(0).reason();
        assertTrue(broken.damaged());
        assertFalse(broken.reference(), "it has no summary, yet it is no reference");
        assertFalse(broken.readOnly(), "it can be deleted");
        assertFalse(broken.resumable());
        assertEquals("damaged", broken.status());
        assertEquals(line, broken.message(), "the store's reason, as goodness runs prints it");
        assertTrue(line.startsWith("config.json: "), line);
        assertEquals("damaged", broken.statusText(), "the word fits its column; the reason is in the next");
        assertEquals(line, broken.notes(), "in the Changed column, where goodness runs prints it");
        assertEquals("broken: damaged: " + line, broken.problem(), "the row's tooltip");
        assertEquals(List.of("", "", "", "", "", ""), List.of(broken.preset(), broken.dataset(), broken.changed(), broken.bestValid(),
                broken.test(), broken.bestValidDetail()));
        assertNull(broken.date());
        assertNull(broken.bestValidErrors());
        assertFalse(row("good").damaged());
        assertEquals(row("good").changed(), row("good").notes(), "a readable run's Changed cell holds its settings");
        assertEquals("", row("good").problem());

        String status = fx(() -> vm.statusProperty().get());
        assertTrue(status.startsWith("1 run in "), status);
        assertTrue(status.contains("; 1 run damaged: see its row below the runs"), status);
    }

    @Test
    void selectingADamagedRunLoadsNothingAndEveryActionButDeleteSaysWhyItDoesNotApply() {
        fx(() -> vm.selected().setAll("good", "broken"));
        waitFor("the good run overlaid", 20, () -> charts.model().overlays().size() == 1);
        drain();
        assertEquals(List.of("good"), fx(() -> charts.model().overlays().stream().map(s -> s.id()).toList()));
        assertEquals(List.of("good"), fx(() -> vm.hyperParametersProperty().get().runs()));
        assertEquals(List.of(), errors, "the damaged run is not loaded, so nothing fails");
        assertTrue(fx(() -> vm.damagedReasonProperty().get()).startsWith("broken is damaged ("), "one damaged run among the selection is named");

        fx(() -> vm.selected().setAll("broken"));
        drain();
        assertEquals(List.of(), fx(() -> charts.model().overlays()));
        String why = fx(() -> vm.damagedReasonProperty().get());
        assertEquals("broken is damaged (" + row("broken").message() + "): a run the store cannot read cannot be opened, overlaid, resumed,"
                + " renamed or exported. Delete… removes its folder.", why);
        assertEquals("", fx(() -> vm.readOnlyReasonProperty().get()), "Delete still applies");
        assertFalse(fx(() -> vm.archives().exportableProperty().get()));

        fx(() -> {
            vm.rename("broken", "mended");
            vm.open("broken");
            vm.resume("broken");
            return null;
        });
        drain();
        assertEquals(List.of(why, why, "only a stopped or diverged stored run can be resumed; broken is damaged"), errors);
        assertTrue(Files.isDirectory(store.resolve("broken")));
        assertFalse(Files.exists(store.resolve("mended")));

        fx(() -> vm.selected().setAll("good"));
        assertEquals("", fx(() -> vm.damagedReasonProperty().get()));
        assertTrue(fx(() -> vm.archives().exportableProperty().get()));
    }

    @Test
    void deletingADamagedRunRemovesItsFolderAndItsRow() {
        fx(() -> vm.selected().setAll("broken"));
        fx(() -> {
            vm.delete(List.of("broken"));
            return null;
        });
        waitFor("its row gone", 20, () -> vm.rows().stream().noneMatch(r -> r.name().equals("broken")));
        assertFalse(Files.exists(store.resolve("broken")));
        assertTrue(Files.isDirectory(store.resolve("good")));
        assertEquals(List.of(), errors);
        assertEquals(List.of(), fx(() -> List.copyOf(vm.selected())));
        waitFor("the status line", 20, () -> !vm.statusProperty().get().contains("damaged"));
    }

    @Test
    void anUnreadableFolderIsARowMarkedUnreadableAndTextFromTheDiskIsEscaped() {
        // Tests run as root, where a folder cannot be made unreadable: the store's entry is stood in for.
        Path locked = store.resolve("locked\u001b[2J");
        RunsViewModel.RunRow row = RunRows.damagedRow(new RunStore.Damaged("locked\u001b[2J", locked,
                "cannot read the folder: permission denied", true, locked + ": cannot read the folder: permission denied"), false);
        assertTrue(row.damaged());
        assertEquals("unreadable", row.status());
        assertEquals("unreadable", row.statusText());
        assertEquals("locked\\x1b[2J: unreadable: cannot read the folder: permission denied", row.problem());
        assertEquals("locked\\x1b[2J", row.shownName(), "the table shows the name with its control characters escaped");
        assertEquals("locked\u001b[2J", row.name(), "the store's name, to delete it by");
        assertEquals("locked\\x1b[2J is unreadable (cannot read the folder: permission denied): a run the store cannot read cannot be opened,"
                + " overlaid, resumed, renamed or exported. Delete… removes its folder.", RunRows.damagedReason(List.of(row)));

        RunsViewModel.RunRow quoted = RunRows.damagedRow(new RunStore.Damaged("q", store.resolve("q"),
                "run.json: \"message\" is \"a\nb\"", false, "q/run.json: ..."), false);
        assertEquals("run.json: \"message\" is \"a\\nb\"", quoted.notes());

        RunsViewModel.RunRow example = RunRows.damagedRow(new RunStore.Damaged("old", store.resolve("old"), "config.json: x", false, "old/config.json: x"), true);
        assertEquals("example:old", example.name());
        assertEquals("old", example.shownName());
        assertEquals("example, damaged", example.statusText());
        assertEquals("config.json: x", example.notes());
        assertTrue(example.readOnly(), "an example cannot be deleted either");
        assertFalse(RunRows.damagedReason(List.of(example)).contains("Delete"), "an example cannot be deleted, so Delete is not offered");

        var d = new RunStore.Damaged("a", store.resolve("a"), "config.json: x", false, "a/config.json: x");
        var u = new RunStore.Damaged("b", store.resolve("b"), "cannot read the folder: permission denied", true, "b: cannot read");
        assertEquals("; 2 runs damaged, 1 unreadable: see their rows below the runs", RunRows.damagedNote(List.of(d, d, u), "run"));
        assertEquals("; 1 run unreadable: see its row below the runs", RunRows.damagedNote(List.of(u), "run"));
        assertEquals("", RunRows.damagedNote(List.of(), "run"));
    }
}
