package goodness.ui.runs;

import goodness.ff.FFNetwork;
import goodness.runs.Printable;
import goodness.runs.RunStatus;
import goodness.runs.RunStore;
import goodness.runs.RunSummary;
import goodness.runs.ExampleRuns;
import goodness.runs.StoredRun;
import goodness.ui.BackgroundTasks;
import goodness.ui.ReferenceRun;
import goodness.ui.RunSeries;
import goodness.ui.training.ChartsViewModel;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * The Runs tab's state: every run of the store (app and CLI alike) plus the built-in seed 000
 * reference, the selection overlaid on the charts, and the selected runs' hyper-parameter table.
 * Reading and changing the store happens on the app's task executor; results come back to the
 * FX thread. The view only binds.
 */
public final class RunsViewModel {
    /**
     * One line of the table.
     *
     * @param name      the run's folder name (the reference run's is {@link ReferenceRun#ID})
     * @param summary   the store's summary, or null for the reference run
     * @param changed   settings that differ from the preset's defaults, "name=value, ..."
     * @param status    running / finished / stopped / diverged, or "reference"
     * @param bestValid the valid evaluation with the fewest energy errors, both scores and its epoch, as text
     *                  ("79 / 92 @199"); "" if never evaluated
     * @param bestValidDetail the same in words, with the case count and the last evaluation if it differs (tooltip)
     * @param test      final test errors (energy / softmax; of the whole test set) as text, "" if not finished
     * @param example   an example run that comes with the app ({@link ExampleRuns}): its name is
     *                  {@code example:<folder>}, and it is read-only
     * @param damaged   a run folder the store cannot read: its status is "damaged" or "unreadable", its
     *                  message the reason ({@link RunStore.Damaged}); it has no summary and no figures, and
     *                  it can only be deleted
     */
    public record RunRow(String name, RunSummary summary, String preset, String dataset, String changed, String status,
                         String message, int epochsDone, int epochsPlanned, Integer bestValidErrors, String bestValid,
                         String bestValidDetail, String test, Instant date, boolean example, boolean damaged) {
        public boolean reference() {
            return summary == null && !damaged;
        }

        /** The reference and the examples: they can be overlaid and compared, not renamed, deleted or resumed. */
        public boolean readOnly() {
            return reference() || example;
        }

        public boolean resumable() {
            return summary != null && !example && summary.resumable();
        }

        /** Status with its message, for the table; an example's starts "example, ". A damaged run's reason is in {@link #notes()}. */
        public String statusText() {
            String imported = summary == null || summary.imported() == null ? "" : " (" + summary.imported().text(name) + ")";
            String text = (damaged || message == null || message.isBlank() ? status : status + ": " + message) + imported;
            return example ? "example, " + text : text;
        }

        /** The Changed column: the changed settings, or why a damaged run cannot be read (as {@code goodness runs} prints it there). */
        public String notes() {
            return damaged ? message : changed;
        }

        /** A damaged run's row tooltip: its name, status and reason; "" for a readable run. */
        public String problem() {
            return damaged ? shownName() + ": " + status + ": " + message : "";
        }

        /**
         * The name the table shows: an example's folder name (its status says it is an example), else
         * {@link #name()}; control characters escaped (a folder name may hold any).
         */
        public String shownName() {
            return Printable.escape(example ? ExampleRuns.folderName(name) : name);
        }
    }

