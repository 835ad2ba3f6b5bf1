package goodness.runs;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import goodness.ff.FFConfig;
import goodness.ff.NegativeMode;
import goodness.ff.PhaseSchedule;
import goodness.ff.scoring.GoodnessHistogram;
import goodness.ff.scoring.TestResult;
import goodness.ff.training.EpochMetrics;

import java.nio.file.Path;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;

/**
 * The JSON shapes of a run folder: one line of {@code metrics.jsonl} (also what {@code train
 * --json} prints), {@code config.json}, {@code events.jsonl}, {@code result.json} and
 * {@code run.json}. Field names are part of the format. Readers ignore fields they do not know
 * (newer builds add some) and reject a missing or mistyped required field with a
 * {@link RunFileException} naming the file and line.
 */
public final class RunJson {
    public static final Gson GSON = new GsonBuilder().serializeSpecialFloatingPointValues().disableHtmlEscaping().create();

    private RunJson() {
    }

    // ---------------------------------------------------------------------------------------- metrics

    /** One epoch as a {@code metrics.jsonl} line. Evaluation fields only on evaluated epochs. */
    public static JsonObject metrics(EpochMetrics m) {
        JsonObject o = new JsonObject();
        o.addProperty("epoch", m.epoch());
        o.addProperty("gain", m.gain());
        o.addProperty("trainlogcost", m.trainLogCost());
        o.add("pairwise_errors", ints(m.pairwiseErrors()));
        if (m.energyErrorsTrain() != null) o.addProperty("energy_errors_train", m.energyErrorsTrain());
        if (m.energyErrorsValid() != null) o.addProperty("energy_errors_valid", m.energyErrorsValid());
        if (m.softmaxErrorsValid() != null) o.addProperty("softmax_errors_valid", m.softmaxErrorsValid());
        if (m.rms() != null) o.add("rms", doubles(m.rms()));
        if (m.suprms() != null) o.add("suprms", doubles(m.suprms()));
        o.add("goodness_pos", doubles(m.goodnessPos()));
        o.add("goodness_neg", doubles(m.goodnessNeg()));
        o.add("layer_accuracy", doubles(m.layerAccuracy()));
        // The Inside view's metrics (issue 11).
        if (m.energyErrorsTrainPerLayer() != null) o.add("energy_errors_train_per_layer", ints(m.energyErrorsTrainPerLayer()));
        if (m.energyErrorsValidPerLayer() != null) o.add("energy_errors_valid_per_layer", ints(m.energyErrorsValidPerLayer()));
        if (m.energyErrorsValidPerClass() != null) o.add("energy_errors_valid_per_class", ints(m.energyErrorsValidPerClass()));
        if (m.updateRatio() != null) o.add("update_ratio", doubles(m.updateRatio()));
        if (m.goodnessHistograms() != null) o.add("goodness_histograms", histograms(m.goodnessHistograms()));
        o.addProperty("seconds", m.trainSeconds());
        o.addProperty("eval_seconds", m.evalSeconds());
        o.addProperty("samples_per_second", m.samplesPerSecond());
        o.addProperty("negatives", m.negatives().id());
        o.addProperty("phases", m.phases().toString());
        o.addProperty("train_cases", m.trainCases());
        o.addProperty("valid_cases", m.validCases());
        // Recipe B's per-epoch test evaluation (it has no validation split; issue 13).
        if (m.energyErrorsTest() != null) {
            o.addProperty("energy_errors_test", m.energyErrorsTest());
            o.addProperty("test_cases", m.testCases());
        }
        if (m.energyErrorsTestPerLayer() != null) o.add("energy_errors_test_per_layer", ints(m.energyErrorsTestPerLayer()));
        if (m.energyErrorsTestPerClass() != null) o.add("energy_errors_test_per_class", ints(m.energyErrorsTestPerClass()));
        return o;
    }

