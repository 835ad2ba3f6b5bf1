package goodness.cli;

import goodness.data.PreprocessedDigit;
import goodness.ff.Recipe;
import goodness.ff.scoring.PairedErrors;
import goodness.ff.scoring.Prediction;
import goodness.runs.RunStatus;
import goodness.runs.RunSummary;
import goodness.runs.ValidErrors;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The exact text of the CLI's {@code --json} lines for fixed content: scripts parse them, so key
 * order, number form (floats as floats: 0.1, 0.33333334, NaN), left-out fields and unescaped
 * text ({@code <}, {@code &}, {@code =}) are part of the contract.
 */
class CliJsonBytesTest {
    private static final String PREDICTION_READOUT = "{\"file\":\"a/b <1>.png\",\"energy_label\":1,\"softmax_label\":1,\"goodness\":[0.3,12.75],"
            + "\"goodness_per_layer\":[[0.1,2.5],[1.0E-7,3.0]],\"softmax\":[0.25,0.75],\"empty\":false}";
    private static final String PREDICTION_NO_READOUT = "{\"file\":\"c.png\",\"energy_label\":0,\"goodness\":[NaN,0.33333334],\"goodness_per_layer\":[[0.1,"
            + "2.5]],\"empty\":true}";
    private static final String EVAL_VERSUS = "{\"model\":\"m.ffm\",\"energy_errors_valid\":80,\"softmax_errors_valid\":91,"
            + "\"energy_errors_test\":64,\"valid_cases\":10000,\"test_cases\":10000,\"confusion\":[[5,1],[0,7]],"
            + "\"versus\":{\"model\":\"n.ffm\",\"valid\":{\"energy\":{\"cases\":10000,\"errors_a\":80,"
            + "\"errors_b\":70,\"both_wrong\":50,\"only_a_wrong\":30,\"only_b_wrong\":20,"
            + "\"mcnemar_exact_p\":0.20263875106454032},\"softmax\":{\"cases\":10000,\"errors_a\":91,"
            + "\"errors_b\":91,\"both_wrong\":91,\"only_a_wrong\":0,\"only_b_wrong\":0,\"mcnemar_exact_p\":1.0}},"
            + "\"test\":{\"energy\":{\"cases\":10000,\"errors_a\":64,\"errors_b\":60,\"both_wrong\":40,"
            + "\"only_a_wrong\":24,\"only_b_wrong\":20,\"mcnemar_exact_p\":0.6515878272089122}}}}";
    private static final String EVAL_NO_VALID = "{\"model\":\"m.ffm\",\"energy_errors_test\":64,\"test_cases\":10000,\"confusion\":[[5,1],[0,7]]}";
    private static final String RUN_LINE_FULL = "{\"name\":\"r <1>\",\"status\":\"finished\",\"message\":\"done & dusted = ok\",\"epochs_done\":10,"
            + "\"epochs\":125,\"preset\":\"hinton\",\"dataset\":\"mnist\",\"best_valid\":{\"epoch\":9,"
            + "\"energy_errors\":80,\"softmax_errors\":91},\"last_valid\":{\"epoch\":9,\"softmax_errors\":91},"
            + "\"valid_cases\":10000,\"energy_errors_test\":133,\"softmax_errors_test\":138,\"test_cases\":10000,"
            + "\"changed\":{\"epochs\":\"10\",\"learningRate\":\"0.02\"},\"date\":\"2026-12-01T08:00:00Z\","
            + "\"origin\":\"cli\",\"folder\":\"/runs/r <1>\"}";
    private static final String RUN_LINE_PLAIN = "{\"name\":\"plain\",\"status\":\"stopped\",\"epochs_done\":10,\"epochs\":125,\"preset\":\"hinton\","
            + "\"dataset\":\"mnist\",\"changed\":{},\"date\":\"2026-12-01T08:00:00Z\",\"origin\":\"cli\","
            + "\"folder\":\"/runs/r <1>\"}";
    private static final String BENCH_LINE = "{\"backend\":\"openblas\",\"threads\":2,\"seconds_per_epoch\":4.25,\"samples_per_second\":11764.7,"
            + "\"gflops\":101.7,\"energy_eval_seconds\":0.5,\"energy_eval_gflops\":88.1,\"peak_gflops\":150.0,"
            + "\"naive_floor_seconds\":0.1,\"floor_ratio\":42.5,\"fraction_of_peak\":0.678,"
            + "\"batches_per_epoch\":500,\"timed_batches\":300,\"extrapolated\":true,\"eval_images\":10000,"
            + "\"eval_extrapolated\":false,\"repeats\":3,\"energy_eval\":{\"seconds\":0.5,"
            + "\"naive_floor_seconds\":0.02,\"floor_ratio\":25.0,\"peak_gflops\":150.0,\"images\":10000},"
            + "\"recipe_b\":{\"seconds_per_epoch\":12.5,\"naive_floor_seconds\":0.75,"
            + "\"floor_ratio\":16.666666666666668,\"peak_gflops\":150.0,\"gflops\":33.3,\"steps_per_batch\":50,"
            + "\"batch_size\":512,\"batches_per_epoch\":97,\"timed_batches\":10},\"draw_to_prediction_ms\":1.75}";
    private static final String BENCH_LINE_THEORY = "{\"backend\":\"ejml\",\"threads\":1,\"seconds_per_epoch\":40.0,\"samples_per_second\":1250.0,"
            + "\"gflops\":10.0,\"energy_eval_seconds\":5.0,\"energy_eval_gflops\":8.0,\"peak_gflops\":150.0,"
            + "\"naive_floor_seconds\":0.1,\"floor_ratio\":400.0,\"fraction_of_peak\":0.06666666666666667,"
            + "\"theoretical_peak_gflops\":200.0,\"fraction_of_theoretical_peak\":0.05,\"batches_per_epoch\":500,"
            + "\"timed_batches\":20,\"extrapolated\":true,\"eval_images\":1000,\"eval_extrapolated\":true,"
            + "\"repeats\":3,\"energy_eval\":{\"seconds\":5.0,\"naive_floor_seconds\":0.02,\"floor_ratio\":250.0,"
            + "\"peak_gflops\":150.0,\"images\":10000},\"draw_to_prediction_ms\":2.0}";

