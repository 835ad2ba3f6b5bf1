package goodness.service;

import goodness.ff.training.EpochMetrics;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * The app's "Export metrics as CSV": the run folder's {@code metrics.csv} format, written by
 * {@link goodness.runs.MetricsCsv} (one format for app and CLI). Kept here so the view model's
 * call stays where it was.
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
