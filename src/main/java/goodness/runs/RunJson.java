package goodness.runs;

import com.google.gson.Gson;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import com.google.gson.annotations.SerializedName;
import goodness.ff.FFConfig;
import goodness.ff.NegativeMode;
import goodness.ff.PhaseSchedule;
import goodness.ff.io.JsonFormat;
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
 * {@code run.json}. Each shape is a record below whose components, in order, are the file's
 * fields: field names and their order are part of the format, and a null component is a field
 * the line leaves out. Readers ignore fields they do not know (newer builds add some) and reject
 * a missing required field or a mistyped one with a {@link RunFileException} naming the file,
 * the line and the field.
 */
public final class RunJson {
    /** The project's one Gson ({@link JsonFormat#GSON}), for writing what these methods build. */
    public static final Gson GSON = JsonFormat.GSON;

    private RunJson() {
    }

    // ---------------------------------------------------------------------------------------- metrics

    /**
     * A {@code metrics.jsonl} line. Evaluation fields only on evaluated epochs; the Inside view's
     * per-layer and per-class figures only where the run measured them; {@code energy_errors_test}
     * and {@code test_cases} only for a run evaluated on the test set every epoch (recipe B, which
     * has no validation split).
     */
    private record MetricsLine(
            Integer epoch,
            Double gain,
            Double trainlogcost,
            @SerializedName("pairwise_errors") List<Integer> pairwiseErrors,
            @SerializedName("energy_errors_train") Integer energyErrorsTrain,
            @SerializedName("energy_errors_valid") Integer energyErrorsValid,
            @SerializedName("softmax_errors_valid") Integer softmaxErrorsValid,
            List<Double> rms,
            List<Double> suprms,
            @SerializedName("goodness_pos") List<Double> goodnessPos,
            @SerializedName("goodness_neg") List<Double> goodnessNeg,
            @SerializedName("layer_accuracy") List<Double> layerAccuracy,
            @SerializedName("energy_errors_train_per_layer") List<Integer> energyErrorsTrainPerLayer,
            @SerializedName("energy_errors_valid_per_layer") List<Integer> energyErrorsValidPerLayer,
            @SerializedName("energy_errors_valid_per_class") List<Integer> energyErrorsValidPerClass,
            @SerializedName("update_ratio") List<Double> updateRatio,
            @SerializedName("goodness_histograms") List<HistogramJson> goodnessHistograms,
            Double seconds,
            @SerializedName("eval_seconds") Double evalSeconds,
            @SerializedName("samples_per_second") Double samplesPerSecond,
            String negatives,
            String phases,
            @SerializedName("train_cases") Integer trainCases,
            @SerializedName("valid_cases") Integer validCases,
            @SerializedName("energy_errors_test") Integer energyErrorsTest,
            @SerializedName("test_cases") Integer testCases,
            @SerializedName("energy_errors_test_per_layer") List<Integer> energyErrorsTestPerLayer,
            @SerializedName("energy_errors_test_per_class") List<Integer> energyErrorsTestPerClass) {
    }

    /** Per layer: the threshold, the bins (log₂(G/θ) from .. to, equal steps) and the counts. */
    private record HistogramJson(
            Double threshold,
            @SerializedName("log2_ratio_from") Double log2RatioFrom,
            @SerializedName("log2_ratio_to") Double log2RatioTo,
            List<Integer> pos,
            List<Integer> neg) {
    }

    /** One epoch as a {@code metrics.jsonl} line. */
    public static JsonObject metrics(EpochMetrics m) {
        boolean tested = m.energyErrorsTest() != null;
        List<HistogramJson> histograms = m.goodnessHistograms() == null ? null : m.goodnessHistograms().stream()
                .map(h -> new HistogramJson(h.threshold(), GoodnessHistogram.LOG2_MIN, GoodnessHistogram.LOG2_MAX, h.positive(), h.negative()))
                .toList();
        return tree(new MetricsLine(m.epoch(), m.gain(), m.trainLogCost(), m.pairwiseErrors(), m.energyErrorsTrain(), m.energyErrorsValid(),
                m.softmaxErrorsValid(), m.rms(), m.suprms(), m.goodnessPos(), m.goodnessNeg(), m.layerAccuracy(),
                m.energyErrorsTrainPerLayer(), m.energyErrorsValidPerLayer(), m.energyErrorsValidPerClass(), m.updateRatio(), histograms,
                m.trainSeconds(), m.evalSeconds(), m.samplesPerSecond(), m.negatives().id(), m.phases().toString(), m.trainCases(),
                m.validCases(), m.energyErrorsTest(), tested ? m.testCases() : null, m.energyErrorsTestPerLayer(), m.energyErrorsTestPerClass()));
    }