    /**
     * Reads one {@code metrics.jsonl} line. Required: {@code epoch}, {@code trainlogcost},
     * {@code pairwise_errors}; everything else may be missing (older files) and unknown fields
     * are ignored.
     *
     * @param where the file and line, for messages ("runs/x/metrics.jsonl line 3")
     */
    public static EpochMetrics metrics(String line, String where) {
        JsonObject o = object(line, where);
        try {
            int epoch = o.has("epoch") ? o.get("epoch").getAsInt() : fail(where, "has no \"epoch\"");
            if (epoch < 0) fail(where, "epoch must be >= 0, got " + epoch);
            if (!o.has("trainlogcost")) fail(where, "has no \"trainlogcost\"");
            if (!o.has("pairwise_errors")) fail(where, "has no \"pairwise_errors\"");
            NegativeMode negatives = o.has("negatives") ? NegativeMode.parse(o.get("negatives").getAsString()) : NegativeMode.HARD;
            PhaseSchedule phases = o.has("phases") ? PhaseSchedule.parse(o.get("phases").getAsString()) : PhaseSchedule.unseparated();
            return new EpochMetrics(epoch, dbl(o, "gain", 1.0), o.get("trainlogcost").getAsDouble(),
                    intList(o, "pairwise_errors"), dblList(o, "goodness_pos"), dblList(o, "goodness_neg"),
                    dblList(o, "layer_accuracy"), integer(o, "energy_errors_train"), integer(o, "energy_errors_valid"),
                    integer(o, "softmax_errors_valid"), o.has("rms") ? dblList(o, "rms") : null,
                    o.has("suprms") ? dblList(o, "suprms") : null, dbl(o, "seconds", 0), dbl(o, "eval_seconds", 0),
                    dbl(o, "samples_per_second", 0), negatives, phases,
                    o.has("train_cases") ? o.get("train_cases").getAsInt() : 0,
                    o.has("valid_cases") ? o.get("valid_cases").getAsInt() : 0,
                    o.has("energy_errors_train_per_layer") ? intList(o, "energy_errors_train_per_layer") : null,
                    o.has("energy_errors_valid_per_layer") ? intList(o, "energy_errors_valid_per_layer") : null,
                    o.has("energy_errors_valid_per_class") ? intList(o, "energy_errors_valid_per_class") : null,
                    o.has("update_ratio") ? dblList(o, "update_ratio") : null,
                    o.has("goodness_histograms") ? histograms(o.getAsJsonArray("goodness_histograms")) : null,
                    integer(o, "energy_errors_test"), o.has("test_cases") ? o.get("test_cases").getAsInt() : 0,
                    o.has("energy_errors_test_per_layer") ? intList(o, "energy_errors_test_per_layer") : null,
                    o.has("energy_errors_test_per_class") ? intList(o, "energy_errors_test_per_class") : null);
        } catch (RunFileException e) {
            throw e;
        } catch (RuntimeException e) { // wrong types (ClassCastException, NumberFormatException, IllegalStateException), bad enum names
            throw new RunFileException(Path.of(where), "malformed metrics row: " + describe(e));
        }
    }

    /** Per layer: the threshold, the bins (log₂(G/θ) from .. to, equal steps) and the counts. */
    public static JsonArray histograms(List<GoodnessHistogram> hs) {
        JsonArray a = new JsonArray();
        for (GoodnessHistogram h : hs) {
            JsonObject o = new JsonObject();
            o.addProperty("threshold", h.threshold());
            o.addProperty("log2_ratio_from", GoodnessHistogram.LOG2_MIN);
            o.addProperty("log2_ratio_to", GoodnessHistogram.LOG2_MAX);
            o.add("pos", ints(h.positive()));
            o.add("neg", ints(h.negative()));
            a.add(o);
        }
        return a;
    }

    private static List<GoodnessHistogram> histograms(JsonArray a) {
        List<GoodnessHistogram> out = new ArrayList<>();
        for (JsonElement e : a) {
            JsonObject h = e.getAsJsonObject();
            out.add(new GoodnessHistogram(h.get("threshold").getAsDouble(), intList(h, "pos"), intList(h, "neg")));
        }
        return List.copyOf(out);
    }

    // ---------------------------------------------------------------------------------------- config

    public static JsonObject config(FFConfig c) {
        return GSON.toJsonTree(c).getAsJsonObject();
    }

    /** Reads {@code config.json}; the config's own validation runs, its message prefixed with the file. */
    public static FFConfig config(String json, Path file) {
        object(json, file.toString());
        try {
            // The engine's strict reader: each field's JSON type is checked before the record validates it.
            return goodness.ff.io.ConfigJson.parse(json);
        } catch (RunFileException e) {
            throw e;
        } catch (RuntimeException e) {
            throw new RunFileException(file, "not a valid run config: " + describe(e));
        }
    }

    // ---------------------------------------------------------------------------------------- result

    public static JsonObject result(TestResult t, double wallSeconds, FFConfig config) {
        JsonObject o = testResult(t);
        o.addProperty("wall_seconds", wallSeconds);
        o.add("config", config(config));
        return o;
    }

