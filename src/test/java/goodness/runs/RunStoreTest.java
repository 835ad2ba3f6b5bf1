package goodness.runs;

import goodness.data.DataSplits;
import goodness.data.Dataset;
import goodness.data.DatasetLoader;
import goodness.data.SplitKind;
import goodness.ff.FFConfig;
import goodness.ff.Recipe;
import goodness.ff.backend.EjmlBackend;
import goodness.ff.scoring.TestResult;
import goodness.ff.training.EpochMetrics;
import goodness.ff.training.Trainer;
import goodness.ff.training.Trainers;
import goodness.ff.training.TrainingState;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.*;

/** The run folder format as the writer leaves it and the store reads it, crashes and damage included. */
class RunStoreTest {
    static DataSplits data;
    static final FFConfig CONFIG = FFConfig.hinton().toBuilder().hiddenSizes(List.of(30, 20, 20)).epochs(3).evalEvery(1)
            .backend("ejml").threads(1).trainLimit(200).peerLambda(0).build();

    @TempDir
    Path root;

    @BeforeAll
    static void loadData() {
        DataSplits d = DatasetLoader.load(DatasetLoader.defaultDataRoot(), Dataset.MNIST, SplitKind.HINTON, 200);
        data = new DataSplits(d.train(), d.valid().first(100), d.test().first(100), d.dataset());
    }

    static RunProvenance provenance() {
        return new RunProvenance("cli", CodeVersion.current(), Instant.parse("2026-01-02T03:04:05Z"), CONFIG.seed(), "data",
                "mnist", "HINTON", data.train().count(), data.valid().count(), data.test().count(), List.of());
    }

    static Trainer trainer() {
        return Trainers.create(CONFIG, data, new EjmlBackend(1));
    }

    static EpochMetrics trainEpoch(Trainer t) {
        while (t.batchInEpoch() < t.batchesPerEpoch()) t.trainBatch();
        return t.finishEpoch();
    }

    static RunEvent event(Trainer t, String what, String from, String to) {
        return new RunEvent(t.epoch(), t.batchInEpoch(), t.batchesPerEpoch(), t.batchCounter(), what, from, to, Instant.now());
    }

    @Test
    void aFinishedRunIsListedWithItsFiguresAndLoadsWhole() {
        try (Trainer t = trainer(); RunWriter w = RunWriter.create(root.resolve("a"), CONFIG, provenance())) {
            w.event(event(t, "negatives", "hard", "mask"));
            List<EpochMetrics> rows = new ArrayList<>();
            while (!t.finished()) {
                EpochMetrics m = trainEpoch(t);
                rows.add(m);
                w.epochEnded(m, t.state());
            }
            TestResult r = t.evaluateTest();
            w.finished(r, t.network(), 1.5);

            RunStore store = new RunStore(root);
            List<RunSummary> list = store.list();
            assertEquals(1, list.size());
            RunSummary s = list.get(0);
            assertEquals("a", s.name());
            assertEquals(RunStatus.FINISHED, s.status());
            assertEquals(3, s.epochsDone());
            assertEquals(Recipe.HINTON, s.recipe());
            assertEquals("hinton", s.presetName());
            assertEquals("mnist", s.dataset());
            int best = rows.stream().mapToInt(EpochMetrics::energyErrorsValid).min().orElseThrow();
            assertEquals(best, s.bestValidEnergyErrors());
            EpochMetrics bestRow = rows.get(s.bestValid().epoch());
            assertEquals(best, bestRow.energyErrorsValid(), "the best evaluation names its own epoch");
            assertEquals(bestRow.softmaxErrorsValid(), s.bestValid().softmaxErrors(), "with that epoch's softmax errors");
            EpochMetrics lastRow = rows.get(rows.size() - 1);
            assertEquals(new ValidErrors(lastRow.epoch(), lastRow.energyErrorsValid(), lastRow.softmaxErrorsValid()), s.lastValid());
            assertEquals(r.energyErrorsTest(), s.testEnergyErrors());
            assertEquals(r.softmaxErrorsTest(), s.testSoftmaxErrors());
            assertEquals(100, s.testCases());
            assertEquals(List.of("hiddenSizes", "epochs", "peerLambda", "threads", "backend", "trainLimit", "evalEvery"),
                    List.copyOf(s.changedSettings().keySet()));
            assertEquals("0.0", s.changedSettings().get("peerLambda"));

            StoredRun run = store.load("a");
            assertEquals(CONFIG, run.config());
            assertEquals(rows, run.metrics(), "metrics read back equal the trainer's records");
            assertEquals(1, run.events().size());
            assertEquals("mask", run.events().get(0).newValue());
            assertEquals(provenance(), run.provenance());
            assertNotNull(run.checkpoint());
            assertNotNull(run.model());
            assertEquals(r.energyErrorsTest(), run.result().energyErrorsTest());
            assertEquals(4, linesOf(root.resolve("a/metrics.csv")), "header + 3 rows");
        }
    }

