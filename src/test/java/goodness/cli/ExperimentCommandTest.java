package goodness.cli;

import com.google.gson.JsonObject;
import goodness.experiment.CellStore;
import goodness.experiment.ExperimentPlots;
import com.google.gson.JsonParser;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

/** {@code experiment separation} on a tiny budget: CSV, Markdown, JSON, resume. */
class ExperimentCommandTest {

    private static List<JsonObject> run(String... args) {
        PrintStream old = System.out;
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        System.setOut(new PrintStream(bytes, true, StandardCharsets.UTF_8));
        int rc;
        try {
            rc = GoodnessCli.run(args);
        } finally {
            System.setOut(old);
        }
        assertEquals(0, rc, bytes.toString(StandardCharsets.UTF_8));
        List<JsonObject> out = new ArrayList<>();
        for (String line : bytes.toString(StandardCharsets.UTF_8).split("\n"))
            if (line.startsWith("{")) out.add(JsonParser.parseString(line).getAsJsonObject());
        return out;
    }

    @Test
    void twoCellsThenResumeSkipsThem(@TempDir Path dir) throws Exception {
        String[] args = {"experiment", "separation", "--dataset", "mnist", "--negatives", "random", "--table", "1",
                "--epochs", "1", "--steps", "1", "--train-limit", "512", "--phases", "2", "--threads", "1",
                "--seed", "7", "--out", dir.toString(), "--json", "--no-progress", "--data", SmallMnist.root().toString()};
        List<JsonObject> cells = run(args);
        assertEquals(2, cells.size());
        assertEquals("unseparated", cells.get(0).get("phase").getAsString(), "the baseline runs first");
        assertEquals(2, cells.get(1).get("phase").getAsInt());
        for (JsonObject c : cells) {
            assertEquals("mnist", c.get("dataset").getAsString());
            assertEquals("random", c.get("negatives").getAsString());
            double acc = c.get("accuracy").getAsDouble();
            assertTrue(acc >= 0 && acc <= 1);
            assertEquals(1, c.get("epochs").getAsInt());
            assertEquals(1, c.get("steps").getAsInt());
            assertEquals(7, c.get("seed").getAsLong());
            assertFalse(c.get("resumed").getAsBoolean());
        }

        List<String> csv = Files.readAllLines(dir.resolve("cells.csv"));
        assertEquals(3, csv.size());
        assertEquals(CellStore.HEADER, csv.get(0));
        assertTrue(csv.get(1).startsWith("mnist,random,1,unseparated,1,1,512,512,"), csv.get(1));
        assertTrue(csv.get(2).startsWith("mnist,random,1,2,1,1,512,512,"), csv.get(2));

        String md = Files.readString(dir.resolve("results.md"));
        assertTrue(md.contains("| Dataset | Negative data | Unseparated | 2 |"), md);
        assertTrue(md.contains("| MNIST | Wrong label (seed 003) | 97.7% | 88.0% |"), md);
        assertTrue(md.contains("| MNIST | Wrong label (this run) |"), md);
        assertTrue(md.contains("1 epochs x 1 Adam steps"), md);
        assertTrue(md.contains("Seed: 7"), md);
        String log = Files.readString(dir.resolve("commands.log"));
        assertTrue(log.contains("goodness experiment separation --dataset mnist --negatives random --table 1 --epochs 1"), log);
        assertTrue(log.contains("   # code " + goodness.runs.CodeVersion.current() + "\n"), "each command with the build that ran it: " + log);

        // Same budget again: nothing is retrained, the CSV is unchanged, the same figures come back.
        List<JsonObject> again = run(args);
        assertEquals(2, again.size());
        for (int i = 0; i < 2; i++) {
            assertTrue(again.get(i).get("resumed").getAsBoolean());
            assertEquals(cells.get(i).get("accuracy").getAsDouble(), again.get(i).get("accuracy").getAsDouble(), 1e-4);
        }
        assertEquals(csv, Files.readAllLines(dir.resolve("cells.csv")));
    }

