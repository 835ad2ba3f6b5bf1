package goodness.ui.runs;

import goodness.runs.RunArchive;
import goodness.runs.RunFolders;
import goodness.ui.BackgroundTasks;
import goodness.ui.ReferenceRun;
import goodness.ui.training.ChartsViewModel;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.*;

/**
 * The Runs tab's Export… and the File menu's Import run…, without a window: the file dialog is a
 * fake that answers a path (or cancels), and the work runs on the app's worker.
 */
class RunArchiveActionsTest {
    @TempDir
    Path tmp;
    Path store;
    final BackgroundTasks tasks = new BackgroundTasks(Runnable::run);
    final List<String> errors = new CopyOnWriteArrayList<>();
    RunsViewModel vm;

    @BeforeEach
    void aStoreWithOneRun() {
        store = tmp.resolve("store");
        RunFolders.finished(store.resolve("r"), 3);
        vm = new RunsViewModel(tasks, errors::add, new ChartsViewModel(), () -> null);
        vm.rootProperty().set(store);
        drain();
    }

    @AfterEach
    void stop() {
        tasks.shutdown();
    }

    /** Waits until the worker has done what is queued (listings queue overlays: twice). */
    private void drain() {
        for (int i = 0; i < 3; i++) tasks.supply(() -> null).join();
    }

    @Test
    void exportWritesTheSelectedRunToTheFileTheDialogNames() {
        vm.selected().setAll("r");
        assertTrue(vm.archives().exportableProperty().get());
        List<String> offered = new ArrayList<>();
        Path zip = tmp.resolve("shared.zip");
        RunArchive.Exported e = vm.archives().exportSelected(suggested -> {
            offered.add(suggested);
            return Optional.of(zip);
        }).join();
        assertEquals(List.of("r.zip"), offered);
        assertTrue(Files.isRegularFile(zip));
        assertEquals("exported r (4 files, " + e.bytes() + " bytes) to " + zip, vm.statusProperty().get());
        assertEquals(List.of(), errors);
    }

    @Test
    void exportIsOffWithoutOneStoredRunAndACancelledDialogWritesNothing() throws IOException {
        assertFalse(vm.archives().exportableProperty().get(), "nothing selected");
        vm.selected().setAll(ReferenceRun.ID);
        assertFalse(vm.archives().exportableProperty().get(), "the reference run has no files");
        assertThrows(CompletionException.class, () -> vm.archives().exportSelected(s -> Optional.of(tmp.resolve("x.zip"))).join());
        assertEquals(List.of("the built-in reference run is a published log: it has no files to export"), errors);

        vm.selected().setAll("r");
        assertNull(vm.archives().exportSelected(s -> Optional.empty()).join());
        try (Stream<Path> s = Files.list(tmp)) {
            assertEquals(List.of(store), s.toList(), "nothing written");
        }
    }

    @Test
    void anImportedRunIsListedAndSelected() {
        Path zip = tmp.resolve("shared.zip");
        vm.selected().setAll("r");
        vm.archives().exportSelected(s -> Optional.of(zip)).join();

        RunArchive.Imported i = vm.archives().importRun(suggested -> {
            assertNull(suggested, "an open dialog offers no name");
            return Optional.of(zip);
        }).join();
        drain();
        assertEquals("r-2", i.run().name());
        assertEquals(List.of("r-2"), vm.selected(), "the imported run is selected");
        RunsViewModel.RunRow row = vm.rows().stream().filter(r -> r.name().equals("r-2")).findFirst().orElseThrow();
        assertTrue(row.statusText().endsWith(" (imported from shared.zip (run r))"), row.statusText());
        assertTrue(vm.statusProperty().get().contains("2 runs in"), "listed again: " + vm.statusProperty().get());
        assertEquals(List.of(), errors);
    }

    @Test
    void aRefusedImportIsOneMessageAndTheListStaysAsItWas() throws IOException {
        Path notZip = Files.writeString(tmp.resolve("notes.zip"), "just text");
        vm.selected().setAll("r");
        assertThrows(CompletionException.class, () -> vm.archives().importRun(s -> Optional.of(notZip)).join());
        drain();
        assertEquals(List.of(notZip + ": not imported: is not a zip archive, or is cut short"), errors);
        assertEquals(List.of("r"), vm.selected());
        try (Stream<Path> s = Files.list(store)) {
            assertEquals(List.of(store.resolve("r")), s.toList(), "nothing added to the store");
        }
    }
}
