package goodness.cli;

import com.google.gson.JsonObject;
import goodness.data.DataSplits;
import goodness.data.Dataset;
import goodness.ff.FFConfig;
import goodness.ff.NegativeMode;
import goodness.ff.PhaseSchedule;
import goodness.ff.io.Checkpoints;
import goodness.ff.training.SleepTrainer;
import goodness.ff.training.Trainer;
import goodness.ff.training.Trainers;
import goodness.ff.training.TrainingState;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Seed 003's phase-separation tables with recipe B: one model per cell, the unseparated baseline
 * first, then one per phase length N (table 1: A = S = N; table 2: A = N, S = 1, positive lr / N).
 * Cells run one after another; every cell uses the same seed (same initial weights and data
 * order), so the phase schedule is the only difference between the cells of a row. After each
 * cell a line is appended to {@code cells.csv} and {@code results.md} and {@code results.png}
 * are rewritten; a run that is started again with the same budget skips the cells already in the
 * CSV, and a cell cut off mid-way continues from its last finished epoch (its checkpoint is in
 * {@code partial/} until the cell is done). Processes may share a folder, one per core: each
 * claims a cell before training it ({@link CellLock}), so no cell is trained twice ({@link #run}).
 *
 * <p>Cells of other seeds under the same budget (epochs, K, batch, images, lr) in the same folder
 * belong to the same table: the Markdown shows their range and the plot a min-max bar, so that a
 * difference between cells can be told from seed-to-seed noise.
 */
final class SeparationExperiment {

    /** One cell of a table; {@code phase} 0 = unseparated. */
    record Cell(Dataset dataset, NegativeMode negatives, int table, int phase) {
        PhaseSchedule schedule() {
            return scheduleOf(table, phase);
        }

        /** Table 1: A = S = N; table 2: A = N, S = 1 (positive lr / N); N = 0: unseparated. */
        static PhaseSchedule scheduleOf(int table, int phase) {
            if (phase == 0) return PhaseSchedule.unseparated();
            return table == 1 ? PhaseSchedule.symmetric(phase) : PhaseSchedule.awakeHeavy(phase);
        }

        String phaseLabel() {
            return phase == 0 ? "unseparated" : Integer.toString(phase);
        }

        /**
         * The cell whose model this cell trains: itself, except that the unseparated baseline is
         * the same model in both tables (no phases, so no rate scaling either) and is filed as
         * Table 1's. A Table 2 experiment therefore takes it from a Table 1 result instead of
         * training it again.
         */
        Cell resultCell() {
            return phase == 0 && table != 1 ? new Cell(dataset, negatives, 1, 0) : this;
        }
    }

    /** The budget every cell of a run shares; part of the resume key. */
    record Budget(int epochs, int steps, int batchSize, int trainImages, double learningRate, long seed) {
        /** Same budget up to the seed: its cells belong to the same table. */
        boolean sameExceptSeed(Budget o) {
            return epochs == o.epochs && steps == o.steps && batchSize == o.batchSize && trainImages == o.trainImages
                    && Double.compare(learningRate, o.learningRate) == 0;
        }
    }

    /**
     * A finished cell. {@code seconds} is wall-clock time, which other processes on the machine
     * stretch; {@code cpuSeconds} is the CPU time this process spent on the cell (all its
     * threads, BLAS's included), the measure of the cell's own work, or NaN where it was not
     * recorded (rows written before the column existed, or a cell begun by such a build).
     */
    record Result(Cell cell, Budget budget, int testErrors, int testCases, double seconds, double cpuSeconds) {
        double accuracy() {
            return 1.0 - (double) testErrors / testCases;
        }
    }

    static final String CSV_HEADER = "dataset,negatives,table,phase,epochs,steps,batch_size,train_images,lr,seed,test_errors,test_cases,accuracy,seconds,cpu_seconds";
    /**
     * The header of folders begun before {@code cpu_seconds}: such a folder keeps its 14 columns
     * (a build of that time may still be appending to it, and it skips rows of another width).
     */
    static final String CSV_HEADER_WALL_ONLY = CSV_HEADER.substring(0, CSV_HEADER.lastIndexOf(','));

    // Settings.
    final Path dataRoot, out;
    final Dataset dataset;
    final List<NegativeMode> modes;
    final int table;
    final List<Integer> phases;
    final FFConfig base;
    final boolean json, progressBar;
    final PrintStream stdout;
    /** Run the unseparated baseline of each row (off: e.g. a second seed for chosen N only). */
    boolean includeUnseparated = true;
    /** Stop after this many epochs of training in this invocation (the cell in progress keeps its checkpoint). */
    int stopAfterEpochs = Integer.MAX_VALUE;
    /** The command line of this invocation, appended to {@code commands.log} (provenance of the folder). */
    String command;
    /** An experiment folder whose unseparated cells (same dataset, budget and seed) this one takes over, or null. */
    Path unseparatedFrom;
    /** Wait for the cells another process holds (default), or leave them to it (a worker that moves on). */
    boolean waitForHeldCells = true;
    /** How often a process waiting for another process's cell looks again (milliseconds). */
    long pollMillis = 5_000;
    private int epochsThisRun;

    SeparationExperiment(Path dataRoot, Path out, Dataset dataset, List<NegativeMode> modes, int table, List<Integer> phases,
                         FFConfig base, boolean json, boolean progressBar, PrintStream stdout) {
        if (table != 1 && table != 2) throw new IllegalArgumentException("--table must be 1 or 2, got " + table);
        for (int n : phases) if (n < 1) throw new IllegalArgumentException("--phases must be >= 1, got " + n);
        for (NegativeMode m : modes) if (m == NegativeMode.HARD) throw new IllegalArgumentException("--negatives must be random or mask (the seed's tables have no hard negatives)");
        this.dataRoot = dataRoot;
        this.out = out;
        this.dataset = dataset;
        this.modes = List.copyOf(modes);
        this.table = table;
        this.phases = List.copyOf(phases);
        this.base = base;
        this.json = json;
        this.progressBar = progressBar;
        this.stdout = stdout;
    }

    List<Cell> cells() {
        List<Cell> cells = new ArrayList<>();
        for (NegativeMode m : modes) {
            if (includeUnseparated) cells.add(new Cell(dataset, m, table, 0));
            for (int n : phases) cells.add(new Cell(dataset, m, table, n));
        }
        return cells;
    }

    FFConfig configOf(Cell c) {
        return base.toBuilder().dataset(c.dataset()).negatives(c.negatives()).phases(c.schedule()).evalEvery(0).build();
    }

    /**
     * Runs every cell not yet in {@code cells.csv}; returns all results of this budget, in cell
     * order, or stops early ({@link #stopAfterEpochs}: then the results so far).
     *
     * <p>Several processes may share the folder, e.g. one per core on the same command or on
     * different rows: the CSV is read again before each cell, each cell is claimed
     * ({@link CellLock}) before it is trained, and a cell that another process holds is left to it
     * and come back to after this process's other cells: taken from the CSV once that process has
     * written it, or continued from its checkpoint here if that process stopped without finishing it
     * (or, with {@link #waitForHeldCells} off, left to that process: the results then lack them).
     */
    List<Result> run() throws IOException {
        Files.createDirectories(out);
        Path csv = out.resolve("cells.csv");
        if (!Files.exists(csv)) Files.writeString(csv, CSV_HEADER + "\n", StandardCharsets.UTF_8);
        if (command != null)
            Files.writeString(out.resolve("commands.log"), java.time.Instant.now().truncatedTo(java.time.temporal.ChronoUnit.SECONDS) + " " + command
                            + "   # code " + goodness.runs.CodeVersion.current() + "\n",
                    StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        DataSplits data = Trainers.loadData(dataRoot, configOf(cells().get(0)));
        Budget budget = new Budget(base.epochs(), base.stepsPerBatch(), base.batchSize(), data.train().count(), base.learningRate(), base.seed());
        List<Cell> cells = cells();
        if (unseparatedFrom != null) copyUnseparatedCells(unseparatedFrom, budget, csv);
        if (!json) {
            int batches = base.epochs() * (data.train().count() / base.batchSize());
            stdout.printf("separation experiment: %s, table %d, %d cells; budget %d epochs x %d steps (batch %d, %d train images, %d batches per cell, Adam lr %s), seed %d; output %s%n",
                    dataset.folder(), table, cells.size(), budget.epochs(), budget.steps(), budget.batchSize(), budget.trainImages(), batches,
                    fmtLr(budget.learningRate()), budget.seed(), out);
        }
        Tally tally = new Tally(System.nanoTime());
        Result[] results = new Result[cells.size()];
        List<Integer> heldElsewhere = new ArrayList<>();
        for (int i = 0; i < cells.size(); i++) {
            Attempt a = attempt(cells.get(i), budget, data, i, cells.size(), csv, tally, true);
            if (a.outcome() == Attempt.Outcome.STOPPED) return finishedSoFar(results);
            if (a.outcome() == Attempt.Outcome.HELD_ELSEWHERE) heldElsewhere.add(i);
            else results[i] = a.result();
        }
        // The held cells, once more each: finished meanwhile (report it), given up by their holder
        // (train it), or still held: wait for it, or with --no-wait leave it to its holder.
        List<String> left = new ArrayList<>();
        for (int i : heldElsewhere) {
            Attempt a;
            boolean told = false;
            while ((a = attempt(cells.get(i), budget, data, i, cells.size(), csv, tally, false)).outcome() == Attempt.Outcome.HELD_ELSEWHERE
                    && waitForHeldCells) {
                if (!told && !json) stdout.printf("waiting for cell %s N=%s, which another process is running%n", cells.get(i).negatives().id(), cells.get(i).phaseLabel());
                told = true;
                stdout.flush();
                sleep(pollMillis);
            }
            if (a.outcome() == Attempt.Outcome.STOPPED) return finishedSoFar(results);
            if (a.outcome() == Attempt.Outcome.HELD_ELSEWHERE) left.add(cells.get(i).negatives().id() + " N=" + cells.get(i).phaseLabel());
            else results[i] = a.result();
        }
        if (!left.isEmpty()) {
            if (!json) stdout.println("left to the processes running them (--no-wait): " + String.join(", ", left));
            return finishedSoFar(results);
        }
        if (!json) stdout.println("results: " + out.resolve("results.md") + ", " + csv);
        return List.of(results);
    }

    /** This invocation's training so far, for the ETA. */
    private static final class Tally {
        final long start;
        int ranHere;
        double secondsHere;

        Tally(long start) {
            this.start = start;
        }
    }

    /** What became of one try at a cell: its result (from the CSV or trained here), or why there is none yet. */
    private record Attempt(Outcome outcome, Result result) {
        enum Outcome { DONE, STOPPED, HELD_ELSEWHERE }

        static final Attempt STOPPED = new Attempt(Outcome.STOPPED, null);
        static final Attempt HELD_ELSEWHERE = new Attempt(Outcome.HELD_ELSEWHERE, null);
    }

    /**
     * One cell: its result from the CSV if it is there; otherwise, if this process can claim it,
     * trained here (continuing its checkpoint if there is one); otherwise {@link Attempt#HELD_ELSEWHERE}.
     * Reports the cell and rewrites the folder's table when it has a result.
     */
    private Attempt attempt(Cell cell, Budget budget, DataSplits data, int i, int total, Path csv, Tally tally, boolean sayIfHeld) throws IOException {
        String key = key(cell, budget);
        Result r = readCsv(csv).get(key);
        boolean resumed = r != null;
        if (!resumed) {
            CellLock claim = CellLock.tryClaim(lockFile(cell, budget));
            if (claim == null) {
                if (sayIfHeld && !json)
                    stdout.printf("cell %s N=%s: another process is running it; %s%n", cell.negatives().id(), cell.phaseLabel(),
                            waitForHeldCells ? "coming back to it after the other cells" : "leaving it to that process (--no-wait)");
                return Attempt.HELD_ELSEWHERE;
            }
            try {
                r = readCsv(csv).get(key);      // finished by another process since the first look
                resumed = r != null;
                if (!resumed) {
                    r = runCell(cell, budget, data, i, total);
                    if (r == null) {
                        stopped(cell);
                        return Attempt.STOPPED;
                    }
                    appendCsv(csv, r);
                    Files.deleteIfExists(partialCheckpoint(cell, budget));
                    Files.deleteIfExists(partialSeconds(cell, budget));
                    tally.ranHere++;
                    tally.secondsHere += r.seconds();
                }
                claim.releaseFinished();
            } finally {
                claim.close();
            }
        }
        Map<String, Result> done = readCsv(csv);
        writeOutputs(done, budget);
        if (json) {
            JsonObject o = json(r);
            o.addProperty("resumed", resumed);
            stdout.println(Json.GSON.toJson(o));
        } else {
            List<Cell> cells = cells();
            int left = 0;
            for (int j = i + 1; j < cells.size(); j++) if (!done.containsKey(key(cells.get(j), budget))) left++;
            double eta = tally.ranHere == 0 ? Double.NaN : tally.secondsHere / tally.ranHere * left;
            stdout.printf("[%d/%d] %s %s N=%s: %.2f%% test accuracy (%d/%d errors), %s%s | elapsed %s, ETA %s%n",
                    i + 1, total, cell.dataset().folder(), cell.negatives().id(), cell.phaseLabel(),
                    100 * r.accuracy(), r.testErrors(), r.testCases(),
                    resumed ? "from cells.csv" : String.format(Locale.ROOT, "%.1f s", r.seconds())
                            + (Double.isFinite(r.cpuSeconds()) ? String.format(Locale.ROOT, ", CPU %.1f s", r.cpuSeconds()) : ""),
                    ", seed " + r.budget().seed(), Progress.eta((System.nanoTime() - tally.start) / 1e9), left == 0 ? "0s" : Progress.eta(eta));
        }
        stdout.flush();
        return new Attempt(Attempt.Outcome.DONE, r);
    }

    /**
     * Appends to {@code csv} the unseparated cells of {@code from}'s {@code cells.csv} that this
     * experiment would train (its dataset, negative modes, budget and seed) and that it does not
     * have yet: the same models, so a Table 2 folder gets its baseline without training it again.
     */
    void copyUnseparatedCells(Path from, Budget budget, Path csv) throws IOException {
        Path source = from.resolve("cells.csv");
        if (!Files.isRegularFile(source))
            throw new IllegalArgumentException("--unseparated-from: " + source + " does not exist (give an experiment folder, one with a cells.csv)");
        String header = firstLine(source);
        if (!CSV_HEADER.equals(header) && !CSV_HEADER_WALL_ONLY.equals(header))
            throw new IllegalArgumentException("--unseparated-from: " + source + " is not an experiment's cells.csv (its first line is not the header `" + CSV_HEADER + "`)");
        Map<String, Result> have = readCsv(csv);
        int copied = 0, found = 0;
        for (Result r : readCsv(source).values()) {
            Cell c = r.cell();
            if (c.phase() != 0 || c.dataset() != dataset || !modes.contains(c.negatives()) || !r.budget().equals(budget)) continue;
            found++;
            if (have.containsKey(key(c, r.budget()))) continue;
            appendCsv(csv, r);
            copied++;
        }
        if (!json)
            stdout.printf("--unseparated-from %s: %d matching unseparated cell(s), %d new here%n", source, found, copied);
    }

    private static List<Result> finishedSoFar(Result[] results) {
        List<Result> l = new ArrayList<>();
        for (Result r : results) if (r != null) l.add(r);
        return l;
    }

    private static void sleep(long millis) throws IOException {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new java.io.InterruptedIOException("interrupted while waiting for another process's cell");
        }
    }

    private void stopped(Cell cell) {
        if (json) {
            JsonObject o = new JsonObject();
            o.addProperty("stopped_after", epochsThisRun);
            o.addProperty("cell_in_progress", cell.negatives().id() + " N=" + cell.phaseLabel());
            stdout.println(Json.GSON.toJson(o));
        } else stdout.printf("stopped after %d epoch%s as asked (--stop-after); cell %s N=%s keeps its checkpoint; run the same command again to continue%n",
                epochsThisRun, epochsThisRun == 1 ? "" : "s", cell.negatives().id(), cell.phaseLabel());
        stdout.flush();
    }

    /** The checkpoint of a cell in progress (removed when the cell is in the CSV). */
    Path partialCheckpoint(Cell c, Budget b) {
        return out.resolve("partial").resolve(key(c, b).replaceAll("[^A-Za-z0-9.-]", "_") + ".bin");
    }

    /** The claim file of a cell ({@link CellLock}), beside its checkpoint. */
    Path lockFile(Cell c, Budget b) {
        Path ckpt = partialCheckpoint(c, b);
        return ckpt.resolveSibling(ckpt.getFileName().toString().replaceFirst("\\.bin$", "") + ".lock");
    }

    private Path partialSeconds(Cell c, Budget b) {
        Path ckpt = partialCheckpoint(c, b);
        return ckpt.resolveSibling(ckpt.getFileName() + ".seconds");
    }

    /**
     * Trains one cell, continuing from its checkpoint when an earlier invocation was cut off;
     * returns null when {@link #stopAfterEpochs} stopped it (its checkpoint is then on disk).
     */
    private Result runCell(Cell cell, Budget budget, DataSplits data, int index, int total) throws IOException {
        FFConfig config = configOf(cell);
        Path ckpt = partialCheckpoint(cell, budget), secondsFile = partialSeconds(cell, budget);
        TrainingState state = null;
        CellTime before = CellTime.ZERO;
        if (Files.exists(ckpt)) {
            state = Checkpoints.loadState(ckpt);
            if (!sameRun(state.config(), config))
                throw new IllegalArgumentException(ckpt + " is the checkpoint of a different configuration; delete it to start the cell afresh");
            state = withConfig(state, config);
            if (Files.exists(secondsFile)) before = CellTime.read(secondsFile);
            if (!json) stdout.printf("cell %s N=%s: continuing from %s (epoch %d)%n", cell.negatives().id(), cell.phaseLabel(), ckpt, state.epoch());
        }
        long t0 = System.nanoTime();
        double cpu0 = CellTime.processCpuSeconds();
        Progress progress = new Progress(progressBar && !json);
        try (Trainer trainer = state != null ? Trainers.resume(state, data, Trainers.backendFor(config))
                : Trainers.create(config, data, Trainers.backendFor(config))) {
            int perEpoch = trainer.batchesPerEpoch(), all = perEpoch * config.epochs();
            long startBatches = trainer.batchCounter();
            while (!trainer.finished()) {
                if (epochsThisRun >= stopAfterEpochs) {
                    progress.clear();
                    return null;
                }
                while (trainer.batchInEpoch() < perEpoch) {
                    trainer.trainBatch();
                    long doneBatches = trainer.batchCounter();
                    double secs = (System.nanoTime() - t0) / 1e9;
                    progress.update(String.format("cell %d/%d N=%s", index + 1, total, cell.phaseLabel()), (int) doneBatches, all,
                            (doneBatches - startBatches) * config.batchSize() / secs, (all - doneBatches) * secs / (doneBatches - startBatches));
                }
                trainer.finishEpoch();
                epochsThisRun++;
                if (!trainer.finished()) {
                    Files.createDirectories(ckpt.getParent());
                    Checkpoints.saveState(trainer.state(), ckpt);
                    before.plus(t0, cpu0).write(secondsFile);
                }
            }
            progress.clear();
            int errors = trainer instanceof SleepTrainer s ? s.testErrors(null) : trainer.evaluateTest().energyErrorsTest();
            CellTime spent = before.plus(t0, cpu0);
            return new Result(cell, budget, errors, data.test().count(), spent.wall(), spent.cpu());
        }
    }

    /** A checkpoint continues a cell only if it was made for the same run (speed settings aside). */
    private static boolean sameRun(FFConfig a, FFConfig b) {
        return a.toBuilder().threads(b.threads()).backend(b.backend()).build().equals(b);
    }

    /** The checkpoint's state under this invocation's speed settings (threads, backend). */
    private static TrainingState withConfig(TrainingState s, FFConfig c) {
        goodness.ff.FFNetwork n = s.network();
        return new TrainingState(c, goodness.ff.FFNetwork.of(c, n.weights, n.biases, n.readout, n.topLayer), s.epoch(), s.batchInEpoch(),
                s.batchCounter(), s.order(), s.rngState(), s.negatives(), s.phases(), s.rateScale(), s.buffers(), s.accumulators());
    }

    /**
     * The time a cell has taken so far, kept beside its checkpoint ({@code <cell>.bin.seconds}:
     * wall seconds, then CPU seconds) so that a cell continued by another invocation reports its
     * whole time. CPU is NaN once any part of the cell went unmeasured.
     */
    record CellTime(double wall, double cpu) {
        static final CellTime ZERO = new CellTime(0, 0);

        /** This time plus what has passed since {@code t0} ({@link System#nanoTime()}) and {@code cpu0} ({@link #processCpuSeconds()}). */
        CellTime plus(long t0, double cpu0) {
            return new CellTime(wall + (System.nanoTime() - t0) / 1e9, cpu + (processCpuSeconds() - cpu0));
        }

        /** The process's CPU time in seconds (every thread), or NaN where the JVM cannot tell. */
        static double processCpuSeconds() {
            if (java.lang.management.ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os) {
                long ns = os.getProcessCpuTime();
                if (ns >= 0) return ns / 1e9;
            }
            return Double.NaN;
        }

        void write(Path f) throws IOException {
            Files.writeString(f, wall + " " + cpu, StandardCharsets.UTF_8);
        }

        /** A file written by an older build holds the wall seconds only (CPU unknown); an unreadable one counts as nothing. */
        static CellTime read(Path f) {
            try {
                String[] v = Files.readString(f, StandardCharsets.UTF_8).trim().split("\\s+");
                double wall = Double.parseDouble(v[0]);
                double cpu = v.length > 1 ? Double.parseDouble(v[1]) : Double.NaN;
                return new CellTime(Double.isFinite(wall) && wall >= 0 ? wall : 0, cpu >= 0 ? cpu : Double.NaN);
            } catch (IOException | NumberFormatException e) {
                return ZERO; // only the reported time of the cell is affected
            }
        }
    }

    static JsonObject json(Result r) {
        JsonObject o = new JsonObject();
        o.addProperty("dataset", r.cell().dataset().folder());
        o.addProperty("negatives", r.cell().negatives().id());
        o.addProperty("table", r.cell().table());
        if (r.cell().phase() == 0) o.addProperty("phase", "unseparated");
        else o.addProperty("phase", r.cell().phase());
        o.addProperty("accuracy", r.accuracy());
        o.addProperty("test_errors", r.testErrors());
        o.addProperty("epochs", r.budget().epochs());
        o.addProperty("steps", r.budget().steps());
        o.addProperty("train_images", r.budget().trainImages());
        o.addProperty("lr", r.budget().learningRate());
        o.addProperty("seed", r.budget().seed());
        o.addProperty("seconds", r.seconds());
        if (Double.isFinite(r.cpuSeconds())) o.addProperty("cpu_seconds", r.cpuSeconds());
        return o;
    }

    // ------------------------------------------------------------------------------------------
    // cells.csv

    /** A cell's identity in {@code cells.csv}, its checkpoint and its lock: that of its {@link Cell#resultCell()}. */
    static String key(Cell cell, Budget b) {
        Cell c = cell.resultCell();
        return String.join(",", c.dataset().folder(), c.negatives().id(), Integer.toString(c.table()), c.phaseLabel(),
                Integer.toString(b.epochs()), Integer.toString(b.steps()), Integer.toString(b.batchSize()),
                Integer.toString(b.trainImages()), fmtLr(b.learningRate()), Long.toString(b.seed()));
    }

    private static String fmtLr(double lr) {
        return String.format(Locale.ROOT, "%s", lr);
    }

    /** Appends a finished cell in the columns of the file's own header ({@link #CSV_HEADER_WALL_ONLY}: no CPU time). */
    private static void appendCsv(Path csv, Result r) throws IOException {
        String line = key(r.cell(), r.budget()) + String.format(Locale.ROOT, ",%d,%d,%.4f,%.1f",
                r.testErrors(), r.testCases(), r.accuracy(), r.seconds());
        if (!CSV_HEADER_WALL_ONLY.equals(firstLine(csv)))
            line += Double.isFinite(r.cpuSeconds()) ? String.format(Locale.ROOT, ",%.1f", r.cpuSeconds()) : ",";
        Files.writeString(csv, line + "\n", StandardCharsets.UTF_8, StandardOpenOption.APPEND);
    }

    private static String firstLine(Path file) throws IOException {
        try (var in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            return in.readLine();
        }
    }

    /** Finished cells by key; lines that do not parse (e.g. a line cut by a crash) are ignored. */
    static Map<String, Result> readCsv(Path csv) throws IOException {
        Map<String, Result> m = new HashMap<>();
        List<String> lines = Files.readAllLines(csv, StandardCharsets.UTF_8);
        for (int i = 1; i < lines.size(); i++) {
            String[] f = lines.get(i).split(",", -1);
            if (f.length != 14 && f.length != 15) continue;
            try {
                Cell c = new Cell(Dataset.parse(f[0]), NegativeMode.parse(f[1]), Integer.parseInt(f[2]),
                        f[3].equals("unseparated") ? 0 : Integer.parseInt(f[3]));
                Budget b = new Budget(Integer.parseInt(f[4]), Integer.parseInt(f[5]), Integer.parseInt(f[6]), Integer.parseInt(f[7]),
                        Double.parseDouble(f[8]), Long.parseLong(f[9]));
                double cpu = f.length == 15 && !f[14].isEmpty() ? Double.parseDouble(f[14]) : Double.NaN;
                Result r = new Result(c, b, Integer.parseInt(f[10]), Integer.parseInt(f[11]), Double.parseDouble(f[13]), cpu);
                m.put(key(c, b), r);
            } catch (IllegalArgumentException e) {
                // skip a malformed line
            }
        }
        return m;
    }

    // ------------------------------------------------------------------------------------------
    // results.md and results.png

    /**
     * Accuracies in percent of every seed run for one cell under one budget, by seed (in CSV
     * order); {@code cpuSeconds} and {@code cpuRuns}: the CPU time of the seed runs that recorded
     * it, and how many did.
     */
    record CellSeeds(Cell cell, Map<Long, Double> percentBySeed, double seconds, double cpuSeconds, int cpuRuns) {
        double min() { return percentBySeed.values().stream().mapToDouble(Double::doubleValue).min().orElse(Double.NaN); }
        double max() { return percentBySeed.values().stream().mapToDouble(Double::doubleValue).max().orElse(Double.NaN); }
    }

    /**
     * The table of this folder for this dataset, table and budget: every result in the CSV whose
     * budget equals {@code b} up to the seed, grouped by cell.
     */
    Map<Cell, CellSeeds> table(Map<String, Result> all, Budget b) {
        Map<Cell, CellSeeds> byCell = new LinkedHashMap<>();
        List<Result> sorted = new ArrayList<>(all.values());
        sorted.sort(java.util.Comparator.<Result>comparingLong(r -> r.budget().seed())
                .thenComparing(r -> r.cell().negatives()).thenComparingInt(r -> r.cell().phase()));
        for (Result r : sorted) {
            // This table's cell for the result, if the result is that cell's model (Cell.resultCell:
            // the unseparated baseline belongs to both tables).
            Cell cell = new Cell(dataset, r.cell().negatives(), table, r.cell().phase());
            if (!cell.resultCell().equals(r.cell().resultCell()) || !r.budget().sameExceptSeed(b)) continue;
            CellSeeds c = byCell.computeIfAbsent(cell, k -> new CellSeeds(k, new LinkedHashMap<>(), 0, 0, 0));
            c.percentBySeed().put(r.budget().seed(), 100 * r.accuracy());
            boolean cpu = Double.isFinite(r.cpuSeconds());
            byCell.put(cell, new CellSeeds(cell, c.percentBySeed(), c.seconds() + r.seconds(),
                    c.cpuSeconds() + (cpu ? r.cpuSeconds() : 0), c.cpuRuns() + (cpu ? 1 : 0)));
        }
        return byCell;
    }

    /** Rows (negative modes) of the table: this invocation's and any already in the folder, wrong label first. */
    private List<NegativeMode> rows(Map<Cell, CellSeeds> t) {
        List<NegativeMode> rows = new ArrayList<>();
        for (NegativeMode m : List.of(NegativeMode.RANDOM, NegativeMode.MASK)) {
            boolean any = modes.contains(m);
            for (Cell c : t.keySet()) any |= c.negatives() == m;
            if (any) rows.add(m);
        }
        return rows;
    }

    /** Columns: 0 (unseparated), this invocation's N and any N already in the folder. */
    private List<Integer> columns(Map<Cell, CellSeeds> t) {
        Set<Integer> cols = new TreeSet<>(phases);
        cols.add(0);
        for (Cell c : t.keySet()) cols.add(c.phase());
        return new ArrayList<>(cols);
    }

    private String datasetName() {
        return dataset == Dataset.MNIST ? "MNIST" : "Fashion-MNIST";
    }

    /** Rewrites results.md and results.png from the CSV's results for this budget (all seeds). */
    void writeOutputs(Map<String, Result> all, Budget b) throws IOException {
        Map<Cell, CellSeeds> t = table(all, b);
        writeMarkdown(out.resolve("results.md"), t, b);
        writePlot(out.resolve("results.png"), t, b);
    }

    private static String range(CellSeeds c) {
        if (c.percentBySeed().size() == 1) return String.format(Locale.ROOT, "%.1f%%", c.min());
        return String.format(Locale.ROOT, "%.1f–%.1f%% (%d seeds)", c.min(), c.max(), c.percentBySeed().size());
    }

    void writeMarkdown(Path file, Map<Cell, CellSeeds> t, Budget b) throws IOException {
        String ds = datasetName();
        List<Integer> cols = columns(t);
        List<NegativeMode> rows = rows(t);
        StringBuilder s = new StringBuilder();
        s.append("# Phase separation, ").append(ds).append(", table ").append(table)
                .append(table == 1 ? " (awake A = sleep S = N batches)" : " (A = N, S = 1, positive learning rate / N)").append("\n\n");
        s.append("Test accuracy (recipe B, energy over all layers). \"this run\" rows were measured here (a range where several seeds ran the cell); "
                + "\"seed 003\" rows are the published values. Plot: `results.png`; every cell with its budget and seed: `cells.csv`; "
                + "the commands that produced this folder: `commands.log`.\n\n");
        s.append("| Dataset | Negative data |");
        for (int n : cols) s.append(' ').append(n == 0 ? "Unseparated" : Integer.toString(n)).append(" |");
        s.append("\n|---|---|");
        for (int ignored : cols) s.append("---|");
        s.append('\n');
        for (NegativeMode m : rows) {
            String name = m == NegativeMode.RANDOM ? "Wrong label" : "Masks";
            s.append("| ").append(ds).append(" | ").append(name).append(" (this run) |");
            for (int n : cols) {
                CellSeeds c = t.get(new Cell(dataset, m, table, n));
                s.append(' ').append(c == null ? "…" : range(c)).append(" |");
            }
            s.append("\n| ").append(ds).append(" | ").append(name).append(" (seed 003) |");
            for (int n : cols) {
                Double p = PublishedSeparation.percent(dataset, m, table, n);
                s.append(' ').append(p == null ? "-" : p.isNaN() ? "n/a" : String.format(Locale.ROOT, "%.1f%%", p)).append(" |");
            }
            s.append('\n');
        }
        int batches = b.epochs() * (b.trainImages() / b.batchSize());
        s.append(String.format(Locale.ROOT, "%nBudget per cell: %d epochs x %d Adam steps per layer per batch, batch %d, %d training images (%d batches), Adam lr %s "
                        + "(K·lr = %s). The seed used 500 epochs x 50 steps at lr 0.001 (about 58,500 batches); this budget is far smaller, so compare the trend, not the level.%n",
                b.epochs(), b.steps(), b.batchSize(), b.trainImages(), batches, fmtLr(b.learningRate()), fmtLr(b.steps() * b.learningRate())));
        s.append(phaseEndsLine(cols, batches));
        if (b.learningRate() != 0.001)
            s.append(String.format(Locale.ROOT, "%nLearning rate: %s instead of the seed's 0.001. At 0.001 recipe B does not get going within a budget of this size "
                    + "(measured: 40 batches x K = 10 on 10,240 MNIST images gave 11.7%% accuracy on the first 2,000 test images at lr 0.001, 81%% at lr 0.03).%n", fmtLr(b.learningRate())));
        s.append("\n").append(seedsLine(t)).append('\n');
        double total = 0, cpu = 0;
        int runs = 0, cpuRuns = 0;
        for (CellSeeds c : t.values()) {
            total += c.seconds();
            runs += c.percentBySeed().size();
            cpu += c.cpuSeconds();
            cpuRuns += c.cpuRuns();
        }
        s.append(String.format(Locale.ROOT, "%nCells finished: %d of %d (%d cell runs, counting every seed); %.0f s of training and evaluation in all (%.0f s per run on average; wall-clock time, which other work on the machine stretches)",
                t.size(), rows.size() * cols.size(), runs, total, runs == 0 ? 0 : total / runs));
        if (cpuRuns > 0)
            s.append(String.format(Locale.ROOT, "; CPU time %.0f s (%.0f s per run; recorded by %s)",
                    cpu, cpu / cpuRuns, cpuRuns == runs ? (runs == 1 ? "the one run" : "all " + runs + " runs") : cpuRuns + " of the " + runs + " runs"));
        s.append(".\n");
        if (dataset == Dataset.FASHION)
            s.append("\nFashion-MNIST caveat: the bundled data use a 60k/10k split rebuilt from the 70k images (6,000/1,000 per class), not the official split; figures are close to, but not exactly comparable with, published ones.\n");
        goodness.ff.io.AtomicFiles.writeString(file, s.toString());   // whole or not at all, also beside a second process
    }

    /**
     * Where each column's budget stops inside its awake/sleep cycle (after the last of
     * {@code batches} batches, when the cell is evaluated): a separated network's accuracy swings
     * with the phase, so a cell measures one point of that swing.
     */
    private String phaseEndsLine(List<Integer> cols, int batches) {
        StringBuilder s = new StringBuilder();
        for (int n : cols) {
            if (n == 0 || batches == 0) continue;
            PhaseSchedule.Position p = Cell.scheduleOf(table, n).positionOf(batches - 1L);
            s.append(s.length() == 0 ? "" : "; ").append("N = ").append(n).append(": ").append(p);
        }
        if (s.length() == 0) return "";
        return "\nWhere each budget stops, i.e. the point of the awake/sleep cycle at which the cell is evaluated: " + s
                + ". A separated network's accuracy swings with the phase (early in training both modes can answer one label "
                + "for every image after a few awake batches and recover some of it in sleep), so a cell at large N measures one point of that swing.\n";
    }

    /** "Seed: 1234 for every cell" or which seeds ran which cells. */
    private String seedsLine(Map<Cell, CellSeeds> t) {
        Map<Long, List<String>> cellsBySeed = new TreeMap<>();
        for (CellSeeds c : t.values())
            for (long seed : c.percentBySeed().keySet())
                cellsBySeed.computeIfAbsent(seed, k -> new ArrayList<>()).add((c.cell().negatives() == NegativeMode.RANDOM ? "wrong label" : "masks")
                        + " N=" + c.cell().phaseLabel());
        if (cellsBySeed.isEmpty()) return "Seed: " + base.seed() + " (no cell finished yet).";
        if (cellsBySeed.size() == 1)
            return "Seed: " + cellsBySeed.keySet().iterator().next() + " for every cell (same initial weights and data order; only the phase schedule "
                    + "and the negatives differ between cells).";
        StringBuilder s = new StringBuilder("Seeds (each seed: same initial weights and data order in all its cells):");
        for (var e : cellsBySeed.entrySet()) s.append("\n- seed ").append(e.getKey()).append(": ").append(String.join(", ", e.getValue()));
        return s.toString();
    }

    void writePlot(Path png, Map<Cell, CellSeeds> t, Budget b) throws IOException {
        List<ExperimentPlots.Line> lines = new ArrayList<>();
        int colour = 0;
        for (NegativeMode m : rows(t)) {
            String name = m == NegativeMode.RANDOM ? "wrong label" : "masks";
            SortedMap<Double, double[]> ours = new TreeMap<>(), seed = new TreeMap<>();
            for (int n : columns(t)) {
                double x = n == 0 ? ExperimentPlots.UNSEPARATED_X : n;
                CellSeeds c = t.get(new Cell(dataset, m, table, n));
                // A column without a value is a gap in its line (ExperimentPlots.Line).
                ours.put(x, c == null ? new double[0] : c.percentBySeed().values().stream().mapToDouble(Double::doubleValue).toArray());
                Double p = PublishedSeparation.percent(dataset, m, table, n);
                seed.put(x, p == null || p.isNaN() ? new double[0] : new double[] {p});
            }
            lines.add(new ExperimentPlots.Line(name + ", this run", colour, false, ours));
            lines.add(new ExperimentPlots.Line(name + ", seed 003 (published)", colour, true, seed));
            colour++;
        }
        String title = datasetName() + ", table " + table + (table == 1 ? ": awake = sleep = N batches" : ": awake N, sleep 1, positive lr / N");
        String subtitle = String.format(Locale.ROOT, "recipe B, %d epochs x K = %d, batch %d, %d images, Adam lr %s; seeds %s; bars: range over seeds",
                b.epochs(), b.steps(), b.batchSize(), b.trainImages(), fmtLr(b.learningRate()), seedList(t));
        ExperimentPlots.separation(png, title, subtitle, lines, table);
    }

    private String seedList(Map<Cell, CellSeeds> t) {
        Set<Long> seeds = new TreeSet<>();
        for (CellSeeds c : t.values()) seeds.addAll(c.percentBySeed().keySet());
        if (seeds.isEmpty()) seeds.add(base.seed());
        StringBuilder s = new StringBuilder();
        for (long v : seeds) s.append(s.length() == 0 ? "" : ", ").append(v);
        return s.toString();
    }
}
