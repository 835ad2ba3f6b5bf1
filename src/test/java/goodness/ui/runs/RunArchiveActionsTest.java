package goodness.ui.runs;

import goodness.runs.RunArchive;
import goodness.runs.RunFolders;
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

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.*;

/**
 * The Runs tab's Export… and the File menu's Import run…, without a window: the file dialog is a
 * fake that answers a path (or cancels), the work runs on the app's worker, and the outcome comes
 * back on the FX thread (the toolkit runs headless; no stage is shown).
 */
class RunArchiveActionsTest {
    @TempDir
    Path tmp;
    Path store;
    final BackgroundTasks tasks = new BackgroundTasks();
    final List<String> errors = new CopyOnWriteArrayList<>();
    RunsViewModel vm;

    @BeforeAll
    static void startToolkit() throws Exception {
        FxToolkit.registerPrimaryStage();
    }

    @BeforeEach
    void aStoreWithOneRun() {
        store = tmp.resolve("store");
        RunFolders.finished(store.resolve("r"), 3);
        vm = fx(() -> {
            RunsViewModel m = new RunsViewModel(tasks, errors::add, new ChartsViewModel(), () -> null);
            m.rootProperty().set(store);
            return m;
        });
        drain();
    }

    @AfterEach
    void stop() {
        tasks.shutdown();
    }

    /** Waits until the worker and then the FX thread have done what is queued (a listing queues an overlay: three rounds). */
    private void drain() {
        for (int i = 0; i < 3; i++) {
            tasks.supply(() -> null).join();
            WaitForAsyncUtils.waitForFxEvents();
        }
    }

    /** {@code c} on the FX thread, where the view calls the actions. */
    private static <T> T fx(Callable<T> c) {
        return goodness.ui.FxTestSupport.fx(c);
    }

    private static void fxRun(Runnable r) {
        fx(() -> {
            r.run();
            return null;
        });
    }

    @Test
    void exportWritesTheSelectedRunToTheFileTheDialogNames() {
        fxRun(() -> vm.selected().setAll("r"));
        assertTrue(fx(() -> vm.archives().exportableProperty().get()));
        List<String> offered = new ArrayList<>();
        Path zip = tmp.resolve("shared.zip");
        RunArchive.Exported e = fx(() -> vm.archives().exportSelected(suggested -> {
            offered.add(suggested);
            return Optional.of(zip);
        })).join();
        drain();
        assertEquals(List.of("r.zip"), offered);
        assertTrue(Files.isRegularFile(zip));
        assertEquals("exported r (4 files, " + e.bytes() + " bytes) to " + zip, fx(() -> vm.statusProperty().get()));
        assertEquals(List.of(), errors);
    }

    @Test
    void exportIsOffWithoutOneStoredRunAndACancelledDialogWritesNothing() throws IOException {
        assertFalse(fx(() -> vm.archives().exportableProperty().get()), "nothing selected");
        fxRun(() -> vm.selected().setAll(ReferenceRun.ID));
        assertFalse(fx(() -> vm.archives().exportableProperty().get()), "the reference run has no files");
        var refused = fx(() -> vm.archives().exportSelected(s -> Optional.of(tmp.resolve("x.zip"))));
        assertThrows(CompletionException.class, refused::join);
        assertEquals(List.of("the built-in reference run is a published log: it has no files to export"), errors);

        fxRun(() -> vm.selected().setAll("r"));
        assertNull(fx(() -> vm.archives().exportSelected(s -> Optional.empty())).join());
        try (Stream<Path> s = Files.list(tmp)) {
            assertEquals(List.of(store), s.toList(), "nothing written");
        }
    }

    @Test
    void anImportedRunIsListedAndSelected() {
        Path zip = tmp.resolve("shared.zip");
        fxRun(() -> vm.selected().setAll("r"));
        fx(() -> vm.archives().exportSelected(s -> Optional.of(zip))).join();
        drain();

        RunArchive.Imported i = fx(() -> vm.archives().importRun(suggested -> {
            assertNull(suggested, "an open dialog offers no name");
            return Optional.of(zip);
        })).join();
        drain();
        assertEquals("r-2", i.run().name());
        assertEquals(List.of("r-2"), fx(() -> List.copyOf(vm.selected())), "the imported run is selected");
        assertEquals(List.of("r-2"), fx(() -> vm.hyperParametersProperty().get().runs()), "and loaded for the overlay and the hyper-parameter table");
        RunsViewModel.RunRow row = fx(() -> vm.rows().stream().filter(r -> r.name().equals("r-2")).findFirst().orElseThrow());
        assertTrue(row.statusText().endsWith(" (imported from shared.zip (run r))"), row.statusText());
        String status = fx(() -> vm.statusProperty().get());
        assertTrue(status.contains("2 runs in"), "listed again: " + status);
        assertEquals(List.of(), errors);
    }

    @Test
    void aRefusedImportIsOneMessageAndTheListStaysAsItWas() throws IOException {
        Path notZip = Files.writeString(tmp.resolve("notes.zip"), "just text");
        fxRun(() -> vm.selected().setAll("r"));
        var refused = fx(() -> vm.archives().importRun(s -> Optional.of(notZip)));
        assertThrows(CompletionException.class, refused::join);
        drain();
        assertEquals(List.of(notZip + ": not imported: is not a zip archive, or is cut short"), errors);
        assertEquals(List.of("r"), fx(() -> List.copyOf(vm.selected())));
        try (Stream<Path> s = Files.list(store)) {
            assertEquals(List.of(store.resolve("r")), s.toList(), "nothing added to the store");
        }
    }
}
