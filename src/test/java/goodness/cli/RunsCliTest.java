package goodness.cli;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.*;

/** {@code train --runs-dir} names runs in a store; {@code runs} lists it. */
class RunsCliTest {
    @TempDir
    static Path tmp;
    static Path store;

    @BeforeAll
    static void twoRuns() {
        store = tmp.resolve("store");
        CliRunner.Result a = CliRunner.run(TrainEvalCliTest.args("train", "--runs-dir", store.toString(), "--stop-after", "1"));
        assertEquals(0, a.code(), a.err());
        a = CliRunner.run("train", "--resume", only(store).resolve("checkpoint.bin").toString(), "--no-progress", "--threads", "2");
        assertEquals(0, a.code(), a.err());
        CliRunner.Result b = CliRunner.run(TrainEvalCliTest.args("train", "--runs-dir", store.toString(),
                "--stop-after", "1", "--seed", "7", "--negatives", "mask"));
        assertEquals(0, b.code(), b.err());
    }

    static Path only(Path dir) {
        try (Stream<Path> s = Files.list(dir)) {
            List<Path> all = s.collect(Collectors.toList());
            assertEquals(1, all.size(), all.toString());
            return all.get(0);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    static List<String> folders() throws IOException {
        try (Stream<Path> s = Files.list(store)) {
            return s.map(p -> p.getFileName().toString()).sorted().collect(Collectors.toList());
        }
    }

    @Test
    void trainNamesTheRunFolderUnderTheRunsDir() throws IOException {
        List<String> names = folders();
        assertEquals(2, names.size(), names.toString());
        assertTrue(names.stream().anyMatch(n -> n.matches("hinton-mnist-s1234-\\d{8}-\\d{6}(-\\d+)?")), names.toString());
        assertTrue(names.stream().anyMatch(n -> n.matches("hinton-mnist-s7-\\d{8}-\\d{6}(-\\d+)?")), names.toString());
    }

    @Test
    void runsJsonPrintsOneObjectPerRunWithStatusAndErrors() throws IOException {
        CliRunner.Result r = CliRunner.run("runs", "--runs-dir", store.toString(), "--json");
        assertEquals(0, r.code(), r.err());
        List<JsonObject> rows = r.out().lines().map(l -> JsonParser.parseString(l).getAsJsonObject()).collect(Collectors.toList());
        assertEquals(2, rows.size(), r.out());
        JsonObject finished = rows.stream().filter(o -> o.get("status").getAsString().equals("finished")).findFirst().orElseThrow();
        JsonObject stopped = rows.stream().filter(o -> o.get("status").getAsString().equals("stopped")).findFirst().orElseThrow();
        for (JsonObject o : rows)
            for (String f : List.of("name", "status", "epochs_done", "preset", "dataset", "best_valid", "last_valid"))
                assertTrue(o.has(f), f + " in " + o);
        assertEquals(2, finished.get("epochs_done").getAsInt());
        // Both valid figures are one epoch's pair, read from the run's own metrics.
        List<JsonObject> metrics = Files.readAllLines(store.resolve(finished.get("name").getAsString()).resolve("metrics.jsonl")).stream()
                .map(l -> JsonParser.parseString(l).getAsJsonObject()).collect(Collectors.toList());
        JsonObject lastRow = metrics.get(metrics.size() - 1), last = finished.getAsJsonObject("last_valid");
        assertEquals(lastRow.get("epoch").getAsInt(), last.get("epoch").getAsInt());
        assertEquals(lastRow.get("energy_errors_valid").getAsInt(), last.get("energy_errors").getAsInt());
        assertEquals(lastRow.get("softmax_errors_valid").getAsInt(), last.get("softmax_errors").getAsInt());
        JsonObject best = finished.getAsJsonObject("best_valid");
        JsonObject bestRow = metrics.get(best.get("epoch").getAsInt());
        assertEquals(bestRow.get("energy_errors_valid").getAsInt(), best.get("energy_errors").getAsInt());
        assertEquals(bestRow.get("softmax_errors_valid").getAsInt(), best.get("softmax_errors").getAsInt());
        assertEquals(metrics.stream().mapToInt(m -> m.get("energy_errors_valid").getAsInt()).min().orElseThrow(),
                best.get("energy_errors").getAsInt());
        List<String> events = Files.readAllLines(store.resolve(finished.get("name").getAsString()).resolve("events.jsonl"));
        assertEquals(1, events.size(), "the resume with --threads 2 is recorded");
        JsonObject threads = JsonParser.parseString(events.get(0)).getAsJsonObject();
        assertEquals("threads", threads.get("setting").getAsString());
        assertEquals("1", threads.get("old").getAsString());
        assertEquals("2", threads.get("new").getAsString());
        assertEquals(1, threads.get("epoch").getAsInt());
        assertEquals("hinton", finished.get("preset").getAsString());
        assertEquals("mnist", finished.get("dataset").getAsString());
        JsonObject result = JsonParser.parseString(Files.readString(store.resolve(finished.get("name").getAsString()).resolve("result.json")))
                .getAsJsonObject();
        assertEquals(result.get("energy_errors_test"), finished.get("energy_errors_test"));
        assertEquals(result.get("softmax_errors_test"), finished.get("softmax_errors_test"));
        assertEquals(1, stopped.get("epochs_done").getAsInt());
        assertFalse(stopped.has("energy_errors_test"), "a stopped run has no test errors");
        assertEquals("mask", stopped.getAsJsonObject("changed").get("negatives").getAsString());
        assertTrue(stopped.get("message").getAsString().contains("--stop-after"), stopped.toString());
    }

    @Test
    void runsPrintsATableAndNamesADamagedRunInItAndOnStderr() throws IOException {
        Path broken = Files.createDirectories(tmp.resolve("withbroken/broken"));
        Files.writeString(broken.resolve("config.json"), "not json");
        CliRunner.Result r = CliRunner.run("runs", "--runs-dir", tmp.resolve("withbroken").toString());
        assertEquals(0, r.code());
        assertTrue(r.err().startsWith("goodness: damaged: " + broken.resolve("config.json") + ": is not valid JSON"), r.err());
        assertEquals(1, r.err().strip().lines().count(), r.err());

        CliRunner.Result table = CliRunner.run("runs", "--runs-dir", store.toString());
        assertEquals(0, table.code(), table.err());
        assertEquals(3, table.out().lines().count(), "header + 2 runs:\n" + table.out());
        assertTrue(table.out().contains("finished") && table.out().contains("stopped"), table.out());

        // A name longer than the usual column (as scripts/hinton-plus-variant.sh makes them) widens it for every row.
        Path wide = Files.createDirectories(tmp.resolve("wide"));
        Path finished = runFolder("finished");
        String longName = "hinton-plus-shuffle-dropout010-rot10-scale010-a-long-name";
        copyFolder(finished, wide.resolve(longName));
        copyFolder(finished, wide.resolve("short"));
        CliRunner.Result aligned = CliRunner.run("runs", "--runs-dir", wide.toString());
        assertEquals(0, aligned.code(), aligned.err());
        List<String> lines = aligned.out().lines().collect(Collectors.toList());
        assertEquals(3, lines.size(), aligned.out());
        for (String line : lines.subList(1, lines.size())) {
            assertTrue(line.startsWith(longName + " ") || line.startsWith("short "), line);
            assertEquals(lines.get(0).indexOf("status"), line.indexOf("finished"), "the status column lines up with its header: " + line);
        }
    }

    /** The store's run folder whose run.json has this status. */
    private static Path runFolder(String status) throws IOException {
        for (String name : folders())
            if (Files.readString(store.resolve(name).resolve("run.json")).contains("\"status\":\"" + status + "\"")) return store.resolve(name);
        throw new AssertionError("no " + status + " run in " + folders());
    }

    private static void copyFolder(Path from, Path to) throws IOException {
        Files.createDirectories(to);
        try (Stream<Path> files = Files.list(from)) {
            for (Path f : files.collect(Collectors.toList()))
                if (Files.isRegularFile(f) && !f.getFileName().toString().equals("run.lock")) Files.copy(f, to.resolve(f.getFileName()));
        }
    }

    @Test
    void runsOnAMissingFolderIsOneLine() {
        CliRunner.Result r = CliRunner.run("runs", "--runs-dir", tmp.resolve("nope").toString());
        assertEquals(1, r.code());
        assertEquals("goodness: " + tmp.resolve("nope") + ": no such folder", r.err().strip());
    }

    @Test
    void outNamingAFileOrAStoredRunIsOneLineAndAFailedStartLeavesNoConfig() throws IOException {
        Path file = Files.writeString(tmp.resolve("afile"), "x");
        CliRunner.Result r = CliRunner.run(TrainEvalCliTest.args("train", "--out", file.toString()));
        assertEquals(1, r.code());
        assertEquals("goodness: " + file + ": exists and is a file, not a run folder", r.errorLine());

        String done = folders().get(0);
        r = CliRunner.run(TrainEvalCliTest.args("train", "--out", store.resolve(done).toString()));
        assertEquals(1, r.code());
        assertTrue(r.errorLine().startsWith("goodness: " + store.resolve(done) + ": already holds a run"), r.errorLine());
        assertEquals(1, r.err().lines().count(), r.err());

        Path nodata = tmp.resolve("nodata");
        r = CliRunner.run(TrainEvalCliTest.args("train", "--out", nodata.toString(), "--data", tmp.resolve("missing-data").toString()));
        assertNotEquals(0, r.code());
        assertFalse(Files.exists(nodata.resolve("config.json")), "a failed start leaves no config.json");
        assertFalse(Files.exists(nodata), "nor its folder");
    }
}
