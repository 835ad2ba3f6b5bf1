package goodness.cli;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import goodness.ff.FFNetwork;
import goodness.ff.io.Checkpoints;
import goodness.runs.RunStatus;
import goodness.runs.RunStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.*;

/**
 * A {@code train} process killed with SIGKILL at random moments (in a batch,
 * between a metrics row and its checkpoint, in a checkpoint write) and resumed each time ends
 * with exactly one metrics row per epoch, no temporary files, and the same rows and final model
 * as a run that was never interrupted.
 */
class CrashConsistencyTest {
    // Enough epochs that every planned kill lands before the run ends even on a quiet machine, where
    // an epoch of this tiny config (mostly its forced metrics row and checkpoint) takes ~10-20 ms.
    static final int EPOCHS = 40;
    static final String[] CONFIG = {"--train-limit", "500", "--hidden", "100,100,100", "--epochs", Integer.toString(EPOCHS),
            "--eval-every", "0", "--backend", "openblas", "--threads", "1", "--no-progress", "--json"};

    @TempDir
    Path tmp;

    /** Where a kill lands: right after an epoch's row is appended (in the checkpoint write), after some epochs, or during start-up. */
    enum KillAt { ROW_APPENDED, AFTER_EPOCHS, EARLY }

    @Test
    void killedAndResumedManyTimesEndsLikeAnUninterruptedRun() throws Exception {
        Path reference = tmp.resolve("reference");
        CliRunner.Result ref = CliRunner.run(concat(new String[]{"train", "--out", reference.toString()}, CONFIG));
        assertEquals(0, ref.code(), ref.err());

        Path run = tmp.resolve("killed");
        Random random = new Random(20261201);
        KillAt[] plan = {KillAt.ROW_APPENDED, KillAt.AFTER_EPOCHS, KillAt.ROW_APPENDED, KillAt.EARLY, KillAt.ROW_APPENDED,
                KillAt.AFTER_EPOCHS, KillAt.ROW_APPENDED, KillAt.AFTER_EPOCHS};
        int kills = 0, tornCheckpoints = 0, rowsAheadOfCheckpoint = 0;
        List<String> log = new ArrayList<>();
        boolean finished = false;
        for (int attempt = 0; attempt < 20 && !finished; attempt++) {
            boolean resume = Files.exists(run.resolve("checkpoint.bin"));
            List<String> args = new ArrayList<>(List.of("train"));
            if (resume) args.addAll(List.of("--resume", run.resolve("checkpoint.bin").toString()));
            else args.addAll(List.of("--out", run.toString()));
            args.addAll(Arrays.asList(CONFIG));
            Process p = start(args);
            KillAt mode = kills < plan.length ? plan[kills] : null;
            boolean killed = mode != null && killAt(p, mode, run, random);
            if (!killed) {
                assertTrue(p.waitFor(300, TimeUnit.SECONDS), "an uninterrupted attempt did not finish");
                assertEquals(0, p.exitValue(), () -> "train failed: " + stderr());
                finished = Files.exists(run.resolve("result.json"));
                continue;
            }
            kills++;
            boolean torn;
            try (Stream<Path> f = Files.list(run)) {
                torn = f.anyMatch(x -> x.getFileName().toString().startsWith("checkpoint.bin.") && x.toString().endsWith(".tmp"));
            }
            if (torn) tornCheckpoints++;
            var summary = new RunStore(tmp).load("killed").summary();
            long rowsOnDisk = lines(run.resolve("metrics.jsonl"));
            if (rowsOnDisk > summary.epochsDone()) rowsAheadOfCheckpoint++;
            log.add(mode + ": " + rowsOnDisk + " rows, epochs done " + summary.epochsDone() + (torn ? ", checkpoint write torn" : ""));
            assertEquals(RunStatus.STOPPED, summary.status(), "a killed run reads as stopped, not running");
            // A crash in the middle of a checkpoint write leaves its temporary file; make sure some resume meets one.
            if (kills == 4) Files.writeString(run.resolve("checkpoint.bin.4242.tmp"), "torn write");
        }
        System.out.println("CrashConsistencyTest: " + kills + " kills (" + rowsAheadOfCheckpoint + " between a row and its checkpoint, "
                + tornCheckpoints + " inside a checkpoint write): " + log);
        assertTrue(finished, "the run finished after " + kills + " kills: " + log);
        assertEquals(plan.length, kills, "every planned kill happened before the run could finish: " + log);

        List<JsonObject> rows = rows(run), expected = rows(reference);
        assertEquals(EPOCHS, rows.size(), "exactly one metrics row per epoch");
        for (int e = 0; e < EPOCHS; e++) assertEquals(withoutTiming(expected.get(e)), withoutTiming(rows.get(e)), "epoch " + e);
        assertEquals(EPOCHS + 1, Files.readAllLines(run.resolve("metrics.csv")).size(), "metrics.csv: header + one row per epoch");
        try (Stream<Path> s = Files.list(run)) {
            List<String> tmpFiles = s.map(Path::toString).filter(n -> n.endsWith(".tmp")).collect(Collectors.toList());
            assertEquals(List.of(), tmpFiles, "no temporary files are left");
        }
        FFNetwork a = Checkpoints.loadModel(reference.resolve("model.ffm")), b = Checkpoints.loadModel(run.resolve("model.ffm"));
        for (int l = 0; l < a.layerCount(); l++) {
            assertArrayEquals(a.weights[l].data, b.weights[l].data, "W" + (l + 1));
            assertArrayEquals(a.biases[l], b.biases[l], "b" + (l + 1));
        }
        JsonObject ra = JsonParser.parseString(Files.readString(reference.resolve("result.json"))).getAsJsonObject();
        JsonObject rb = JsonParser.parseString(Files.readString(run.resolve("result.json"))).getAsJsonObject();
        assertEquals(ra.get("energy_errors_test"), rb.get("energy_errors_test"));
        assertEquals(ra.get("softmax_errors_test"), rb.get("softmax_errors_test"));
        assertEquals(RunStatus.FINISHED, new RunStore(tmp).load("killed").summary().status());
    }