    private final BackgroundTasks tasks;
    private final Consumer<String> errors;
    private final ChartsViewModel charts;
    private final Supplier<String> liveRunName;
    private final ObjectProperty<Path> root = new SimpleObjectProperty<>(RunsFolderPreference.preferred());
    private final ObservableList<RunRow> rows = FXCollections.observableArrayList();
    private final ObservableList<String> selected = FXCollections.observableArrayList();
    private final ObjectProperty<HyperParameterTable> hyperParameters = new SimpleObjectProperty<>(HyperParameterTable.of(List.of()));
    private final StringProperty status = new SimpleStringProperty("");
    private final BooleanProperty showFirstEpochStops = new SimpleBooleanProperty(false);
    /** Loaded runs' series, by name and epochs done (a run that grew is read again). */
    private final Map<String, StoredSeries> cache = new HashMap<>();
    private long selectionGeneration;
    private BiConsumer<FFNetwork, String> openModel = (n, s) -> { };
    private Consumer<StoredRun> resume = r -> { };
    /** A run to select once the next listing has it (an imported run); FX thread. */
    private String selectNext;
    private final RunArchiveActions archives;
    /** The examples that come with the app, listed after the store's runs. */
    private final ExampleListing examples = new ExampleListing();
    /** Why the selection cannot be renamed, deleted or resumed ("" if it can). */
    private final StringProperty readOnlyReason = new SimpleStringProperty("");
    /** Why the selection cannot be opened, resumed, renamed or exported: a damaged run in it ("" if none). */
    private final StringProperty damagedReason = new SimpleStringProperty("");
    /** Called once with the rows of the next listing (FX thread), or null. */
    private Consumer<List<RunRow>> onListed;
    /** Listings asked for and not yet shown. */
    private final java.util.concurrent.atomic.AtomicInteger listingsPending = new java.util.concurrent.atomic.AtomicInteger();

    private record StoredSeries(int epochsDone, RunStatus status, RunSeries series, goodness.ff.FFConfig config) {
    }

    /**
     * @param tasks       the app's worker (store reads and writes) and the way back to the FX thread
     * @param errors      shows an error to the user (FX thread)
     * @param charts      where selected runs are overlaid
     * @param liveRunName the store name of the run in progress, or null: it is drawn live, not overlaid
     */
    public RunsViewModel(BackgroundTasks tasks, Consumer<String> errors, ChartsViewModel charts, Supplier<String> liveRunName) {
        this.tasks = tasks;
        this.errors = errors;
        this.charts = charts;
        this.liveRunName = liveRunName;
        selected.addListener((javafx.collections.ListChangeListener<String>) c -> {
            overlaySelection();
            readOnlyReason.set(RunRows.readOnlyReason(selected));
            damagedReason.set(RunRows.damagedReason(selectedRows()));
        });
        root.addListener((o, a, b) -> {
            selected.clear();
            cache.clear();
            refresh();
        });
        showFirstEpochStops.addListener((o, a, b) -> refresh());
        archives = new RunArchiveActions(tasks, this, errors);
    }

    /** Export… and Import run…: a run as one zip file. */
    public RunArchiveActions archives() {
        return archives;
    }

    /** The user chose a runs folder: list it, write new runs there, and remember it for the next start. */
    public void chooseRoot(Path dir) {
        root.set(dir);
        RunsFolderPreference.remember(dir);
    }

    /** Where "Open" sends a run's model (the Draw and Gallery tabs), with a description. */
    public void setOpenModel(BiConsumer<FFNetwork, String> openModel) {
        this.openModel = openModel;
    }

    /** What "Resume" does with a stopped or diverged run. */
    public void setResume(Consumer<StoredRun> resume) {
        this.resume = resume;
    }

    public ObjectProperty<Path> rootProperty() { return root; }
    public ObservableList<RunRow> rows() { return rows; }
    /** Names of the runs selected in the table (the view keeps it in step with the selection). */
    public ObservableList<String> selected() { return selected; }
    public ObjectProperty<HyperParameterTable> hyperParametersProperty() { return hyperParameters; }
    public StringProperty statusProperty() { return status; }
    /**
     * Why Rename, Delete and Resume do not apply to the selection: the seed's reference run and
     * the examples are read-only. "" when the selection holds none of them.
     */
    public StringProperty readOnlyReasonProperty() { return readOnlyReason; }
    /**
     * Why Open, Resume, Rename and Export do not apply to the selection: it holds a run folder the
     * store cannot read (a damaged or unreadable row; Delete still applies). "" when it holds none.
     */
    public StringProperty damagedReasonProperty() { return damagedReason; }

