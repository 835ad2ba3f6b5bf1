package goodness.cli;

import goodness.ff.EpochMetrics;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.function.Function;

/**
 * Per-epoch metrics written as they happen, one row per epoch, to {@code metrics.csv} (flat
 * columns, one per layer value) and {@code metrics.jsonl} (the JSON objects of {@code --json}).
 * Each line is flushed at once, so a killed run loses nothing already printed. On resume, the
 * files are appended to.
 */
final class MetricsFiles implements AutoCloseable {
    private final BufferedWriter csv, jsonl;
    private final int layers;

    MetricsFiles(Path dir, int layers, boolean append) {
        this.layers = layers;
        try {
            Path csvPath = dir.resolve("metrics.csv");
            boolean header = !append || !Files.exists(csvPath);
            StandardOpenOption mode = append ? StandardOpenOption.APPEND : StandardOpenOption.TRUNCATE_EXISTING;
            csv = Files.newBufferedWriter(csvPath, StandardCharsets.UTF_8, StandardOpenOption.CREATE, mode, StandardOpenOption.WRITE);
            jsonl = Files.newBufferedWriter(dir.resolve("metrics.jsonl"), StandardCharsets.UTF_8, StandardOpenOption.CREATE, mode, StandardOpenOption.WRITE);
            if (header) {
                csv.write(header());
                csv.newLine();
                csv.flush();
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write metrics in " + dir + ": " + e.getMessage(), e);
        }
    }

    private String header() {
        StringBuilder b = new StringBuilder("epoch,gain,trainlogcost");
        perLayer(b, "pairwise_errors", layers);
        b.append(",energy_errors_train,energy_errors_valid,softmax_errors_valid");
        perLayer(b, "rms", layers);
        perLayer(b, "suprms", layers - 1);
        perLayer(b, "goodness_pos", layers);
        perLayer(b, "goodness_neg", layers);
        perLayer(b, "layer_accuracy", layers);
        b.append(",seconds,eval_seconds,samples_per_second,negatives,phases");
        b.append(",energy_errors_test,test_cases");
        return b.toString();
    }

    private static void perLayer(StringBuilder b, String name, int n) {
        for (int l = 1; l <= n; l++) b.append(',').append(name).append('_').append(l);
    }

    void write(EpochMetrics m) {
        StringBuilder b = new StringBuilder();
        b.append(m.epoch()).append(',').append(m.gain()).append(',').append(m.trainLogCost());
        values(b, m.pairwiseErrors(), layers, Object::toString);
        b.append(',').append(orEmpty(m.energyErrorsTrain())).append(',').append(orEmpty(m.energyErrorsValid()))
                .append(',').append(orEmpty(m.softmaxErrorsValid()));
        values(b, m.rms(), layers, Object::toString);
        values(b, m.suprms(), layers - 1, Object::toString);
        values(b, m.goodnessPos(), layers, Object::toString);
        values(b, m.goodnessNeg(), layers, Object::toString);
        values(b, m.layerAccuracy(), layers, Object::toString);
        b.append(',').append(m.trainSeconds()).append(',').append(m.evalSeconds()).append(',').append(m.samplesPerSecond())
                .append(',').append(m.negatives().id()).append(',').append(m.phases());
        b.append(',').append(orEmpty(m.energyErrorsTest())).append(',').append(m.energyErrorsTest() == null ? "" : Integer.toString(m.testCases()));
        try {
            csv.write(b.toString());
            csv.newLine();
            csv.flush();
            jsonl.write(Json.GSON.toJson(Json.epoch(m)));
            jsonl.newLine();
            jsonl.flush();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write metrics: " + e.getMessage(), e);
        }
    }

    private static <T> void values(StringBuilder b, List<T> v, int n, Function<T, String> f) {
        for (int i = 0; i < n; i++) b.append(',').append(v == null || i >= v.size() ? "" : f.apply(v.get(i)));
    }

    private static String orEmpty(Integer v) {
        return v == null ? "" : v.toString();
    }

    @Override
    public void close() {
        try {
            csv.close();
            jsonl.close();
        } catch (IOException ignored) {
            // Every line was flushed when written; nothing is lost.
        }
    }
}