    /**
     * Kills {@code p} with SIGKILL at the moment {@code mode} asks for; false if it ended first.
     * The moments are read from the run folder, not from the clock, so they hold on a slow machine.
     */
    private static boolean killAt(Process p, KillAt mode, Path run, Random random) throws Exception {
        Path metrics = run.resolve("metrics.jsonl");
        long rowsAtStart = lines(metrics);
        long target = switch (mode) {
            case ROW_APPENDED, AFTER_EPOCHS -> rowsAtStart + 1;
            case EARLY -> -1;
        };
        if (mode == KillAt.EARLY) {
            p.waitFor(100 + random.nextInt(500), TimeUnit.MILLISECONDS);
        } else {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
            while (p.isAlive() && lines(metrics) < target) {
                if (System.nanoTime() > deadline) fail("no progress within 120 s");
                Thread.sleep(1); // the row is forced to disk before the checkpoint write begins: the kill lands in it
            }
            if (mode == KillAt.AFTER_EPOCHS) Thread.sleep(random.nextInt(40)); // a few epochs at most, so the plan fits in EPOCHS
        }
        if (!p.isAlive()) return false;
        p.destroyForcibly().waitFor();
        return true;
    }

    private static long lines(Path file) throws IOException {
        if (!Files.exists(file)) return 0;
        byte[] b = Files.readAllBytes(file);
        long n = 0;
        for (byte x : b) if (x == '\n') n++;
        return n;
    }

    private Process start(List<String> args) throws IOException {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx512m",
                "-cp", System.getProperty("java.class.path"),
                "-Dgoodness.dataDir=" + System.getProperty("goodness.dataDir", ""),
                "-Dorg.bytedeco.javacpp.cachedir=" + System.getProperty("org.bytedeco.javacpp.cachedir", System.getProperty("java.io.tmpdir")),
                GoodnessCli.class.getName()));
        cmd.addAll(args);
        return new ProcessBuilder(cmd).redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .redirectError(ProcessBuilder.Redirect.appendTo(tmp.resolve("stderr.txt").toFile())).start();
    }

    private String stderr() {
        try {
            return Files.readString(tmp.resolve("stderr.txt"));
        } catch (IOException e) {
            return "(no stderr)";
        }
    }

    private static List<JsonObject> rows(Path dir) throws IOException {
        return Files.readAllLines(dir.resolve("metrics.jsonl")).stream().filter(l -> !l.isBlank())
                .map(l -> JsonParser.parseString(l).getAsJsonObject()).collect(Collectors.toList());
    }

    private static JsonObject withoutTiming(JsonObject o) {
        JsonObject c = o.deepCopy();
        for (String f : List.of("seconds", "eval_seconds", "samples_per_second")) c.remove(f);
        return c;
    }

    private static String[] concat(String[] a, String[] b) {
        String[] out = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
