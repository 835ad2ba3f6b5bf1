package goodness.experiment;

import goodness.cli.SmallMnist;
import goodness.data.Dataset;
import goodness.ff.FFConfig;
import goodness.ff.NegativeMode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.*;

/**
 * Two processes (here: two experiments on two threads, which claim cells the same way) may run
 * one experiment folder side by side, one per core: no cell is trained twice, a cell the other
 * holds is taken from {@code cells.csv} once it is there, and one the other gave up on is trained
 * here. Tiny budget: 2 hidden layers of 32, one epoch of one step on the first 512 images.
 */
class SharedExperimentFolderTest {
    private static final long SEED = 7;

    /** What an experiment tells its listener, one line per event, as it happens. */
    /** What an experiment reports; a test can wait for an event, woken by each one (no polling). */
    private static class Said implements ExperimentListener {
        final List<String> events = new CopyOnWriteArrayList<>();

        private synchronized void add(String event) {
            events.add(event);
            notifyAll();
        }

        /** Returns once an event containing {@code text} has come; fails after two minutes without it. */
        synchronized void await(String text) throws InterruptedException {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
            while (!said(text)) {
                long left = deadline - System.nanoTime();
                assertTrue(left > 0, "never said \"" + text + "\"; said:\n" + this);
                TimeUnit.NANOSECONDS.timedWait(this, left);
            }
        }

        @Override
        public void cellHeldElsewhere(Cell cell, boolean willWait) {
            add("held " + cell.label() + (willWait ? ", coming back to it" : ", leaving it to its holder"));
        }

        @Override
        public void waitingFor(Cell cell) {
            add("waiting for " + cell.label());
        }

        @Override
        public void cellDone(CellDone d) {
            add("[" + (d.index() + 1) + "/" + d.total() + "] " + d.result().cell().label()
                    + (d.fromStore() ? " from cells.csv" : " trained here") + ", seed " + d.result().budget().seed());
        }

        @Override
        public void leftToOtherProcesses(List<Cell> cells) {
            add("left to other processes: " + String.join(", ", cells.stream().map(Cell::label).toList()));
        }

        boolean said(String text) {
            return events.stream().anyMatch(e -> e.contains(text));
        }

        long count(String text) {
            return events.stream().filter(e -> e.contains(text)).count();
        }

        @Override
        public String toString() {
            return String.join("\n", events);
        }
    }

    private static ExperimentOptions options(Path dir) {
        FFConfig base = FFConfig.sleep().toBuilder().dataset(Dataset.MNIST).hiddenSizes(List.of(32, 32)).epochs(1)
                .stepsPerBatch(1).learningRate(0.01).trainLimit(512).seed(SEED).threads(1).backend("ejml").evalEvery(0).build();
        return ExperimentOptions.of(SmallMnist.root(), dir, Dataset.MNIST, List.of(NegativeMode.RANDOM), 1, List.of(1, 2, 4), base)
                .withPollMillis(20);
    }

    /** An experiment over N = unseparated, 1, 2, 4 telling {@code said} what it does. */
    private static SeparationExperiment experiment(Path dir, Said said) {
        return new SeparationExperiment(options(dir), said);
    }

    private static SeparationExperiment experiment(ExperimentOptions options, Said said) {
        return new SeparationExperiment(options, said);
    }

    private static Path lockOf(Path dir, int n) {
        return new ExperimentFolder(dir).lockFile(cellN(n), budget());
    }

    private static Cell cellN(int n) {
        return new Cell(Dataset.MNIST, NegativeMode.RANDOM, 1, n);
    }

    /** The budget of {@link #options}: 1 epoch, 1 step, batch 512, 512 images, lr 0.01. */
    private static Budget budget() {
        return new Budget(1, 1, 512, 512, 0.01, SEED);
    }

    private static List<String> csvLines(Path dir) throws Exception {
        List<String> lines = Files.readAllLines(dir.resolve("cells.csv"));
        return lines.subList(1, lines.size());
    }

    private static List<String> errorsByCell(List<CellResult> results) {
        return results.stream().map(r -> r.cell().phaseLabel() + ": " + r.testErrors()).toList();
    }

    private static int errorsOf(List<CellResult> results, int n) {
        return results.stream().filter(r -> r.cell().phase() == n).findFirst().orElseThrow().testErrors();
    }

