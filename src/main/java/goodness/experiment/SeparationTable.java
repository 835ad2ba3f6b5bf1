package goodness.experiment;

import goodness.data.Dataset;
import goodness.ff.NegativeMode;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * One phase-separation table of a folder: for a dataset, a table and a budget, every finished
 * cell of that budget up to the seed, grouped by cell, with the range over its seeds, so that a
 * difference between cells can be told from seed-to-seed noise. Rows are negative modes
 * (wrong label first), columns the unseparated baseline and each N; both include what the
 * invocation asks for ({@code modes}, {@code phases}) and whatever the folder already has.
 * The report, the plot and the app's Experiment view all show this table.
 */
public final class SeparationTable {

    /**
     * Accuracies in percent of every seed run for one cell under one budget, by seed (in seed
     * order); {@code cpuSeconds} and {@code cpuRuns}: the CPU time of the seed runs that recorded
     * it, and how many did.
     */
    public record CellSeeds(Cell cell, Map<Long, Double> percentBySeed, double seconds, double cpuSeconds, int cpuRuns) {
        public double min() {
            return percentBySeed.values().stream().mapToDouble(Double::doubleValue).min().orElse(Double.NaN);
        }

        public double max() {
            return percentBySeed.values().stream().mapToDouble(Double::doubleValue).max().orElse(Double.NaN);
        }

        /** "93.0%", or "79.7–81.0% (2 seeds)". */
        public String range() {
            if (percentBySeed.size() == 1) return String.format(Locale.ROOT, "%.1f%%", min());
            return String.format(Locale.ROOT, "%.1f–%.1f%% (%d seeds)", min(), max(), percentBySeed.size());
        }
    }

    private final Dataset dataset;
    private final int table;
    private final Budget budget;
    private final Map<Cell, CellSeeds> byCell;
    private final List<NegativeMode> rows;
    private final List<Integer> columns;

    private SeparationTable(Dataset dataset, int table, Budget budget, Map<Cell, CellSeeds> byCell, List<NegativeMode> rows, List<Integer> columns) {
        this.dataset = dataset;
        this.table = table;
        this.budget = budget;
        this.byCell = byCell;
        this.rows = rows;
        this.columns = columns;
    }

    /**
     * The table of {@code results} for this dataset, table and budget: every result whose budget
     * equals {@code budget} up to the seed and whose model is this table's cell's (an unseparated
     * result counts in both tables, {@link Cell#resultCell()}).
     */
    public static SeparationTable of(Collection<CellResult> results, Dataset dataset, int table, Budget budget,
                                     List<NegativeMode> modes, List<Integer> phases) {
        Map<Cell, CellSeeds> byCell = new LinkedHashMap<>();
        List<CellResult> sorted = new ArrayList<>(results);
        sorted.sort(Comparator.<CellResult>comparingLong(r -> r.budget().seed())
                .thenComparing(r -> r.cell().negatives()).thenComparingInt(r -> r.cell().phase()));
        for (CellResult r : sorted) {
            Cell cell = new Cell(dataset, r.cell().negatives(), table, r.cell().phase());
            if (!cell.resultCell().equals(r.cell().resultCell()) || !r.budget().sameExceptSeed(budget)) continue;
            CellSeeds c = byCell.computeIfAbsent(cell, k -> new CellSeeds(k, new LinkedHashMap<>(), 0, 0, 0));
            c.percentBySeed().put(r.budget().seed(), 100 * r.accuracy());
            boolean cpu = Double.isFinite(r.cpuSeconds());
            byCell.put(cell, new CellSeeds(cell, c.percentBySeed(), c.seconds() + r.seconds(),
                    c.cpuSeconds() + (cpu ? r.cpuSeconds() : 0), c.cpuRuns() + (cpu ? 1 : 0)));
        }
        List<NegativeMode> rows = new ArrayList<>();
        for (NegativeMode m : List.of(NegativeMode.RANDOM, NegativeMode.MASK)) {
            boolean any = modes.contains(m);
            for (Cell c : byCell.keySet()) any |= c.negatives() == m;
            if (any) rows.add(m);
        }
        Set<Integer> cols = new TreeSet<>(phases);
        cols.add(0);
        for (Cell c : byCell.keySet()) cols.add(c.phase());
        return new SeparationTable(dataset, table, budget, byCell, List.copyOf(rows), List.copyOf(cols));
    }

