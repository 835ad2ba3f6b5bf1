package goodness.runs;

import goodness.ff.FFConfig;
import goodness.ff.training.EpochMetrics;

import java.io.IOException;
import java.lang.reflect.RecordComponent;
import java.nio.file.DirectoryStream;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * A folder of runs ({@code runs/} by default): each direct subfolder with a {@code config.json}
 * is one run ({@link RunFolder}), written by the CLI or the app. Lists them, loads one, renames
 * and deletes them. Folders written before the store existed (no {@code run.json}) are listed
 * too: finished if they have a {@code result.json}, else stopped.
 *
 * <p>Reading never writes and never blocks a writer. A damaged file is refused with one line
 * naming it ({@link RunFileException}); in a listing, a damaged run is left out and its line
 * is in {@link Listing#problems()}.
 */
public final class RunStore {
    /** System property that overrides the default runs folder (tests point it into {@code target/}). */
    public static final String DIR_PROPERTY = "goodness.runsDir";

    private static final int MAX_NAME = 200;

    private final Path root;

    public RunStore(Path root) {
        this.root = Objects.requireNonNull(root);
    }

    /** {@code runs/} under the working folder, or the {@value #DIR_PROPERTY} system property. */
    public static Path defaultRoot() {
        String p = System.getProperty(DIR_PROPERTY);
        return Path.of(p == null || p.isBlank() ? "runs" : p);
    }

    public Path root() {
        return root;
    }

    /** A listing: the readable runs, newest first, and one line per run folder that could not be read. */
    public record Listing(List<RunSummary> runs, List<String> problems) {
        public Listing {
            runs = List.copyOf(runs);
            problems = List.copyOf(problems);
        }
    }

    /** The runs of the store, newest first (damaged ones left out; see {@link #scan()}). */
    public List<RunSummary> list() {
        return scan().runs();
    }

    /** Every run folder: the readable ones as summaries, the damaged ones as problem lines. */
    public Listing scan() {
        List<RunSummary> runs = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        if (!Files.isDirectory(root)) return new Listing(runs, problems);
        try (DirectoryStream<Path> s = Files.newDirectoryStream(root)) {
            for (Path dir : s) {
                if (!Files.isDirectory(dir, LinkOption.NOFOLLOW_LINKS) || !Files.exists(dir.resolve(RunFolder.CONFIG))) continue;
                try {
                    runs.add(read(dir, false).summary());
                } catch (RunFileException e) {
                    problems.add(e.getMessage());
                }
            }
        } catch (IOException e) {
            throw new RunFileException(root, "cannot list the runs folder: " + e.getMessage(), e);
        }
        runs.sort(Comparator.comparing(RunSummary::date).reversed().thenComparing(RunSummary::name));
        return new Listing(runs, problems);
    }

    /** One run, fully: config, metrics, events, provenance, result. */
    public StoredRun load(String name) {
        return read(existing(name), true);
    }

    /**
     * A new run's folder, created here (empty) so that no other run takes its name:
     * {@code <root>/<preset name>-<dataset>-s<seed>-<yyyyMMdd-HHmmss>}, with {@code -2},
     * {@code -3}, ... appended when that name is taken (runs started in the same second, by
     * this process or another). The run's writer ({@link RunWriter}) claims it next; if its
     * start fails, the folder goes with it.
     *
     * @throws RunFileException if the runs folder cannot be created or written
     */
    public Path newRunFolder(FFConfig c) {
        String time = java.time.LocalDateTime.now().format(java.time.format.DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss"));
        String base = c.presetName() + "-" + c.dataset().folder() + "-s" + c.seed() + "-" + time;
        try {
            Files.createDirectories(root);
        } catch (IOException e) {
            throw new RunFileException(root, "cannot create the runs folder: " + ioReason(e), e);
        }
        for (int i = 1; i <= 10_000; i++) {
            Path p = root.resolve(i == 1 ? base : base + "-" + i);
            try {
                Files.createDirectory(p);   // atomic: of two runs asking for the same name, one gets it
                NEW_FOLDERS.add(p.toAbsolutePath().normalize());
                return p;
            } catch (java.nio.file.FileAlreadyExistsException e) {
                // taken: the next suffix
            } catch (IOException e) {
                throw new RunFileException(p, "cannot create the run folder: " + ioReason(e), e);
            }
        }
        throw new RunFileException(root, "has no free name left for a new run " + base);
    }

    /** Folders made by {@link #newRunFolder} in this process and not yet claimed by a writer. */
    private static final java.util.Set<Path> NEW_FOLDERS = java.util.concurrent.ConcurrentHashMap.newKeySet();

    /** Whether {@code folder} was made by {@link #newRunFolder} for the writer now claiming it (asked once). */
    static boolean takeNewFolder(Path folder) {
        return NEW_FOLDERS.remove(folder.toAbsolutePath().normalize());
    }

    private static String ioReason(IOException e) {
        if (e instanceof java.nio.file.AccessDeniedException) return "permission denied";
        if (e instanceof java.nio.file.FileSystemException f && f.getReason() != null) return f.getReason();
        return e.getMessage() == null ? "input/output error" : e.getMessage();
    }

    /** The folder of run {@code name} (which need not exist). */
    public Path folder(String name) {
        return root.resolve(checkName(name));
    }

    /**
     * Renames run {@code name} to {@code newName} (a folder rename).
     *
     * @throws RunFileException if the run is running, {@code newName} is taken or not a valid folder name
     */
    public RunSummary rename(String name, String newName) {
        Path from = existing(name);
        Path to = root.resolve(checkName(newName));
        if (name.equals(newName)) return read(from, false).summary();
        if (Files.exists(to, LinkOption.NOFOLLOW_LINKS)) throw new RunFileException(to, "already exists; choose another name");
        if (isLocked(from)) throw new RunFileException(from, "is running; stop it before renaming it");
        try {
            Files.move(from, to, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new RunFileException(from, "cannot rename to " + newName + ": " + e.getMessage(), e);
        }
        return read(to, false).summary();
    }

    /**
     * Deletes run {@code name}: exactly its folder and what is in it (symbolic links are removed,
     * never followed).
     *
     * @throws RunFileException if the run is running or cannot be deleted
     */
    public void delete(String name) {
        Path dir = existing(name);
        if (isLocked(dir)) throw new RunFileException(dir, "is running; stop it before deleting it");
        try {
            deleteTree(dir);
        } catch (IOException e) {
            throw new RunFileException(dir, "cannot delete: " + e.getMessage(), e);
        }
    }

    // ------------------------------------------------------------------------------------------

    private Path existing(String name) {
        Path dir = root.resolve(checkName(name));
        if (!Files.isDirectory(dir, LinkOption.NOFOLLOW_LINKS) || !Files.exists(dir.resolve(RunFolder.CONFIG)))
            throw new RunFileException(dir, "no such run in " + root);
        return dir;
    }

    /** A run name is one folder name: no separators, no "." or "..", no control characters. */
    static String checkName(String name) {
        if (name == null || name.isBlank()) throw new IllegalArgumentException("a run name must not be empty");
        if (name.length() > MAX_NAME) throw new IllegalArgumentException("a run name must have at most " + MAX_NAME + " characters");
        if (name.equals(".") || name.equals("..") || name.startsWith(" ") || name.endsWith(" ") || name.endsWith("."))
            throw new IllegalArgumentException("'" + name + "' is not a valid run name");
        for (char c : name.toCharArray())
            if (c == '/' || c == '\\' || c == ':' || c < 0x20 || c == 0x7f)
                throw new IllegalArgumentException("a run name must not contain '/', '\\', ':' or control characters: '" + name + "'");
        return name;
    }

    private StoredRun read(Path dir, boolean full) {
        String name = dir.getFileName().toString();
        Path configFile = dir.resolve(RunFolder.CONFIG);
        FFConfig config = RunJson.config(readText(configFile), configFile);
        Path runFile = dir.resolve(RunFolder.RUN);
        RunJson.RunInfo info = Files.exists(runFile) ? RunJson.runInfo(readText(runFile), runFile) : null;
        Path resultFile = dir.resolve(RunFolder.RESULT);
        RunResult result = Files.exists(resultFile) ? RunJson.result(readText(resultFile), resultFile) : null;
        List<EpochMetrics> metrics = JsonLines.read(dir.resolve(RunFolder.METRICS), RunJson::metrics);

        RunStatus status;
        String message;
        int epochsDone;
        if (info != null) {
            status = info.status();
            message = info.message();
            epochsDone = info.epochsDone();
            if (status == RunStatus.RUNNING && !isLocked(dir)) {
                status = RunStatus.STOPPED;
                message = "interrupted at epoch " + epochsDone + (info.batchInEpoch() > 0 ? ", batch " + info.batchInEpoch() : "")
                        + ": the process training it ended without closing it (killed or crashed)";
            }
            // A live run shows every row written; any other shows the rows its checkpoint covers.
            if (status != RunStatus.RUNNING) metrics = upTo(metrics, epochsDone);
            else epochsDone = Math.max(epochsDone, contiguous(metrics));
        } else {
            status = result != null ? RunStatus.FINISHED : RunStatus.STOPPED;
            message = result != null ? "" : "written before the run store (no run.json)";
            metrics = upTo(metrics, Integer.MAX_VALUE);
            epochsDone = result != null ? config.epochs() : metrics.size();
        }

        int validCases = 0;
        for (EpochMetrics m : metrics) if (m.validCases() > 0) validCases = m.validCases();
        RunProvenance p = info != null ? info.provenance() : null;
        if (validCases == 0 && p != null) validCases = p.validCases();
        Instant date = p != null ? p.created() : modified(configFile);
        RunSummary summary = new RunSummary(name, dir, status, message, epochsDone, config.epochs(), config.recipe(),
                config.presetName(), config.dataset().folder(), changedSettings(config), ValidErrors.best(metrics), ValidErrors.last(metrics), validCases,
                result != null ? result.energyErrorsTest() : null, result != null ? result.softmaxErrorsTest() : null,
                result != null ? result.testCases() : p != null ? p.testCases() : 0, date, p != null ? p.origin() : "");
        if (!full) return new StoredRun(summary, config, metrics, List.of(), p, result, null, null);
        List<RunEvent> events = JsonLines.read(dir.resolve(RunFolder.EVENTS), RunJson::event);
        Path checkpoint = dir.resolve(RunFolder.CHECKPOINT), model = dir.resolve(RunFolder.MODEL);
        return new StoredRun(summary, config, metrics, events, p, result,
                Files.exists(checkpoint) ? checkpoint : null, Files.exists(model) ? model : null);
    }

    /** The rows of epochs 0..n-1, one per epoch (the last if an epoch has several), in order. */
    private static List<EpochMetrics> upTo(List<EpochMetrics> rows, int n) {
        Map<Integer, EpochMetrics> byEpoch = new LinkedHashMap<>();
        for (EpochMetrics m : rows) if (m.epoch() < n) byEpoch.put(m.epoch(), m);
        List<EpochMetrics> out = new ArrayList<>(byEpoch.values());
        out.sort(Comparator.comparingInt(EpochMetrics::epoch));
        return out;
    }

    private static int contiguous(List<EpochMetrics> rows) {
        int n = 0;
        for (EpochMetrics m : upTo(rows, Integer.MAX_VALUE)) if (m.epoch() == n) n++;
        return n;
    }

    /**
     * The config fields that differ from its named preset's defaults (a hinton-plus run is
     * compared with hinton-plus, not with plain recipe A), in the record's order; enum values in
     * lower case.
     */
    public static Map<String, String> changedSettings(FFConfig c) {
        FFConfig d = goodness.ff.NamedPreset.of(c).config();
        Map<String, String> out = new LinkedHashMap<>();
        try {
            for (RecordComponent rc : FFConfig.class.getRecordComponents()) {
                Object v = rc.getAccessor().invoke(c), dv = rc.getAccessor().invoke(d);
                if (!Objects.equals(v, dv)) out.put(rc.getName(), v instanceof Enum<?> e ? e.name().toLowerCase(Locale.ROOT) : String.valueOf(v));
            }
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("FFConfig's accessors are public", e);
        }
        return out;
    }

    /** Whether a live process holds the run's lock (see {@link RunWriter#isLocked}: within this process, the lock file is not opened). */
    static boolean isLocked(Path dir) {
        return RunWriter.isLocked(dir);
    }

    private static String readText(Path file) {
        try {
            long size = Files.size(file);
            if (size > JsonLines.MAX_BYTES) throw new RunFileException(file, "is " + size + " bytes, more than a run file may have");
            return Files.readString(file);
        } catch (NoSuchFileException e) {
            throw new RunFileException(file, "file not found");
        } catch (java.nio.charset.MalformedInputException e) {
            throw new RunFileException(file, "is not UTF-8 text");
        } catch (IOException e) {
            throw new RunFileException(file, "cannot read: " + e.getMessage(), e);
        }
    }

    private static Instant modified(Path file) {
        try {
            return Files.getLastModifiedTime(file).toInstant();
        } catch (IOException e) {
            return Instant.EPOCH;
        }
    }

    /** Deletes a folder and everything in it, removing (never following) symbolic links. */
    static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir, LinkOption.NOFOLLOW_LINKS)) return;
        Files.walkFileTree(dir, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                Files.delete(file);
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult postVisitDirectory(Path d, IOException e) throws IOException {
                if (e != null) throw e;
                Files.delete(d);
                return FileVisitResult.CONTINUE;
            }
        });
    }
}
