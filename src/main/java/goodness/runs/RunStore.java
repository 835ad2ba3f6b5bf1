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
 * <p>Reading never writes and never blocks a writer. Every file is read as a user file
 * ({@link StoreFiles}): a regular file under its size cap, UTF-8, each field of the type and
 * range it must have. A damaged file is refused with one line naming it
 * ({@link RunFileException}); in a listing, a damaged or unreadable run is a {@link Damaged}
 * entry with its reason, and the other runs are listed as usual.
 *
 * <p>A listing reads of {@code metrics.jsonl} only what a summary shows (epochs, validation
 * errors, the validation set's size), line by line without building each row
 * ({@link MetricsScan}); {@link #load} reads and checks every field.
 */
public final class RunStore {
    /** System property that overrides the default runs folder (tests point it into {@code target/}). */
    public static final String DIR_PROPERTY = "goodness.runsDir";

    static final int MAX_NAME = 200;

    private final Path root;

    public RunStore(Path root) {
        this(root, f -> Files.readAttributes(f, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS));
    }

    /** {@code runs/} under the working folder, or the {@value #DIR_PROPERTY} system property. */
    public static Path defaultRoot() {
        String p = System.getProperty(DIR_PROPERTY);
        return Path.of(p == null || p.isBlank() ? "runs" : p);
    }

    public Path root() {
        return root;
    }

    /**
     * A run folder that cannot be listed as a run.
     *
     * @param name       its folder name, as on disk (it may hold any character; escape it before printing)
     * @param folder     the folder
     * @param reason     what is wrong, starting with the file it is about ("run.json: ...")
     * @param unreadable true if the folder itself cannot be read (no permission), false if one of its files is damaged
     * @param line       the problem as one line that starts with the folder or the file it is about
     */
    public record Damaged(String name, Path folder, String reason, boolean unreadable, String line) {
        Damaged(String name, Path folder, String reason, boolean unreadable) {
            this(name, folder, reason, unreadable, folder + ": " + reason);
        }
    }

    /** A listing: the readable runs, newest first, and the run folders that could not be read, by name. */
    public record Listing(List<RunSummary> runs, List<Damaged> damaged) {
        public Listing {
            runs = List.copyOf(runs);
            damaged = List.copyOf(damaged);
        }

        /** One line per damaged or unreadable run folder, naming the folder or file and the problem. */
        public List<String> problems() {
            return damaged.stream().map(Damaged::line).toList();
        }
    }

    /** The runs of the store, newest first (damaged ones left out; see {@link #scan()}). */
    public List<RunSummary> list() {
        return scan().runs();
    }

    /**
     * Every run folder: the readable ones as summaries, the damaged and unreadable ones as
     * {@link Damaged} entries. A direct subfolder is a run folder if it holds one of the run's
     * files ({@code config.json}, {@code run.json}, {@code metrics.jsonl}, {@code result.json}),
     * or if it cannot be looked into at all. The hidden folders of imports in progress
     * ({@code .import-*}, {@link RunArchive}) are not runs.
     */
    public Listing scan() {
        List<RunSummary> runs = new ArrayList<>();
        List<Damaged> damaged = new ArrayList<>();
        if (!Files.isDirectory(root)) return new Listing(runs, damaged);
        List<Path> dirs = new ArrayList<>();
        try (DirectoryStream<Path> s = Files.newDirectoryStream(root)) {
            for (Path dir : s)
                if (Files.isDirectory(dir, LinkOption.NOFOLLOW_LINKS) && !RunArchive.isImportTemporary(dir.getFileName().toString())) dirs.add(dir);
        } catch (IOException e) {
            throw new RunFileException(root, "cannot list the runs folder: " + StoreFiles.reason(e), e);
        }
        // Folders are independent: read them on the available cores, keep the outcome in folder order.
        Object[] outcome = new Object[dirs.size()];
        java.util.stream.IntStream.range(0, dirs.size()).parallel().forEach(i -> outcome[i] = listOne(dirs.get(i)));
        for (Object o : outcome) {
            if (o instanceof RunSummary r) runs.add(r);
            else if (o instanceof Damaged d) damaged.add(d);
        }
        runs.sort(Comparator.comparing(RunSummary::date).reversed().thenComparing(RunSummary::name));
        damaged.sort(Comparator.comparing(Damaged::name));
        return new Listing(runs, damaged);
    }

    /** A summary, a {@link Damaged}, or null for a folder that is not a run. */
    private Object listOne(Path dir) {
        String name = dir.getFileName().toString();
        try {
            if (!looksLikeRun(dir)) return null;
        } catch (IOException e) {
            return new Damaged(name, dir, "cannot read the folder: " + StoreFiles.reason(e), true);
        }
        try {
            return summarize(dir);
        } catch (RunFileException e) {
            return new Damaged(name, dir, relative(dir, e.getMessage()), false, e.getMessage());
        } catch (RuntimeException e) { // a check this reader does not have yet: still one line, still listed
            return new Damaged(name, dir, "cannot be read (" + e.getClass().getSimpleName() + ")", false);
        }
    }

    /** Whether {@code dir} holds one of a run's files; an I/O error if it cannot be looked into. */
    private boolean looksLikeRun(Path dir) throws IOException {
        boolean any = false;
        for (String f : List.of(RunFolder.CONFIG, RunFolder.RUN, RunFolder.METRICS, RunFolder.RESULT)) {
            try {
                attributes.read(dir.resolve(f));
                any = true;
                break;
            } catch (NoSuchFileException e) {
                // not this one
            }
        }
        return any;
    }

    /** How this store looks at a file without following links (tests stand in a folder that cannot be read). */
    @FunctionalInterface
    interface AttributeReader {
        BasicFileAttributes read(Path file) throws IOException;
    }

    private final AttributeReader attributes;

    /** A store that looks at files through {@code attributes} (for tests of folders the user cannot read). */
    RunStore(Path root, AttributeReader attributes) {
        this.root = Objects.requireNonNull(root);
        this.attributes = attributes;
    }

    /** "config.json: is not valid JSON", from "runs/x/config.json: is not valid JSON". */
    private static String relative(Path dir, String message) {
        String prefix = dir + java.io.File.separator;
        return message.startsWith(prefix) ? message.substring(prefix.length()) : message;
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
        if (name.equals(newName)) return summarize(from);
        if (Files.exists(to, LinkOption.NOFOLLOW_LINKS)) throw new RunFileException(to, "already exists; choose another name");
        if (isLocked(from)) throw new RunFileException(from, "is running; stop it before renaming it");
        try {
            Files.move(from, to, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new RunFileException(from, "cannot rename to " + newName + ": " + e.getMessage(), e);
        }
        return summarize(to);
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
        Path dir = root.resolve(existingName(name));
        boolean run;
        try {
            run = Files.isDirectory(dir, LinkOption.NOFOLLOW_LINKS) && looksLikeRun(dir);
        } catch (IOException e) {
            throw new RunFileException(dir, "cannot read the folder: " + StoreFiles.reason(e), e);
        }
        if (!run) throw new RunFileException(dir, "no such run in " + root);
        return dir;
    }

    /**
     * The name of a run folder that is already in the store, as a listing gave it: one folder name
     * (no separator, not "." or ".."). Unlike a name for a new or renamed run it may hold control
     * characters or a ':', so that a folder made elsewhere with such a name can still be opened,
     * renamed or deleted.
     */
    private static String existingName(String name) {
        if (name == null || name.isEmpty() || name.equals(".") || name.equals("..") || name.indexOf('/') >= 0 || name.indexOf('\0') >= 0)
            throw new IllegalArgumentException("'" + Printable.escape(String.valueOf(name)) + "' is not the name of a run folder");
        return name;
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

    /** The files a summary needs, read and checked. */
    private record Files3(FFConfig config, RunJson.RunInfo info, RunResult result, Instant configModified, RunImport imported) {
    }

    private static Files3 readJsonFiles(Path dir) {
        Path configFile = dir.resolve(RunFolder.CONFIG);
        String configText = StoreFiles.readText(configFile, StoreFiles.MAX_JSON);
        if (configText == null) throw new RunFileException(configFile, "is missing");
        FFConfig config = RunJson.config(configText, configFile);
        Path runFile = dir.resolve(RunFolder.RUN);
        String runText = StoreFiles.readText(runFile, StoreFiles.MAX_JSON);
        RunJson.RunInfo info = runText == null ? null : RunJson.runInfo(runText, runFile);
        Path resultFile = dir.resolve(RunFolder.RESULT);
        String resultText = StoreFiles.readText(resultFile, StoreFiles.MAX_JSON);
        RunResult result = resultText == null ? null : RunJson.result(resultText, resultFile, config.unsupervised());
        Path lockFile = dir.resolve(RunFolder.LOCK);
        var lock = StoreFiles.attributes(lockFile);
        if (lock != null) StoreFiles.checkRegular(lockFile, lock);
        Path importFile = dir.resolve(RunFolder.IMPORTED);
        String importText = StoreFiles.readText(importFile, StoreFiles.MAX_JSON);
        RunImport imported = importText == null ? null : RunJson.imported(importText, importFile);
        return new Files3(config, info, result, info != null ? null : modified(configFile), imported);
    }

    /**
     * A listing's line for {@code dir}: the JSON files in full; of {@code metrics.jsonl} the index
     * {@code run.json} keeps of it while the file has the size the index describes, else what a
     * summary shows, read from the file.
     */
    private RunSummary summarize(Path dir) {
        Files3 f = readJsonFiles(dir);
        Path metrics = dir.resolve(RunFolder.METRICS);
        List<MetricsScan.Row> rows = indexedRows(f.info(), metrics);
        if (rows == null) rows = MetricsScan.read(metrics);
        return summary(dir, f, rows).summary();
    }

    /** The rows of {@code run.json}'s metrics index if it still describes {@code metrics}, else null. */
    private static List<MetricsScan.Row> indexedRows(RunJson.RunInfo info, Path metrics) {
        MetricsIndex index = info == null ? null : info.metricsIndex();
        if (index == null) return null;
        var a = StoreFiles.attributes(metrics);
        if (a != null) StoreFiles.checkRegular(metrics, a);
        long size = a == null ? 0 : a.size();
        return size == index.bytes() ? index.rows() : null;
    }

    private record Summed(RunSummary summary, int epochsShown) {
    }

    /**
     * The summary from the files and the metrics rows (as written, repeats included); also how
     * many epochs of rows the run shows (all rows of a live run, else those its checkpoint covers).
     */
    private static Summed summary(Path dir, Files3 f, List<MetricsScan.Row> written) {
        FFConfig config = f.config();
        RunJson.RunInfo info = f.info();
        RunResult result = f.result();
        RunStatus status;
        String message;
        int epochsDone;
        List<MetricsScan.Row> rows;
        int shown;
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
            if (status != RunStatus.RUNNING) {
                shown = epochsDone;
            } else {
                shown = Integer.MAX_VALUE;
                epochsDone = Math.max(epochsDone, MetricsScan.contiguous(written));
            }
        } else {
            status = result != null ? RunStatus.FINISHED : RunStatus.STOPPED;
            message = result != null ? "" : "written before the run store (no run.json)";
            shown = Integer.MAX_VALUE;
            epochsDone = result != null ? config.totalEpochs() : MetricsScan.upTo(written, Integer.MAX_VALUE).size();
        }
        rows = MetricsScan.upTo(written, shown);

        int validCases = 0;
        List<ValidErrors> evals = new ArrayList<>();
        for (MetricsScan.Row m : rows) {
            if (m.validCases() > 0) validCases = m.validCases();
            if (m.energyErrorsValid() != null || m.softmaxErrorsValid() != null)
                evals.add(new ValidErrors(m.epoch(), m.energyErrorsValid(), m.softmaxErrorsValid()));
        }
        RunProvenance p = info != null ? info.provenance() : null;
        if (validCases == 0 && p != null) validCases = p.validCases();
        Instant date = p != null ? p.created() : f.configModified();
        RunSummary summary = new RunSummary(dir.getFileName().toString(), dir, status, message, epochsDone, config.totalEpochs(), config.recipe(),
                config.presetName(), config.dataset().folder(), changedSettings(config), ValidErrors.bestOf(evals), ValidErrors.lastOf(evals),
                validCases, result != null ? result.energyErrorsTest() : null, result != null ? result.softmaxErrorsTest() : null,
                result != null ? result.testCases() : p != null ? p.testCases() : 0, date, p != null ? p.origin() : "", f.imported());
        return new Summed(summary, shown);
    }

    private StoredRun read(Path dir, boolean full) {
        Files3 f = readJsonFiles(dir);
        List<EpochMetrics> metrics = JsonLines.read(dir.resolve(RunFolder.METRICS), RunJson::metrics);
        List<MetricsScan.Row> written = metrics.stream().map(MetricsScan.Row::of).toList();
        Summed s = summary(dir, f, written);
        metrics = upTo(metrics, s.epochsShown());
        RunSummary summary = s.summary();
        RunProvenance p = f.info() != null ? f.info().provenance() : null;
        if (!full) return new StoredRun(summary, f.config(), metrics, List.of(), p, f.result(), null, null);
        List<RunEvent> events = JsonLines.read(dir.resolve(RunFolder.EVENTS), RunJson::event);
        Path checkpoint = dir.resolve(RunFolder.CHECKPOINT), model = dir.resolve(RunFolder.MODEL);
        return new StoredRun(summary, f.config(), metrics, events, p, f.result(),
                Files.isRegularFile(checkpoint) ? checkpoint : null, Files.isRegularFile(model) ? model : null);
    }

    /** The rows of epochs 0..n-1, one per epoch (the last if an epoch has several), in order. */
    private static List<EpochMetrics> upTo(List<EpochMetrics> rows, int n) {
        Map<Integer, EpochMetrics> byEpoch = new LinkedHashMap<>();
        for (EpochMetrics m : rows) if (m.epoch() < n) byEpoch.put(m.epoch(), m);
        List<EpochMetrics> out = new ArrayList<>(byEpoch.values());
        out.sort(Comparator.comparingInt(EpochMetrics::epoch));
        return out;
    }

    /**
     * The config fields that differ from its named preset's defaults (a hinton-plus run is
     * compared with hinton-plus, not with plain recipe A), in the record's order; enum values in
     * lower case.
     */
    private static final RecordComponent[] CONFIG_FIELDS = FFConfig.class.getRecordComponents();

    public static Map<String, String> changedSettings(FFConfig c) {
        FFConfig d = goodness.ff.NamedPreset.of(c).config();
        Map<String, String> out = new LinkedHashMap<>();
        try {
            for (RecordComponent rc : CONFIG_FIELDS) {
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
