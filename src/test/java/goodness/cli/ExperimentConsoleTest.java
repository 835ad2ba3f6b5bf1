package goodness.cli;

import goodness.data.Dataset;
import goodness.experiment.Budget;
import goodness.experiment.Cell;
import goodness.experiment.CellResult;
import goodness.experiment.ExperimentListener;
import goodness.ff.NegativeMode;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

/** The lines {@code experiment separation} prints for what the experiment tells it. */
class ExperimentConsoleTest {
    private static final Cell N2 = new Cell(Dataset.MNIST, NegativeMode.RANDOM, 1, 2);
    private static final Budget BUDGET = new Budget(1, 1, 512, 512, 0.01, 7);

    private static String said(boolean json, java.util.function.Consumer<ExperimentConsole> events) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        events.accept(new ExperimentConsole(new PrintStream(bytes, true, StandardCharsets.UTF_8), json, false));
        return bytes.toString(StandardCharsets.UTF_8);
    }

    @Test
    void eachEventIsOneLine() {
        CellResult trained = new CellResult(N2, BUDGET, 250, 1000, 3.04, 5.06);
        String out = said(false, c -> {
            c.cellHeldElsewhere(N2, true);
            c.cellHeldElsewhere(N2, false);
            c.waitingFor(N2);
            c.continuing(N2, Path.of("partial", "x.bin"), 3);
            c.cellDone(new ExperimentListener.CellDone(2, 4, trained, false, 75, 130, 1));
            c.cellDone(new ExperimentListener.CellDone(3, 4, new CellResult(N2, BUDGET, 250, 1000, 3.0, Double.NaN), true, 75, Double.NaN, 0));
            c.stopped(1, N2);
            c.leftToOtherProcesses(List.of(N2, new Cell(Dataset.MNIST, NegativeMode.MASK, 1, 0)));
            c.finished(Path.of("out", "results.md"), Path.of("out", "cells.csv"));
        });
        assertEquals(String.join(System.lineSeparator(),
                "cell random N=2: another process is running it; coming back to it after the other cells",
                "cell random N=2: another process is running it; leaving it to that process (--no-wait)",
                "waiting for cell random N=2, which another process is running",
                "cell random N=2: continuing from " + Path.of("partial", "x.bin") + " (epoch 3)",
                "[3/4] mnist random N=2: 75.00% test accuracy (250/1000 errors), 3.0 s, CPU 5.1 s, seed 7 | elapsed 1m15s, ETA 2m10s",
                "[4/4] mnist random N=2: 75.00% test accuracy (250/1000 errors), from cells.csv, seed 7 | elapsed 1m15s, ETA 0s",
                "stopped after 1 epoch as asked (--stop-after); cell random N=2 keeps its checkpoint; run the same command again to continue",
                "left to the processes running them (--no-wait): random N=2, mask N=unseparated",
                "results: " + Path.of("out", "results.md") + ", " + Path.of("out", "cells.csv"), ""), out);
    }

    @Test
    void withJsonOnlyCellsAndTheStopAreLines() {
        String out = said(true, c -> {
            c.cellHeldElsewhere(N2, true);
            c.waitingFor(N2);
            c.cellDone(new ExperimentListener.CellDone(0, 1, new CellResult(N2, BUDGET, 250, 1000, 3.0, Double.NaN), true, 1, Double.NaN, 0));
            c.stopped(2, N2);
            c.finished(Path.of("results.md"), Path.of("cells.csv"));
        });
        String[] lines = out.split("\\R");
        assertEquals(2, lines.length, out);
        assertTrue(lines[0].startsWith("{") && lines[0].contains("\"phase\":2") && lines[0].contains("\"resumed\":true") && !lines[0].contains("cpu_seconds"), lines[0]);
        assertEquals("{\"stopped_after\":2,\"cell_in_progress\":\"random N=2\"}", lines[1]);
    }
}