    @Test
    void aRunWhoseProcessDiedReadsAsStoppedNotRunning() {
        try (Trainer t = trainer()) {
            RunWriter w = RunWriter.create(root.resolve("k"), CONFIG, provenance());
            w.epochEnded(trainEpoch(t), t.state());
            assertEquals(RunStatus.RUNNING, new RunStore(root).list().get(0).status(), "the lock is held: running");
            w.simulateCrash();
            RunSummary s = new RunStore(root).list().get(0);
            assertEquals(RunStatus.STOPPED, s.status());
            assertTrue(s.message().contains("killed or crashed"), s.message());
            assertEquals(1, s.epochsDone());
        }
    }

    @Test
    void aCrashBetweenTheRowAndItsCheckpointNeitherDuplicatesNorDropsRowsOnResume() throws IOException {
        Path dir = root.resolve("c");
        List<EpochMetrics> reference = new ArrayList<>();
        try (Trainer t = trainer()) {
            while (!t.finished()) reference.add(trainEpoch(t));
        }
        try (Trainer t = trainer()) {
            RunWriter w = RunWriter.create(dir, CONFIG, provenance());
            w.epochEnded(trainEpoch(t), t.state());
            // Epoch 1's row reaches the disk, then the process dies before its checkpoint (and mid-write of another file).
            w.epochEnded(trainEpoch(t), null);
            w.event(event(t, "rateScale", "1", "2"));
            w.simulateCrash();
            Files.writeString(dir.resolve("checkpoint.bin.123.tmp"), "half a checkpoint");
        }
        RunStore store = new RunStore(dir.getParent());
        assertEquals(1, store.load("c").metrics().size(), "a reader shows the rows the checkpoint covers");
        assertEquals(1, store.list().get(0).epochsDone());

        TrainingState s = goodness.ff.io.Checkpoints.loadState(dir.resolve("checkpoint.bin"));
        assertEquals(1, s.epoch());
        try (Trainer t = Trainers.resume(s, data, new EjmlBackend(1));
             RunWriter w = RunWriter.resume(dir, s, dir.resolve("checkpoint.bin"), provenance())) {
            assertFalse(Files.exists(dir.resolve("checkpoint.bin.123.tmp")), "stale temporary files are removed on resume");
            assertEquals(0, store.load("c").events().size(), "the event after the checkpoint went with the lost epoch");
            while (!t.finished()) w.epochEnded(trainEpoch(t), t.state());
            w.finished(t.evaluateTest(), t.network(), 0);
        }
        StoredRun run = store.load("c");
        assertEquals(3, linesOf(dir.resolve("metrics.jsonl")), "one row per epoch on disk");
        assertEquals(withoutTiming(reference), withoutTiming(run.metrics()), "the same rows as an uninterrupted run");
        assertEquals(1, run.provenance().resumedFrom().size());
        assertEquals(1, run.provenance().resumedFrom().get(0).epoch());
        assertEquals(RunStatus.FINISHED, run.summary().status());
    }