    private static String[] tiny(Path dir, String... more) {
        List<String> a = new ArrayList<>(List.of("experiment", "separation", "--dataset", "mnist", "--steps", "1",
                "--threads", "1", "--out", dir.toString(), "--json", "--no-progress", "--data", SmallMnist.root().toString()));
        a.addAll(List.of(more));
        return a.toArray(new String[0]);
    }

    /** A PNG: the file starts with the PNG signature and decodes to an image of the plot's size. */
    private static void assertPng(Path png) throws Exception {
        assertTrue(Files.isRegularFile(png), png + " written");
        byte[] b = Files.readAllBytes(png);
        assertTrue(b.length > 1000, png + " has " + b.length + " bytes");
        assertArrayEquals(new byte[] {(byte) 0x89, 'P', 'N', 'G'}, java.util.Arrays.copyOf(b, 4));
        java.awt.image.BufferedImage img = javax.imageio.ImageIO.read(png.toFile());
        assertEquals(ExperimentPlots.WIDTH, img.getWidth());
        assertEquals(ExperimentPlots.HEIGHT, img.getHeight());
    }

    @Test
    void writesThePlotBesideTheTable(@TempDir Path dir) throws Exception {
        run(tiny(dir, "--all", "--epochs", "1", "--train-limit", "512", "--phases", "2", "--seed", "7"));
        assertPng(dir.resolve("results.png"));
        assertTrue(Files.readString(dir.resolve("results.md")).contains("`results.png`"));
        // One batch in all: the cell is evaluated after batch 1 of its first awake phase.
        assertTrue(Files.readString(dir.resolve("results.md")).contains("N = 2: awake, batch 1 of 2."), Files.readString(dir.resolve("results.md")));
        assertFalse(Files.exists(dir.resolve("partial")) && Files.list(dir.resolve("partial")).findAny().isPresent(),
                "no checkpoint of a finished cell is left behind");
    }

    @Test
    void aSecondSeedForChosenCellsShowsAsARange(@TempDir Path dir) throws Exception {
        run(tiny(dir, "--epochs", "1", "--train-limit", "512", "--phases", "2,4", "--seed", "7"));
        List<JsonObject> second = run(tiny(dir, "--epochs", "1", "--train-limit", "512", "--phases", "4", "--seed", "8", "--no-unseparated"));
        assertEquals(1, second.size(), "only the chosen cell runs for the second seed");
        assertEquals(8, second.get(0).get("seed").getAsLong());
        assertEquals(4, second.get(0).get("phase").getAsInt());

        List<String> csv = Files.readAllLines(dir.resolve("cells.csv"));
        assertEquals(5, csv.size(), "3 cells of seed 7, 1 of seed 8: " + csv);
        assertTrue(csv.get(4).startsWith("mnist,random,1,4,1,1,512,512," + ExperimentCommand.DEFAULT_LR + ",8,"), csv.get(4));

        String md = Files.readString(dir.resolve("results.md"));
        // The table keeps all columns of the folder's budget and shows the N = 4 cell as a range over two seeds.
        assertTrue(md.contains("| Dataset | Negative data | Unseparated | 2 | 4 |"), md);
        String row = md.lines().filter(l -> l.startsWith("| MNIST | Wrong label (this run) |")).findFirst().orElseThrow();
        String[] cols = row.split("\\|");
        assertTrue(cols[5].contains("(2 seeds)"), row);
        assertFalse(cols[3].contains("seeds"), row);
        double a = 0, b = 0;
        for (String line : csv.subList(1, csv.size())) {
            String[] f = line.split(",");
            if (f[3].equals("4") && f[9].equals("7")) a = 100 * Double.parseDouble(f[12]);
            if (f[3].equals("4") && f[9].equals("8")) b = 100 * Double.parseDouble(f[12]);
        }
        assertTrue(cols[5].contains(String.format(java.util.Locale.ROOT, "%.1f–%.1f%%", Math.min(a, b), Math.max(a, b))), row + " vs " + a + ", " + b);
        assertTrue(md.contains("- seed 7: wrong label N=unseparated, wrong label N=2, wrong label N=4"), md);
        assertTrue(md.contains("- seed 8: wrong label N=4"), md);
        assertPng(dir.resolve("results.png"));
    }

