package goodness.ui;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

import static org.junit.jupiter.api.Assertions.*;

/** The preferences file alone: a round trip, and every kind of broken file giving the defaults with one log line. */
class AppPreferencesTest {
    @TempDir Path dir;
    private final List<String> warnings = new ArrayList<>();
    private final Logger logger = Logger.getLogger(AppPreferences.class.getName());
    private final Handler handler = new Handler() {
        @Override public void publish(LogRecord r) {
            if (r.getLevel().intValue() >= Level.WARNING.intValue()) warnings.add(r.getMessage());
        }
        @Override public void flush() { }
        @Override public void close() { }
    };

    @BeforeEach
    void listen() {
        logger.addHandler(handler);
    }

    @AfterEach
    void stopListening() {
        logger.removeHandler(handler);
    }

    private static final AppPreferences.Values SOME = new AppPreferences.Values("/tmp/my-runs", 40.0, 30.0, 1400.0, 900.0, false,
            "runsTab", 0.6, "WALL_TIME");

    @Test
    void whatIsWrittenIsReadBackByANewInstance() throws Exception {
        new AppPreferences(dir).write(SOME);
        assertEquals(SOME, new AppPreferences(dir).read());
        assertEquals(goodness.ui.SeriesModel.XAxis.WALL_TIME, new AppPreferences(dir).read().xAxisChoice());
        // Written again over the first: no temporary file is left beside it.
        new AppPreferences(dir).write(AppPreferences.Values.DEFAULTS);
        assertEquals(AppPreferences.Values.DEFAULTS, new AppPreferences(dir).read());
        try (var files = Files.list(dir)) {
            assertEquals(List.of(AppPreferences.FILE_NAME), files.map(p -> p.getFileName().toString()).toList());
        }
        assertEquals(List.of(), warnings);
    }

    @Test
    void itIsAFirstStartUntilAFileIsWrittenEvenADamagedOne() throws Exception {
        AppPreferences p = new AppPreferences(dir);
        assertTrue(p.firstStart());
        p.write(SOME);
        assertFalse(p.firstStart());
        Files.writeString(p.file(), "{\"tab\": ");
        assertFalse(new AppPreferences(dir).firstStart(), "a damaged file loses its values, not the fact that the app was used");
    }

    @Test
    void aMissingFileGivesTheDefaultsSilently() {
        assertEquals(AppPreferences.Values.DEFAULTS, new AppPreferences(dir.resolve("nowhere")).read());
        assertEquals(List.of(), warnings);
    }

    @Test
    void theFolderComesFromTheSystemProperty() {
        // The surefire config sets it, so tests never touch the user's own folder.
        String set = System.getProperty(AppPreferences.DIR_PROPERTY);
        assertNotNull(set, "goodness.configDir is set for tests");
        assertEquals(Path.of(set), AppPreferences.defaultDir());
    }

    private void brokenGivesDefaults(String what, String reason) {
        AppPreferences.Values v = assertDoesNotThrow(() -> new AppPreferences(dir).read(), what);
        assertEquals(AppPreferences.Values.DEFAULTS, v, what);
        assertEquals(1, warnings.size(), what + ": one log line, got " + warnings);
        String line = warnings.get(0);
        assertTrue(line.contains(dir.resolve(AppPreferences.FILE_NAME).toString()), what + ": names the file: " + line);
        assertTrue(line.contains(reason), what + ": says why (" + reason + "): " + line);
        warnings.clear();
    }

    @Test
    void everyKindOfBrokenFileGivesTheDefaultsWithOneLogLine() throws Exception {
        Path file = dir.resolve(AppPreferences.FILE_NAME);
        Files.writeString(file, "{\"tab\": \"runsTab\", \"smoothing\": 0.");
        brokenGivesDefaults("truncated", "not valid JSON");
        Files.writeString(file, "\u0000\u0001garbage}{");
        brokenGivesDefaults("garbage", "not valid JSON");
        Files.writeString(file, "[1, 2, 3]");
        brokenGivesDefaults("not an object", "not a JSON object");
        Files.writeString(file, "{\"smoothing\": \"lots\", \"tab\": \"runsTab\"}");
        brokenGivesDefaults("wrong type", "smoothing");
        Files.writeString(file, "{\"maximized\": 1}");
        brokenGivesDefaults("wrong type", "maximized");
        Files.writeString(file, "{\"tab\": \"" + "x".repeat(100_000) + "\"}");
        brokenGivesDefaults("huge", "bytes");
        Files.delete(file);
        Files.createDirectory(file);
        brokenGivesDefaults("a folder", "folder");
    }

