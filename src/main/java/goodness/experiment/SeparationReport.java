package goodness.experiment;

import goodness.data.Dataset;
import goodness.ff.NegativeMode;
import goodness.ff.PhaseSchedule;
import goodness.ff.io.AtomicFiles;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * A separation table as the folder's report {@code results.md} (the table, the published values
 * beside it, and what to know to read it: budget, where each budget stops in its phase cycle,
 * seeds, time spent) and its plot {@code results.png}. Both are rewritten whole after every cell,
 * each file replaced at once so that a reader or a second process never sees half of one.
 */
public final class SeparationReport {
    /**
     * How many seeds the report lists one by one, and the plot names; a folder with more (rows
     * appended by other runs, or a file made up) gets the first ones and the count, so that the
     * report stays readable and rewriting it after every cell stays cheap.
     */
    static final int MAX_SEEDS_LISTED = 20, MAX_SEEDS_IN_PLOT = 6;

    private SeparationReport() {
    }

    /** Rewrites the folder's results.md and results.png from {@code t}. */
    static void write(ExperimentFolder folder, SeparationTable t) throws IOException {
        AtomicFiles.writeString(folder.report(), markdown(t));
        writePlot(folder.plot(), t);
    }

    static String markdown(SeparationTable t) {
        StringBuilder s = new StringBuilder();
        s.append("# ").append(t.title()).append("\n\n");
        s.append(intro()).append("\n\n");
        List<String> header = t.header();
        s.append('|');
        for (String h : header) s.append(' ').append(h).append(" |");
        s.append("\n|---|---|");
        for (int i = 2; i < header.size(); i++) s.append("---|");
        s.append('\n');
        for (List<String> row : t.textRows()) {
            s.append('|');
            for (String c : row) s.append(' ').append(c).append(" |");
            s.append('\n');
        }
        s.append(notesAfterTable(t));
        return s.toString();
    }

    private static String intro() {
        return "Test accuracy (recipe B, energy over all layers). \"this run\" rows were measured here (a range where several seeds ran the cell); "
                + "\"seed 003\" rows are the published values. Plot: `results.png`; every cell with its budget and seed: `cells.csv`; "
                + "the commands that produced this folder: `commands.log`.";
    }

    /** What the report says besides its title and table, as plain text: the notes a viewer shows under the table. */
    public static String notes(SeparationTable t) {
        return intro() + "\n\n" + notesAfterTable(t).strip();
    }

    /** The paragraphs after the table: budget, phase positions, learning rate, seeds, time, dataset caveat. */
    private static String notesAfterTable(SeparationTable t) {
        Budget b = t.budget();
        StringBuilder s = new StringBuilder();
        int batches = b.batchesPerCell();
        s.append(String.format(Locale.ROOT, "%nBudget per cell: %d epochs x %d Adam steps per layer per batch, batch %d, %d training images (%d batches), Adam lr %s "
                        + "(K·lr = %s). The seed used 500 epochs x 50 steps at lr 0.001 (about 58,500 batches); this budget is far smaller, so compare the trend, not the level.%n",
                b.epochs(), b.steps(), b.batchSize(), b.trainImages(), batches, Budget.lr(b.learningRate()), Budget.lr(b.steps() * b.learningRate())));
        s.append(phaseEndsLine(t.table(), t.columns(), batches));
        if (b.learningRate() != 0.001)
            s.append(String.format(Locale.ROOT, "%nLearning rate: %s instead of the seed's 0.001. At 0.001 recipe B does not get going within a budget of this size "
                    + "(measured: 40 batches x K = 10 on 10,240 MNIST images gave 11.7%% accuracy on the first 2,000 test images at lr 0.001, 81%% at lr 0.03).%n",
                    Budget.lr(b.learningRate())));
        s.append("\n").append(seedsLine(t)).append('\n');
        double total = 0, cpu = 0;
        int runs = 0, cpuRuns = 0;
        for (SeparationTable.CellSeeds c : t.cells()) {
            total += c.seconds();
            runs += c.percentBySeed().size();
            cpu += c.cpuSeconds();
            cpuRuns += c.cpuRuns();
        }
        s.append(String.format(Locale.ROOT, "%nCells finished: %d of %d (%d cell runs, counting every seed); %.0f s of training and evaluation in all (%.0f s per run on average; wall-clock time, which other work on the machine stretches)",
                t.cells().size(), t.rows().size() * t.columns().size(), runs, total, runs == 0 ? 0 : total / runs));
        if (cpuRuns > 0)
            s.append(String.format(Locale.ROOT, "; CPU time %.0f s (%.0f s per run; recorded by %s)",
                    cpu, cpu / cpuRuns, cpuRuns == runs ? (runs == 1 ? "the one run" : "all " + runs + " runs") : cpuRuns + " of the " + runs + " runs"));
        s.append(".\n");
        if (t.dataset() == Dataset.FASHION)
            s.append("\nFashion-MNIST caveat: the bundled data use a 60k/10k split rebuilt from the 70k images (6,000/1,000 per class), not the official split; figures are close to, but not exactly comparable with, published ones.\n");
        return s.toString();
    }

