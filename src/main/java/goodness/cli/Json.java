package goodness.cli;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import goodness.ff.EpochMetrics;
import goodness.ff.FFConfig;
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
        o.addProperty("seconds", m.trainSeconds());
        o.addProperty("eval_seconds", m.evalSeconds());
        o.addProperty("samples_per_second", m.samplesPerSecond());
        o.addProperty("negatives", m.negatives().id());
        o.addProperty("phases", m.phases().toString());
        return o;
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
