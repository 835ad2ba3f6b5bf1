package goodness.runs;

import goodness.ff.FFConfig;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * Run folders written as the writer leaves them, without training: a finished run's
 * {@code config.json}, {@code run.json}, {@code result.json}, {@code metrics.jsonl} (rows as
 * a full-size MNIST run writes them, histograms included) and an empty {@code run.lock}.
 */
public final class RunFolders {
    public static final String ROW;

    static {
        try (InputStream in = RunFolders.class.getResourceAsStream("metrics-row.json")) {
            ROW = new String(in.readAllBytes(), StandardCharsets.UTF_8).strip();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private RunFolders() {
    }

    public static String config(int epochs) {
        return RunJson.GSON.toJson(RunJson.config(FFConfig.hinton().toBuilder().epochs(epochs).build()));
    }

    public static String runJson(String status, String epochsDone) {
        return "{\"format\":1,\"status\":\"" + status + "\",\"message\":\"finished: 522/10000 test errors (energy)\",\"epochs_done\":" + epochsDone
                + ",\"batch_in_epoch\":0,\"updated\":\"2026-12-07T15:31:14.736525069Z\",\"provenance\":{\"origin\":\"cli\",\"code_version\":\"0.1.0\","
                + "\"created\":\"2026-12-07T15:25:05.205536210Z\",\"seed\":1234,\"data_root\":\"data\",\"dataset\":\"mnist\",\"split\":\"HINTON\","
                + "\"train_cases\":50000,\"valid_cases\":10000,\"test_cases\":10000,\"resumed_from\":[]}}";
    }

    public static String result(String energyTest) {
        return "{\"energy_errors_train\":2644,\"energy_errors_test\":" + energyTest + ",\"softmax_errors_train\":1960,\"softmax_errors_test\":418,"
                + "\"train_cases\":50000,\"test_cases\":10000,\"wall_seconds\":369.3}";
    }

    /** Row {@code epoch} of a run: the full-size row with its epoch and validation errors changed. */
    public static String row(int epoch, int energyValid) {
        return ROW.replace("\"epoch\":0,", "\"epoch\":" + epoch + ",").replace("\"energy_errors_valid\":1043,", "\"energy_errors_valid\":" + energyValid + ",");
    }

    public static String metrics(int epochs) {
        StringBuilder b = new StringBuilder(epochs * (ROW.length() + 8));
        for (int e = 0; e < epochs; e++) b.append(row(e, 1000 - e % 700)).append('\n');
        return b.toString();
    }

    /**
     * A finished run of {@code epochs} epochs in {@code dir}; {@code metrics} is its metrics.jsonl
     * text, and {@code run.json} carries the metrics index the writer keeps.
     */
    public static Path finished(Path dir, int epochs, String metrics) {
        return finished(dir, epochs, metrics, true);
    }

    /** The same, with {@code run.json} as files written before the metrics index existed when {@code indexed} is false. */
    public static Path finished(Path dir, int epochs, String metrics, boolean indexed) {
        try {
            Files.createDirectories(dir);
            Files.writeString(dir.resolve(RunFolder.CONFIG), config(epochs));
            Files.writeString(dir.resolve(RunFolder.RESULT), result("522"));
            Files.writeString(dir.resolve(RunFolder.METRICS), metrics);
            Files.writeString(dir.resolve(RunFolder.LOCK), "");
            Files.writeString(dir.resolve(RunFolder.RUN), runJson("finished", Integer.toString(epochs)));
            if (indexed) index(dir);
            return dir;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Rewrites {@code dir}'s run.json with the index of its metrics.jsonl as it is now (what the writer does after each row). */
    public static void index(Path dir) throws IOException {
        Path runFile = dir.resolve(RunFolder.RUN), metricsFile = dir.resolve(RunFolder.METRICS);
        RunJson.RunInfo i = RunJson.runInfo(Files.readString(runFile), runFile);
        long bytes = Files.exists(metricsFile) ? Files.size(metricsFile) : 0;
        MetricsIndex index = new MetricsIndex(bytes, MetricsScan.read(metricsFile));
        RunJson.RunInfo withIndex = new RunJson.RunInfo(i.status(), i.message(), i.epochsDone(), i.batchInEpoch(), i.updated(), i.provenance(), index);
        Files.writeString(runFile, RunJson.GSON.toJson(RunJson.runInfo(withIndex)));
    }

    public static Path finished(Path dir, int epochs) {
        return finished(dir, epochs, metrics(epochs));
    }

    /** A named pipe at {@code p} (mkfifo). */
    public static void fifo(Path p) {
        try {
            Process proc = new ProcessBuilder("mkfifo", p.toString()).redirectErrorStream(true).start();
            if (!proc.waitFor(10, TimeUnit.SECONDS) || proc.exitValue() != 0) throw new IOException("mkfifo " + p + " failed");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
