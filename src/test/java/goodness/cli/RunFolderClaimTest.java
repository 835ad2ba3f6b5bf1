package goodness.cli;

import com.google.gson.JsonParser;
import goodness.runs.RunStore;
import goodness.runs.RunSummary;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A run folder belongs to one run: two {@code train} processes aimed at the same folder never
 * both write there (one runs, the other is refused with a line naming the holder, and the
 * winner's files stay whole); two runs started in the same second get different folders; a
 * folder of the user's, another run's folder and the files a command reads are never written.
 */
class RunFolderClaimTest {
    /** A run of a few tenths of a second (6 epochs); the concurrent runs train {@value #LONG} epochs, long enough to overlap. */
    private static final String[] TINY = {"--preset", "sleep", "--steps", "1", "--train-limit", "200", "--hidden", "20,20", "--batch-size", "50",
            "--eval-every", "0", "--backend", "ejml", "--threads", "1", "--no-progress", "--json"};
    private static final Pattern HOLDER = Pattern.compile(
            "goodness: .*: is in use by pid \\d+ on host \\S+ since \\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\dZ");

    private static final int LONG = 12;

    @TempDir
    Path tmp;

    @Test
    void twoTrainsIntoTheSameFolderStartedTogetherRunOnceAndTheWinnersFilesStayWhole() throws Exception {
        int overlapped = 0;
        for (int trial = 0; trial < 5; trial++) {
            Path out = tmp.resolve("store/same-" + trial);
            // Different settings, as a user who started two runs into one folder by mistake.
            Process a = start(trial, "a", LONG, "train", "--out", out.toString(), "--lr", "0.001");
            Process b = start(trial, "b", LONG, "train", "--out", out.toString(), "--lr", "0.002");
            int ca = waitFor(a), cb = waitFor(b);
            String ea = err(trial, "a"), eb = err(trial, "b");
            assertTrue(ca == 0 ^ cb == 0, "trial " + trial + ": exactly one runs; exit codes " + ca + " and " + cb + "\n" + ea + "\n" + eb);
            String loser = ca == 0 ? eb : ea;
            assertEquals(1, loser.strip().lines().count(), "one line: " + loser);
            assertFalse(loser.contains("Exception"), loser);
            if (loser.contains("is in use")) {
                overlapped++;
                assertTrue(HOLDER.matcher(loser.strip()).matches(), "the line names the holder: " + loser);
            } else assertTrue(loser.contains("already holds a run"), loser);
            String lr = ca == 0 ? "0.001" : "0.002";
            assertTrue(Files.exists(out.resolve("config.json")), "trial " + trial);
            assertTrue(Files.exists(out.resolve("run.lock")), "trial " + trial);
            assertTrue(Files.exists(out.resolve("model.ffm")), "trial " + trial);
            assertEquals(Double.parseDouble(lr), JsonParser.parseString(Files.readString(out.resolve("config.json")))
                    .getAsJsonObject().get("learningRate").getAsDouble(), "the winner's config");
            assertEquals(java.util.stream.IntStream.range(0, LONG).boxed().toList(), epochs(out), "trial " + trial + ": one row per epoch, from epoch 0");
            List<RunSummary> listed = new RunStore(out.getParent()).list();
            assertTrue(listed.stream().anyMatch(s -> s.name().equals(out.getFileName().toString())), "listed: " + listed);
        }
        System.out.println("trials where the second claimant found the folder in use: " + overlapped + " of 5");
        assertTrue(overlapped > 0, "at least one trial had both processes claim the folder while the other trained");
    }

    @Test
    void aRunListedWhileItTrainsInTheSameProcessStaysClaimed() throws Exception {
        Path dir = tmp.resolve("store/live");
        goodness.ff.FFConfig c = goodness.ff.FFConfig.hinton().toBuilder().hiddenSizes(List.of(20, 20)).epochs(2).build();
        goodness.runs.RunProvenance p = new goodness.runs.RunProvenance("app", goodness.runs.CodeVersion.current(),
                java.time.Instant.now(), c.seed(), "data", "mnist", "HINTON", 1, 1, 1, List.of());
        try (goodness.runs.RunWriter w = goodness.runs.RunWriter.create(dir, c, p)) {
            // The app lists its store while it trains: probing the lock must not drop it.
            for (int i = 0; i < 3; i++) assertEquals(1, new RunStore(dir.getParent()).list().size());
            Process other = start(0, "x", "train", "--out", dir.toString());
            assertNotEquals(0, waitFor(other));
            assertTrue(err(0, "x").startsWith("goodness: " + dir + ": is in use by pid " + ProcessHandle.current().pid() + " on host "),
                    err(0, "x"));
            goodness.runs.RunFileException e = org.junit.jupiter.api.Assertions.assertThrows(goodness.runs.RunFileException.class,
                    () -> goodness.runs.RunWriter.create(dir, c, p));
            assertTrue(e.getMessage().startsWith(dir + ": is in use by pid " + ProcessHandle.current().pid() + " on host "), e.getMessage());
            assertTrue(e.getMessage().endsWith("(this process)"), e.getMessage());
            assertTrue(Files.exists(dir.resolve("config.json")), "the live run's files stay");
        }
    }

    @Test
    void resumingOrStartingARunInTheFolderOfARunThatTrainsIsRefusedNamingItsProcess() throws Exception {
        Path dir = tmp.resolve("store/busy");
        Process p = start(0, "t", 200, "train", "--out", dir.toString());
        try {
            long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (!Files.exists(dir.resolve("checkpoint.bin")) && p.isAlive() && System.nanoTime() < until) Thread.sleep(20);
            assertTrue(p.isAlive(), "the run still trains: " + err(0, "t"));
            CliRunner.Result r = CliRunner.run(args(200, "train", "--resume", dir.resolve("checkpoint.bin").toString()));
            assertNotEquals(0, r.code());
            assertEquals(1, r.errorLine().lines().count(), r.err());
            assertTrue(r.errorLine().startsWith("goodness: " + dir + ": is in use by pid " + p.pid() + " on host "), r.errorLine());

            // A short new run aimed at the same folder: refused, and the training run's files all stay.
            Set<String> files = snapshot(dir).keySet();
            r = CliRunner.run(args(1, "train", "--out", dir.toString()));
            assertNotEquals(0, r.code());
            assertEquals(1, r.errorLine().lines().count(), r.err());
            assertTrue(r.errorLine().startsWith("goodness: " + dir + ": is in use by pid " + p.pid() + " on host "), r.errorLine());
            assertTrue(snapshot(dir).keySet().containsAll(files), "the training run's files stay: " + files + " -> " + snapshot(dir).keySet());
            assertTrue(p.isAlive(), "the run still trains: " + err(0, "t"));
        } finally {
            p.destroyForcibly().waitFor();
        }
        List<Integer> rows = epochs(dir);
        assertEquals(java.util.stream.IntStream.range(0, rows.size()).boxed().toList(), rows, "the training run's rows, once each");
    }

    @Test
    void twoRunsStartedInTheSameSecondInOneStoreBothRunInTheirOwnFolders() throws Exception {
        Path store = tmp.resolve("runs");
        goodness.ff.FFConfig c = goodness.ff.FFConfig.hinton();
        RunStore s = new RunStore(store);
        Path first = s.newRunFolder(c), second = s.newRunFolder(c);
        assertNotEquals(first, second, "a name once given is taken");
        assertTrue(Files.isDirectory(first) && Files.isDirectory(second));
        Files.delete(first);
        Files.delete(second);

        int sameSecond = 0;
        for (int trial = 0; trial < 2; trial++) {
            Path dir = store.resolve("t" + trial);
            Process a = start(trial, "a", "train", "--runs-dir", dir.toString());
            Process b = start(trial, "b", "train", "--runs-dir", dir.toString());
            int ca = waitFor(a), cb = waitFor(b);
            assertEquals(0, ca, err(trial, "a"));
            assertEquals(0, cb, err(trial, "b"));
            List<Path> runs;
            try (Stream<Path> l = Files.list(dir)) {
                runs = l.sorted().toList();
            }
            assertEquals(2, runs.size(), "two folders: " + runs);
            for (Path r : runs) assertEquals(List.of(0, 1, 2, 3, 4, 5), epochs(r), r.toString());
            assertEquals(2, new RunStore(dir).list().size());
            if (runs.get(1).getFileName().toString().equals(runs.get(0).getFileName() + "-2")) sameSecond++;
        }
        System.out.println("runs started in the same second: " + sameSecond + " of 2 trials");
    }

    @Test
    void outOnAFolderOfTheUsersIsRefusedAndItsFilesAreUntouched() throws IOException {
        Path mine = Files.createDirectories(tmp.resolve("mine"));
        Files.writeString(mine.resolve("notes.tmp"), "my notes");
        Files.writeString(mine.resolve("metrics.jsonl"), "{\"epoch\":7}\n");
        Files.writeString(mine.resolve("data.txt"), "1 2 3");
        Map<String, byte[]> before = snapshot(mine);
        CliRunner.Result r = CliRunner.run(args("train", "--out", mine.toString()));
        assertEquals(1, r.errorLine().lines().count(), r.err());
        assertNotEquals(0, r.code());
        assertEquals("goodness: " + mine + ": is not empty and holds no run; choose an empty or new folder", r.errorLine());
        assertSame(before, snapshot(mine));
    }

    @Test
    void resumingACheckpointCopiedIntoAnotherFinishedRunsFolderIsRefused() throws IOException {
        Path a = tmp.resolve("a"), b = tmp.resolve("b"), c = tmp.resolve("c");
        assertEquals(0, CliRunner.run(args("train", "--out", a.toString(), "--seed", "1")).code());
        assertEquals(0, CliRunner.run(args("train", "--out", b.toString(), "--seed", "2")).code());
        assertEquals(0, CliRunner.run(args("train", "--out", c.toString(), "--seed", "2", "--stop-after", "2")).code());

        // Another run's checkpoint, beside the finished run's own files or in place of its own checkpoint.
        Files.copy(a.resolve("checkpoint.bin"), b.resolve("from-a.bin"));
        Map<String, byte[]> before = snapshot(b);
        CliRunner.Result r = CliRunner.run(args("train", "--resume", b.resolve("from-a.bin").toString()));
        assertNotEquals(0, r.code());
        assertEquals(1, r.errorLine().lines().count(), r.err());
        assertTrue(r.errorLine().startsWith("goodness: " + b + ": holds another run than checkpoint from-a.bin (seed 2 there, 1 in the checkpoint)"),
                r.errorLine());
        assertSame(before, snapshot(b));

        // The same settings, an earlier checkpoint: continuing would discard the finished run's later epochs.
        Files.copy(c.resolve("checkpoint.bin"), b.resolve("from-c.bin"));
        before = snapshot(b);
        r = CliRunner.run(args("train", "--resume", b.resolve("from-c.bin").toString()));
        assertNotEquals(0, r.code());
        assertEquals(1, r.errorLine().lines().count(), r.err());
        assertTrue(r.errorLine().contains("holds this run finished (epoch 6) than checkpoint from-c.bin (epoch 2)"), r.errorLine());
        assertSame(before, snapshot(b));

        // The run's own stopped checkpoint continues in its own folder.
        r = CliRunner.run(args("train", "--resume", c.resolve("checkpoint.bin").toString()));
        assertEquals(0, r.code(), r.err());
        assertEquals(List.of(0, 1, 2, 3, 4, 5), epochs(c));
    }

    @Test
    void resumingARunWithAPipeInPlaceOfOneOfItsFilesIsRefusedWithoutHanging() throws Exception {
        Path stopped = tmp.resolve("stopped");
        assertEquals(0, CliRunner.run(args("train", "--out", stopped.toString(), "--stop-after", "2")).code());
        for (String f : List.of("config.json", "run.json", "run.lock", "events.jsonl")) {
            Path copy = Files.createDirectories(tmp.resolve("pipe-" + f));
            try (Stream<Path> l = Files.list(stopped)) {
                for (Path p : l.toList()) if (!p.getFileName().toString().equals(f)) Files.copy(p, copy.resolve(p.getFileName()));
            }
            assertEquals(0, new ProcessBuilder("mkfifo", copy.resolve(f).toString()).start().waitFor());
            CliRunner.Result r = assertTimeoutPreemptively(Duration.ofSeconds(20),
                    () -> CliRunner.run(args("train", "--resume", copy.resolve("checkpoint.bin").toString())), f + " a pipe: no hang");
            assertNotEquals(0, r.code(), f);
            assertEquals(1, r.errorLine().lines().count(), r.err());
            assertTrue(r.errorLine().contains(f), r.errorLine());
            assertFalse(r.err().contains("Exception"), r.err());
            assertFalse(Files.isRegularFile(copy.resolve(f)), f + " is still a pipe");
        }
    }

    @Test
    void evalMistakesIsNeverWrittenOverTheModelAPipeOrADevice() throws Exception {
        Path run = tmp.resolve("m");
        assertEquals(0, CliRunner.run(args("train", "--out", run.toString())).code());
        Path model = run.resolve("model.ffm");
        byte[] modelBytes = Files.readAllBytes(model);
        Path fifo = tmp.resolve("pipe.csv");
        assertEquals(0, new ProcessBuilder("mkfifo", fifo.toString()).start().waitFor());
        Path device = Files.createSymbolicLink(tmp.resolve("device.csv"), Path.of("/dev/null"));
        Path modelLink = Files.createSymbolicLink(tmp.resolve("model-link.csv"), model);
        for (Path bad : List.of(model, fifo, device, modelLink)) {
            CliRunner.Result r = CliRunner.run("eval", "--model", model.toString(), "--mistakes", bad.toString(),
                    "--data", SmallMnist.root().toString(), "--backend", "ejml", "--threads", "1");
            assertEquals(2, r.code(), bad + ": " + r.err());
            assertEquals(1, r.errorLine().lines().count(), r.err());
            assertTrue(r.errorLine().startsWith("goodness: --mistakes " + bad + ": "), r.errorLine());
            assertFalse(r.err().contains("Exception"), r.err());
        }
        assertArrayEquals(modelBytes, Files.readAllBytes(model), "the model is untouched");
        assertTrue(Files.isSymbolicLink(device) && Files.isSymbolicLink(modelLink), "the links stay links");
        assertFalse(Files.isRegularFile(fifo), "the pipe is still a pipe");
        try (Stream<Path> l = Files.list(tmp)) {
            assertTrue(l.noneMatch(p -> p.getFileName().toString().endsWith(".part")), "no temporary file left");
        }

        Path fine = tmp.resolve("mistakes.csv");
        CliRunner.Result r = CliRunner.run("eval", "--model", model.toString(), "--mistakes", fine.toString(),
                "--data", SmallMnist.root().toString(), "--backend", "ejml", "--threads", "1");
        assertEquals(0, r.code(), r.err());
        assertTrue(Files.readString(fine).startsWith("set,index,label,energy,softmax\n"));
    }

    // ------------------------------------------------------------------------------------------

    private static String[] args(String... head) {
        return args(6, head);
    }

    private static String[] args(int epochs, String... head) {
        List<String> a = new ArrayList<>(List.of(head));
        a.addAll(List.of(TINY));
        a.addAll(List.of("--epochs", Integer.toString(epochs)));
        a.addAll(List.of("--data", SmallMnist.root().toString()));
        return a.toArray(String[]::new);
    }

    private Process start(int trial, String who, String... head) throws IOException {
        return start(trial, who, 6, head);
    }

    private Process start(int trial, String who, int epochs, String... head) throws IOException {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx256m",
                "-XX:TieredStopAtLevel=1", "-cp", System.getProperty("java.class.path"),
                "-Dorg.bytedeco.javacpp.cachedir=" + System.getProperty("org.bytedeco.javacpp.cachedir", System.getProperty("java.io.tmpdir")),
                GoodnessCli.class.getName()));
        cmd.addAll(List.of(args(epochs, head)));
        return new ProcessBuilder(cmd).redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .redirectError(tmp.resolve("err-" + trial + who + ".txt").toFile()).start();
    }

    private static int waitFor(Process p) throws InterruptedException {
        if (!p.waitFor(60, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("a train process did not end within 60 s");
        }
        return p.exitValue();
    }

    private String err(int trial, String who) throws IOException {
        return Files.readString(tmp.resolve("err-" + trial + who + ".txt"));
    }

    /** The epochs of metrics.jsonl's rows, in file order. */
    private static List<Integer> epochs(Path run) throws IOException {
        List<Integer> out = new ArrayList<>();
        for (String line : Files.readAllLines(run.resolve("metrics.jsonl"), StandardCharsets.UTF_8))
            out.add(JsonParser.parseString(line).getAsJsonObject().get("epoch").getAsInt());
        return out;
    }

    /** Every entry of a folder with its bytes (null for what is not a regular file). */
    private static Map<String, byte[]> snapshot(Path dir) throws IOException {
        Map<String, byte[]> out = new TreeMap<>();
        try (Stream<Path> l = Files.list(dir)) {
            for (Path p : l.toList()) out.put(p.getFileName().toString(), Files.isRegularFile(p) ? Files.readAllBytes(p) : null);
        }
        return out;
    }

    private static void assertSame(Map<String, byte[]> before, Map<String, byte[]> after) {
        assertEquals(before.keySet(), after.keySet(), "the same files");
        for (String f : before.keySet()) assertArrayEquals(before.get(f), after.get(f), f + " is unchanged");
    }
}
