package goodness.cli;

import com.google.gson.Gson;
import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import goodness.data.PreprocessedDigit;
import goodness.ff.io.JsonFormat;
import goodness.ff.scoring.Prediction;
import goodness.ff.scoring.TestResult;
import goodness.ff.training.EpochMetrics;
import goodness.runs.RunJson;

import java.util.List;

/** The JSON shapes the CLI prints and writes; field names are part of the CLI's contract. */
final class Json {
    /** The project's one Gson ({@link JsonFormat#GSON}). */
    static final Gson GSON = JsonFormat.GSON;

    private Json() {
    }

    /** One epoch: the run folder's metrics.jsonl line ({@link RunJson#metrics(EpochMetrics)}). */
    static JsonObject epoch(EpochMetrics m) {
        return RunJson.metrics(m);
    }

    /** A final test: the run folder's result.json without its wall time and config. */
    static JsonObject test(TestResult t) {
        return RunJson.testResult(t);
    }

    /** {@code eval --versus}: the second model and, per set, its paired comparison with the first. */
    static JsonObject versus(String model, List<EvalCommand.Versus> compared) {
        JsonObject o = new JsonObject();
        o.addProperty("model", model);
        for (EvalCommand.Versus v : compared) {
            JsonObject set = new JsonObject();
            set.add("energy", paired(v.energy()));
            if (v.softmax() != null) set.add("softmax", paired(v.softmax()));
            o.add(v.set(), set);
        }
        return o;
    }

    private static JsonObject paired(goodness.ff.scoring.PairedErrors p) {
        JsonObject o = new JsonObject();
        o.addProperty("cases", p.cases());
        o.addProperty("errors_a", p.errorsA());
        o.addProperty("errors_b", p.errorsB());
        o.addProperty("both_wrong", p.both());
        o.addProperty("only_a_wrong", p.onlyA());
        o.addProperty("only_b_wrong", p.onlyB());
        o.addProperty("mcnemar_exact_p", p.mcnemarExactP());
        return o;
    }

    /** {@code eval --json}: softmax fields only with a readout, valid fields only when the split has a valid set. */
    static JsonObject eval(String model, EvalCommand.SetResult valid, EvalCommand.SetResult test, int[][] confusion) {
        JsonObject o = new JsonObject();
        o.addProperty("model", model);
        if (valid != null) {
            o.addProperty("energy_errors_valid", valid.energyErrors());
            if (valid.softmaxErrors() != null) o.addProperty("softmax_errors_valid", valid.softmaxErrors());
        }
        o.addProperty("energy_errors_test", test.energyErrors());
        if (test.softmaxErrors() != null) o.addProperty("softmax_errors_test", test.softmaxErrors());
        if (valid != null) o.addProperty("valid_cases", valid.cases());
        o.addProperty("test_cases", test.cases());
        JsonArray rows = new JsonArray();
        for (int[] row : confusion) {
            JsonArray r = new JsonArray();
            for (int v : row) r.add(v);
            rows.add(r);
        }
        o.add("confusion", rows);
        return o;
    }

    /** {@code predict --json}: one object per image; softmax fields only for a model with a readout. */
    static JsonObject prediction(String file, PreprocessedDigit digit, Prediction p) {
        JsonObject o = new JsonObject();
        o.addProperty("file", file);
        o.addProperty("energy_label", p.energyLabel());
        if (p.softmax() != null) o.addProperty("softmax_label", p.softmaxLabel());
        o.add("goodness", floats(p.energy()));
        JsonArray layers = new JsonArray();
        for (float[] g : p.goodness()) layers.add(floats(g));
        o.add("goodness_per_layer", layers);
        if (p.softmax() != null) o.add("softmax", floats(p.softmax()));
        o.addProperty("empty", digit.empty());
        return o;
    }

    private static JsonArray floats(float[] v) {
        JsonArray a = new JsonArray();
        for (float x : v) a.add(x);
        return a;
    }

}
