package goodness.ui.runs;

import goodness.runs.RunArchive;
import goodness.runs.RunStore;
import goodness.ui.BackgroundTasks;
import goodness.ui.ReferenceRun;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;

import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;

/**
 * Export… (the Runs tab's selected run to a zip file) and Import run… (a zip file into the store)
 * of the app. The view asks for the file through a {@link Chooser} (a file dialog; tests pass
 * a path); the archive is written or read on the {@link BackgroundTasks} worker
 * ({@link RunArchive}). Success goes to the Runs tab's status line, and an imported run is
 * listed and selected; a refusal is one message, the archive's or the file's line.
 */
public final class RunArchiveActions {
    /** Asks the user for a file; empty if they cancel. */
    @FunctionalInterface
    public interface Chooser {
        /** @param suggested the file name to offer (a save dialog), or null (an open dialog) */
        Optional<Path> choose(String suggested);
    }

    private final BackgroundTasks tasks;
    private final RunsViewModel runs;
    private final Consumer<String> errors;
    private final BooleanBinding exportable;

    RunArchiveActions(BackgroundTasks tasks, RunsViewModel runs, Consumer<String> errors) {
        this.tasks = tasks;
        this.runs = runs;
        this.errors = errors;
        exportable = Bindings.createBooleanBinding(() -> runs.selected().size() == 1 && !runs.selected().get(0).equals(ReferenceRun.ID)
                && !goodness.runs.ExampleRuns.isId(runs.selected().get(0)) && !runs.isDamaged(runs.selected().get(0)), runs.selected(), runs.rows());
    }

    /**
     * Whether Export… applies: exactly one stored run is selected (the built-in reference run has no
     * files; an example is already a folder of the project, {@code assets/runs}, to copy as it is;
     * a damaged run's files would not read back).
     */
    public BooleanBinding exportableProperty() {
        return exportable;
    }

    /**
     * Writes the selected run to the file the chooser names (offered as {@code NAME.zip}). The
     * future holds what was written, or null if the user cancelled; it fails with the message
     * already shown.
     */
    public CompletableFuture<RunArchive.Exported> exportSelected(Chooser saveDialog) {
        if (!exportable.get()) {
            errors.accept(runs.selected().contains(ReferenceRun.ID) ? "the built-in reference run is a published log: it has no files to export"
                    : runs.selected().size() == 1 && goodness.runs.ExampleRuns.isId(runs.selected().get(0))
                    ? "an example is a folder of the project (assets/runs): share that folder as it is"
                    : !runs.damagedReasonProperty().get().isEmpty() ? runs.damagedReasonProperty().get()
                    : "select one stored run to export");
            return CompletableFuture.failedFuture(new IllegalStateException("nothing to export"));
        }
        String name = runs.selected().get(0);
        Optional<Path> to = saveDialog.choose(name + ".zip");
        if (to.isEmpty()) return CompletableFuture.completedFuture(null);
        Path root = runs.rootProperty().get();
        return report(tasks.supply(() -> RunArchive.export(new RunStore(root), name, to.get())),
                e -> runs.statusProperty().set("exported " + name + " (" + e.files().size() + " files, " + e.bytes() + " bytes) to " + e.archive()));
    }

    /**
     * Imports the archive the chooser names into the store the Runs tab shows, then lists the
     * store again with the imported run selected. The future holds the imported run, or null if
     * the user cancelled; it fails with the message already shown.
     */
    public CompletableFuture<RunArchive.Imported> importRun(Chooser openDialog) {
        Optional<Path> from = openDialog.choose(null);
        if (from.isEmpty()) return CompletableFuture.completedFuture(null);
        Path root = runs.rootProperty().get();
        return report(tasks.supply(() -> RunArchive.importRun(new RunStore(root), from.get())), i -> {
            runs.statusProperty().set("imported " + i.run().name() + " from " + from.get().getFileName()
                    + (i.renamed() ? " (the store already has a run named " + i.originalName() + ")" : ""));
            runs.refreshSelecting(i.run().name());
        });
    }

    /** Success handled on the FX thread; a failure shown there as its one line. */
    private <T> CompletableFuture<T> report(CompletableFuture<T> f, Consumer<T> ok) {
        return f.whenComplete((v, e) -> tasks.fx(() -> {
            if (e == null) ok.accept(v);
            else errors.accept(BackgroundTasks.message(e));
        }));
    }
}