    /** Whether {@code name} is listed as a run folder the store cannot read. */
    boolean isDamaged(String name) {
        return rows.stream().anyMatch(r -> r.damaged() && r.name().equals(name));
    }

    /** The rows of the selected runs, in selection order. */
    private List<RunRow> selectedRows() {
        List<RunRow> list = new ArrayList<>();
        for (String name : selected) rows.stream().filter(r -> r.name().equals(name)).findFirst().ifPresent(list::add);
        return list;
    }

    /**
     * Lists the examples of {@code dir} beside the store (null: none) instead of the folder
     * {@link ExampleRuns#root()} finds; the table is listed again.
     */
    public void setExamplesRoot(Path dir) {
        examples.setRoot(dir);
        synchronized (cache) {
            cache.keySet().removeIf(ExampleRuns::isId);
        }
        refresh();
    }

    /**
     * Hands the rows of the next listing to {@code then} once, on the FX thread (the window's
     * first start overlays two of them); lists the store if no listing is on its way.
     */
    public void whenListed(Consumer<List<RunRow>> then) {
        onListed = then;
        if (listingsPending.get() == 0) refresh();
    }

    /** The row that holds the run behind the bundled model, among {@code list}, or null if it is not listed. */
    public static RunRow bundledModelRow(List<RunRow> list) {
        for (RunRow r : list) if (r.example() && r.name().equals(ExampleRuns.id(ExampleRuns.BUNDLED_MODEL_RUN))) return r;
        return null;
    }

    /**
     * Whether runs that ended before finishing their first epoch are listed (default no: every
     * Start-then-close leaves one, and they bury the runs worth comparing). They stay in the
     * store, resumable; the status line counts the hidden ones.
     */
    public BooleanProperty showFirstEpochStopsProperty() { return showFirstEpochStops; }

    /** How often the view calls {@link #refreshIfFollowing()} (seconds). */
    public static final int FOLLOW_SECONDS = 15;

    /**
     * The selected runs that another process is training (a CLI run, or a second window's), as
     * of the last listing: their curves grow only if the store is read again. The app's own run
     * is drawn live and is not among them.
     */
    public List<String> followedRuns() {
        String live = liveRunName.get();
        List<String> names = new ArrayList<>();
        for (RunRow r : rows)
            if (selected.contains(r.name()) && !r.name().equals(live) && RunStatus.RUNNING.id().equals(r.status())) names.add(r.name());
        return names;
    }

    /**
     * Lists the store again if a selected run is being trained by another process, so that its
     * row and curves follow it (the view calls this every {@value #FOLLOW_SECONDS} s; reading
     * happens on the task executor). Returns whether it did.
     */
    public boolean refreshIfFollowing() {
        if (followedRuns().isEmpty()) return false;
        refresh();
        return true;
    }

    /** Lists the store again (in the background); the selection is kept where the runs still exist. */
    public void refresh() {
        Path dir = root.get();
        boolean showAll = showFirstEpochStops.get();
        listingsPending.incrementAndGet();
        tasks.execute(() -> {
            try {
                RunRows.Listed listing = RunRows.list(dir, showAll, examples);
                List<RunRow> list = listing.rows();
                String note = listing.note();
                tasks.fx(() -> {
                    listed(list);
                    if (!dir.equals(root.get())) return;
                    // Replacing the rows clears a table's selection: the selection is kept here and put back.
                    List<String> names = list.stream().map(RunRow::name).toList();
                    // An imported run is selected once a listing has it (one begun before the import may not).
                    List<String> keep = selectNext != null && names.contains(selectNext) ? List.of(selectNext)
                            : selected.stream().filter(names::contains).toList();
                    if (selectNext != null && names.contains(selectNext)) selectNext = null;
                    rows.setAll(list);
                    if (!selected.equals(keep)) selected.setAll(keep);
                    else overlaySelection();
                    damagedReason.set(RunRows.damagedReason(selectedRows()));
                    List<String> followed = followedRuns();
                    status.set(followed.isEmpty() ? note : note + "; following " + String.join(", ", followed)
                            + " (trained by another process): read again every " + FOLLOW_SECONDS + " s");
                });
            } catch (RuntimeException e) {
                String m = BackgroundTasks.message(e);
                tasks.fx(() -> {
                    listed(List.of());
                    status.set("cannot list " + dir + ": " + m);
                });
            }
        });
    }