    /**
     * A final test's error counts (the softmax ones only where the recipe has a readout), as
     * {@code result.json} and {@code train --json} write them.
     */
    public static JsonObject testResult(TestResult t) {
        JsonObject o = new JsonObject();
        o.addProperty("energy_errors_train", t.energyErrorsTrain());
        o.addProperty("energy_errors_test", t.energyErrorsTest());
        if (t.softmaxErrorsTest() != null) {
            o.addProperty("softmax_errors_train", t.softmaxErrorsTrain());
            o.addProperty("softmax_errors_test", t.softmaxErrorsTest());
        }
        o.addProperty("train_cases", t.trainCases());
        o.addProperty("test_cases", t.testCases());
        return o;
    }

    public static RunResult result(String json, Path file) {
        JsonObject o = object(json, file.toString());
        try {
            if (!o.has("energy_errors_test")) throw new RunFileException(file, "has no \"energy_errors_test\"");
            return new RunResult(o.has("energy_errors_train") ? o.get("energy_errors_train").getAsInt() : 0,
                    o.get("energy_errors_test").getAsInt(), integer(o, "softmax_errors_train"), integer(o, "softmax_errors_test"),
                    o.has("train_cases") ? o.get("train_cases").getAsInt() : 0, o.has("test_cases") ? o.get("test_cases").getAsInt() : 0,
                    dbl(o, "wall_seconds", Double.NaN));
        } catch (RunFileException e) {
            throw e;
        } catch (RuntimeException e) {
            throw new RunFileException(file, "malformed result: " + describe(e));
        }
    }

    // ---------------------------------------------------------------------------------------- events

    public static JsonObject event(RunEvent e) {
        JsonObject o = new JsonObject();
        o.addProperty("epoch", e.epoch());
        o.addProperty("batch", e.batch());
        o.addProperty("batches_per_epoch", e.batchesPerEpoch());
        o.addProperty("batch_counter", e.batchCounter());
        o.addProperty("setting", e.setting());
        o.addProperty("old", e.oldValue());
        o.addProperty("new", e.newValue());
        o.addProperty("at", e.at().toString());
        return o;
    }

    public static RunEvent event(String line, String where) {
        JsonObject o = object(line, where);
        try {
            for (String f : List.of("epoch", "batch", "batch_counter", "setting", "new"))
                if (!o.has(f)) throw new RunFileException(Path.of(where), "has no \"" + f + "\"");
            return new RunEvent(o.get("epoch").getAsInt(), o.get("batch").getAsInt(),
                    o.has("batches_per_epoch") ? o.get("batches_per_epoch").getAsInt() : 1, o.get("batch_counter").getAsLong(),
                    o.get("setting").getAsString(), o.has("old") ? o.get("old").getAsString() : "", o.get("new").getAsString(),
                    o.has("at") ? Instant.parse(o.get("at").getAsString()) : Instant.EPOCH);
        } catch (RunFileException e) {
            throw e;
        } catch (RuntimeException e) {
            throw new RunFileException(Path.of(where), "malformed event: " + describe(e));
        }
    }

    // ---------------------------------------------------------------------------------------- run.json

    /** What {@code run.json} holds: the run's status and its provenance. */
    record RunInfo(RunStatus status, String message, int epochsDone, int batchInEpoch, Instant updated, RunProvenance provenance) {
    }

    static JsonObject runInfo(RunInfo r) {
        JsonObject o = new JsonObject();
        o.addProperty("format", 1);
        o.addProperty("status", r.status().id());
        o.addProperty("message", r.message());
        o.addProperty("epochs_done", r.epochsDone());
        o.addProperty("batch_in_epoch", r.batchInEpoch());
        o.addProperty("updated", r.updated().toString());
        RunProvenance p = r.provenance();
        JsonObject q = new JsonObject();
        q.addProperty("origin", p.origin());
        q.addProperty("code_version", p.codeVersion());
        q.addProperty("created", p.created().toString());
        q.addProperty("seed", p.seed());
        q.addProperty("data_root", p.dataRoot());
        q.addProperty("dataset", p.dataset());
        q.addProperty("split", p.split());
        q.addProperty("train_cases", p.trainCases());
        q.addProperty("valid_cases", p.validCases());
        q.addProperty("test_cases", p.testCases());
        JsonArray resumes = new JsonArray();
        for (ResumePoint x : p.resumedFrom()) {
            JsonObject y = new JsonObject();
            y.addProperty("checkpoint", x.checkpoint());
            y.addProperty("epoch", x.epoch());
            y.addProperty("batch_in_epoch", x.batchInEpoch());
            y.addProperty("batch_counter", x.batchCounter());
            y.addProperty("at", x.at().toString());
            resumes.add(y);
        }
        q.add("resumed_from", resumes);
        o.add("provenance", q);
        return o;
    }

