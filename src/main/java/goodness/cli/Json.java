package goodness.cli;

import com.google.gson.Gson;
import com.google.gson.JsonObject;
import com.google.gson.annotations.SerializedName;
import goodness.data.PreprocessedDigit;
import goodness.ff.io.JsonFormat;
import goodness.ff.scoring.PairedErrors;
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

    /** One paired comparison of two models' mistakes on a set. */
    private record PairedJson(
            int cases,
            @SerializedName("errors_a") int errorsA,
            @SerializedName("errors_b") int errorsB,
            @SerializedName("both_wrong") int both,
            @SerializedName("only_a_wrong") int onlyA,
            @SerializedName("only_b_wrong") int onlyB,
            @SerializedName("mcnemar_exact_p") double mcnemarExactP) {

        static PairedJson of(PairedErrors p) {
            return p == null ? null : new PairedJson(p.cases(), p.errorsA(), p.errorsB(), p.both(), p.onlyA(), p.onlyB(), p.mcnemarExactP());
        }
    }

    /** A set's comparisons: energy, and softmax when both models have a readout. */
    private record SetComparisonJson(PairedJson energy, PairedJson softmax) {
    }

    /**
     * {@code eval --versus}: the second model and, per set, its paired comparison with the first,
     * under the set's name ("valid", "test").
     */
    static JsonObject versus(String model, List<EvalCommand.Versus> compared) {
        JsonObject o = new JsonObject();
        o.addProperty("model", model);
        for (EvalCommand.Versus v : compared)
            o.add(v.set(), GSON.toJsonTree(new SetComparisonJson(PairedJson.of(v.energy()), PairedJson.of(v.softmax()))));
        return o;
    }

    /** {@code eval --json}: softmax fields only with a readout, valid fields only when the split has a valid set. */
    private record EvalJson(
            String model,
            @SerializedName("energy_errors_valid") Integer energyErrorsValid,
            @SerializedName("softmax_errors_valid") Integer softmaxErrorsValid,
            @SerializedName("energy_errors_test") Integer energyErrorsTest,
            @SerializedName("softmax_errors_test") Integer softmaxErrorsTest,
            @SerializedName("valid_cases") Integer validCases,
            @SerializedName("test_cases") int testCases,
            int[][] confusion,
            JsonObject versus) {
    }

    /** {@code eval --json}'s object; {@code versus} ({@link #versus}) only with {@code --versus}, else null. */
    static JsonObject eval(String model, EvalCommand.SetResult valid, EvalCommand.SetResult test, int[][] confusion, JsonObject versus) {
        boolean hasValid = valid != null;
        return GSON.toJsonTree(new EvalJson(model, hasValid ? valid.energyErrors() : null, hasValid ? valid.softmaxErrors() : null,
                test.energyErrors(), test.softmaxErrors(), hasValid ? valid.cases() : null, test.cases(), confusion, versus)).getAsJsonObject();
    }

    /** {@code predict --json}: one object per image; softmax fields only for a model with a readout. */
    private record PredictionJson(
            String file,
            @SerializedName("energy_label") Integer energyLabel,
            @SerializedName("softmax_label") Integer softmaxLabel,
            float[] goodness,
            @SerializedName("goodness_per_layer") float[][] goodnessPerLayer,
            float[] softmax,
            boolean empty) {
    }

    static JsonObject prediction(String file, PreprocessedDigit digit, Prediction p) {
        boolean readout = p.softmax() != null;
        return GSON.toJsonTree(new PredictionJson(file, p.hasEnergy() ? p.energyLabel() : null, readout ? p.softmaxLabel() : null, p.energy(), p.goodness(),
                p.softmax(), digit.empty())).getAsJsonObject();
    }
}
