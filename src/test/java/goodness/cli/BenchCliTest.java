package goodness.cli;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import goodness.ff.FFConfig;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code bench --quick}: the shape of its output, not its speed. */
class BenchCliTest {

    @Test
    void quickJsonHasOneObjectPerBackendWithEveryField() {
        CliRunner.Result r = CliRunner.run("bench", "--quick", "--json", "--threads", "1", "--peak-gflops", "190");
        assertEquals(0, r.code(), r.err());
        List<String> lines = r.out().lines().toList();
        assertEquals(2, lines.size(), r.out());
        List<String> names = List.of("openblas", "ejml");
        for (int i = 0; i < 2; i++) {
            JsonObject o = JsonParser.parseString(lines.get(i)).getAsJsonObject();
            assertEquals(names.get(i), o.get("backend").getAsString());
            assertEquals(1, o.get("threads").getAsInt());
            for (String f : List.of("seconds_per_epoch", "gflops", "energy_eval_seconds", "samples_per_second", "peak_gflops"))
                assertTrue(o.get(f).getAsDouble() > 0, f + " in " + o);
            assertEquals(190.0, o.get("theoretical_peak_gflops").getAsDouble());
            assertTrue(o.get("extrapolated").getAsBoolean());
            assertEquals(500, o.get("batches_per_epoch").getAsInt());
            // The figures: seconds, the naive floor (1.392 TFLOP / the measured peak) and their ratio.
            double peak = o.get("peak_gflops").getAsDouble();
            assertEquals(1.392e12 / (peak * 1e9), o.get("naive_floor_seconds").getAsDouble(), 1e-3 * o.get("naive_floor_seconds").getAsDouble());
            assertEquals(o.get("seconds_per_epoch").getAsDouble() / o.get("naive_floor_seconds").getAsDouble(), o.get("floor_ratio").getAsDouble(), 1e-9);
            JsonObject b = o.getAsJsonObject("recipe_b"), e = o.getAsJsonObject("energy_eval");
            for (String f : List.of("seconds_per_epoch", "naive_floor_seconds", "floor_ratio", "peak_gflops"))
                assertTrue(b.get(f).getAsDouble() > 0, "recipe_b." + f + " in " + o);
            assertEquals(1, b.get("steps_per_batch").getAsInt(), "--quick runs recipe B with K = 1");
            for (String f : List.of("seconds", "naive_floor_seconds", "floor_ratio", "peak_gflops"))
                assertTrue(e.get(f).getAsDouble() > 0, "energy_eval." + f + " in " + o);
            assertEquals(peak, b.get("peak_gflops").getAsDouble());
            assertEquals(peak, e.get("peak_gflops").getAsDouble());
            // Which kernels: the environment's forced core type, else auto-detected (the mapping cannot read OpenBLAS's choice).
            String forced = System.getenv("OPENBLAS_CORETYPE");
            boolean set = forced != null && !forced.isBlank();
            assertEquals(set ? forced.trim() : "auto-detected", o.get("openblas_coretype").getAsString(), o.toString());
            assertTrue(o.get("openblas_kernels").getAsString().startsWith(set ? "OPENBLAS_CORETYPE=" + forced.trim() : "auto-detected"), o.toString());
            assertTrue(o.get("openblas_version").getAsString().matches("\\d+\\.\\d+\\.\\d+"), o.toString());
        }
    }

    @Test
    void theKernelLineSaysWhetherTheEnvironmentForcedACoreType() {
        assertEquals("OPENBLAS_CORETYPE=Haswell (forced by the environment)", goodness.ff.backend.OpenBlasKernels.describe("Haswell"));
        assertTrue(goodness.ff.backend.OpenBlasKernels.describe(null).startsWith("auto-detected when the library loads (OPENBLAS_CORETYPE not set"));
    }