    /** Lists the store again and selects run {@code name} once it is listed (FX thread). */
    void refreshSelecting(String name) {
        selectNext = name;
        refresh();
    }

    /** A listing arrived (FX thread): the one waiting for it gets its rows. */
    private void listed(List<RunRow> list) {
        listingsPending.updateAndGet(n -> Math.max(0, n - 1));
        Consumer<List<RunRow>> then = onListed;
        onListed = null;
        if (then != null) then.accept(List.copyOf(list));
    }

    /**
     * Overlays the selected runs on the charts (loading them in the background) and fills the
     * hyper-parameter table. A newer selection wins over a load still in progress. A damaged
     * run is not read: its row says why it cannot be.
     */
    private void overlaySelection() {
        long generation = ++selectionGeneration;
        List<String> names = selected.stream().filter(n -> !isDamaged(n)).toList();
        Map<String, Integer> epochs = new HashMap<>();
        for (RunRow r : rows) epochs.put(r.name(), r.epochsDone());
        String live = liveRunName.get();
        Path dir = root.get();
        tasks.execute(() -> {
            List<RunSeries> series = new ArrayList<>();
            List<HyperParameterTable.Column> columns = new ArrayList<>();
            List<String> problems = new ArrayList<>();
            for (String name : names) {
                try {
                    StoredSeries s = load(dir, name, epochs.getOrDefault(name, -1));
                    columns.add(new HyperParameterTable.Column(s.series().label(), s.config()));
                    if (!name.equals(live)) series.add(s.series());
                } catch (RuntimeException e) {
                    problems.add(BackgroundTasks.message(e));
                }
            }
            tasks.fx(() -> {
                if (generation != selectionGeneration) return;
                charts.setOverlays(series);
                hyperParameters.set(HyperParameterTable.of(columns));
                if (!problems.isEmpty()) errors.accept(String.join("; ", problems));
            });
        });
    }

    /** A run's series, from the cache while it has not grown (task thread). */
    private StoredSeries load(Path dir, String name, int epochsDone) {
        if (name.equals(ReferenceRun.ID)) {
            synchronized (cache) {
                return cache.computeIfAbsent(name, k -> new StoredSeries(125, RunStatus.FINISHED, ReferenceRun.series(), ReferenceRun.config()));
            }
        }
        synchronized (cache) {
            StoredSeries s = cache.get(name);
            if (s != null && s.epochsDone() == epochsDone && s.status() != RunStatus.RUNNING) return s;
        }
        boolean example = ExampleRuns.isId(name);
        StoredRun r = example ? examples.load(name) : new RunStore(dir).load(name);
        String label = example ? ExampleListing.label(name) : name;
        StoredSeries s = new StoredSeries(r.summary().epochsDone(), r.summary().status(),
                RunSeries.of(name, label, r.config().layerCount(), r.metrics()).setConfig(r.config()), r.config());
        synchronized (cache) {
            cache.put(name, s);
        }
        return s;
    }

    /** Renames a run; the table is listed again afterwards. */
    public void rename(String name, String newName) {
        if (name.equals(ReferenceRun.ID)) {
            errors.accept("the built-in reference run cannot be renamed");
            return;
        }
        if (ExampleRuns.isId(name)) {
            errors.accept(name + " is an example that comes with the app: examples cannot be renamed");
            return;
        }
        if (isDamaged(name)) {
            errors.accept(damagedReason(name));
            return;
        }
        Path dir = root.get();
        tasks.execute(() -> {
            try {
                new RunStore(dir).rename(name, newName.trim());
                tasks.fx(() -> {
                    int i = selected.indexOf(name);
                    if (i >= 0) selected.set(i, newName.trim());
                    synchronized (cache) {
                        cache.remove(name);
                    }
                    status.set("renamed " + name + " to " + newName.trim());
                });
            } catch (RuntimeException e) {
                String m = BackgroundTasks.message(e);
                tasks.fx(() -> errors.accept(m));
            }
            refresh();
        });
    }