    private static Prediction withReadout() {
        return new Prediction(new float[][] {{0.1f, 2.5f}, {1e-7f, 3f}}, new float[] {0.3f, 12.75f}, 1, new float[] {0.25f, 0.75f}, 1,
                new boolean[] {true, false});
    }

    private static Prediction noReadout() {
        return new Prediction(new float[][] {{0.1f, 2.5f}}, new float[] {Float.NaN, 1f / 3}, 0, null, -1, new boolean[] {true});
    }

    private static RunSummary summary(boolean full) {
        Map<String, String> changed = new LinkedHashMap<>();
        if (full) {
            changed.put("epochs", "10");
            changed.put("learningRate", "0.02");
        }
        return new RunSummary(full ? "r <1>" : "plain", Path.of("/runs/r <1>"), full ? RunStatus.FINISHED : RunStatus.STOPPED,
                full ? "done & dusted = ok" : null, 10, 125, Recipe.HINTON, "hinton", "mnist", changed,
                full ? new ValidErrors(9, 80, 91) : null, full ? new ValidErrors(9, null, 91) : null, full ? 10_000 : 0,
                full ? 133 : null, full ? 138 : null, full ? 10_000 : 0, Instant.parse("2026-12-01T08:00:00Z"), "cli");
    }

    @Test
    void predictLinesAreExact() {
        assertEquals(PREDICTION_READOUT, Json.GSON.toJson(Json.prediction("a/b <1>.png", new PreprocessedDigit(new float[784], false, null), withReadout())));
        assertEquals(PREDICTION_NO_READOUT, Json.GSON.toJson(Json.prediction("c.png", new PreprocessedDigit(new float[784], true, null), noReadout())));
    }

    @Test
    void evalLinesAreExact() {
        int[][] confusion = {{5, 1}, {0, 7}};
        var valid = new EvalCommand.SetResult(10_000, 80, 91, 1.5);
        var test = new EvalCommand.SetResult(10_000, 64, null, 1.25);
        var versus = Json.versus("n.ffm", List.of(
                new EvalCommand.Versus("valid", new PairedErrors(10_000, 80, 70, 50, 30, 20), new PairedErrors(10_000, 91, 91, 91, 0, 0)),
                new EvalCommand.Versus("test", new PairedErrors(10_000, 64, 60, 40, 24, 20), null)));
        assertEquals(EVAL_VERSUS, Json.GSON.toJson(Json.eval("m.ffm", valid, test, confusion, versus)));
        assertEquals(EVAL_NO_VALID, Json.GSON.toJson(Json.eval("m.ffm", null, test, confusion, null)));
    }

    @Test
    void runsLinesAreExact() {
        assertEquals(RUN_LINE_FULL, Json.GSON.toJson(RunsCommand.toJson(summary(true))));
        assertEquals(RUN_LINE_PLAIN, Json.GSON.toJson(RunsCommand.toJson(summary(false))));
    }

    @Test
    void benchLinesAreExact() {
        BenchCommand c = new BenchCommand();
        c.repeats = 3;
        var b = new BenchCommand.RecipeB(12.5, 0.75, 33.3, 10, 97, 50, 512, "784-500-500-500");
        var withB = new BenchCommand.Result("openblas", 2, 4.25, 101.7, 11764.7, 0.5, 88.1, 300, true, 10000, false, 500, 0.1, 0.02, b);
        // The kernel fields describe this process's environment (OPENBLAS_CORETYPE), so they are built the same way here.
        String forced = goodness.ff.backend.OpenBlasKernels.forcedCoreType();
        String kernels = ",\"openblas_version\":\"" + goodness.ff.backend.OpenBlasKernels.version() + "\",\"openblas_coretype\":\""
                + (forced == null ? "auto-detected" : forced) + "\",\"openblas_kernels\":\"" + goodness.ff.backend.OpenBlasKernels.describe(forced) + "\"}";
        assertEquals(BENCH_LINE.substring(0, BENCH_LINE.length() - 1) + kernels, c.jsonLine(withB, 150.0, 1.75));
        c.peakGflops = 200.0;
        var withoutB = new BenchCommand.Result("ejml", 1, 40.0, 10.0, 1250.0, 5.0, 8.0, 20, true, 1000, true, 500, 0.1, 0.02, null);
        assertEquals(BENCH_LINE_THEORY.substring(0, BENCH_LINE_THEORY.length() - 1) + kernels, c.jsonLine(withoutB, 150.0, 2.0));
    }
}
