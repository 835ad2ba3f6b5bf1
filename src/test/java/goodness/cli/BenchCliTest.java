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
        }
    }

    @Test
    void humanTableNamesBackendsAndSaysWhatWasExtrapolated() {
        CliRunner.Result r = CliRunner.run("bench", "--quick", "--threads", "1", "--backends", "ejml", "--hidden", "100,100");
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("peak:") && r.out().contains("measured"), r.out());
        assertTrue(r.out().lines().anyMatch(l -> l.startsWith("ejml")), r.out());
        assertTrue(r.out().contains("extrapolated"), r.out());
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
