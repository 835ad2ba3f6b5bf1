package goodness.cli;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import goodness.data.PreprocessedDigit;
import goodness.ff.EpochMetrics;
import goodness.ff.FFConfig;
import goodness.ff.GoodnessHistogram;
import goodness.ff.Prediction;
import goodness.ff.TestResult;

import java.util.List;

/** The JSON shapes the CLI prints and writes; field names are part of the CLI's contract. */
final class Json {
    static final Gson GSON = new GsonBuilder().serializeSpecialFloatingPointValues().disableHtmlEscaping().create();

    private Json() {
    }

    static JsonObject epoch(EpochMetrics m) {
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
        return o;
    }

    /** Per layer: the threshold, the bins (log₂(G/θ) from .. to, equal steps) and the counts. */
    static JsonArray histograms(List<GoodnessHistogram> hs) {
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

    static JsonObject test(TestResult t) {
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

    static JsonArray floats(float[] v) {
        JsonArray a = new JsonArray();
        for (float x : v) a.add(x);
        return a;
    }

    static JsonObject config(FFConfig c) {
        return GSON.toJsonTree(c).getAsJsonObject();
    }

    static JsonArray ints(List<Integer> v) {
        JsonArray a = new JsonArray();
        v.forEach(a::add);
        return a;
    }

    static JsonArray doubles(List<Double> v) {
        JsonArray a = new JsonArray();
        v.forEach(a::add);
        return a;
    }
}