    @Test
    void damagedFilesAreRefusedWithOneLineNamingTheFileAndTheOthersStillListed() throws IOException {
        writeGoodRun("good");
        writeGoodRun("badconfig");
        Files.writeString(root.resolve("badconfig/config.json"), "{\"preset\": \"HINTON\", \"epochs\": ");
        writeGoodRun("badrow");
        List<String> rows = Files.readAllLines(root.resolve("badrow/metrics.jsonl"));
        rows.set(0, "{\"epoch\": \"zero\", \"trainlogcost\": 1, \"pairwise_errors\": [1]}");
        Files.write(root.resolve("badrow/metrics.jsonl"), rows);
        writeGoodRun("badvalue");
        Files.writeString(root.resolve("badvalue/config.json"),
                Files.readString(root.resolve("badvalue/config.json")).replace("\"batchSize\":100", "\"batchSize\":-5"));

        RunStore store = new RunStore(root);
        RunStore.Listing l = store.scan();
        assertEquals(List.of("good"), l.runs().stream().map(RunSummary::name).toList());
        assertEquals(3, l.problems().size(), l.problems().toString());
        for (String p : l.problems()) assertFalse(p.contains("\n") || p.contains("Exception"), p);

        RunFileException e = assertThrows(RunFileException.class, () -> store.load("badconfig"));
        assertTrue(e.getMessage().startsWith(root.resolve("badconfig/config.json") + ": is not valid JSON"), e.getMessage());
        e = assertThrows(RunFileException.class, () -> store.load("badrow"));
        assertTrue(e.getMessage().startsWith(root.resolve("badrow/metrics.jsonl") + " line 1: malformed metrics row"), e.getMessage());
        e = assertThrows(RunFileException.class, () -> store.load("badvalue"));
        assertTrue(e.getMessage().contains("config.json") && e.getMessage().contains("batchSize"), e.getMessage());
    }

    @Test
    void unknownFieldsAndATornLastLineAreTolerated() throws IOException {
        writeGoodRun("r");
        Path metrics = root.resolve("r/metrics.jsonl");
        List<String> rows = Files.readAllLines(metrics);
        rows.set(0, rows.get(0).replaceFirst("\\{", "{\"per_class_errors\":[1,2,3],\"update_ratio\":{\"w1\":0.001},"));
        Files.write(metrics, rows);
        Files.writeString(metrics, "{\"epoch\": 2, \"trainlo", java.nio.file.StandardOpenOption.APPEND);
        StoredRun run = new RunStore(root).load("r");
        assertEquals(2, run.metrics().size());
        assertEquals(0, run.metrics().get(0).epoch());
    }

    @Test
    void renameAndDeleteTouchExactlyThatRunAndRefuseARunningOne() throws IOException {
        writeGoodRun("one");
        writeGoodRun("two");
        Path outside = Files.createDirectories(root.resolve("../outside-" + System.nanoTime()));
        Files.writeString(outside.resolve("keep.txt"), "keep");
        Files.createSymbolicLink(root.resolve("one/link"), outside);
        RunStore store = new RunStore(root);

        assertThrows(IllegalArgumentException.class, () -> store.rename("one", "../x"));
        assertThrows(RunFileException.class, () -> store.rename("one", "two"));
        assertEquals("uno", store.rename("one", "uno").name());
        store.delete("uno");
        assertFalse(Files.exists(root.resolve("uno")));
        assertTrue(Files.exists(root.resolve("two/config.json")), "the other run is untouched");
        assertTrue(Files.exists(outside.resolve("keep.txt")), "a link inside the run is removed, not followed");
        assertThrows(IllegalArgumentException.class, () -> store.delete(".."));
        assertThrows(RunFileException.class, () -> store.delete("nonexistent"));

        try (Trainer t = trainer(); RunWriter w = RunWriter.create(root.resolve("live"), CONFIG, provenance())) {
            RunFileException e = assertThrows(RunFileException.class, () -> store.delete("live"));
            assertTrue(e.getMessage().contains("is running"), e.getMessage());
            assertThrows(RunFileException.class, () -> store.rename("live", "other"));
            assertThrows(RunFileException.class, () -> RunWriter.create(root.resolve("live"), CONFIG, provenance()));
        }
    }

    @Test
    void aNewRunRefusesAFileOrAStoredRunAndAFailedStartLeavesNothing() throws IOException {
        Path file = Files.writeString(root.resolve("plain.txt"), "x");
        RunFileException e = assertThrows(RunFileException.class, () -> RunWriter.create(file, CONFIG, provenance()));
        assertEquals(file + ": exists and is a file, not a run folder", e.getMessage());
        writeGoodRun("done");
        e = assertThrows(RunFileException.class, () -> RunWriter.create(root.resolve("done"), CONFIG, provenance()));
        assertTrue(e.getMessage().contains("already holds a run"), e.getMessage());

        TrainingState s = goodness.ff.io.Checkpoints.loadState(root.resolve("done/checkpoint.bin"));
        writeGoodRun("other");
        e = assertThrows(RunFileException.class, () -> RunWriter.resume(root.resolve("other"), s, root.resolve("done/checkpoint.bin"), provenance()));
        assertTrue(e.getMessage().contains("already holds another run"), e.getMessage());
        assertEquals(2, new RunStore(root).load("other").metrics().size(), "the other run is untouched");

        RunWriter w = RunWriter.create(root.resolve("failed"), CONFIG, provenance());
        w.abandon();
        assertFalse(Files.exists(root.resolve("failed")), "an abandoned start leaves no folder and no config.json");
    }