    /**
     * Reads one {@code metrics.jsonl} line. Required: {@code epoch}, {@code trainlogcost},
     * {@code pairwise_errors}; everything else may be missing (files written before the field
     * existed) and unknown fields are ignored.
     *
     * @param where the file and line, for messages ("runs/x/metrics.jsonl line 3")
     */
    public static EpochMetrics metrics(String line, String where) {
        MetricsLine o = read(line, where, MetricsLine.class, "malformed metrics row");
        int epoch = required(o.epoch(), "epoch", where);
        double cost = required(o.trainlogcost(), "trainlogcost", where);
        List<Integer> pairwise = required(o.pairwiseErrors(), "pairwise_errors", where);
        if (epoch < 0) throw new RunFileException(Path.of(where), "epoch must be >= 0, got " + epoch);
        for (var f : new Object[][]{{"energy_errors_train", o.energyErrorsTrain()}, {"energy_errors_valid", o.energyErrorsValid()},
                {"softmax_errors_valid", o.softmaxErrorsValid()}, {"train_cases", o.trainCases()}, {"valid_cases", o.validCases()},
                {"energy_errors_test", o.energyErrorsTest()}, {"test_cases", o.testCases()}})
            count((Integer) f[1], (String) f[0], Path.of(where), "malformed metrics row");
        try {
            List<GoodnessHistogram> histograms = null;
            if (o.goodnessHistograms() != null) {
                histograms = new ArrayList<>();
                for (int i = 0; i < o.goodnessHistograms().size(); i++) {
                    HistogramJson h = o.goodnessHistograms().get(i);
                    String field = "goodness_histograms[" + i + "]";
                    histograms.add(new GoodnessHistogram(required(h.threshold(), field + ".threshold", where),
                            required(h.pos(), field + ".pos", where), required(h.neg(), field + ".neg", where)));
                }
                histograms = List.copyOf(histograms);
            }
            return new EpochMetrics(epoch, or(o.gain(), 1.0), cost, List.copyOf(pairwise), orEmpty(o.goodnessPos()),
                    orEmpty(o.goodnessNeg()), orEmpty(o.layerAccuracy()), o.energyErrorsTrain(), o.energyErrorsValid(),
                    o.softmaxErrorsValid(), copy(o.rms()), copy(o.suprms()), or(o.seconds(), 0.0), or(o.evalSeconds(), 0.0),
                    or(o.samplesPerSecond(), 0.0),
                    o.negatives() == null ? NegativeMode.HARD : NegativeMode.parse(o.negatives()),
                    o.phases() == null ? PhaseSchedule.unseparated() : PhaseSchedule.parse(o.phases()),
                    or(o.trainCases(), 0), or(o.validCases(), 0), copy(o.energyErrorsTrainPerLayer()), copy(o.energyErrorsValidPerLayer()),
                    copy(o.energyErrorsValidPerClass()), copy(o.updateRatio()), histograms, o.energyErrorsTest(), or(o.testCases(), 0),
                    copy(o.energyErrorsTestPerLayer()), copy(o.energyErrorsTestPerClass()));
        } catch (RunFileException e) {
            throw e;
        } catch (RuntimeException e) { // a bad enum name or phase schedule, a histogram of the wrong size
            throw new RunFileException(Path.of(where), "malformed metrics row: " + describe(e));
        }
    }

    // ---------------------------------------------------------------------------------------- config