    @Test
    void humanTableNamesBackendsAndSaysWhatWasExtrapolated() {
        CliRunner.Result r = CliRunner.run("bench", "--quick", "--threads", "1", "--backends", "ejml", "--hidden", "100,100");
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("peak:") && r.out().contains("measured"), r.out());
        assertTrue(r.out().lines().anyMatch(l -> l.startsWith("ejml")), r.out());
        assertTrue(r.out().contains("extrapolated"), r.out());
        for (String workload : List.of("recipe A, 1 epoch", "recipe B, 1 epoch", "energy eval, 10k x 10"))
            assertTrue(r.out().contains(workload), workload + " in\n" + r.out());
        assertTrue(r.out().contains("naive floor") && r.out().contains("ratio"), r.out());
        assertTrue(r.out().lines().noneMatch(l -> l.startsWith("openblas:")), "no kernel line without the openblas backend:\n" + r.out());
    }

    @Test
    void theUnsupervisedPresetIsTimedWithItsOwnProductCount() {
        CliRunner.Result r = CliRunner.run("bench", "--quick", "--json", "--threads", "1", "--backends", "openblas", "--no-recipe-b",
                "--preset", "hinton-unsupervised", "--hidden", "50,50,50,50");
        assertEquals(0, r.code(), r.err());
        JsonObject o = JsonParser.parseString(r.out().lines().findFirst().orElseThrow()).getAsJsonObject();
        double peak = o.get("peak_gflops").getAsDouble(), sum = 784 * 50 + 3 * 50 * 50;
        // Four products a batch (forward and dW over the real and the hybrid rows), 500 batches of 100.
        assertEquals(4 * 2.0 * 100 * sum * 500 / (peak * 1e9), o.get("naive_floor_seconds").getAsDouble(), 1e-6 * o.get("naive_floor_seconds").getAsDouble());
        assertTrue(o.get("seconds_per_epoch").getAsDouble() > 0, o.toString());
    }

    @Test
    void theRecurrentPresetIsTimedWithItsIterationsCounted() {
        CliRunner.Result r = CliRunner.run("bench", "--quick", "--json", "--threads", "1", "--backends", "openblas", "--no-recipe-b",
                "--preset", "hinton-recurrent", "--hidden", "30,30");
        assertEquals(0, r.code(), r.err());
        JsonObject o = JsonParser.parseString(r.out().lines().findFirst().orElseThrow()).getAsJsonObject();
        double peak = o.get("peak_gflops").getAsDouble();
        // t = 0: 100 x (784x30 + 30x30); 8 iterations x 200 rows x (30x30 up + 30x30 down), the same again for the
        // gradients; W1's gradient once over the 100 images: multiply-adds, x 2 for FLOPs, 500 batches an epoch.
        double macs = 100.0 * (784 * 30 + 30 * 30) + 2 * 1600.0 * (2 * 30 * 30) + 100.0 * 784 * 30;
        assertEquals(2 * macs * 500 / (peak * 1e9), o.get("naive_floor_seconds").getAsDouble(), 1e-6 * o.get("naive_floor_seconds").getAsDouble());
        // The full preset's batch, as docs/recurrent.md counts it: about 26 G multiply-adds.
        assertEquals(26.3e9, BenchCommand.recurrentFlopsPerBatch(goodness.ff.FFConfig.recurrent()) / 2, 0.05e9);
    }

    @Test
    void aPresetOfAnotherRecipeOrAnUnknownOneIsRefusedInOneLine() {
        CliRunner.Result sleep = CliRunner.run("bench", "--quick", "--preset", "sleep");
        assertEquals(2, sleep.code());
        assertTrue(sleep.err().contains("is recipe B"), sleep.err());
        CliRunner.Result unknown = CliRunner.run("bench", "--quick", "--preset", "hinton-max");
        assertEquals(2, unknown.code());
        assertEquals(1, unknown.err().strip().lines().count(), unknown.err());
    }

    @Test
    void naiveFlopsOfRecipeBAndTheEvaluation() {
        // Recipe B, K = 5, B = 512, 784-500-500-500: per layer K forward + K gradient products on
        // 2B = 1024 rows, plus the forward that feeds the next layer (layers 1 and 2 only).
        FFConfig b = FFConfig.sleep().toBuilder().stepsPerBatch(5).build();
        assertEquals(2.0 * 1024 * (11 * 784 * 500 + 11 * 500 * 500 + 10 * 500 * 500), BenchCommand.recipeBFlopsPerBatch(b), 1);
        // Evaluation: 10 labelled passes + the neutral pass, each 2·Σ(in·out) per image.
        assertEquals(11 * 2.0 * (784 * 1000 + 2 * 1000 * 1000), BenchCommand.evalNaiveFlopsPerImage(FFConfig.hinton()), 1);
    }

    @Test
    void recipeAFlopsPerEpochIsAbout1point39Tflop() {
        double perEpoch = BenchCommand.trainFlopsPerBatch(FFConfig.hinton()) * 500;
        assertEquals(1.392e12, perEpoch, 1e9);
    }

    @Test
    void medianOfEvenAndOdd() {
        assertEquals(2.0, BenchCommand.median(new double[] {3, 1, 2}));
        assertEquals(2.5, BenchCommand.median(new double[] {4, 1, 3, 2}));
    }
}
