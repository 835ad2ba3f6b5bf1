package goodness.cli;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code train} (outputs, --stop-after / --resume) and {@code eval} on a tiny network. */
class TrainEvalCliTest {
    static final String[] TINY = {"--train-limit", "1000", "--hidden", "50,50,50", "--epochs", "2", "--eval-every", "1",
            "--backend", "ejml", "--threads", "1", "--no-progress"};

    @TempDir
    static Path tmp;
    static Path full;
    static CliRunner.Result fullRun;

    @BeforeAll
    static void trainTwoEpochs() {
        full = tmp.resolve("full");
        fullRun = CliRunner.run(args("train", "--out", full.toString()));
    }

    static String[] args(String command, String... more) {
        String[] a = new String[1 + TINY.length + more.length];
        a[0] = command;
        System.arraycopy(TINY, 0, a, 1, TINY.length);
        System.arraycopy(more, 0, a, 1 + TINY.length, more.length);
        return a;
    }

    static List<JsonObject> jsonLines(Path file) throws IOException {
        return Files.readAllLines(file).stream().filter(l -> !l.isBlank()).map(l -> JsonParser.parseString(l).getAsJsonObject()).collect(Collectors.toList());
    }

    @Test
    void trainWritesMetricsCheckpointModelAndResult() throws IOException {
        assertEquals(0, fullRun.code(), fullRun.err());
        for (String f : List.of("metrics.csv", "metrics.jsonl", "checkpoint.bin", "model.ffm", "result.json", "config.json"))
            assertTrue(Files.isRegularFile(full.resolve(f)), f);
        List<String> csv = Files.readAllLines(full.resolve("metrics.csv"));
        assertEquals(3, csv.size(), "header + 2 epochs");
        assertTrue(csv.get(0).startsWith("epoch,gain,trainlogcost,pairwise_errors_1"), csv.get(0));
        List<JsonObject> epochs = jsonLines(full.resolve("metrics.jsonl"));
        assertEquals(2, epochs.size());
        for (String field : List.of("epoch", "gain", "trainlogcost", "pairwise_errors", "energy_errors_train", "energy_errors_valid",
                "softmax_errors_valid", "rms", "suprms", "goodness_pos", "goodness_neg", "seconds"))
            assertTrue(epochs.get(1).has(field), field);
        assertEquals(3, epochs.get(1).getAsJsonArray("pairwise_errors").size());
        JsonObject result = JsonParser.parseString(Files.readString(full.resolve("result.json"))).getAsJsonObject();
        assertTrue(result.has("energy_errors_test") && result.has("softmax_errors_test"), result.toString());
        assertEquals(10000, result.get("test_cases").getAsInt());
        assertTrue(fullRun.out().contains("Energy-based errs: Train"), fullRun.out());
    }

    @Test
    void everyEpochCarriesTheInsideMetrics() throws IOException {
        assertEquals(0, fullRun.code(), fullRun.err());
        for (JsonObject e : jsonLines(full.resolve("metrics.jsonl"))) {
            assertEquals(3, e.getAsJsonArray("energy_errors_valid_per_layer").size(), e.toString());
            assertEquals(3, e.getAsJsonArray("energy_errors_train_per_layer").size());
            JsonArray perClass = e.getAsJsonArray("energy_errors_valid_per_class");
            assertEquals(10, perClass.size());
            int sum = 0;
            for (var c : perClass) sum += c.getAsInt();
            assertEquals(e.get("energy_errors_valid").getAsInt(), sum, "per-class errors add up");
            JsonArray ratio = e.getAsJsonArray("update_ratio");
            assertEquals(3, ratio.size());
            for (var r : ratio) assertTrue(r.getAsDouble() > 0 && r.getAsDouble() < 1, "update ratio " + r);
            JsonArray hist = e.getAsJsonArray("goodness_histograms");
            assertEquals(3, hist.size());
            for (var h : hist) {
                JsonObject o = h.getAsJsonObject();
                assertEquals(50.0 * 1, o.get("threshold").getAsDouble(), "θ = width for recipe A");
                int pos = 0, neg = 0;
                for (var c : o.getAsJsonArray("pos")) pos += c.getAsInt();
                for (var c : o.getAsJsonArray("neg")) neg += c.getAsInt();
                assertEquals(1000, pos, "every training case counted once");
                assertEquals(1000, neg);
            }
        }
    }

