package goodness.cli;

import com.google.gson.JsonObject;
import goodness.experiment.Budget;
import goodness.experiment.Cell;
import goodness.experiment.CellResult;
import goodness.experiment.ExperimentListener;
import goodness.experiment.ExperimentOptions;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * What {@code experiment separation} prints as the experiment goes: a line per event on stdout,
 * or with {@code --json} one JSON object per finished cell (and one when it stops early); a
 * progress bar inside a cell on a terminal's stderr.
 */
final class ExperimentConsole implements ExperimentListener {
    private final PrintStream out;
    private final boolean json;
    private final Progress progress;

    ExperimentConsole(PrintStream out, boolean json, boolean progressBar) {
        this.out = out;
        this.json = json;
        this.progress = new Progress(progressBar && !json);
    }

    @Override
    public void started(ExperimentOptions o, Budget b, int cells) {
        if (json) return;
        out.printf("separation experiment: %s, table %d, %d cells; budget %d epochs x %d steps (batch %d, %d train images, %d batches per cell, Adam lr %s), seed %d; output %s%n",
                o.dataset().folder(), o.table(), cells, b.epochs(), b.steps(), b.batchSize(), b.trainImages(), b.batchesPerCell(),
                lr(b.learningRate()), b.seed(), o.out());
    }

    @Override
    public void unseparatedCopied(Path source, int found, int copied) {
        if (!json) out.printf("--unseparated-from %s: %d matching unseparated cell(s), %d new here%n", source, found, copied);
    }

    @Override
    public void cellHeldElsewhere(Cell cell, boolean willWait) {
        if (!json)
            out.printf("cell %s: another process is running it; %s%n", cell.label(),
                    willWait ? "coming back to it after the other cells" : "leaving it to that process (--no-wait)");
    }

    @Override
    public void waitingFor(Cell cell) {
        if (!json) out.printf("waiting for cell %s, which another process is running%n", cell.label());
        out.flush();
    }

    @Override
    public void continuing(Cell cell, Path checkpoint, int epoch) {
        if (!json) out.printf("cell %s: continuing from %s (epoch %d)%n", cell.label(), checkpoint, epoch);
    }

    @Override
    public void batchTrained(Cell cell, int index, int total, long done, long all, double imagesPerSecond, double etaSeconds) {
        progress.update(String.format("cell %d/%d N=%s", index + 1, total, cell.phaseLabel()), (int) done, (int) all, imagesPerSecond, etaSeconds);
    }

    @Override
    public void cellTrainingEnded(Cell cell) {
        progress.clear();
    }

    @Override
    public void cellDone(CellDone d) {
        CellResult r = d.result();
        Cell cell = r.cell();
        if (json) {
            JsonObject o = json(r);
            o.addProperty("resumed", d.fromStore());
            out.println(Json.GSON.toJson(o));
        } else {
            out.printf("[%d/%d] %s %s N=%s: %.2f%% test accuracy (%d/%d errors), %s%s | elapsed %s, ETA %s%n",
                    d.index() + 1, d.total(), cell.dataset().folder(), cell.negatives().id(), cell.phaseLabel(),
                    100 * r.accuracy(), r.testErrors(), r.testCases(),
                    d.fromStore() ? "from cells.csv" : String.format(Locale.ROOT, "%.1f s", r.seconds())
                            + (Double.isFinite(r.cpuSeconds()) ? String.format(Locale.ROOT, ", CPU %.1f s", r.cpuSeconds()) : ""),
                    ", seed " + r.budget().seed(), Progress.eta(d.elapsedSeconds()), d.cellsLeft() == 0 ? "0s" : Progress.eta(d.etaSeconds()));
        }
        out.flush();
    }

    @Override
    public void stopped(int epochs, Cell inProgress) {
        if (json) {
            JsonObject o = new JsonObject();
            o.addProperty("stopped_after", epochs);
            o.addProperty("cell_in_progress", inProgress.label());
            out.println(Json.GSON.toJson(o));
        } else out.printf("stopped after %d epoch%s as asked (--stop-after); cell %s keeps its checkpoint; run the same command again to continue%n",
                epochs, epochs == 1 ? "" : "s", inProgress.label());
        out.flush();
    }

    @Override
    public void leftToOtherProcesses(List<Cell> cells) {
        if (!json) out.println("left to the processes running them (--no-wait): " + String.join(", ", cells.stream().map(Cell::label).toList()));
    }

    @Override
    public void finished(Path report, Path cells) {
        if (!json) out.println("results: " + report + ", " + cells);
    }

    static JsonObject json(CellResult r) {
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

    private static String lr(double lr) {
        return String.format(Locale.ROOT, "%s", lr);
    }
}
