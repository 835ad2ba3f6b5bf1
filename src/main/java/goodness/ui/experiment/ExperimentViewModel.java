package goodness.ui.experiment;

import goodness.experiment.CellResult;
import goodness.experiment.CellStore;
import goodness.experiment.ExperimentFolder;
import goodness.experiment.LearningCurves;
import goodness.experiment.SeparationReport;
import goodness.experiment.SeparationTable;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.scene.image.Image;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.StringReader;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The "Open experiment…" view's state: an experiment folder's plot ({@code results.png}) and
 * table, read from the folder's data through the experiment package: a separation experiment's
 * {@code cells.csv} ({@link CellStore}, shown as {@link SeparationTable#latest}) or a learning-curve
 * folder's {@code curves.csv} ({@link LearningCurves}). Files are read and the image decoded on
 * the background executor; the properties change on the FX executor. A folder that is not an
 * experiment, a file that is too large, not UTF-8 text or not a PNG is one message naming it,
 * and the previous content stays.
 */
public final class ExperimentViewModel {
    /** Size limits, checked before reading: an experiment's table is a few kB, its plot ~50 kB. */
    static final long MAX_TABLE_BYTES = 1 << 20, MAX_PNG_BYTES = 32L << 20;
    static final String PLOT_FILE = ExperimentFolder.PLOT;

    /** What an opened folder holds, made off the FX thread; {@code stamp} tells whether its files changed since. */
    record Content(Path folder, String title, List<String> header, List<List<String>> rows, String notes, Image plot, String plotMissing,
                   String stamp) {
    }

    private final Executor background, fx;
    private final ObjectProperty<Path> folder = new SimpleObjectProperty<>();
    private final StringProperty title = new SimpleStringProperty("");
    private final ObservableList<String> header = FXCollections.observableArrayList();
    private final ObservableList<List<String>> rows = FXCollections.observableArrayList();
    private final StringProperty notes = new SimpleStringProperty("");
    private final ObjectProperty<Image> plot = new SimpleObjectProperty<>();
    private final StringProperty message = new SimpleStringProperty("");
    private final BooleanProperty busy = new SimpleBooleanProperty(false);
    /** The folder shown and its files' stamp when read: what {@link #refreshIfChanged} compares (read off the FX thread). */
    private volatile Content shown;
    private final AtomicBoolean refreshing = new AtomicBoolean();

    /**
     * @param background where files are read (never the FX thread)
     * @param fx         where properties are set (the FX thread: {@code Platform::runLater})
     */
    public ExperimentViewModel(Executor background, Executor fx) {
        this.background = background;
        this.fx = fx;
    }

    public ObjectProperty<Path> folderProperty() { return folder; }
    public StringProperty titleProperty() { return title; }
    public ObservableList<String> header() { return header; }
    public ObservableList<List<String>> rows() { return rows; }
    public StringProperty notesProperty() { return notes; }
    public ObjectProperty<Image> plotProperty() { return plot; }
    /** The last problem, or a note (e.g. "no plot yet"); empty when all is well. */
    public StringProperty messageProperty() { return message; }
    public BooleanProperty busyProperty() { return busy; }

    /** Reads {@code dir} in the background and shows it; on a problem only {@link #messageProperty()} changes. */
    public void open(Path dir) {
        busy.set(true);
        message.set("Reading " + dir + "…");
        background.execute(() -> {
            Content c;
            try {
                c = read(dir);
            } catch (IllegalArgumentException e) {
                String m = e.getMessage();
                fx.execute(() -> {
                    busy.set(false);
                    message.set(m);
                });
                return;
            }
            fx.execute(() -> show(c));
        });
    }

    /**
     * Reads the shown folder again if its table or plot changed on disk since it was read (an
     * experiment still running writes them after every cell); the window calls this every few
     * seconds. Checks and reads on the background executor; one check at a time; a folder that
     * became unreadable is a message and the content shown stays.
     */
    public void refreshIfChanged() {
        Content was = shown;
        if (was == null || !refreshing.compareAndSet(false, true)) return;
        Runnable check = () -> {
            try {
                if (stamp(was.folder()).equals(was.stamp())) return;
                Content c = read(was.folder());
                fx.execute(() -> {
                    if (shown == was) show(c);   // not if another folder was opened meanwhile
                });
            } catch (IllegalArgumentException e) {
                String m = e.getMessage();
                fx.execute(() -> message.set(m));
            } finally {
                refreshing.set(false);
            }
        };
        try {
            background.execute(check);
        } catch (RuntimeException e) {   // the executor is shutting down: the app is closing
            refreshing.set(false);
        }
    }

    /** Size and modification time of the folder's table files and plot (background thread). */
    static String stamp(Path dir) {
        StringBuilder s = new StringBuilder();
        for (String f : List.of(CellStore.FILE, LearningCurves.CURVES_FILE, PLOT_FILE)) {
            Path p = dir.resolve(f);
            try {
                s.append(Files.size(p)).append('@').append(Files.getLastModifiedTime(p).toMillis()).append(';');
            } catch (IOException e) {
                s.append("none;");
            }
        }
        return s.toString();
    }

    private void show(Content c) {
        shown = c;
        busy.set(false);
        folder.set(c.folder());
        title.set(c.title());
        header.setAll(c.header());
        rows.setAll(c.rows());
        notes.set(c.notes());
        plot.set(c.plot());
        message.set(c.plotMissing() == null ? "" : c.plotMissing());
    }

    /** Reads and checks an experiment folder (background thread). */
    static Content read(Path dir) {
        if (dir == null || !Files.isDirectory(dir)) throw new IllegalArgumentException(dir + ": not a folder");
        String stamp = stamp(dir);   // before reading: a change while reading shows at the next check
        Table t = Files.isRegularFile(dir.resolve(CellStore.FILE)) ? separation(dir.resolve(CellStore.FILE))
                : Files.isRegularFile(dir.resolve(LearningCurves.CURVES_FILE)) ? curves(dir.resolve(LearningCurves.CURVES_FILE))
                : null;
        if (t == null)
            throw new IllegalArgumentException(dir + ": not an experiment folder (it has neither " + CellStore.FILE + " nor " + LearningCurves.CURVES_FILE
                    + "; `experiment separation --out DIR` or `experiment curves ... --out DIR` write one)");

        Path png = dir.resolve(PLOT_FILE);
        Image image = null;
        String missing = null;
        if (Files.isRegularFile(png)) {
            byte[] bytes = readLimited(png, MAX_PNG_BYTES);
            if (bytes.length < 8 || bytes[0] != (byte) 0x89 || bytes[1] != 'P' || bytes[2] != 'N' || bytes[3] != 'G')
                throw new IllegalArgumentException(png + ": not a PNG image");
            image = new Image(new ByteArrayInputStream(bytes));
            if (image.isError()) throw new IllegalArgumentException(png + ": cannot be decoded as an image");
        } else missing = "no plot in " + dir + " (" + PLOT_FILE + " not found)";
        return new Content(dir, t.title(), t.header(), t.rows(), t.notes(), image, missing, stamp);
    }

    private static byte[] readLimited(Path f, long max) {
        try {
            long size = Files.size(f);
            if (size > max) throw new IllegalArgumentException(f + ": " + size + " bytes, more than the " + max + " an experiment file may have");
            return Files.readAllBytes(f);
        } catch (IOException e) {
            throw new IllegalArgumentException(f + ": cannot be read (" + e.getMessage() + ")");
        }
    }

    /** A folder's table as the view shows it. */
    private record Table(String title, List<String> header, List<List<String>> rows, String notes) {
    }

    /** A separation experiment's latest table, from its cells.csv. */
    private static Table separation(Path csv) {
        String text = readText(csv);
        String first = text.lines().findFirst().orElse("");
        if (!CellStore.isHeader(first)) throw new IllegalArgumentException(csv + ": not an experiment's cells table (its first line is not the header)");
        List<CellResult> results;
        try {
            results = CellStore.parse(new StringReader(text));
        } catch (IOException e) {
            throw new IllegalArgumentException(csv + ": cannot be read (" + e.getMessage() + ")");
        }
        SeparationTable t = SeparationTable.latest(results);
        if (t == null) throw new IllegalArgumentException(csv + ": no finished cell yet");
        return new Table(t.title(), t.header(), t.textRows(), SeparationReport.notes(t));
    }

    /** A learning-curve folder's summary, from its curves.csv. */
    private static Table curves(Path csv) {
        List<LearningCurves.Curve> curves;
        try {
            curves = LearningCurves.readCollected(new StringReader(readText(csv)));
        } catch (IOException | IllegalArgumentException | IllegalStateException e) {
            throw new IllegalArgumentException(csv + ": not a table of learning curves (" + e.getMessage() + ")");
        }
        if (curves.isEmpty()) throw new IllegalArgumentException(csv + ": no learning curve in it");
        double target = LearningCurves.DEFAULT_TARGET;
        return new Table(LearningCurves.TITLE, LearningCurves.summaryHeader(target), LearningCurves.summaryRows(curves, target),
                LearningCurves.notes(curves).strip());
    }

    /** A table file's text: within the size limit, UTF-8, no NUL. */
    private static String readText(Path f) {
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(readLimited(f, MAX_TABLE_BYTES))).toString();
        } catch (CharacterCodingException e) {
            throw new IllegalArgumentException(f + ": not UTF-8 text");
        }
        if (text.indexOf('\0') >= 0) throw new IllegalArgumentException(f + ": not a text file");
        return text;
    }
}
