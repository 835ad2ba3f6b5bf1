package goodness.experiment;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import org.junit.jupiter.api.Test;

import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

/** The budget sweep's learning curves: read from train folders, and read back from the folder they were collected into. */
class LearningCurvesTest {
    private static final Path SWEEP = Path.of("assets", "experiments", "budget-sweep");

    /** metrics.csv grew columns (the Inside view's, at the end); a file written before them is still read. */
    @Test
    void curvesStillReadAMetricsCsvWrittenBeforeTheInsideColumns() throws Exception {
        Path old = SWEEP.resolve("runs").resolve("k5-lr0.03");
        String header = Files.readAllLines(old.resolve("metrics.csv")).get(0);
        assertFalse(header.contains("per_layer") || header.contains("update_ratio"), "a file from before the Inside columns: " + header);
        LearningCurves.Curve curve = LearningCurves.read(old);
        java.util.SortedMap<Integer, Double> expected = new java.util.TreeMap<>();
        for (String line : Files.readAllLines(old.resolve("metrics.jsonl"))) {
            JsonObject m = JsonParser.parseString(line).getAsJsonObject();
            int cases = m.get("test_cases").getAsInt();
            expected.put(m.get("epoch").getAsInt() + 1, 100.0 * (cases - m.get("energy_errors_test").getAsInt()) / cases);
        }
        assertFalse(expected.isEmpty());
        assertEquals(expected, curve.percentByEpochs(), "the accuracies of metrics.jsonl, epoch by epoch");
    }

    /** The committed sweep's curves.csv, read back, gives the rows of its committed results.md table. */
    @Test
    void aCollectedFolderReadsBackAsItsSummaryTable() throws Exception {
        List<LearningCurves.Curve> curves = LearningCurves.readCollected(
                new StringReader(Files.readString(SWEEP.resolve(LearningCurves.CURVES_FILE), StandardCharsets.UTF_8)));
        assertFalse(curves.isEmpty());
        List<String> table = new ArrayList<>();
        for (String line : Files.readAllLines(SWEEP.resolve("results.md"), StandardCharsets.UTF_8))
            if (line.startsWith("| ") && !line.startsWith("| run |")) table.add(line);
        List<String> rows = new ArrayList<>();
        for (List<String> r : LearningCurves.summaryRows(curves, LearningCurves.DEFAULT_TARGET)) rows.add("| " + String.join(" | ", r) + " |");
        assertEquals(table, rows);
        assertTrue(Files.readString(SWEEP.resolve("results.md")).contains(
                "| " + String.join(" | ", LearningCurves.summaryHeader(LearningCurves.DEFAULT_TARGET)) + " |"));
    }
}
