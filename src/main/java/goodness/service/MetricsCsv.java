package goodness.service;

import goodness.ff.training.EpochMetrics;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * The app's "Export metrics as CSV". It writes the run folder's {@code metrics.csv} format
 * ({@link goodness.runs.MetricsCsv}), so an exported file and a stored run's file have the same
 * columns and read with the same tools.
 */
public final class MetricsCsv {
    private MetricsCsv() {
    }

    public static String toCsv(List<EpochMetrics> epochs) {
        return goodness.runs.MetricsCsv.toCsv(epochs);
    }

    public static void write(List<EpochMetrics> epochs, Path file) throws IOException {
        goodness.runs.MetricsCsv.write(epochs, file);
    }
}