    public static JsonObject config(FFConfig c) {
        return tree(c);
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
            throw new RunFileException(file, "not a valid run config: " + plain(describe(e)));
        }
    }

    // ---------------------------------------------------------------------------------------- result

    /**
     * {@code result.json}, and without its wall time and config what {@code train --json} prints
     * at the end. The softmax counts only where the recipe has a readout.
     */
    private record ResultJson(
            @SerializedName("energy_errors_train") Integer energyErrorsTrain,
            @SerializedName("energy_errors_test") Integer energyErrorsTest,
            @SerializedName("softmax_errors_train") Integer softmaxErrorsTrain,
            @SerializedName("softmax_errors_test") Integer softmaxErrorsTest,
            @SerializedName("train_cases") Integer trainCases,
            @SerializedName("test_cases") Integer testCases,
            @SerializedName("wall_seconds") Double wallSeconds,
            JsonElement config) {

        static ResultJson of(TestResult t, Double wallSeconds, JsonElement config) {
            boolean softmax = t.softmaxErrorsTest() != null;
            return new ResultJson(t.energyErrorsTrain(), t.energyErrorsTest(), softmax ? t.softmaxErrorsTrain() : null,
                    softmax ? t.softmaxErrorsTest() : null, t.trainCases(), t.testCases(), wallSeconds, config);
        }
    }

    public static JsonObject result(TestResult t, double wallSeconds, FFConfig config) {
        return tree(ResultJson.of(t, wallSeconds, config(config)));
    }

    /**
     * A final test's error counts (the softmax ones only where the recipe has a readout), as
     * {@code result.json} and {@code train --json} write them.
     */
    public static JsonObject testResult(TestResult t) {
        return tree(ResultJson.of(t, null, null));
    }

    /** Reads {@code result.json} of a run with a labelled (energy) score; see {@link #result(String, Path, boolean)}. */
    public static RunResult result(String json, Path file) {
        return result(json, file, false);
    }

    /**
     * Reads {@code result.json}; its config is not read (the run's {@code config.json} is the one
     * that counts, and says with {@code unsupervised} whether the run has an energy score: without
     * one, the readout's {@code softmax_errors_test} is the figure that must be there).
     */
    public static RunResult result(String json, Path file, boolean unsupervised) {
        ResultJson o = read(json, file.toString(), ResultJson.class, "malformed result");
        if (!unsupervised || o.energyErrorsTest() != null) required(o.energyErrorsTest(), "energy_errors_test", file.toString());
        else required(o.softmaxErrorsTest(), "softmax_errors_test", file.toString());
        Integer test = o.energyErrorsTest();
        count(o.energyErrorsTrain(), "energy_errors_train", file, "malformed result");
        count(test, "energy_errors_test", file, "malformed result");
        count(o.softmaxErrorsTrain(), "softmax_errors_train", file, "malformed result");
        count(o.softmaxErrorsTest(), "softmax_errors_test", file, "malformed result");
        count(o.trainCases(), "train_cases", file, "malformed result");
        count(o.testCases(), "test_cases", file, "malformed result");
        int testCases = or(o.testCases(), 0), trainCases = or(o.trainCases(), 0);
        if (testCases > 0) {
            atMost(test, "energy_errors_test", testCases, "test_cases", file);
            atMost(o.softmaxErrorsTest(), "softmax_errors_test", testCases, "test_cases", file);
        }
        if (trainCases > 0) {
            atMost(o.energyErrorsTrain(), "energy_errors_train", trainCases, "train_cases", file);
            atMost(o.softmaxErrorsTrain(), "softmax_errors_train", trainCases, "train_cases", file);
        }
        return new RunResult(test == null ? null : or(o.energyErrorsTrain(), 0), test, o.softmaxErrorsTrain(), o.softmaxErrorsTest(), or(o.trainCases(), 0),
                or(o.testCases(), 0), or(o.wallSeconds(), Double.NaN));
    }

    // ---------------------------------------------------------------------------------------- events

    /** An {@code events.jsonl} line: a live setting change and the batch it took effect before. */
    private record EventJson(
            Integer epoch,
            Integer batch,
            @SerializedName("batches_per_epoch") Integer batchesPerEpoch,
            @SerializedName("batch_counter") Long batchCounter,
            String setting,
            String old,
            @SerializedName("new") String newValue,
            String at) {
    }

    public static JsonObject event(RunEvent e) {
        return tree(new EventJson(e.epoch(), e.batch(), e.batchesPerEpoch(), e.batchCounter(), e.setting(), e.oldValue(), e.newValue(),
                e.at().toString()));
    }

    public static RunEvent event(String line, String where) {
        EventJson o = read(line, where, EventJson.class, "malformed event");
        int epoch = required(o.epoch(), "epoch", where), batch = required(o.batch(), "batch", where);
        long counter = required(o.batchCounter(), "batch_counter", where);
        String setting = required(o.setting(), "setting", where), newValue = required(o.newValue(), "new", where);
        try {
            return new RunEvent(epoch, batch, or(o.batchesPerEpoch(), 1), counter, setting, or(o.old(), ""), newValue, instant(o.at(), "at"));
        } catch (RuntimeException e) {
            throw new RunFileException(Path.of(where), "malformed event: " + describe(e));
        }
    }

    // ---------------------------------------------------------------------------------------- run.json

    /**
     * What {@code run.json} holds: the run's status, its provenance and, when the writer knew it,
     * the index of {@code metrics.jsonl} a listing reads instead of the file (null in files
     * written before it existed).
     */
    record RunInfo(RunStatus status, String message, int epochsDone, int batchInEpoch, Instant updated, RunProvenance provenance,
                   MetricsIndex metricsIndex) {
        RunInfo(RunStatus status, String message, int epochsDone, int batchInEpoch, Instant updated, RunProvenance provenance) {
            this(status, message, epochsDone, batchInEpoch, updated, provenance, null);
        }
    }

    /** {@code run.json}; {@code format} is 1, for a reader to tell a later layout apart. */
    private record RunInfoJson(
            Integer format,
            String status,
            String message,
            @SerializedName("epochs_done") Integer epochsDone,
            @SerializedName("batch_in_epoch") Integer batchInEpoch,
            String updated,
            ProvenanceJson provenance,
            @SerializedName("metrics_index") JsonElement metricsIndex) {
    }

    private record ProvenanceJson(
            String origin,
            @SerializedName("code_version") String codeVersion,
            String created,
            Long seed,
            @SerializedName("data_root") String dataRoot,
            String dataset,
            String split,
            @SerializedName("train_cases") Integer trainCases,
            @SerializedName("valid_cases") Integer validCases,
            @SerializedName("test_cases") Integer testCases,
            @SerializedName("resumed_from") List<ResumeJson> resumedFrom) {
    }

    private record ResumeJson(
            String checkpoint,
            Integer epoch,
            @SerializedName("batch_in_epoch") Integer batchInEpoch,
            @SerializedName("batch_counter") Long batchCounter,
            String at) {
    }

    static JsonObject runInfo(RunInfo r) {
        RunProvenance p = r.provenance();
        List<ResumeJson> resumes = p.resumedFrom().stream()
                .map(x -> new ResumeJson(x.checkpoint(), x.epoch(), x.batchInEpoch(), x.batchCounter(), x.at().toString())).toList();
        ProvenanceJson q = new ProvenanceJson(p.origin(), p.codeVersion(), p.created().toString(), p.seed(), p.dataRoot(), p.dataset(),
                p.split(), p.trainCases(), p.validCases(), p.testCases(), resumes);
        return tree(new RunInfoJson(1, r.status().id(), r.message(), r.epochsDone(), r.batchInEpoch(), r.updated().toString(), q,
                r.metricsIndex() == null ? null : r.metricsIndex().toJson()));
    }

    static RunInfo runInfo(String json, Path file) {
        String where = file.toString();
        RunInfoJson o = read(json, where, RunInfoJson.class, "malformed run status");
        String status = required(o.status(), "status", where);
        ProvenanceJson q = required(o.provenance(), "provenance", where);
        int done = or(o.epochsDone(), 0);
        if (done < 0) throw new RunFileException(file, "epochs_done must be >= 0, got " + done);
        count(o.batchInEpoch(), "batch_in_epoch", file, "malformed run status");
        count(q.trainCases(), "provenance.train_cases", file, "malformed run status");
        count(q.validCases(), "provenance.valid_cases", file, "malformed run status");
        count(q.testCases(), "provenance.test_cases", file, "malformed run status");
        List<ResumePoint> resumes = new ArrayList<>();
        if (q.resumedFrom() != null) {
            for (int i = 0; i < q.resumedFrom().size(); i++) {
                ResumeJson y = q.resumedFrom().get(i);
                String field = "provenance.resumed_from[" + i + "]";
                resumes.add(new ResumePoint(or(y.checkpoint(), ""), required(y.epoch(), field + ".epoch", where),
                        required(y.batchInEpoch(), field + ".batch_in_epoch", where), or(y.batchCounter(), 0L),
                        instantIn(y.at(), field + ".at", file)));
            }
        }
        RunProvenance p = new RunProvenance(or(q.origin(), ""), or(q.codeVersion(), ""), instantIn(q.created(), "provenance.created", file),
                or(q.seed(), 0L), or(q.dataRoot(), ""), or(q.dataset(), ""), or(q.split(), ""), or(q.trainCases(), 0),
                or(q.validCases(), 0), or(q.testCases(), 0), resumes);
        MetricsIndex index = o.metricsIndex() == null || o.metricsIndex().isJsonNull() ? null : MetricsIndex.read(o.metricsIndex(), file);
        try {
            return new RunInfo(RunStatus.parse(status), or(o.message(), ""), done, or(o.batchInEpoch(), 0),
                    instant(o.updated(), "updated"), p, index);
        } catch (RuntimeException e) {
            throw new RunFileException(file, "malformed run status: " + describe(e));
        }
    }

    // ---------------------------------------------------------------------------------------- imported.json

    /** {@code imported.json}: the archive's file name, when, and the run's name in the archive. */
    private record ImportJson(String archive, String imported, @SerializedName("original_name") String originalName) {
    }

    static JsonObject imported(RunImport i) {
        return tree(new ImportJson(i.archive(), i.importedAt().toString(), i.originalName()));
    }

    static RunImport imported(String json, Path file) {
        String where = file.toString();
        ImportJson o = read(json, where, ImportJson.class, "malformed import record");
        String archive = required(o.archive(), "archive", where), name = required(o.originalName(), "original_name", where);
        try {
            return new RunImport(archive, instant(required(o.imported(), "imported", where), "imported"), name);
        } catch (IllegalArgumentException e) {
            throw new RunFileException(file, "malformed import record: " + e.getMessage());
        }
    }

    // ---------------------------------------------------------------------------------------- reading and writing

    private static JsonObject tree(Object record) {
        return GSON.toJsonTree(record).getAsJsonObject();
    }

    /** {@code text} as the record {@code type}; what does not parse or fit is one message naming the field. */
    private static <T extends Record> T read(String text, String where, Class<T> type, String what) {
        JsonObject o = object(text, where);
        try {
            return JsonFormat.read(o, type);
        } catch (JsonFormat.FieldException e) {
            throw new RunFileException(Path.of(where), what + ": " + e.getMessage());
        } catch (RuntimeException e) {
            throw new RunFileException(Path.of(where), what + ": " + describe(e));
        }
    }

    private static JsonObject object(String text, String where) {
        try {
            JsonElement e = JsonParser.parseString(text);
            if (!e.isJsonObject()) throw new RunFileException(Path.of(where), "is not a JSON object");
            return e.getAsJsonObject();
        } catch (JsonParseException e) {
            throw new RunFileException(Path.of(where), "is not valid JSON: " + describe(e));
        }
    }

    /** A required field's value; missing or null is "has no ..." naming the field. */
    private static <T> T required(T value, String field, String where) {
        if (value == null) throw new RunFileException(Path.of(where), "has no \"" + field + "\"");
        return value;
    }

    /** A count (errors, cases, a batch index) must not be negative. */
    private static void count(Integer value, String field, Path file, String what) {
        if (value != null && value < 0) throw new RunFileException(file, what + ": " + field + " must be a whole number from 0 up, got " + value);
    }

    private static void atMost(Integer errors, String field, int cases, String casesField, Path file) {
        if (errors != null && errors > cases)
            throw new RunFileException(file, "malformed result: " + field + " is " + errors + ", more than the " + cases + " of " + casesField);
    }

    private static <T> T or(T value, T missing) {
        return value == null ? missing : value;
    }

    private static <T> List<T> orEmpty(List<T> v) {
        return v == null ? List.of() : List.copyOf(v);
    }

    private static <T> List<T> copy(List<T> v) {
        return v == null ? null : List.copyOf(v);
    }

    /** A time field; missing reads as the epoch (files written before the field existed). */
    private static Instant instant(String text, String field) {
        if (text == null) return Instant.EPOCH;
        try {
            return Instant.parse(text);
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("\"" + field + "\" is not a time: \"" + text + "\"");
        }
    }

    private static Instant instantIn(String text, String field, Path file) {
        try {
            return instant(text, field);
        } catch (IllegalArgumentException e) {
            throw new RunFileException(file, "malformed run status: " + e.getMessage());
        }
    }

    private static String describe(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) root = root.getCause();
        String m = root.getMessage();
        if (m == null || m.isBlank()) m = "unexpected value";
        return plain(m.lines().findFirst().orElse(m));
    }

    /** A JSON parser's message without the parser's own names ("Use JsonReader.setStrictness(...)", "path $.x"). */
    static String plain(String m) {
        m = m.replaceAll("Use JsonReader\\.setStrictness\\([^)]*\\) to accept malformed JSON", "malformed JSON");
        m = m.replaceAll(" path \\$[^ ]*", "");
        m = m.replaceAll("com\\.google\\.gson\\.[A-Za-z.]*", "JSON");
        return m;
    }
}