    /**
     * Deletes the runs' folders, one after the other (the view asks for confirmation first). A
     * run that cannot be deleted (running, say) is reported and the others are still deleted.
     */
    public void delete(List<String> names) {
        if (names.contains(ReferenceRun.ID)) {
            errors.accept("the built-in reference run cannot be deleted" + (names.size() > 1 ? "; nothing was deleted" : ""));
            return;
        }
        if (names.stream().anyMatch(ExampleRuns::isId)) {
            errors.accept("examples come with the app and cannot be deleted" + (names.size() > 1 ? "; nothing was deleted" : ""));
            return;
        }
        List<String> targets = List.copyOf(names);
        Path dir = root.get();
        tasks.execute(() -> {
            List<String> deleted = new ArrayList<>();
            List<String> problems = new ArrayList<>();
            RunStore store = new RunStore(dir);
            for (String name : targets) {
                try {
                    store.delete(name);
                    deleted.add(name);
                } catch (RuntimeException e) {
                    problems.add(Printable.escape(BackgroundTasks.message(e)));   // a damaged folder's name may hold any character
                }
            }
            tasks.fx(() -> {
                selected.removeAll(deleted);
                synchronized (cache) {
                    deleted.forEach(cache::remove);
                }
                if (!deleted.isEmpty()) status.set(Printable.escape("deleted " + (deleted.size() == 1 ? deleted.get(0) : deleted.size() + " runs: " + String.join(", ", deleted))));
                if (!problems.isEmpty()) errors.accept(String.join("; ", problems));
            });
            refresh();
        });
    }

    /** Loads a run's model (its final model, else its last checkpoint's weights) for Draw and Gallery. */
    public void open(String name) {
        if (name.equals(ReferenceRun.ID)) {
            errors.accept("the reference run is a published log: it has no model to open");
            return;
        }
        if (isDamaged(name)) {
            errors.accept(damagedReason(name));
            return;
        }
        Path dir = root.get();
        tasks.execute(() -> {
            try {
                StoredRun r = ExampleRuns.isId(name) ? examples.load(name) : new RunStore(dir).load(name);
                RunModels.Opened m = RunModels.open(name, r);
                tasks.fx(() -> {
                    openModel.accept(m.network(), m.what());
                    status.set("opened " + m.what() + " in Draw and Gallery");
                });
            } catch (RuntimeException e) {
                String m = BackgroundTasks.message(e);
                tasks.fx(() -> errors.accept(m));
            }
        });
    }

    /** Continues a stopped or diverged run where its checkpoint stands. */
    public void resume(String name) {
        RunRow row = rows.stream().filter(r -> r.name().equals(name)).findFirst().orElse(null);
        if (row == null || !row.resumable()) {
            errors.accept("only a stopped or diverged stored run can be resumed" + (row == null ? "" : "; " + name + " is "
                    + (row.readOnly() ? "read-only" : row.status())));
            return;
        }
        Path dir = root.get();
        tasks.execute(() -> {
            try {
                StoredRun r = new RunStore(dir).load(name);
                if (r.checkpoint() == null) throw new IllegalStateException("run " + name + " has no checkpoint (it ended before its first epoch)");
                tasks.fx(() -> resume.accept(r));
            } catch (RuntimeException e) {
                String m = BackgroundTasks.message(e);
                tasks.fx(() -> errors.accept(m));
            }
        });
    }

    /** Why the damaged run {@code name} cannot be used, as its row says. */
    private String damagedReason(String name) {
        return RunRows.damagedReason(rows.stream().filter(r -> r.name().equals(name)).toList());
    }

    // ------------------------------------------------------------------------------------------

    /** The check box's text, which the status line names. */
    public static final String SHOW_FIRST_EPOCH_STOPS = "Show runs stopped in their first epoch";
}