    /** The Inside view's list fields and the CSV columns they flatten into (per layer 1-based, per class 0-9). */
    private static final List<String> INSIDE_FIELDS = List.of("energy_errors_train_per_layer", "energy_errors_valid_per_layer",
            "energy_errors_valid_per_class", "energy_errors_test_per_layer", "energy_errors_test_per_class", "update_ratio");

    @Test
    void metricsCsvHasTheInsideColumnsWithMetricsJsonlsValues() throws IOException {
        assertEquals(0, fullRun.code(), fullRun.err());
        List<Map<String, String>> rows = csvRows(full.resolve("metrics.csv"));
        List<JsonObject> epochs = jsonLines(full.resolve("metrics.jsonl"));
        assertInsideColumnsMatch(rows, epochs, 3);
        // Recipe A: valid per-layer and per-class errors and update ratios in every (evaluated) epoch, no test ones.
        for (Map<String, String> row : rows) {
            assertFalse(row.get("energy_errors_valid_per_class_9").isEmpty());
            assertFalse(row.get("update_ratio_3").isEmpty());
            assertTrue(row.get("energy_errors_test_per_layer_1").isEmpty(), "recipe A scores the test set only at the end");
        }
    }

    @Test
    void recipeBsMetricsCarryPerLayerAndPerClassTestErrorsInJsonAndCsv() throws IOException {
        Path dir = tmp.resolve("sleep");
        CliRunner.Result r = CliRunner.run("train", "--preset", "sleep", "--epochs", "2", "--steps", "1", "--train-limit", "512",
                "--hidden", "60,40", "--eval-every", "1", "--backend", "ejml", "--threads", "1", "--no-progress", "--json",
                "--data", SmallMnist.root().toString(), "--out", dir.toString());
        assertEquals(0, r.code(), r.err());
        List<JsonObject> epochs = jsonLines(dir.resolve("metrics.jsonl"));
        List<JsonObject> printed = r.out().lines().filter(l -> l.startsWith("{") && l.contains("\"trainlogcost\""))
                .map(l -> JsonParser.parseString(l).getAsJsonObject()).collect(Collectors.toList());
        assertEquals(2, epochs.size());
        assertEquals(2, printed.size(), r.out());
        for (int e = 0; e < 2; e++) {
            JsonObject o = epochs.get(e);
            JsonArray perLayer = o.getAsJsonArray("energy_errors_test_per_layer"), perClass = o.getAsJsonArray("energy_errors_test_per_class");
            assertEquals(2, perLayer.size(), o.toString());
            assertEquals(10, perClass.size());
            int sum = 0;
            for (var c : perClass) sum += c.getAsInt();
            assertEquals(o.get("energy_errors_test").getAsInt(), sum, "per-class test errors add up to the test errors");
            assertEquals(SmallMnist.TEST, o.get("test_cases").getAsInt());
            assertFalse(o.has("energy_errors_valid_per_layer"), "recipe B has no validation split");
            assertEquals(perLayer, printed.get(e).getAsJsonArray("energy_errors_test_per_layer"), "--json prints what metrics.jsonl holds");
            assertEquals(perClass, printed.get(e).getAsJsonArray("energy_errors_test_per_class"));
        }
        assertInsideColumnsMatch(csvRows(dir.resolve("metrics.csv")), epochs, 2);
    }

    /** metrics.csv as one map per row (header name to cell). */
    private static List<Map<String, String>> csvRows(Path file) throws IOException {
        List<String> lines = Files.readAllLines(file);
        String[] header = lines.get(0).split(",", -1);
        List<Map<String, String>> rows = new java.util.ArrayList<>();
        for (String line : lines.subList(1, lines.size())) {
            String[] cells = line.split(",", -1);
            assertEquals(header.length, cells.length, "one cell per column: " + line);
            Map<String, String> row = new java.util.HashMap<>();
            for (int i = 0; i < header.length; i++) row.put(header[i], cells[i]);
            rows.add(row);
        }
        return rows;
    }

