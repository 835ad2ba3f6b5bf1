package goodness.experiment;

import goodness.data.Dataset;
import goodness.ff.FFConfig;
import goodness.ff.NegativeMode;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * What a separation experiment runs and where: the table's rows ({@code modes}) and columns
 * ({@code phases}), the recipe-B configuration every cell starts from ({@code base}: its epochs,
 * steps, batch, learning rate, image limit and seed are the budget), and how this invocation
 * behaves in a folder that other processes may share.
 *
 * @param dataRoot           where the datasets are
 * @param out                the experiment folder
 * @param table              1: A = S = N; 2: A = N, S = 1, positive lr / N
 * @param includeUnseparated run the unseparated baseline of each row (off: e.g. a second seed for chosen N only)
 * @param stopAfterEpochs    stop after this many epochs of training in this invocation (the cell in progress keeps its checkpoint)
 * @param command            the command line of this invocation, appended to {@code commands.log} (provenance of the folder), or null
 * @param unseparatedFrom    an experiment folder whose unseparated cells (same dataset, budget and seed) this one takes over, or null
 * @param waitForHeldCells   wait for the cells another process holds, or leave them to it (a worker that moves on)
 * @param pollMillis         how often a process waiting for another process's cell looks again
 */
public record ExperimentOptions(Path dataRoot, Path out, Dataset dataset, List<NegativeMode> modes, int table, List<Integer> phases,
                                FFConfig base, boolean includeUnseparated, int stopAfterEpochs, String command, Path unseparatedFrom,
                                boolean waitForHeldCells, long pollMillis) {

    public ExperimentOptions {
        if (table != 1 && table != 2) throw new IllegalArgumentException("--table must be 1 or 2, got " + table);
        for (int n : phases) if (n < 1) throw new IllegalArgumentException("--phases must be >= 1, got " + n);
        for (NegativeMode m : modes)
            if (m == NegativeMode.HARD) throw new IllegalArgumentException("--negatives must be random or mask (the seed's tables have no hard negatives)");
        if (modes.isEmpty()) throw new IllegalArgumentException("no negative mode to run");
        if (stopAfterEpochs < 1) throw new IllegalArgumentException("--stop-after must be >= 1, got " + stopAfterEpochs);
        if (pollMillis < 1) throw new IllegalArgumentException("pollMillis must be >= 1, got " + pollMillis);
        modes = List.copyOf(modes);
        phases = List.copyOf(phases);
    }

    /** Every cell of these rows and columns, waiting for held cells every 5 s, with no stop and no command line to log. */
    public static ExperimentOptions of(Path dataRoot, Path out, Dataset dataset, List<NegativeMode> modes, int table, List<Integer> phases,
                                       FFConfig base) {
        return new ExperimentOptions(dataRoot, out, dataset, modes, table, phases, base, true, Integer.MAX_VALUE, null, null, true, 5_000);
    }

    public ExperimentOptions withIncludeUnseparated(boolean v) {
        return new ExperimentOptions(dataRoot, out, dataset, modes, table, phases, base, v, stopAfterEpochs, command, unseparatedFrom, waitForHeldCells, pollMillis);
    }

    public ExperimentOptions withStopAfterEpochs(int v) {
        return new ExperimentOptions(dataRoot, out, dataset, modes, table, phases, base, includeUnseparated, v, command, unseparatedFrom, waitForHeldCells, pollMillis);
    }

    public ExperimentOptions withCommand(String v) {
        return new ExperimentOptions(dataRoot, out, dataset, modes, table, phases, base, includeUnseparated, stopAfterEpochs, v, unseparatedFrom, waitForHeldCells, pollMillis);
    }

    public ExperimentOptions withUnseparatedFrom(Path v) {
        return new ExperimentOptions(dataRoot, out, dataset, modes, table, phases, base, includeUnseparated, stopAfterEpochs, command, v, waitForHeldCells, pollMillis);
    }

    public ExperimentOptions withWaitForHeldCells(boolean v) {
        return new ExperimentOptions(dataRoot, out, dataset, modes, table, phases, base, includeUnseparated, stopAfterEpochs, command, unseparatedFrom, v, pollMillis);
    }

    public ExperimentOptions withPollMillis(long v) {
        return new ExperimentOptions(dataRoot, out, dataset, modes, table, phases, base, includeUnseparated, stopAfterEpochs, command, unseparatedFrom, waitForHeldCells, v);
    }

    /** The cells to run, in order: per negative mode the unseparated baseline (if included), then each N. */
    public List<Cell> cells() {
        List<Cell> cells = new ArrayList<>();
        for (NegativeMode m : modes) {
            if (includeUnseparated) cells.add(new Cell(dataset, m, table, 0));
            for (int n : phases) cells.add(new Cell(dataset, m, table, n));
        }
        return cells;
    }

    /** The configuration a cell trains with: the base with the cell's dataset, negatives and phase schedule. */
    public FFConfig configOf(Cell c) {
        return base.toBuilder().dataset(c.dataset()).negatives(c.negatives()).phases(c.schedule()).evalEvery(0).build();
    }
}
