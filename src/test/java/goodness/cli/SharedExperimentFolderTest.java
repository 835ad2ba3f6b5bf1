package goodness.cli;

import goodness.data.Dataset;
import goodness.ff.FFConfig;
import goodness.ff.NegativeMode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
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

    /** An experiment over N = unseparated, 1, 2, 4 writing what it says into {@code said}. */
    private static SeparationExperiment experiment(Path dir, ByteArrayOutputStream said) {
        FFConfig base = FFConfig.sleep().toBuilder().dataset(Dataset.MNIST).hiddenSizes(List.of(32, 32)).epochs(1)
                .stepsPerBatch(1).learningRate(0.01).trainLimit(512).seed(SEED).threads(1).backend("ejml").evalEvery(0).build();
        SeparationExperiment e = new SeparationExperiment(SmallMnist.root(), dir, Dataset.MNIST, List.of(NegativeMode.RANDOM), 1,
                List.of(1, 2, 4), base, false, false, new PrintStream(said, true, StandardCharsets.UTF_8));
        e.pollMillis = 20;
        return e;
    }

    private static SeparationExperiment.Cell cellN(int n) {
        return new SeparationExperiment.Cell(Dataset.MNIST, NegativeMode.RANDOM, 1, n);
    }

    /** The budget of {@link #experiment}: 1 epoch, 1 step, batch 512, 512 images, lr 0.01. */
    private static SeparationExperiment.Budget budget() {
        return new SeparationExperiment.Budget(1, 1, 512, 512, 0.01, SEED);
    }

    private static List<String> csvLines(Path dir) throws Exception {
        List<String> lines = Files.readAllLines(dir.resolve("cells.csv"));
        return lines.subList(1, lines.size());
    }

    /** What an experiment says; a reader can wait for a text, woken by each write (no polling). */
    private static final class Said extends ByteArrayOutputStream {
        @Override
        public synchronized void write(int b) {
            super.write(b);
            notifyAll();
        }

        @Override
        public synchronized void write(byte[] b, int off, int len) {
            super.write(b, off, len);
            notifyAll();
        }

        /** Returns once {@code text} has been said; fails after two minutes without it. */
        synchronized void await(String text) throws InterruptedException {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
            while (!toString(StandardCharsets.UTF_8).contains(text)) {
                long left = deadline - System.nanoTime();
                assertTrue(left > 0, "never said \"" + text + "\"; said:\n" + toString(StandardCharsets.UTF_8));
                TimeUnit.NANOSECONDS.timedWait(this, left);
            }
        }
    }

    private static List<String> errorsByCell(List<SeparationExperiment.Result> results) {
        return results.stream().map(r -> r.cell().phaseLabel() + ": " + r.testErrors()).toList();
    }

    private static int errorsOf(List<SeparationExperiment.Result> results, int n) {
        return results.stream().filter(r -> r.cell().phase() == n).findFirst().orElseThrow().testErrors();
    }

    @Test
    void twoProcessesOnOneFolderTrainEveryCellExactlyOnce(@TempDir Path dir) throws Exception {
        ByteArrayOutputStream saidA = new ByteArrayOutputStream(), saidB = new ByteArrayOutputStream();
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            Future<List<SeparationExperiment.Result>> a = pool.submit(() -> experiment(dir, saidA).run());
            Future<List<SeparationExperiment.Result>> b = pool.submit(() -> experiment(dir, saidB).run());
            List<SeparationExperiment.Result> ra = a.get(5, TimeUnit.MINUTES), rb = b.get(5, TimeUnit.MINUTES);
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
        try (CellLock other = CellLock.tryClaim(e.lockFile(cellN(2), budget()))) {
            assertNotNull(other);
            Future<List<SeparationExperiment.Result>> run = pool.submit(e::run);
            said.await("waiting for cell random N=2");
            assertTrue(said.toString(StandardCharsets.UTF_8).contains("[4/4] mnist random N=4"), "the other cells ran first:\n" + said);
            // The other process finishes: its line (an error count no tiny run gives) goes into the CSV.
            Files.writeString(dir.resolve("cells.csv"), "mnist,random,1,2,1,1,512,512,0.01,7,499,500,0.0020,1.0\n",
                    StandardCharsets.UTF_8, StandardOpenOption.APPEND);
            other.releaseFinished();
            List<SeparationExperiment.Result> results = run.get(2, TimeUnit.MINUTES);
            assertEquals(4, results.size());
            assertEquals(List.of(0, 1, 2, 4), results.stream().map(r -> r.cell().phase()).toList(), "results in cell order");
            assertEquals(499, errorsOf(results, 2), "N = 2 was taken from the CSV, not trained here");
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
        List<SeparationExperiment.Result> results;
        try {
            CellLock other = CellLock.tryClaim(e.lockFile(cellN(2), budget()));
            assertNotNull(other);
            Future<List<SeparationExperiment.Result>> run = pool.submit(e::run);
            said.await("waiting for cell random N=2");
            other.close();   // the other process ends (killed, or stopped) without writing the cell
            results = run.get(2, TimeUnit.MINUTES);
        } finally {
            pool.shutdownNow();
        }
        String out = said.toString(StandardCharsets.UTF_8);
        assertEquals(1, out.split("another process is running it", -1).length - 1, "said once, not at every look while waiting:\n" + out);
        assertTrue(out.matches("(?s).*\\[3/4] mnist random N=2: .* s, seed 7.*"), "N = 2 was trained here:\n" + out);
        assertEquals(4, csvLines(dir).size());
        List<SeparationExperiment.Result> undisturbed = experiment(alone, new ByteArrayOutputStream()).run();
        assertEquals(errorsOf(undisturbed, 2), errorsOf(results, 2), "the same cell as in a run nobody shared");
    }

    @Test
    void withNoWaitAWorkerLeavesTheHeldCellToItsHolderAndFinishes(@TempDir Path dir) throws Exception {
        ByteArrayOutputStream said = new ByteArrayOutputStream();
        SeparationExperiment e = experiment(dir, said);
        e.waitForHeldCells = false;
        try (CellLock other = CellLock.tryClaim(e.lockFile(cellN(2), budget()))) {
            assertNotNull(other);
            List<SeparationExperiment.Result> results = e.run();   // returns while the claim is still held
            assertEquals(List.of(0, 1, 4), results.stream().map(r -> r.cell().phase()).toList());
            String out = said.toString(StandardCharsets.UTF_8);
            assertTrue(out.contains("cell random N=2: another process is running it; leaving it to that process (--no-wait)"), out);
            assertTrue(out.contains("left to the processes running them (--no-wait): random N=2"), out);
            assertEquals(3, csvLines(dir).size(), "N = 2 stays the holder's to write");
        }
    }

    @Test
    void withNoWaitAHeldCellThatWasFinishedMeanwhileIsReportedNotLeft(@TempDir Path dir) throws Exception {
        CellLock[] other = new CellLock[1];
        // The other process finishes N = 2 while this one prints its last cell of the first pass:
        // the output stream does it, on this process's own thread, so the timing is exact.
        ByteArrayOutputStream said = new ByteArrayOutputStream() {
            private boolean done;

            @Override
            public synchronized void write(byte[] b, int off, int len) {
                super.write(b, off, len);
                if (!done && toString(StandardCharsets.UTF_8).contains("[4/4] mnist random N=4")) {
                    done = true;
                    try {
                        Files.writeString(dir.resolve("cells.csv"), "mnist,random,1,2,1,1,512,512,0.01,7,499,500,0.0020,1.0\n",
                                StandardCharsets.UTF_8, StandardOpenOption.APPEND);
                        other[0].releaseFinished();
                    } catch (java.io.IOException e) {
                        throw new java.io.UncheckedIOException(e);
                    }
                }
            }
        };
        SeparationExperiment e = experiment(dir, said);
        e.waitForHeldCells = false;
        other[0] = CellLock.tryClaim(e.lockFile(cellN(2), budget()));
        assertNotNull(other[0]);
        List<SeparationExperiment.Result> results = e.run();
        String out = said.toString(StandardCharsets.UTF_8);
        assertEquals(List.of(0, 1, 2, 4), results.stream().map(r -> r.cell().phase()).toList(), out);
        assertEquals(499, errorsOf(results, 2), "taken from the CSV");
        assertFalse(out.contains("left to the processes running them"), out);
        assertEquals(1, out.split("mnist random N=2: ", -1).length - 1, "N = 2 reported once:\n" + out);
    }
}
