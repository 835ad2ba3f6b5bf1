package goodness.ui;

import com.google.gson.JsonElement;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import goodness.ff.io.JsonFormat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Locale;

/**
 * What the user set in the window, kept across starts in {@code preferences.json} in the user's
 * config folder: the run store folder, the window's geometry, the last tab, the charts'
 * smoothing and x axis.
 *
 * <p>The file is the user's to edit or break: a missing one gives the defaults; one that cannot
 * be read as a whole (damaged, cut short, a field of the wrong JSON type, too large, not a
 * regular file) gives the defaults with one warning in the log, never a failed start. A value
 * that reads but makes no sense (a smoothing of 7, an unknown x axis) is dropped on its own,
 * leaving the other fields; the window checks what only it can (the screens, the folder).
 *
 * <p>Reading and writing here are plain blocking calls: the window does them on the
 * {@link BackgroundTasks} worker (and reads once before its first frame).
 */
public final class AppPreferences {
    /** A folder for the preferences file instead of the user's config folder (tests point it elsewhere). */
    public static final String DIR_PROPERTY = "goodness.configDir";
    public static final String FILE_NAME = "preferences.json";
    /** Far more than any real preferences file; a larger one is not read (it is not ours). */
    public static final long MAX_BYTES = 64 * 1024;

    private static final System.Logger LOG = System.getLogger(AppPreferences.class.getName());

    /**
     * The stored values; null where the file had none (or a value out of range): the window then
     * keeps its own default for that field.
     *
     * @param runsDir   the run store folder (absolute path)
     * @param x         window position
     * @param width     window size
     * @param maximized whether the window was maximised (its x..height are then the size to go back to)
     * @param tab       the selected tab's id ({@code runsTab}, …)
     * @param smoothing the charts' smoothing, 0 ≤ s < 1
     * @param xAxis     the charts' x axis: a {@link SeriesModel.XAxis} name
     */
    public record Values(String runsDir, Double x, Double y, Double width, Double height, Boolean maximized,
                         String tab, Double smoothing, String xAxis) {
        public static final Values DEFAULTS = new Values(null, null, null, null, null, null, null, null, null);

        /** The same values with those that cannot be right dropped, field by field. */
        Values sane() {
            return new Values(runsDir == null || runsDir.isBlank() ? null : runsDir,
                    finite(x), finite(y), size(width), size(height), maximized,
                    tab == null || !tab.matches("[A-Za-z][A-Za-z0-9]{0,40}") ? null : tab,
                    smoothing != null && smoothing >= 0 && smoothing < 1 ? smoothing : null,
                    xAxis(xAxis) == null ? null : xAxis);
        }

        /** The x axis, or null if the file named none or one this build does not know. */
        public SeriesModel.XAxis xAxisChoice() {
            return xAxis(xAxis);
        }

        private static SeriesModel.XAxis xAxis(String name) {
            if (name == null) return null;
            for (SeriesModel.XAxis a : SeriesModel.XAxis.values()) if (a.name().equals(name)) return a;
            return null;
        }

        private static Double finite(Double v) {
            return v != null && Double.isFinite(v) && Math.abs(v) < 1e6 ? v : null;
        }

        private static Double size(Double v) {
            return v != null && Double.isFinite(v) && v >= 100 && v <= 1e5 ? v : null;
        }
    }

    private final Path file;

    /** @param dir the folder that holds {@value #FILE_NAME} (created on the first save) */
    public AppPreferences(Path dir) {
        this.file = dir.resolve(FILE_NAME);
    }

    /** In {@link #DIR_PROPERTY}'s folder if set, else the user's config folder. */
    public static AppPreferences forUser() {
        return new AppPreferences(defaultDir());
    }

    public Path file() {
        return file;
    }