    /** Every Inside column exists and holds the metrics.jsonl value of its epoch (empty where the line lacks the field). */
    private static void assertInsideColumnsMatch(List<Map<String, String>> rows, List<JsonObject> epochs, int layers) {
        assertEquals(epochs.size(), rows.size());
        for (int e = 0; e < rows.size(); e++) {
            Map<String, String> row = rows.get(e);
            JsonObject o = epochs.get(e);
            assertEquals(o.get("epoch").getAsString(), row.get("epoch"));
            for (String field : INSIDE_FIELDS) {
                boolean perClass = field.endsWith("_per_class");
                int n = perClass ? 10 : layers;
                for (int k = 0; k < n; k++) {
                    String column = field + "_" + (perClass ? k : k + 1);
                    assertTrue(row.containsKey(column), "column " + column);
                    String cell = row.get(column);
                    if (!o.has(field)) {
                        assertEquals("", cell, column + " in epoch " + e);
                        continue;
                    }
                    double expected = o.getAsJsonArray(field).get(k).getAsDouble();
                    assertEquals(0, Double.compare(expected, Double.parseDouble(cell)), column + " in epoch " + e + ": " + cell + " vs " + expected);
                }
                assertFalse(row.containsKey(field + "_" + (perClass ? 10 : layers + 1)), "no column beyond the " + n + " of " + field);
            }
        }
        assertTrue(rows.get(0).keySet().stream().noneMatch(c -> c.startsWith("goodness_histograms")), "the histograms are only in metrics.jsonl");
    }

    @Test
    void stopAfterThenResumeGivesTheSameEpochsAsAnUninterruptedRun() throws IOException {
        Path split = tmp.resolve("split");
        CliRunner.Result first = CliRunner.run(args("train", "--out", split.toString(), "--stop-after", "1"));
        assertEquals(0, first.code(), first.err());
        assertTrue(first.out().contains("--resume"), first.out());
        assertTrue(Files.exists(split.resolve("checkpoint.bin")));
        assertFalse(Files.exists(split.resolve("model.ffm")), "a stopped run writes no final model");
        assertEquals(1, jsonLines(split.resolve("metrics.jsonl")).size());

        CliRunner.Result second = CliRunner.run("train", "--resume", split.resolve("checkpoint.bin").toString(), "--no-progress");
        assertEquals(0, second.code(), second.err());
        assertTrue(second.out().contains("resumed at epoch 1"), second.out());
        List<JsonObject> resumed = jsonLines(split.resolve("metrics.jsonl")), uninterrupted = jsonLines(full.resolve("metrics.jsonl"));
        assertEquals(2, resumed.size());
        for (int e = 0; e < 2; e++) {
            JsonObject a = withoutTiming(uninterrupted.get(e)), b = withoutTiming(resumed.get(e));
            assertEquals(a, b, "epoch " + e);
        }
        JsonObject ra = JsonParser.parseString(Files.readString(full.resolve("result.json"))).getAsJsonObject();
        JsonObject rb = JsonParser.parseString(Files.readString(split.resolve("result.json"))).getAsJsonObject();
        assertEquals(ra.get("energy_errors_test"), rb.get("energy_errors_test"));
        assertEquals(ra.get("softmax_errors_test"), rb.get("softmax_errors_test"));
        assertEquals(Files.readAllLines(full.resolve("metrics.csv")).size(), Files.readAllLines(split.resolve("metrics.csv")).size());
    }

    private static String[] sleepArgs(Path out, String epochs) {
        return new String[]{"train", "--preset", "sleep", "--epochs", epochs, "--steps", "1", "--train-limit", "512", "--hidden", "60,40",
                "--eval-every", "1", "--backend", "ejml", "--threads", "1", "--no-progress", "--data", SmallMnist.root().toString(),
                "--out", out.toString()};
    }