    @Test
    void aNamedPipeIsNotOpened() throws Exception {
        Path file = dir.resolve(AppPreferences.FILE_NAME);
        Process p;
        try {
            p = new ProcessBuilder("mkfifo", file.toString()).start();
        } catch (java.io.IOException e) {
            org.junit.jupiter.api.Assumptions.abort("no mkfifo here");
            return;
        }
        org.junit.jupiter.api.Assumptions.assumeTrue(p.waitFor() == 0 && Files.exists(file), "mkfifo made a pipe");
        // Opening a pipe with no writer would block forever: the read must return at once.
        var read = java.util.concurrent.CompletableFuture.supplyAsync(() -> new AppPreferences(dir).read());
        assertEquals(AppPreferences.Values.DEFAULTS, read.get(10, java.util.concurrent.TimeUnit.SECONDS));
        assertEquals(1, warnings.size(), warnings.toString());
        assertTrue(warnings.get(0).contains("not a regular file"), warnings.get(0));
    }

    @Test
    void aStoredRunsFolderIsUsedOnlyWhileItExists() throws Exception {
        Path runs = Files.createDirectory(dir.resolve("runs"));
        Path fallback = Path.of("runs");
        AppPreferences.Values there = new AppPreferences.Values(runs.toString(), null, null, null, null, null, null, null, null);
        assertEquals(runs, GoodnessApp.storedRunsDir(there, dir.resolve(AppPreferences.FILE_NAME), fallback));
        assertNull(GoodnessApp.storedRunsDir(AppPreferences.Values.DEFAULTS, dir.resolve(AppPreferences.FILE_NAME), fallback));
        assertEquals(List.of(), warnings);
        Logger appLogger = Logger.getLogger(GoodnessApp.class.getName());
        appLogger.addHandler(handler);
        try {
            Files.delete(runs);
            assertNull(GoodnessApp.storedRunsDir(there, dir.resolve(AppPreferences.FILE_NAME), fallback));
            assertEquals(1, warnings.size(), warnings.toString());
            assertTrue(warnings.get(0).contains(runs + " in " + dir.resolve(AppPreferences.FILE_NAME) + " no longer exists"), warnings.get(0));
        } finally {
            appLogger.removeHandler(handler);
        }
    }

    @Test
    void aLinkToAFileIsFollowed() throws Exception {
        Path real = Files.createDirectory(dir.resolve("dotfiles")).resolve("goodness.json");
        Files.writeString(real, "{\"tab\": \"galleryTab\"}");
        try {
            Files.createSymbolicLink(dir.resolve(AppPreferences.FILE_NAME), real);
        } catch (UnsupportedOperationException | java.io.IOException e) {
            org.junit.jupiter.api.Assumptions.abort("no symbolic links here");
        }
        assertEquals("galleryTab", new AppPreferences(dir).read().tab());
        assertEquals(List.of(), warnings);
    }

    @Test
    void anUnknownFieldIsIgnoredAndAValueOutOfRangeIsDroppedOnItsOwn() throws Exception {
        Files.writeString(dir.resolve(AppPreferences.FILE_NAME), """
                {"tab": "runsTab", "smoothing": 7, "xAxis": "SIDEWAYS", "width": -5, "height": 900,
                 "x": 1e300, "y": 20, "maximized": true, "fromANewerBuild": {"a": [1, 2]}}
                """);
        AppPreferences.Values v = new AppPreferences(dir).read();
        assertEquals(new AppPreferences.Values(null, null, 20.0, null, 900.0, true, "runsTab", null, null), v);
        assertEquals(List.of(), warnings);
    }
}
