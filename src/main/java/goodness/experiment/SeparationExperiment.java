package goodness.experiment;

import goodness.data.DataSplits;
import goodness.ff.training.Trainers;
import goodness.runs.CodeVersion;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Seed 003's phase-separation tables with recipe B: one model per cell, the unseparated baseline
 * first, then one per phase length N (table 1: A = S = N; table 2: A = N, S = 1, positive lr / N).
 * Cells run one after another; every cell uses the same seed (same initial weights and data
 * order), so the phase schedule is the only difference between the cells of a row. After each
 * cell a line is appended to {@code cells.csv} ({@link CellStore}) and {@code results.md} and
 * {@code results.png} are rewritten ({@link SeparationReport}); a run that is started again with
 * the same budget skips the cells already in the CSV, and a cell cut off mid-way continues from
 * its last finished epoch (its checkpoint is in {@code partial/} until the cell is done).
 * Processes may share a folder, one per core: each claims a cell before training it
 * ({@link CellLock}), so no cell is trained twice ({@link #run}).
 *
 * <p>Cells of other seeds under the same budget (epochs, K, batch, images, lr) in the same folder
 * belong to the same table ({@link SeparationTable}): the report shows their range and the plot a
 * min-max bar.
 */
public final class SeparationExperiment {
    private final ExperimentOptions options;
    private final ExperimentListener listener;
    private final ExperimentFolder folder;
    private final CellStore store;
    private final CellTraining training;

    public SeparationExperiment(ExperimentOptions options, ExperimentListener listener) {
        this.options = options;
        this.listener = listener;
        this.folder = new ExperimentFolder(options.out());
        this.store = folder.cells();
        this.training = new CellTraining(options, folder, listener);
    }

    /**
     * Runs every cell not yet in {@code cells.csv}; returns all results of this budget, in cell
     * order, or stops early ({@link ExperimentOptions#stopAfterEpochs()}: then the results so far).
     *
     * <p>Several processes may share the folder, e.g. one per core on the same command or on
     * different rows: before each cell the CSV's new lines are read (what other processes appended since; the file is read whole only once), each cell is claimed
     * ({@link CellLock}) before it is trained, and a cell that another process holds is left to it
     * and come back to after this process's other cells: taken from the CSV once that process has
     * written it, or continued from its checkpoint here if that process stopped without finishing it
     * (or, with {@link ExperimentOptions#waitForHeldCells()} off, left to that process: the results
     * then lack them).
     */
    public List<CellResult> run() throws IOException {
        Files.createDirectories(options.out());
        store.createIfMissing();
        if (options.command() != null)
            Files.writeString(folder.commands(), Instant.now().truncatedTo(ChronoUnit.SECONDS) + " " + options.command()
                            + "   # code " + CodeVersion.current() + "\n",
                    StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        List<Cell> cells = options.cells();
        DataSplits data = Trainers.loadData(options.dataRoot(), options.configOf(cells.get(0)));
        var base = options.base();
        Budget budget = new Budget(base.epochs(), base.stepsPerBatch(), base.batchSize(), data.train().count(), base.learningRate(), base.seed());
        if (options.unseparatedFrom() != null) copyUnseparatedCells(options.unseparatedFrom(), budget);
        listener.started(options, budget, cells.size());
        Tally tally = new Tally(System.nanoTime());
        CellResult[] results = new CellResult[cells.size()];
        List<Integer> heldElsewhere = new ArrayList<>();
        for (int i = 0; i < cells.size(); i++) {
            Attempt a = attempt(cells, i, budget, data, tally, true);
            if (a.outcome() == Outcome.STOPPED) return finishedSoFar(results);
            if (a.outcome() == Outcome.HELD_ELSEWHERE) heldElsewhere.add(i);
            else results[i] = a.result();
        }
        // The held cells, once more each: finished meanwhile (report it), given up by their holder
        // (train it), or still held: wait for it, or without waiting leave it to its holder.
        List<Cell> left = new ArrayList<>();
        for (int i : heldElsewhere) {
            Attempt a;
            boolean told = false;
            while ((a = attempt(cells, i, budget, data, tally, false)).outcome() == Outcome.HELD_ELSEWHERE && options.waitForHeldCells()) {
                if (!told) listener.waitingFor(cells.get(i));
                told = true;
                sleep(options.pollMillis());
            }
            if (a.outcome() == Outcome.STOPPED) return finishedSoFar(results);
            if (a.outcome() == Outcome.HELD_ELSEWHERE) left.add(cells.get(i));
            else results[i] = a.result();
        }
        if (!left.isEmpty()) {
            listener.leftToOtherProcesses(List.copyOf(left));
            return finishedSoFar(results);
        }
        listener.finished(folder.report(), store.file());
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

    private enum Outcome { DONE, STOPPED, HELD_ELSEWHERE }

    /** What became of one try at a cell: its result (from the CSV or trained here), or why there is none yet. */
    private record Attempt(Outcome outcome, CellResult result) {
        static final Attempt STOPPED = new Attempt(Outcome.STOPPED, null);
        static final Attempt HELD_ELSEWHERE = new Attempt(Outcome.HELD_ELSEWHERE, null);
    }

    /**
     * Cell {@code i}: its result from the CSV if it is there; otherwise, if this process can
     * claim it, trained here (continuing its checkpoint if there is one); otherwise
     * {@link Attempt#HELD_ELSEWHERE}. Reports the cell and rewrites the folder's table when it
     * has a result.
     */
    private Attempt attempt(List<Cell> cells, int i, Budget budget, DataSplits data, Tally tally, boolean sayIfHeld) throws IOException {
        Cell cell = cells.get(i);
        String key = CellStore.key(cell, budget);
        CellResult r = store.read().get(key);
        boolean fromStore = r != null;
        if (!fromStore) {
            CellLock claim = CellLock.tryClaim(folder.lockFile(cell, budget));
            if (claim == null) {
                if (sayIfHeld) listener.cellHeldElsewhere(cell, options.waitForHeldCells());
                return Attempt.HELD_ELSEWHERE;
            }
            try {
                r = store.read().get(key);      // finished by another process since the first look
                fromStore = r != null;
                if (!fromStore) {
                    r = training.train(cell, budget, data, i, cells.size());
                    if (r == null) {
                        listener.stopped(training.epochsThisRun(), cell);
                        return Attempt.STOPPED;
                    }
                    store.append(r);
                    Files.deleteIfExists(folder.partialCheckpoint(cell, budget));
                    Files.deleteIfExists(folder.partialSeconds(cell, budget));
                    tally.ranHere++;
                    tally.secondsHere += r.seconds();
                }
                claim.releaseFinished();
            } finally {
                claim.close();
            }
        }
        Map<String, CellResult> done = store.read();
        for (String w : store.takeWarnings()) listener.warning(w);
        SeparationReport.write(folder, SeparationTable.of(done.values(), options.dataset(), options.table(), budget, options.modes(), options.phases()));
        int left = 0;
        for (int j = i + 1; j < cells.size(); j++) if (!done.containsKey(CellStore.key(cells.get(j), budget))) left++;
        double eta = tally.ranHere == 0 ? Double.NaN : tally.secondsHere / tally.ranHere * left;
        listener.cellDone(new ExperimentListener.CellDone(i, cells.size(), r, fromStore, (System.nanoTime() - tally.start) / 1e9, eta, left));
        return new Attempt(Outcome.DONE, r);
    }

    /**
     * Appends to this folder's {@code cells.csv} the unseparated cells of {@code from}'s that this
     * experiment would train (its dataset, negative modes, budget and seed) and that it does not
     * have yet: the same models, so a Table 2 folder gets its baseline without training it again.
     */
    private void copyUnseparatedCells(Path from, Budget budget) throws IOException {
        CellStore source = CellStore.in(from);
        if (!source.exists())
            throw new IllegalArgumentException("--unseparated-from: " + source.file() + " does not exist (give an experiment folder, one with a cells.csv)");
        if (!CellStore.isHeader(source.header()))
            throw new IllegalArgumentException("--unseparated-from: " + source.file() + " is not an experiment's cells.csv (its first line is not the header `"
                    + CellStore.HEADER + "`)");
        Map<String, CellResult> have = store.read();
        int copied = 0, found = 0;
        for (CellResult r : source.read().values()) {
            Cell c = r.cell();
            if (c.phase() != 0 || c.dataset() != options.dataset() || !options.modes().contains(c.negatives()) || !r.budget().equals(budget)) continue;
            found++;
            if (have.containsKey(CellStore.key(c, r.budget()))) continue;
            store.append(r);
            copied++;
        }
        listener.unseparatedCopied(source.file(), found, copied);
    }

    private static List<CellResult> finishedSoFar(CellResult[] results) {
        List<CellResult> l = new ArrayList<>();
        for (CellResult r : results) if (r != null) l.add(r);
        return l;
    }

    private static void sleep(long millis) throws IOException {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while waiting for another process's cell");
        }
    }
}