    @Test
    void foldersWrittenBeforeTheStoreAreListed() throws IOException {
        Path legacy = Files.createDirectories(root.resolve("legacy"));
        Files.writeString(legacy.resolve("config.json"), RunJson.GSON.toJson(RunJson.config(CONFIG)));
        Files.writeString(legacy.resolve("metrics.jsonl"), "{\"epoch\":0,\"gain\":1.0,\"trainlogcost\":60.5,\"pairwise_errors\":[1,2,3],"
                + "\"energy_errors_valid\":40,\"softmax_errors_valid\":41}\n");
        Files.writeString(legacy.resolve("result.json"), "{\"energy_errors_train\":0,\"energy_errors_test\":139,\"softmax_errors_test\":134,"
                + "\"train_cases\":50000,\"test_cases\":10000,\"wall_seconds\":1440.0}");
        RunSummary s = new RunStore(root).list().get(0);
        assertEquals(RunStatus.FINISHED, s.status());
        assertEquals(139, s.testEnergyErrors());
        assertEquals(40, s.bestValidEnergyErrors());
        assertEquals("", s.origin());
    }

    // ------------------------------------------------------------------------------------------

    private void writeGoodRun(String name) {
        try (Trainer t = trainer(); RunWriter w = RunWriter.create(root.resolve(name), CONFIG, provenance())) {
            w.epochEnded(trainEpoch(t), t.state());
            w.epochEnded(trainEpoch(t), t.state());
        }
    }

    static int linesOf(Path p) {
        try (Stream<String> s = Files.lines(p)) {
            return (int) s.filter(l -> !l.isBlank()).count();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    static List<String> withoutTiming(List<EpochMetrics> rows) {
        List<String> out = new ArrayList<>();
        for (EpochMetrics m : rows) {
            var o = RunJson.metrics(m);
            for (String f : List.of("seconds", "eval_seconds", "samples_per_second")) o.remove(f);
            out.add(o.toString());
        }
        return out;
    }

    @Test
    void aHintonPlusRunListsAsHintonPlusComparedWithItsOwnDefaultsAndOldFoldersStillRead() throws IOException {
        FFConfig plus = FFConfig.named("hinton-plus").toBuilder().evalEvery(10).build();
        Path written = root.resolve("new");
        Files.createDirectories(written);
        Files.writeString(written.resolve(RunFolder.CONFIG), RunJson.GSON.toJson(RunJson.config(plus)));
        assertEquals("hinton-plus", com.google.gson.JsonParser.parseString(Files.readString(written.resolve(RunFolder.CONFIG)))
                .getAsJsonObject().get("presetName").getAsString(), "config.json names the preset");
        // A folder written before configs carried their name (the same config without the field).
        Path old = root.resolve("old");
        Files.createDirectories(old);
        com.google.gson.JsonObject json = RunJson.config(plus);
        json.remove("presetName");
        Files.writeString(old.resolve(RunFolder.CONFIG), RunJson.GSON.toJson(json));

        RunStore store = new RunStore(root);
        for (String name : List.of("new", "old")) {
            RunSummary s = store.list().stream().filter(r -> r.name().equals(name)).findFirst().orElseThrow();
            assertEquals("hinton-plus", s.presetName(), name);
            assertEquals(Recipe.HINTON, s.recipe(), name);
            assertEquals(java.util.Map.of("evalEvery", "10"), s.changedSettings(),
                    name + ": compared with hinton-plus's own defaults, only the eval interval differs");
            assertEquals(plus, store.load(name).config(), name);
        }
        assertTrue(store.newRunFolder(plus).getFileName().toString().startsWith("hinton-plus-mnist-s1234-"), "a new run's folder starts with its name");
    }
}