    @Test
    void tableTwoCellContinuesFromItsCheckpointWithItsScheduleAndCounter(@TempDir Path dir) throws Exception {
        // Table 2, N = 4: A = 4, S = 1, positive lr / 4. 1024 images = 2 batches per epoch, 3 epochs = 6 batches,
        // so the cut after epoch 1 (batch counter 2) and after epoch 2 (counter 4) fall inside awake phases.
        Path cut = dir.resolve("cut"), straight = dir.resolve("straight");
        String[] cell = {"--table", "2", "--phases", "4", "--no-unseparated", "--epochs", "3", "--train-limit", "1024", "--seed", "11"};
        List<JsonObject> whole = run(tiny(straight, cell));
        assertEquals(1, whole.size());

        List<String> first = new ArrayList<>(List.of(cell));
        first.addAll(List.of("--stop-after", "1"));
        List<JsonObject> stopped = run(tiny(cut, first.toArray(new String[0])));
        assertEquals(1, stopped.get(0).get("stopped_after").getAsInt());
        assertEquals(1, Files.readAllLines(cut.resolve("cells.csv")).size(), "no finished cell yet");
        Path ckpt;
        try (var files = Files.list(cut.resolve("partial"))) {
            ckpt = files.filter(p -> p.toString().endsWith(".bin")).findFirst().orElseThrow();
        }
        goodness.ff.training.TrainingState s = goodness.ff.io.Checkpoints.loadState(ckpt);
        assertEquals(1, s.epoch());
        assertEquals(2, s.batchCounter(), "the phase counter is saved with the cell");
        assertEquals(goodness.ff.PhaseSchedule.awakeHeavy(4), s.phases());
        assertEquals(0.25, s.phases().positiveRateScale(), 1e-12);
        String[] soFar = Files.readString(ckpt.resolveSibling(ckpt.getFileName() + ".seconds")).trim().split(" ");
        assertEquals(2, soFar.length, "wall and CPU seconds so far, kept beside the checkpoint");
        assertTrue(Double.parseDouble(soFar[0]) > 0 && Double.parseDouble(soFar[1]) > 0, String.join(" ", soFar));

        run(tiny(cut, first.toArray(new String[0]))); // epoch 2 of 3, then stop again
        List<JsonObject> done = run(tiny(cut, cell));  // the last epoch
        assertEquals(1, done.size());
        assertFalse(done.get(0).get("resumed").getAsBoolean(), "finished in this invocation");
        assertEquals(whole.get(0).get("test_errors").getAsInt(), done.get(0).get("test_errors").getAsInt(),
                "three invocations give the uninterrupted cell's result");
        String a = Files.readAllLines(straight.resolve("cells.csv")).get(1), b = Files.readAllLines(cut.resolve("cells.csv")).get(1);
        assertEquals(upToTheTimes(a), upToTheTimes(b), "same CSV line up to the seconds");
        assertTrue(times(b)[1] > 0, "the cut cell's CPU time is recorded too: " + b);
        assertFalse(Files.exists(ckpt), "the finished cell's checkpoint is removed");
    }

    /** A cells.csv row without its last two columns (wall and CPU seconds). */
    private static String upToTheTimes(String row) {
        String[] f = row.split(",", -1);
        assertEquals(15, f.length, row);
        return String.join(",", java.util.Arrays.copyOf(f, 13));
    }

    /** A cells.csv row's wall and CPU seconds. */
    private static double[] times(String row) {
        String[] f = row.split(",", -1);
        return new double[] {Double.parseDouble(f[13]), Double.parseDouble(f[14])};
    }