    /**
     * The table a folder's results last added to: the dataset and budget of the last result, the
     * table of the last separated cell of that dataset and budget (an unseparated cell is filed
     * under Table 1 whichever table it was run for), rows and columns as the folder has them; or
     * null when there is no result.
     */
    public static SeparationTable latest(List<CellResult> inFileOrder) {
        if (inFileOrder.isEmpty()) return null;
        CellResult last = inFileOrder.get(inFileOrder.size() - 1);
        int table = last.cell().table();
        for (CellResult r : inFileOrder)
            if (r.cell().phase() != 0 && r.cell().dataset() == last.cell().dataset() && r.budget().sameExceptSeed(last.budget()))
                table = r.cell().table();
        return of(inFileOrder, last.cell().dataset(), table, last.budget(), List.of(), List.of());
    }

    public Dataset dataset() {
        return dataset;
    }

    public int table() {
        return table;
    }

    /** The budget of the table (its seed: the seed of the invocation that made it). */
    public Budget budget() {
        return budget;
    }

    /** Negative modes, wrong label first. */
    public List<NegativeMode> rows() {
        return rows;
    }

    /** Phase lengths in increasing order, 0 (unseparated) first. */
    public List<Integer> columns() {
        return columns;
    }

    /** The cell's results, or null where it has none. */
    public CellSeeds get(NegativeMode m, int phase) {
        return byCell.get(new Cell(dataset, m, table, phase));
    }

    /** Cells with at least one result, in the order of their first results (by seed, negatives, N). */
    public Collection<CellSeeds> cells() {
        return byCell.values();
    }

    /** Every seed of the table, or the budget's seed when no cell has a result. */
    public Set<Long> seeds() {
        Set<Long> seeds = new TreeSet<>();
        for (CellSeeds c : byCell.values()) seeds.addAll(c.percentBySeed().keySet());
        if (seeds.isEmpty()) seeds.add(budget.seed());
        return seeds;
    }

    public String datasetName() {
        return dataset == Dataset.MNIST ? "MNIST" : "Fashion-MNIST";
    }

    /** "Phase separation, MNIST, table 1 (awake A = sleep S = N batches)". */
    public String title() {
        return "Phase separation, " + datasetName() + ", table " + table
                + (table == 1 ? " (awake A = sleep S = N batches)" : " (A = N, S = 1, positive learning rate / N)");
    }

    static String rowName(NegativeMode m) {
        return m == NegativeMode.RANDOM ? "Wrong label" : "Masks";
    }

    /** The header of the table as text: "Dataset", "Negative data", "Unseparated", then each N. */
    public List<String> header() {
        List<String> h = new ArrayList<>(List.of("Dataset", "Negative data"));
        for (int n : columns) h.add(n == 0 ? "Unseparated" : Integer.toString(n));
        return List.copyOf(h);
    }

    /**
     * The rows of the table as text: per negative mode the measured row ("(this run)": a range
     * where several seeds ran a cell, "…" where none has yet) and the published row
     * ("(seed 003)": "-" where the seed shows none, "n/a" where it has no such column).
     */
    public List<List<String>> textRows() {
        List<List<String>> out = new ArrayList<>();
        for (NegativeMode m : rows) {
            List<String> ours = new ArrayList<>(List.of(datasetName(), rowName(m) + " (this run)"));
            List<String> seed = new ArrayList<>(List.of(datasetName(), rowName(m) + " (seed 003)"));
            for (int n : columns) {
                CellSeeds c = get(m, n);
                ours.add(c == null ? "…" : c.range());
                Double p = PublishedSeparation.percent(dataset, m, table, n);
                seed.add(p == null ? "-" : p.isNaN() ? "n/a" : String.format(Locale.ROOT, "%.1f%%", p));
            }
            out.add(List.copyOf(ours));
            out.add(List.copyOf(seed));
        }
        return List.copyOf(out);
    }
}