    @Test
    void aFinishedRecipeBRunExtendedWithMoreEpochsEqualsOneConfiguredLonger() throws IOException {
        Path longer = tmp.resolve("sleep-2"), extended = tmp.resolve("sleep-1-then-2");
        assertEquals(0, CliRunner.run(sleepArgs(longer, "2")).code());
        assertEquals(0, CliRunner.run(sleepArgs(extended, "1")).code());
        assertEquals(1, jsonLines(extended.resolve("metrics.jsonl")).size());

        CliRunner.Result r = CliRunner.run("train", "--resume", extended.resolve("checkpoint.bin").toString(), "--epochs", "2", "--no-progress",
                "--data", SmallMnist.root().toString());
        assertEquals(0, r.code(), r.err());
        List<JsonObject> a = jsonLines(longer.resolve("metrics.jsonl")), b = jsonLines(extended.resolve("metrics.jsonl"));
        assertEquals(2, b.size(), "the extension trained one more epoch");
        for (int e = 0; e < 2; e++) assertEquals(withoutTiming(a.get(e)), withoutTiming(b.get(e)), "epoch " + e);
        assertTrue(Files.readString(extended.resolve("events.jsonl")).contains("\"epochs\""), "events.jsonl records the extension");

        CliRunner.Result fewer = CliRunner.run("train", "--resume", extended.resolve("checkpoint.bin").toString(), "--epochs", "1",
                "--no-progress", "--data", SmallMnist.root().toString());
        assertEquals(1, fewer.code());
        assertTrue(fewer.err().contains("fewer than the run's 2"), fewer.err());
        assertEquals(2, jsonLines(extended.resolve("metrics.jsonl")).size(), "a refused resume leaves the run as it was");
    }

    @Test
    void moreEpochsOnResumeAreRefusedForRecipeAWhoseGainScheduleSpansItsEpochs() throws IOException {
        CliRunner.Result a = CliRunner.run("train", "--resume", full.resolve("checkpoint.bin").toString(), "--epochs", "3", "--no-progress");
        assertEquals(1, a.code(), "a bad setting, like the other refused options");
        assertTrue(a.err().contains("--epochs") && a.err().contains("gain schedule"), a.err());
        assertFalse(a.err().contains("Exception"), a.err());
        assertEquals(2, jsonLines(full.resolve("metrics.jsonl")).size(), "the run was left as it was");
    }

    private static JsonObject withoutTiming(JsonObject o) {
        JsonObject c = o.deepCopy();
        for (String f : List.of("seconds", "eval_seconds", "samples_per_second")) c.remove(f);
        return c;
    }

    @Test
    void evalJsonOfModelAndCheckpointMatchTheTrainingRun() throws IOException {
        JsonObject result = JsonParser.parseString(Files.readString(full.resolve("result.json"))).getAsJsonObject();
        List<JsonObject> epochs = jsonLines(full.resolve("metrics.jsonl"));
        for (String file : List.of("model.ffm", "checkpoint.bin")) {
            CliRunner.Result r = CliRunner.run("eval", "--model", full.resolve(file).toString(), "--json", "--backend", "ejml", "--threads", "1");
            assertEquals(0, r.code(), r.err());
            JsonObject o = JsonParser.parseString(r.out().trim()).getAsJsonObject();
            assertEquals(full.resolve(file).toString(), o.get("model").getAsString());
            assertEquals(result.get("energy_errors_test"), o.get("energy_errors_test"), file);
            assertEquals(result.get("softmax_errors_test"), o.get("softmax_errors_test"), file);
            assertEquals(epochs.get(1).get("energy_errors_valid"), o.get("energy_errors_valid"), file);
            assertEquals(epochs.get(1).get("softmax_errors_valid"), o.get("softmax_errors_valid"), file);
            assertEquals(10000, o.get("valid_cases").getAsInt());
            assertEquals(10000, o.get("test_cases").getAsInt());
            JsonArray confusion = o.getAsJsonArray("confusion");
            assertEquals(10, confusion.size());
            int total = 0, wrong = 0;
            for (int t = 0; t < 10; t++) {
                assertEquals(10, confusion.get(t).getAsJsonArray().size());
                for (int p = 0; p < 10; p++) {
                    int v = confusion.get(t).getAsJsonArray().get(p).getAsInt();
                    total += v;
                    if (p != t) wrong += v;
                }
            }
            assertEquals(10000, total);
            assertEquals(o.get("energy_errors_test").getAsInt(), wrong, "off-diagonal = energy errors");
        }
    }