    static RunInfo runInfo(String json, Path file) {
        JsonObject o = object(json, file.toString());
        try {
            if (!o.has("status")) throw new RunFileException(file, "has no \"status\"");
            if (!o.has("provenance") || !o.get("provenance").isJsonObject()) throw new RunFileException(file, "has no \"provenance\"");
            int done = o.has("epochs_done") ? o.get("epochs_done").getAsInt() : 0;
            if (done < 0) throw new RunFileException(file, "epochs_done must be >= 0, got " + done);
            JsonObject q = o.getAsJsonObject("provenance");
            List<ResumePoint> resumes = new ArrayList<>();
            if (q.has("resumed_from")) {
                for (JsonElement e : q.getAsJsonArray("resumed_from")) {
                    JsonObject y = e.getAsJsonObject();
                    resumes.add(new ResumePoint(str(y, "checkpoint"), y.get("epoch").getAsInt(), y.get("batch_in_epoch").getAsInt(),
                            y.has("batch_counter") ? y.get("batch_counter").getAsLong() : 0, instant(y, "at")));
                }
            }
            RunProvenance p = new RunProvenance(str(q, "origin"), str(q, "code_version"), instant(q, "created"),
                    q.has("seed") ? q.get("seed").getAsLong() : 0, str(q, "data_root"), str(q, "dataset"), str(q, "split"),
                    intOr(q, "train_cases"), intOr(q, "valid_cases"), intOr(q, "test_cases"), resumes);
            return new RunInfo(RunStatus.parse(o.get("status").getAsString()), str(o, "message"), done,
                    intOr(o, "batch_in_epoch"), instant(o, "updated"), p);
        } catch (RunFileException e) {
            throw e;
        } catch (RuntimeException e) {
            throw new RunFileException(file, "malformed run status: " + describe(e));
        }
    }

    // ---------------------------------------------------------------------------------------- helpers

    private static JsonObject object(String text, String where) {
        try {
            JsonElement e = JsonParser.parseString(text);
            if (!e.isJsonObject()) throw new RunFileException(Path.of(where), "is not a JSON object");
            return e.getAsJsonObject();
        } catch (JsonParseException e) {
            throw new RunFileException(Path.of(where), "is not valid JSON: " + describe(e));
        }
    }

    private static int fail(String where, String why) {
        throw new RunFileException(Path.of(where), why);
    }

    private static String describe(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) root = root.getCause();
        String m = root.getMessage();
        if (m == null || m.isBlank()) m = "unexpected value";
        return m.lines().findFirst().orElse(m);
    }

    private static String str(JsonObject o, String k) {
        return o.has(k) && !o.get(k).isJsonNull() ? o.get(k).getAsString() : "";
    }

    private static int intOr(JsonObject o, String k) {
        return o.has(k) ? o.get(k).getAsInt() : 0;
    }

    private static Instant instant(JsonObject o, String k) {
        if (!o.has(k)) return Instant.EPOCH;
        try {
            return Instant.parse(o.get(k).getAsString());
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("\"" + k + "\" is not a time: " + o.get(k));
        }
    }

    private static double dbl(JsonObject o, String k, double dflt) {
        return o.has(k) && !o.get(k).isJsonNull() ? o.get(k).getAsDouble() : dflt;
    }

    private static Integer integer(JsonObject o, String k) {
        return o.has(k) && !o.get(k).isJsonNull() ? o.get(k).getAsInt() : null;
    }

    private static List<Integer> intList(JsonObject o, String k) {
        List<Integer> v = new ArrayList<>();
        for (JsonElement e : o.getAsJsonArray(k)) v.add(e.getAsInt());
        return List.copyOf(v);
    }

    private static List<Double> dblList(JsonObject o, String k) {
        List<Double> v = new ArrayList<>();
        if (!o.has(k)) return List.of();
        for (JsonElement e : o.getAsJsonArray(k)) v.add(e.getAsDouble());
        return List.copyOf(v);
    }

    public static JsonArray ints(List<Integer> v) {
        JsonArray a = new JsonArray();
        v.forEach(a::add);
        return a;
    }

    public static JsonArray doubles(List<Double> v) {
        JsonArray a = new JsonArray();
        v.forEach(a::add);
        return a;
    }
}