    @Test
    void twoProcessesOnOneFolderTrainEveryCellExactlyOnce(@TempDir Path dir) throws Exception {
        Said saidA = new Said(), saidB = new Said();
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            Future<List<CellResult>> a = pool.submit(() -> experiment(dir, saidA).run());
            Future<List<CellResult>> b = pool.submit(() -> experiment(dir, saidB).run());
            List<CellResult> ra = a.get(5, TimeUnit.MINUTES), rb = b.get(5, TimeUnit.MINUTES);
            assertEquals(4, ra.size());
            assertEquals(errorsByCell(ra), errorsByCell(rb), "both report the whole table, with the same figures");
        } finally {
            pool.shutdownNow();
        }
        List<String> lines = csvLines(dir);
        Set<String> cells = new HashSet<>();
        for (String l : lines) assertTrue(cells.add(String.join(",", List.of(l.split(",")).subList(0, 10))), "trained twice: " + l);
        assertEquals(4, cells.size(), String.join("\n", lines));
        try (Stream<Path> left = Files.exists(dir.resolve("partial")) ? Files.list(dir.resolve("partial")) : Stream.empty()) {
            assertEquals(List.of(), left.toList(), "no checkpoint or claim is left once every cell is in the CSV");
        }
    }

    @Test
    void aCellAnotherProcessHoldsIsLeftToItAndTakenFromTheCsvWhenItIsThere(@TempDir Path dir) throws Exception {
        Said said = new Said();
        SeparationExperiment e = experiment(dir, said);
        ExecutorService pool = Executors.newSingleThreadExecutor();
        try (CellLock other = CellLock.tryClaim(lockOf(dir, 2))) {
            assertNotNull(other);
            Future<List<CellResult>> run = pool.submit(e::run);
            said.await("waiting for random N=2");
            assertTrue(said.said("[4/4] random N=4 trained here"), "the other cells ran first:\n" + said);
            // The other process finishes: its line (an error count no tiny run gives) goes into the CSV.
            Files.writeString(dir.resolve("cells.csv"), "mnist,random,1,2,1,1,512,512,0.01,7,499,500,0.0020,1.0\n",
                    StandardCharsets.UTF_8, StandardOpenOption.APPEND);
            other.releaseFinished();
            List<CellResult> results = run.get(2, TimeUnit.MINUTES);
            assertEquals(4, results.size());
            assertEquals(List.of(0, 1, 2, 4), results.stream().map(r -> r.cell().phase()).toList(), "results in cell order");
            assertEquals(499, errorsOf(results, 2), "N = 2 was taken from the CSV, not trained here");
            assertTrue(said.said("[3/4] random N=2 from cells.csv"), said.toString());
            assertEquals(4, csvLines(dir).size());
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void aCellWhoseHolderStopsWithoutFinishingItIsTrainedHereAsIfUndisturbed(@TempDir Path dir, @TempDir Path alone) throws Exception {
        Said said = new Said();
        SeparationExperiment e = experiment(dir, said);
        ExecutorService pool = Executors.newSingleThreadExecutor();
        List<CellResult> results;
        try {
            CellLock other = CellLock.tryClaim(lockOf(dir, 2));
            assertNotNull(other);
            Future<List<CellResult>> run = pool.submit(e::run);
            said.await("waiting for random N=2");
            other.close();   // the other process ends (killed, or stopped) without writing the cell
            results = run.get(2, TimeUnit.MINUTES);
        } finally {
            pool.shutdownNow();
        }
        assertEquals(1, said.count("held random N=2, coming back to it"), "said once, not at every look while waiting:\n" + said);
        assertEquals(1, said.count("waiting for random N=2"), said.toString());
        assertTrue(said.said("[3/4] random N=2 trained here, seed 7"), "N = 2 was trained here:\n" + said);
        assertEquals(4, csvLines(dir).size());
        List<CellResult> undisturbed = experiment(alone, new Said()).run();
        assertEquals(errorsOf(undisturbed, 2), errorsOf(results, 2), "the same cell as in a run nobody shared");
    }

    @Test
    void withoutWaitingAWorkerLeavesTheHeldCellToItsHolderAndFinishes(@TempDir Path dir) throws Exception {
        Said said = new Said();
        SeparationExperiment e = experiment(options(dir).withWaitForHeldCells(false), said);
        try (CellLock other = CellLock.tryClaim(lockOf(dir, 2))) {
            assertNotNull(other);
            List<CellResult> results = e.run();   // returns while the claim is still held
            assertEquals(List.of(0, 1, 4), results.stream().map(r -> r.cell().phase()).toList());
            assertTrue(said.said("held random N=2, leaving it to its holder"), said.toString());
            assertTrue(said.said("left to other processes: random N=2"), said.toString());
            assertFalse(said.said("waiting for"), said.toString());
            assertEquals(3, csvLines(dir).size(), "N = 2 stays the holder's to write");
        }
    }

    @Test
    void withoutWaitingAHeldCellThatWasFinishedMeanwhileIsReportedNotLeft(@TempDir Path dir) throws Exception {
        CellLock[] other = new CellLock[1];
        // The other process finishes N = 2 while this one reports its last cell of the first pass:
        // the listener does it, on this process's own thread, so the timing is exact.
        Said said = new Said() {
            @Override
            public void cellDone(CellDone d) {
                super.cellDone(d);
                if (d.index() != 3) return;
                try {
                    Files.writeString(dir.resolve("cells.csv"), "mnist,random,1,2,1,1,512,512,0.01,7,499,500,0.0020,1.0\n",
                            StandardCharsets.UTF_8, StandardOpenOption.APPEND);
                    other[0].releaseFinished();
                } catch (java.io.IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            }
        };
        SeparationExperiment e = experiment(options(dir).withWaitForHeldCells(false), said);
        other[0] = CellLock.tryClaim(lockOf(dir, 2));
        assertNotNull(other[0]);
        List<CellResult> results = e.run();
        assertEquals(List.of(0, 1, 2, 4), results.stream().map(r -> r.cell().phase()).toList(), said.toString());
        assertEquals(499, errorsOf(results, 2), "taken from the CSV");
        assertFalse(said.said("left to other processes"), said.toString());
        assertEquals(1, said.count("] random N=2 "), "N = 2 reported once:\n" + said);
    }
}