    /**
     * The user's config folder for Goodness: {@code $XDG_CONFIG_HOME/goodness} (else
     * {@code ~/.config/goodness}) on Linux and other Unix systems,
     * {@code ~/Library/Application Support/Goodness} on macOS, {@code %APPDATA%\Goodness} on Windows.
     */
    public static Path defaultDir() {
        String forced = System.getProperty(DIR_PROPERTY);
        if (forced != null && !forced.isBlank()) return Path.of(forced);
        String os = System.getProperty("os.name", "").toLowerCase(Locale.ROOT);
        Path home = Path.of(System.getProperty("user.home", "."));
        if (os.startsWith("windows")) {
            String appData = System.getenv("APPDATA");
            return (appData != null && !appData.isBlank() ? Path.of(appData) : home.resolve("AppData").resolve("Roaming")).resolve("Goodness");
        }
        if (os.startsWith("mac")) return home.resolve("Library").resolve("Application Support").resolve("Goodness");
        // The XDG spec says a relative value is to be ignored.
        String xdg = System.getenv("XDG_CONFIG_HOME");
        if (xdg != null && !xdg.isBlank() && Path.of(xdg).isAbsolute()) return Path.of(xdg).resolve("goodness");
        return home.resolve(".config").resolve("goodness");
    }

    /**
     * Whether this is the first start: no preferences file has been written yet. A file that
     * cannot be read still counts as written (the app has been used; its values are only lost).
     */
    public boolean firstStart() {
        return !Files.exists(file, java.nio.file.LinkOption.NOFOLLOW_LINKS);
    }

    /** The stored values, their nonsensical ones dropped; the defaults (and one log line) if the file cannot be read. */
    public Values read() {
        BasicFileAttributes attrs;
        try {
            attrs = Files.readAttributes(file, BasicFileAttributes.class);
        } catch (java.nio.file.NoSuchFileException e) {
            return Values.DEFAULTS; // first start: nothing stored yet
        } catch (IOException e) {
            return ignored("it cannot be read (" + e.getMessage() + ")");
        }
        // Checked before opening: opening a named pipe would wait for a writer that never comes.
        if (!attrs.isRegularFile()) return ignored(attrs.isDirectory() ? "it is a folder, not a file" : "it is not a regular file");
        if (attrs.size() > MAX_BYTES) return ignored("it is " + attrs.size() + " bytes, more than the " + MAX_BYTES + " a preferences file can be");
        try {
            byte[] bytes;
            // The size is checked again while reading: the file may have grown since.
            // A link is followed (config folders are often links into a dotfiles repository);
            // its target was checked above.
            try (var in = Files.newInputStream(file)) {
                bytes = in.readNBytes((int) MAX_BYTES + 1);
            }
            if (bytes.length > MAX_BYTES) return ignored("it is more than the " + MAX_BYTES + " bytes a preferences file can be");
            JsonElement json = JsonParser.parseString(new String(bytes, StandardCharsets.UTF_8));
            if (!json.isJsonObject()) return ignored("it is not a JSON object");
            return JsonFormat.read(json.getAsJsonObject(), Values.class).sane();
        } catch (JsonFormat.FieldException e) {
            return ignored("its field " + e.field() + " " + e.problem());
        } catch (JsonParseException e) {
            return ignored("it is not valid JSON (damaged or cut short)");
        } catch (IOException | RuntimeException e) {
            return ignored("it cannot be read (" + BackgroundTasks.message(e) + ")");
        }
    }

    private Values ignored(String reason) {
        LOG.log(System.Logger.Level.WARNING, "ignoring the preferences file " + file + ": " + reason + "; using the defaults");
        return Values.DEFAULTS;
    }

    /**
     * Writes {@code values} whole or not at all: into a temporary file beside the real one, then
     * renamed over it, so a crash or a full disk mid-write leaves the previous file intact.
     */
    public void write(Values values) throws IOException {
        Path dir = file.toAbsolutePath().getParent();
        Files.createDirectories(dir);
        Path tmp = Files.createTempFile(dir, FILE_NAME, ".tmp");
        try {
            Files.writeString(tmp, JsonFormat.GSON.toJson(values) + "\n", StandardCharsets.UTF_8,
                    StandardOpenOption.TRUNCATE_EXISTING, StandardOpenOption.WRITE);
            try {
                Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(tmp);
        }
    }
}
