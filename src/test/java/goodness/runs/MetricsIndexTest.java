package goodness.runs;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import goodness.ff.training.EpochMetrics;
import goodness.ff.training.Trainer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

/**
 * {@code run.json}'s index of {@code metrics.jsonl}: the writer keeps it, a listing reads it
 * instead of the file while the file has the size it describes, and falls back to the file
 * otherwise; a damaged index is a damaged run, named in one line.
 */
class MetricsIndexTest {
    @TempDir
    Path root;

    @BeforeAll
    static void loadData() {
        RunStoreTest.loadData();
    }

    private Path finishedRun(String name) {
        Path dir = root.resolve(name);
        try (Trainer t = RunStoreTest.trainer(); RunWriter w = RunWriter.create(dir, RunStoreTest.CONFIG, RunStoreTest.provenance())) {
            while (!t.finished()) w.epochEnded(RunStoreTest.trainEpoch(t), t.state());
            w.finished(t.evaluateTest(), t.network(), 1.0);
        }
        return dir;
    }

    private static JsonObject runJson(Path dir) throws IOException {
        return JsonParser.parseString(Files.readString(dir.resolve(RunFolder.RUN))).getAsJsonObject();
    }

    private static void writeRunJson(Path dir, JsonObject o) throws IOException {
        Files.writeString(dir.resolve(RunFolder.RUN), o.toString());
    }

    @Test
    void theWriterIndexesEveryRowOfMetricsAndItsSize() throws IOException {
        Path dir = finishedRun("a");
        JsonObject index = runJson(dir).getAsJsonObject("metrics_index");
        assertEquals(Files.size(dir.resolve(RunFolder.METRICS)), index.get("bytes").getAsLong());
        List<EpochMetrics> rows = new RunStore(root).load("a").metrics();
        assertEquals(3, rows.size());
        String[] epoch = index.get("epoch").getAsString().split(" "), energy = index.get("energy_errors_valid").getAsString().split(" "),
                softmax = index.get("softmax_errors_valid").getAsString().split(" "), cases = index.get("valid_cases").getAsString().split(" ");
        assertEquals(3, epoch.length);
        for (int i = 0; i < rows.size(); i++) {
            assertEquals(rows.get(i).epoch(), Integer.parseInt(epoch[i]));
            assertEquals(rows.get(i).energyErrorsValid(), Integer.parseInt(energy[i]));
            assertEquals(rows.get(i).softmaxErrorsValid(), Integer.parseInt(softmax[i]));
            assertEquals(rows.get(i).validCases(), Integer.parseInt(cases[i]));
        }
    }

    @Test
    void aRowWithoutValidationErrorsIsADashInTheIndex() {
        MetricsIndex index = new MetricsIndex(10, List.of(new MetricsScan.Row(0, null, null, 0), new MetricsScan.Row(1, 7, 9, 100)));
        JsonObject o = index.toJson();
        assertEquals("- 7", o.get("energy_errors_valid").getAsString());
        assertEquals("- 9", o.get("softmax_errors_valid").getAsString());
        assertEquals(index, MetricsIndex.read(o, Path.of("run.json")));
    }

    @Test
    void aListingFromTheIndexEqualsAListingFromTheFile() throws IOException {
        Path dir = finishedRun("a");
        RunSummary indexed = new RunStore(root).list().get(0);
        JsonObject o = runJson(dir);
        o.remove("metrics_index");
        writeRunJson(dir, o);
        RunSummary read = new RunStore(root).list().get(0);
        assertEquals(read, indexed);
        assertNotNull(indexed.bestValid(), "the summary has validation figures to compare");
    }

    @Test
    void whileTheFileHasTheIndexedSizeTheListingReadsNoRowOfItButALoadChecksThemAll() throws IOException {
        Path dir = finishedRun("a");
        RunSummary before = new RunStore(root).list().get(0);
        Path metrics = dir.resolve(RunFolder.METRICS);
        Files.writeString(metrics, "x".repeat((int) Files.size(metrics) - 1) + "\n");
        assertEquals(before, new RunStore(root).list().get(0), "the listing kept to the index");
        RunFileException e = assertThrows(RunFileException.class, () -> new RunStore(root).load("a"));
        assertTrue(e.getMessage().contains(RunFolder.METRICS), e.getMessage());
    }