    /**
     * Where each column's budget stops inside its awake/sleep cycle (after the last of
     * {@code batches} batches, when the cell is evaluated): a separated network's accuracy swings
     * with the phase, so a cell measures one point of that swing.
     */
    private static String phaseEndsLine(int table, List<Integer> cols, int batches) {
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
    private static String seedsLine(SeparationTable t) {
        Map<Long, List<String>> cellsBySeed = new TreeMap<>();
        for (SeparationTable.CellSeeds c : t.cells())
            for (long seed : c.percentBySeed().keySet())
                cellsBySeed.computeIfAbsent(seed, k -> new ArrayList<>()).add((c.cell().negatives() == NegativeMode.RANDOM ? "wrong label" : "masks")
                        + " N=" + c.cell().phaseLabel());
        if (cellsBySeed.isEmpty()) return "Seed: " + t.budget().seed() + " (no cell finished yet).";
        if (cellsBySeed.size() == 1)
            return "Seed: " + cellsBySeed.keySet().iterator().next() + " for every cell (same initial weights and data order; only the phase schedule "
                    + "and the negatives differ between cells).";
        StringBuilder s = new StringBuilder("Seeds (each seed: same initial weights and data order in all its cells):");
        int shown = 0;
        for (var e : cellsBySeed.entrySet()) {
            if (shown++ == MAX_SEEDS_LISTED) {
                s.append(String.format(Locale.ROOT, "%n- and %,d more seeds (%,d in all; every cell with its seed: `cells.csv`)",
                        cellsBySeed.size() - MAX_SEEDS_LISTED, cellsBySeed.size()));
                break;
            }
            s.append("\n- seed ").append(e.getKey()).append(": ").append(String.join(", ", e.getValue()));
        }
        return s.toString();
    }

    /** Accuracy against N, a line per negative mode measured here and one for its published values. */
    static void writePlot(Path png, SeparationTable t) throws IOException {
        List<ExperimentPlots.Line> lines = new ArrayList<>();
        int colour = 0;
        for (NegativeMode m : t.rows()) {
            String name = m == NegativeMode.RANDOM ? "wrong label" : "masks";
            SortedMap<Double, double[]> ours = new TreeMap<>(), seed = new TreeMap<>();
            for (int n : t.columns()) {
                double x = n == 0 ? ExperimentPlots.UNSEPARATED_X : n;
                SeparationTable.CellSeeds c = t.get(m, n);
                // A column without a value is a gap in its line (ExperimentPlots.Line).
                ours.put(x, c == null ? new double[0] : c.percentBySeed().values().stream().mapToDouble(Double::doubleValue).toArray());
                Double p = PublishedSeparation.percent(t.dataset(), m, t.table(), n);
                seed.put(x, p == null || p.isNaN() ? new double[0] : new double[] {p});
            }
            lines.add(new ExperimentPlots.Line(name + ", this run", colour, false, ours));
            lines.add(new ExperimentPlots.Line(name + ", seed 003 (published)", colour, true, seed));
            colour++;
        }
        String title = t.datasetName() + ", table " + t.table() + (t.table() == 1 ? ": awake = sleep = N batches" : ": awake N, sleep 1, positive lr / N");
        ExperimentPlots.separation(png, title, subtitle(t), lines, t.table());
    }

    /** The plot's second title line: the budget and the seeds (the first few and the count, where there are many). */
    static String subtitle(SeparationTable t) {
        Budget b = t.budget();
        List<Long> all = new ArrayList<>(t.seeds());
        StringBuilder seeds = new StringBuilder();
        for (long v : all.size() > MAX_SEEDS_IN_PLOT ? all.subList(0, MAX_SEEDS_IN_PLOT - 1) : all)
            seeds.append(seeds.length() == 0 ? "" : ", ").append(v);
        if (all.size() > MAX_SEEDS_IN_PLOT)
            seeds.append(String.format(Locale.ROOT, ", …, %d (%,d seeds)", all.get(all.size() - 1), all.size()));
        return String.format(Locale.ROOT, "recipe B, %d epochs x K = %d, batch %d, %d images, Adam lr %s; seeds %s; bars: range over seeds",
                b.epochs(), b.steps(), b.batchSize(), b.trainImages(), Budget.lr(b.learningRate()), seeds);
    }
}