    @Test
    void evalHumanOutputHasErrorsAndConfusionMatrix() {
        CliRunner.Result r = CliRunner.run("eval", "--model", full.resolve("model.ffm").toString(), "--backend", "ejml", "--threads", "1");
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("valid energy errors"), r.out());
        assertTrue(r.out().contains("test  energy errors"), r.out());
        assertTrue(r.out().contains("confusion matrix"), r.out());
        assertEquals("", r.err());
    }

    @Test
    void evalVersusPairsTwoModelsCaseByCase() throws IOException {
        // Another tiny model of the same split (another seed): the same cases, other mistakes.
        Path other = tmp.resolve("other-seed");
        CliRunner.Result t = CliRunner.run(args("train", "--seed", "99", "--out", other.toString()));
        assertEquals(0, t.code(), t.err());
        CliRunner.Result alone = CliRunner.run("eval", "--model", other.resolve("model.ffm").toString(), "--json", "--backend", "ejml", "--threads", "1");
        JsonObject b = JsonParser.parseString(alone.out().trim()).getAsJsonObject();
        CliRunner.Result r = CliRunner.run("eval", "--model", full.resolve("model.ffm").toString(), "--versus", other.resolve("model.ffm").toString(),
                "--json", "--backend", "ejml", "--threads", "1");
        assertEquals(0, r.code(), r.err());
        JsonObject o = JsonParser.parseString(r.out().trim()).getAsJsonObject();
        JsonObject vs = o.getAsJsonObject("versus");
        assertEquals(other.resolve("model.ffm").toString(), vs.get("model").getAsString());
        int disagreements = 0;
        for (String set : List.of("valid", "test"))
            for (String score : List.of("energy", "softmax")) {
                JsonObject p = vs.getAsJsonObject(set).getAsJsonObject(score);
                assertEquals(o.get(score + "_errors_" + set).getAsInt(), p.get("errors_a").getAsInt(), "A's errors are its own " + set + " " + score + " errors");
                assertEquals(b.get(score + "_errors_" + set).getAsInt(), p.get("errors_b").getAsInt(), "B's are what eval says of B alone");
                assertEquals(p.get("errors_a").getAsInt(), p.get("both_wrong").getAsInt() + p.get("only_a_wrong").getAsInt());
                assertEquals(p.get("errors_b").getAsInt(), p.get("both_wrong").getAsInt() + p.get("only_b_wrong").getAsInt());
                assertEquals(new goodness.ff.scoring.PairedErrors(10_000, p.get("errors_a").getAsInt(), p.get("errors_b").getAsInt(), p.get("both_wrong").getAsInt(),
                        p.get("only_a_wrong").getAsInt(), p.get("only_b_wrong").getAsInt()).mcnemarExactP(), p.get("mcnemar_exact_p").getAsDouble(), 1e-12);
                disagreements += p.get("only_a_wrong").getAsInt() + p.get("only_b_wrong").getAsInt();
            }
        assertTrue(disagreements > 0, "two differently trained models disagree somewhere");

        // The model against its own last checkpoint: the same network, so no case differs.
        CliRunner.Result same = CliRunner.run("eval", "--model", full.resolve("model.ffm").toString(), "--versus", full.resolve("checkpoint.bin").toString(),
                "--backend", "ejml", "--threads", "1");
        assertEquals(0, same.code(), same.err());
        assertTrue(same.out().contains("versus B: " + full.resolve("checkpoint.bin")), same.out());
        String testEnergy = same.out().lines().filter(l -> l.startsWith("test   energy")).findFirst().orElseThrow();
        String[] f = testEnergy.trim().split("\\s+");
        assertEquals(f[2], f[3], "errors A = errors B: " + testEnergy);
        assertEquals(f[2], f[4], "every error is both models': " + testEnergy);
        assertEquals(List.of("0", "0", "1.00"), List.of(f[5], f[6], f[7]), testEnergy);
    }

    @Test
    void evalMistakesListsEveryWrongCaseWithBothPredictions() throws IOException {
        Path csv = tmp.resolve("mistakes.csv");
        CliRunner.Result r = CliRunner.run("eval", "--model", full.resolve("model.ffm").toString(), "--mistakes", csv.toString(),
                "--json", "--backend", "ejml", "--threads", "1");
        assertEquals(0, r.code(), r.err());
        JsonObject o = JsonParser.parseString(r.out().trim()).getAsJsonObject();
        List<String> lines = Files.readAllLines(csv);
        assertEquals("set,index,label,energy,softmax", lines.get(0));
        Map<String, Integer> wrong = new java.util.HashMap<>();
        int[][] testEnergyConfusion = new int[10][10];
        java.util.Set<String> seen = new java.util.HashSet<>();
        for (String line : lines.subList(1, lines.size())) {
            String[] f = line.split(",", -1);
            assertEquals(5, f.length, line);
            assertTrue(seen.add(f[0] + "," + f[1]), "each case once: " + line);
            int index = Integer.parseInt(f[1]), label = Integer.parseInt(f[2]), energy = Integer.parseInt(f[3]), softmax = Integer.parseInt(f[4]);
            assertTrue(index >= 0 && index < 10_000, line);
            assertTrue(energy != label || softmax != label, "only cases one score gets wrong are listed: " + line);
            if (energy != label) wrong.merge(f[0] + " energy", 1, Integer::sum);
            if (softmax != label) wrong.merge(f[0] + " softmax", 1, Integer::sum);
            if (f[0].equals("test") && energy != label) testEnergyConfusion[label][energy]++;
        }
        for (String set : List.of("valid", "test"))
            for (String score : List.of("energy", "softmax"))
                assertEquals(o.get(score + "_errors_" + set).getAsInt(), wrong.getOrDefault(set + " " + score, 0), set + " " + score);
        JsonArray confusion = o.getAsJsonArray("confusion");
        for (int t = 0; t < 10; t++)
            for (int p = 0; p < 10; p++)
                if (p != t) assertEquals(confusion.get(t).getAsJsonArray().get(p).getAsInt(), testEnergyConfusion[t][p],
                        "the listed test cases are the confusion matrix's off-diagonal, label " + t + " read as " + p);
    }

    @Test
    void evalMistakesIntoAMissingFolderOrAFolderIsOneLineBeforeScoring() {
        for (Path bad : List.of(tmp.resolve("no-such-folder/mistakes.csv"), tmp)) {
            CliRunner.Result r = CliRunner.run("eval", "--model", full.resolve("model.ffm").toString(), "--mistakes", bad.toString(),
                    "--backend", "ejml", "--threads", "1");
            assertEquals(2, r.code(), r.err());
            assertEquals(1, r.err().trim().lines().count(), r.err());
            assertTrue(r.err().contains("--mistakes " + bad), r.err());
            assertFalse(r.err().contains("Exception"), r.err());
            assertEquals("", r.out(), "nothing scored");
        }
        assertFalse(Files.exists(tmp.resolve("no-such-folder")));
    }

    @Test
    void evalVersusAModelOfAnotherSplitIsOneClearLine() throws IOException {
        Path sleep = tmp.resolve("sleep-versus");
        CliRunner.Result t = CliRunner.run("train", "--preset", "sleep", "--epochs", "1", "--steps", "1", "--train-limit", "512",
                "--hidden", "20,20", "--backend", "ejml", "--threads", "1", "--no-progress", "--data", SmallMnist.root().toString(), "--out", sleep.toString());
        assertEquals(0, t.code(), t.err());
        CliRunner.Result r = CliRunner.run("eval", "--model", full.resolve("model.ffm").toString(), "--versus", sleep.resolve("model.ffm").toString(),
                "--backend", "ejml", "--threads", "1");
        assertEquals(2, r.code(), "a usage error");
        assertEquals(1, r.err().trim().lines().count(), r.err());
        assertTrue(r.err().contains("--versus: " + sleep.resolve("model.ffm") + " is scored on mnist (60k train / 10k test)"), r.err());
        assertTrue(r.err().contains("not the same cases"), r.err());
        assertFalse(r.err().contains("Exception"), r.err());

        // The recipe-B model alone: no validation set and no readout, so test rows with an empty softmax cell.
        Path csv = tmp.resolve("sleep-mistakes.csv");
        CliRunner.Result m = CliRunner.run("eval", "--model", sleep.resolve("model.ffm").toString(), "--mistakes", csv.toString(), "--json",
                "--backend", "ejml", "--threads", "1");
        assertEquals(0, m.code(), m.err());
        int errors = JsonParser.parseString(m.out().trim()).getAsJsonObject().get("energy_errors_test").getAsInt();
        List<String> rows = Files.readAllLines(csv).subList(1, Files.readAllLines(csv).size());
        assertEquals(errors, rows.size());
        for (String row : rows) assertTrue(row.startsWith("test,") && row.endsWith(","), row);
    }

    /** A full hinton-plus run is {@code train --preset hinton-plus --eval-every 10}: the same options on a tiny network. */
    @Test
    void hintonPlusWithEvalEveryLogsValidErrorsAtThoseEpochsAndIsStoredUnderItsName() throws IOException {
        Path out = tmp.resolve("plus");
        CliRunner.Result r = CliRunner.run("train", "--preset", "hinton-plus", "--eval-every", "2", "--epochs", "4", "--train-limit", "1000",
                "--hidden", "50,50,50", "--backend", "ejml", "--threads", "1", "--no-progress", "--out", out.toString());
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().startsWith("hinton-plus run: mnist"), r.out());
        List<JsonObject> epochs = jsonLines(out.resolve("metrics.jsonl"));
        assertEquals(4, epochs.size());
        for (JsonObject e : epochs) {
            boolean evaluated = (e.get("epoch").getAsInt() + 1) % 2 == 0;
            for (String field : List.of("energy_errors_valid", "softmax_errors_valid", "energy_errors_train"))
                assertEquals(evaluated, e.has(field), "epoch " + e.get("epoch") + ": " + field);
        }
        // The seed-style log prints the evaluation block after epochs 1 and 3 only.
        assertEquals(2, r.out().lines().filter(l -> l.startsWith("Energy-based errs: Train") && l.contains(" Valid ")).count(), r.out());
        JsonObject config = JsonParser.parseString(Files.readString(out.resolve("config.json"))).getAsJsonObject();
        assertEquals("hinton-plus", config.get("presetName").getAsString());
        assertEquals(1, config.get("shiftPixels").getAsInt());
        assertEquals(0.1, config.get("dropout").getAsDouble());
        assertEquals(10.0, config.get("rotateDegrees").getAsDouble());
        assertTrue(config.get("shuffle").getAsBoolean());
        assertEquals(2, config.get("evalEvery").getAsInt());

        CliRunner.Result runs = CliRunner.run("runs", "--json", "--runs-dir", tmp.toString());
        JsonObject listed = runs.out().lines().map(l -> JsonParser.parseString(l).getAsJsonObject())
                .filter(o -> o.get("name").getAsString().equals("plus")).findFirst().orElseThrow();
        assertEquals("hinton-plus", listed.get("preset").getAsString());
        assertEquals(List.of("hiddenSizes", "epochs", "threads", "backend", "trainLimit", "evalEvery"), List.copyOf(listed.getAsJsonObject("changed").keySet()),
                "compared with hinton-plus's defaults: reshuffling, shifts, rotations, dropout are not changes");
    }
}