    @Test
    void eachCellRecordsItsCpuTimeBesideItsWallTime(@TempDir Path dir) throws Exception {
        List<JsonObject> cells = run(tiny(dir, "--negatives", "random", "--epochs", "1", "--train-limit", "512", "--phases", "2", "--seed", "7"));
        List<String> csv = Files.readAllLines(dir.resolve("cells.csv"));
        assertEquals(CellStore.HEADER, csv.get(0));
        assertTrue(csv.get(0).endsWith(",seconds,cpu_seconds"), csv.get(0));
        for (int i = 1; i < csv.size(); i++) {
            double[] t = times(csv.get(i));
            assertTrue(t[0] > 0 && t[1] > 0, "wall and CPU seconds both measured: " + csv.get(i));
            assertEquals(t[1], cells.get(i - 1).get("cpu_seconds").getAsDouble(), 0.05, "the JSON line carries the same CPU time");
        }
        String md = Files.readString(dir.resolve("results.md"));
        assertTrue(md.contains("CPU time") && md.contains("per run; recorded by all 2 runs)"), md);
    }

    @Test
    void aFolderBegunBeforeTheCpuColumnKeepsItsFourteenColumns(@TempDir Path dir) throws Exception {
        // A folder an older build began (and may still be appending to): its header and rows have no cpu_seconds.
        List<String> old = List.of(CellStore.HEADER_WALL_ONLY, "mnist,random,1,unseparated,1,1,512,512,0.01,7,100,1000,0.9000,12.5");
        Files.createDirectories(dir);
        Files.write(dir.resolve("cells.csv"), old);
        List<JsonObject> cells = run(tiny(dir, "--negatives", "random", "--epochs", "1", "--train-limit", "512", "--phases", "2", "--seed", "7"));
        assertEquals(2, cells.size());
        assertTrue(cells.get(0).get("resumed").getAsBoolean(), "the old row is read: its cell is not trained again");
        assertEquals(100, cells.get(0).get("test_errors").getAsInt());
        assertFalse(cells.get(0).has("cpu_seconds"), "no CPU time is made up for a row that has none");
        List<String> csv = Files.readAllLines(dir.resolve("cells.csv"));
        assertEquals(old, csv.subList(0, 2), "the old lines are untouched");
        assertEquals(3, csv.size());
        assertEquals(14, csv.get(2).split(",", -1).length, "the new row in the folder's own 14 columns: " + csv.get(2));
        assertTrue(cells.get(1).get("cpu_seconds").getAsDouble() > 0, "the JSON line still reports the new cell's CPU time");
        String md = Files.readString(dir.resolve("results.md"));
        assertFalse(md.contains("CPU time"), "no CPU figure from a folder that records none: " + md);
    }

    @Test
    void curvesCollectPerEpochTestAccuracy(@TempDir Path dir) throws Exception {
        Path r = dir.resolve("run");
        assertEquals(0, GoodnessCli.run("train", "--preset", "sleep", "--epochs", "2", "--steps", "1", "--train-limit", "512",
                "--eval-every", "1", "--threads", "1", "--out", r.toString(), "--no-progress", "--json", "--data", SmallMnist.root().toString()));
        Path prefix = dir.resolve("out");
        assertEquals(0, GoodnessCli.run("experiment", "curves", r.toString(), "--out", prefix.toString()));
        List<String> csv = Files.readAllLines(dir.resolve("out").resolve("curves.csv"));
        assertEquals(3, csv.size(), "a header and one line per epoch: " + csv);
        List<String> metrics = Files.readAllLines(r.resolve("metrics.jsonl"));
        for (int e = 0; e < 2; e++) {
            JsonObject m = JsonParser.parseString(metrics.get(e)).getAsJsonObject();
            double acc = 100.0 * (m.get("test_cases").getAsInt() - m.get("energy_errors_test").getAsInt()) / m.get("test_cases").getAsInt();
            assertTrue(csv.get(e + 1).startsWith("run,mnist,random,none,1,0.001,0.001,512,1234," + (e + 1) + ","
                    + String.format(java.util.Locale.ROOT, "%.2f,", acc)), csv.get(e + 1));
        }
        assertPng(dir.resolve("out").resolve("results.png"));
        assertTrue(Files.readString(dir.resolve("out").resolve("results.md")).contains("| run | K = 1, lr = 0.001 (K·lr = 0.001) | 2 |"));
        // A folder that is not a train output is one clear message naming the file.
        assertEquals(1, GoodnessCli.run("experiment", "curves", dir.resolve("nothing").toString(), "--out", prefix.toString()));
    }