    @Test
    void aRowWrittenAfterRunJsonSendsTheListingBackToTheFile() throws IOException {
        Path dir = root.resolve("live");
        try (Trainer t = RunStoreTest.trainer(); RunWriter w = RunWriter.create(dir, RunStoreTest.CONFIG, RunStoreTest.provenance())) {
            w.epochEnded(RunStoreTest.trainEpoch(t), t.state());
            EpochMetrics second = RunStoreTest.trainEpoch(t);
            w.epochEnded(second, null); // the row is on disk, run.json still describes one row
            assertEquals("0", runJson(dir).getAsJsonObject("metrics_index").get("epoch").getAsString());
            RunSummary s = new RunStore(root).list().get(0);
            assertEquals(RunStatus.RUNNING, s.status());
            assertEquals(2, s.epochsDone(), "a live run shows every row on disk");
            assertEquals(1, s.lastValid().epoch());
            assertEquals(second.energyErrorsValid(), s.lastValid().energyErrors());
        }
    }

    @Test
    void aPipeInPlaceOfIndexedMetricsIsStillRefusedBeforeAnythingBlocks() throws IOException {
        Path dir = finishedRun("a");
        JsonObject o = runJson(dir);
        o.getAsJsonObject("metrics_index").addProperty("bytes", 0);
        writeRunJson(dir, o);
        Files.delete(dir.resolve(RunFolder.METRICS));
        RunFolders.fifo(dir.resolve(RunFolder.METRICS));
        RunStore.Listing l = new RunStore(root).scan();
        assertEquals(1, l.damaged().size());
        assertTrue(l.damaged().get(0).reason().contains("metrics.jsonl: is a pipe"), l.damaged().get(0).reason());
    }

    @ParameterizedTest(name = "{0} = {1}")
    @CsvSource(delimiter = '|', value = {
            "bytes|-1|metrics_index.bytes must be a whole number from 0 up, got -1",
            "bytes|1.5|metrics_index.bytes must be a whole number from 0 up, got 1.5",
            "bytes|\"x\"|metrics_index.bytes must be a whole number from 0 up, got \"x\"",
            "epoch|\"0 1 -\"|metrics_index.epoch entry 3 is '-'; every row has an epoch",
            "epoch|\"0 1\"|metrics_index.energy_errors_valid has 3 entries, metrics_index.epoch has 2",
            "energy_errors_valid|\"1 2 4294967303\"|metrics_index.energy_errors_valid entry 3 must be '-' or a whole number from 0 to 2147483647, got '4294967303'",
            "valid_cases|\"100 100 -100\"|metrics_index.valid_cases entry 3 must be '-' or a whole number from 0 to 2147483647, got '-100'",
            "valid_cases|\"100  100\"|metrics_index.valid_cases entry 2 must be '-' or a whole number from 0 to 2147483647, got ''",
            "epoch|\"0 1 2e0\"|metrics_index.epoch entry 3 must be '-' or a whole number from 0 to 2147483647, got '2e0'",
            "softmax_errors_valid|[1,2,3]|metrics_index.softmax_errors_valid must be a string of entries separated by spaces, got [1,2,3]",
            "epoch|12.9|metrics_index.epoch must be a string of entries separated by spaces, got 12.9"})
    void aDamagedIndexMakesTheRunDamagedInOneLineNamingTheField(String column, String value, String expected) throws IOException {
        Path dir = finishedRun("victim");
        finishedRun("good");
        JsonObject o = runJson(dir);
        o.getAsJsonObject("metrics_index").add(column, JsonParser.parseString(value));
        writeRunJson(dir, o);
        RunStore.Listing l = new RunStore(root).scan();
        assertEquals(List.of("good"), l.runs().stream().map(RunSummary::name).toList(), "the other run lists as usual");
        assertEquals(1, l.damaged().size());
        String reason = l.damaged().get(0).reason();
        assertEquals("run.json: malformed run status: " + expected, reason);
        RunFileException e = assertThrows(RunFileException.class, () -> new RunStore(root).load("victim"));
        assertTrue(e.getMessage().endsWith(expected), e.getMessage());
    }

    @Test
    void theIndexIsNotAnObjectIsOneLine() throws IOException {
        Path dir = finishedRun("victim");
        JsonObject o = runJson(dir);
        o.addProperty("metrics_index", "all of them");
        writeRunJson(dir, o);
        List<RunStore.Damaged> damaged = new ArrayList<>(new RunStore(root).scan().damaged());
        assertEquals(1, damaged.size());
        assertEquals("run.json: malformed run status: metrics_index must be an object, got \"all of them\"", damaged.get(0).reason());
    }
}
