package goodness.runs;

import goodness.ff.NegativeMode;
import goodness.ff.PhaseSchedule;
import goodness.ff.training.EpochMetrics;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

/** A metrics.jsonl row of recipe B with its per-layer and per-class test errors: written, read back, and read from before they existed. */
class RunJsonMetricsTest {

    private static EpochMetrics recipeBRow(List<Integer> testPerLayer, List<Integer> testPerClass) {
        List<Double> two = List.of(0.5, 0.25);
        return new EpochMetrics(3, 1.0, 2.5, List.of(40, 50), two, two, two, 120, null, null, two, List.of(), 4.0, 1.0, 900,
                NegativeMode.RANDOM, PhaseSchedule.symmetric(2), 1000, 0, List.of(300, 200), null, null, List.of(1e-3, 2e-3), null,
                150, 10_000, testPerLayer, testPerClass);
    }

    @Test
    void recipeBsTestErrorsPerLayerAndPerClassSurviveTheRoundTrip() {
        EpochMetrics m = recipeBRow(List.of(2100, 1500), List.of(1, 2, 3, 4, 5, 6, 7, 8, 9, 105));
        String line = RunJson.GSON.toJson(RunJson.metrics(m));
        assertTrue(line.contains("\"energy_errors_test_per_layer\":[2100,1500]"), line);
        assertTrue(line.contains("\"energy_errors_test_per_class\":[1,2,3,4,5,6,7,8,9,105]"), line);
        assertEquals(m, RunJson.metrics(line, "metrics.jsonl line 4"));
    }

    @Test
    void aRowWrittenBeforeTheTestErrorsPerLayerExistedReadsWithoutThem() {
        EpochMetrics m = recipeBRow(null, null);
        String line = RunJson.GSON.toJson(RunJson.metrics(m));
        assertFalse(line.contains("_test_per_"), line);
        EpochMetrics read = RunJson.metrics(line, "metrics.jsonl line 4");
        assertNull(read.energyErrorsTestPerLayer());
        assertNull(read.energyErrorsTestPerClass());
        assertEquals(150, read.energyErrorsTest());
    }

    @Test
    void aMistypedTestErrorsFieldIsOneMessageNamingTheLine() {
        String line = RunJson.GSON.toJson(RunJson.metrics(recipeBRow(List.of(1, 2), null)))
                .replace("\"energy_errors_test_per_layer\":[1,2]", "\"energy_errors_test_per_layer\":\"many\"");
        RunFileException e = assertThrows(RunFileException.class, () -> RunJson.metrics(line, "runs/x/metrics.jsonl line 4"));
        assertTrue(e.getMessage().contains("runs/x/metrics.jsonl line 4"), e.getMessage());
    }
}