    @Test
    void tableTwoTakesItsUnseparatedBaselineFromTableOneInsteadOfTrainingItAgain(@TempDir Path dir) throws Exception {
        Path t1 = dir.resolve("t1"), t2 = dir.resolve("t2");
        List<JsonObject> first = run(tiny(t1, "--all", "--epochs", "1", "--train-limit", "512", "--phases", "2", "--seed", "7"));
        java.util.Map<String, Integer> baseline = new java.util.HashMap<>();
        for (JsonObject o : first)
            if (o.get("phase").getAsString().equals("unseparated")) baseline.put(o.get("negatives").getAsString(), o.get("test_errors").getAsInt());
        assertEquals(2, baseline.size(), first.toString());
        // Another dataset's, budget's and seed's baselines in the same source are not taken.
        run(tiny(t1, "--epochs", "1", "--train-limit", "512", "--phases", "2", "--seed", "8"));

        List<JsonObject> second = run(tiny(t2, "--all", "--table", "2", "--epochs", "1", "--train-limit", "512", "--phases", "2",
                "--seed", "7", "--unseparated-from", t1.toString()));
        for (JsonObject o : second) {
            if (!o.get("phase").getAsString().equals("unseparated")) continue;
            assertTrue(o.get("resumed").getAsBoolean(), "taken from cells.csv, not trained: " + o);
            assertEquals((int) baseline.get(o.get("negatives").getAsString()), o.get("test_errors").getAsInt());
        }
        List<String> csv = Files.readAllLines(t2.resolve("cells.csv"));
        assertEquals(5, csv.size(), "two copied baselines (seed 7 only) and two trained Table 2 cells: " + csv);
        assertEquals(2, csv.stream().filter(l -> l.contains(",1,unseparated,") && l.contains(",7,")).count(), csv.toString());
        String md = Files.readString(t2.resolve("results.md"));
        String row = md.lines().filter(l -> l.startsWith("| MNIST | Masks (this run) |")).findFirst().orElseThrow();
        assertFalse(row.split("\\|")[3].isBlank() || row.split("\\|")[3].contains("…"), "the Unseparated column is filled: " + row);

        // Again: nothing new to copy, nothing trained.
        List<JsonObject> third = run(tiny(t2, "--all", "--table", "2", "--epochs", "1", "--train-limit", "512", "--phases", "2",
                "--seed", "7", "--unseparated-from", t1.toString()));
        assertTrue(third.stream().allMatch(o -> o.get("resumed").getAsBoolean()), third.toString());
        assertEquals(5, Files.readAllLines(t2.resolve("cells.csv")).size());
    }

    @Test
    void unseparatedFromAFolderWithoutCellsSaysWhichFileIsMissing(@TempDir Path dir) {
        PrintStream old = System.err;
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
        int rc;
        try {
            rc = GoodnessCli.run(tiny(dir.resolve("t2"), "--table", "2", "--epochs", "1", "--train-limit", "512", "--phases", "2",
                    "--unseparated-from", dir.resolve("nowhere").toString()));
        } finally {
            System.setErr(old);
        }
        assertNotEquals(0, rc);
        String text = err.toString(StandardCharsets.UTF_8);
        assertTrue(text.contains(dir.resolve("nowhere").resolve("cells.csv") + " does not exist"), text);
        assertFalse(text.contains("Exception") || text.contains("\tat "), text);
    }

    @Test
    void rejectsHardNegativesAndBadTable() {
        assertNotEquals(0, GoodnessCli.run("experiment", "separation", "--negatives", "hard", "--epochs", "1"));
        assertNotEquals(0, GoodnessCli.run("experiment", "separation", "--table", "3"));
    }
}
