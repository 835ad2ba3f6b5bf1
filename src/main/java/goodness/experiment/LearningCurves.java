package goodness.experiment;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * Learning curves of recipe-B runs (the budget sweep behind the separation experiment's default
 * budget): test accuracy after every epoch, read from the folders {@code train --eval-every 1}
 * writes ({@code config.json} and {@code metrics.csv}), collected into one folder like an
 * experiment's: {@code curves.csv}, a Markdown summary {@code results.md} and a PNG plot
 * {@code results.png}. A row of metrics.csv without a test evaluation is skipped; when an epoch
 * appears twice (a run killed between writing its metrics and its checkpoint, then resumed) the
 * later row counts.
 */
public final class LearningCurves {
    public static final String CURVES_FILE = "curves.csv", TITLE = "Learning curves: test accuracy after each epoch";
    /** The accuracy, in percent, that the summary counts the epochs to unless told another. */
    public static final double DEFAULT_TARGET = 96;

    /** One run's budget (from its config.json) and its test accuracy by epoch (1-based: epochs trained). */
    public record Curve(Path dir, String dataset, String negatives, String phases, int steps, double learningRate, int batchSize,
                 long seed, SortedMap<Integer, Double> percentByEpochs, SortedMap<Integer, Double> secondsByEpochs) {
        public String label() {
            return String.format(Locale.ROOT, "K = %d, lr = %s (K·lr = %s)", steps, lr(learningRate), lr(steps * learningRate));
        }

        /** The first number of epochs after which the test accuracy reached {@code target} percent, or -1. */
        public int epochsTo(double target) {
            for (var e : percentByEpochs.entrySet()) if (e.getValue() >= target) return e.getKey();
            return -1;
        }

        public double best() {
            return percentByEpochs.values().stream().mapToDouble(Double::doubleValue).max().orElse(Double.NaN);
        }

        /** Median training seconds per epoch (evaluation excluded). */
        public double medianEpochSeconds() {
            double[] v = secondsByEpochs.values().stream().mapToDouble(Double::doubleValue).sorted().toArray();
            return v.length == 0 ? Double.NaN : v.length % 2 == 1 ? v[v.length / 2] : (v[v.length / 2 - 1] + v[v.length / 2]) / 2;
        }
    }

    private LearningCurves() {
    }

    static String lr(double v) {
        return String.format(Locale.ROOT, "%s", Math.round(v * 1e9) / 1e9);
    }

    /** Reads one run folder; a missing or malformed file is one message naming it. */
    public static Curve read(Path dir) throws IOException {
        Path configFile = dir.resolve("config.json"), metricsFile = dir.resolve("metrics.csv");
        JsonObject c;
        try {
            c = JsonParser.parseString(Files.readString(configFile, StandardCharsets.UTF_8)).getAsJsonObject();
        } catch (NoSuchFileException e) {
            throw new IllegalArgumentException(configFile + ": not found (is " + dir + " a train output folder?)");
        } catch (JsonParseException | IllegalStateException e) {
            throw new IllegalArgumentException(configFile + ": not a JSON object (" + e.getMessage() + ")");
        }
        int steps = intField(c, "stepsPerBatch", configFile), batch = intField(c, "batchSize", configFile);
        double lr = doubleField(c, "learningRate", configFile);
        long seed = (long) doubleField(c, "seed", configFile);
        String dataset = stringField(c, "dataset", configFile).toLowerCase(Locale.ROOT);
        String negatives = stringField(c, "negatives", configFile).toLowerCase(Locale.ROOT);
        JsonElement ph = c.get("phases");
        String phases = ph != null && ph.isJsonObject() && ph.getAsJsonObject().has("awake") && ph.getAsJsonObject().get("awake").getAsInt() > 0
                ? ph.getAsJsonObject().get("awake").getAsInt() + ":" + ph.getAsJsonObject().get("sleep").getAsInt() : "none";

        List<CSVRecord> rows;
        List<String> header;
        // The run's metrics.csv: one header line, one row per epoch; a cut last line has fewer fields.
        CSVFormat format = CSVFormat.DEFAULT.builder().setQuote(null).setAllowMissingColumnNames(true).get();
        try (Reader in = Files.newBufferedReader(metricsFile, StandardCharsets.UTF_8); CSVParser parser = format.parse(in)) {
            rows = parser.getRecords();
        } catch (NoSuchFileException e) {
            throw new IllegalArgumentException(metricsFile + ": not found");
        } catch (UncheckedIOException | IllegalStateException e) {
            throw new IllegalArgumentException(metricsFile + ": cannot be read as CSV");
        }
        if (rows.isEmpty()) throw new IllegalArgumentException(metricsFile + ": empty");
        header = rows.get(0).toList();
        int iEpoch = header.indexOf("epoch"), iErr = header.indexOf("energy_errors_test"), iCases = header.indexOf("test_cases"),
                iSecs = header.indexOf("seconds");
        if (iEpoch < 0 || iErr < 0 || iCases < 0)
            throw new IllegalArgumentException(metricsFile + ": no per-epoch test accuracy (columns epoch, energy_errors_test, test_cases); "
                    + "was it trained with --preset sleep --eval-every 1 by this version?");
        SortedMap<Integer, Double> acc = new TreeMap<>(), secs = new TreeMap<>();
        for (int i = 1; i < rows.size(); i++) {
            CSVRecord f = rows.get(i);
            if (f.size() != header.size() || f.get(iErr).isEmpty()) continue; // no evaluation this epoch, or a cut line
            try {
                int epochs = Integer.parseInt(f.get(iEpoch)) + 1, errors = Integer.parseInt(f.get(iErr)), cases = Integer.parseInt(f.get(iCases));
                if (cases <= 0 || errors < 0 || errors > cases || epochs < 1)
                    throw new IllegalArgumentException(metricsFile + " line " + (i + 1) + ": " + errors + " errors of " + cases + " cases at epoch " + (epochs - 1));
                acc.put(epochs, 100.0 * (cases - errors) / cases);
                if (iSecs >= 0) secs.put(epochs, Double.parseDouble(f.get(iSecs)));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(metricsFile + " line " + (i + 1) + ": not a number (" + e.getMessage() + ")");
            }
        }
        return new Curve(dir, dataset, negatives, phases, steps, lr, batch, seed, acc, secs);
    }

    private static JsonElement field(JsonObject o, String name, Path file) {
        JsonElement e = o.get(name);
        if (e == null || e.isJsonNull()) throw new IllegalArgumentException(file + ": field '" + name + "' is missing");
        return e;
    }

    private static int intField(JsonObject o, String name, Path file) {
        try {
            return field(o, name, file).getAsInt();
        } catch (NumberFormatException | UnsupportedOperationException | IllegalStateException e) {
            throw new IllegalArgumentException(file + ": field '" + name + "' is not a number");
        }
    }

    private static double doubleField(JsonObject o, String name, Path file) {
        try {
            return field(o, name, file).getAsDouble();
        } catch (NumberFormatException | UnsupportedOperationException | IllegalStateException e) {
            throw new IllegalArgumentException(file + ": field '" + name + "' is not a number");
        }
    }

    private static String stringField(JsonObject o, String name, Path file) {
        try {
            return field(o, name, file).getAsString();
        } catch (UnsupportedOperationException | IllegalStateException e) {
            throw new IllegalArgumentException(file + ": field '" + name + "' is not a string");
        }
    }

    /** Writes curves.csv, results.md and results.png into {@code dir}. */
    public static void write(List<Curve> curves, Path dir, double target) throws IOException {
        Files.createDirectories(dir);
        StringBuilder csv = new StringBuilder("run,dataset,negatives,phases,steps,lr,k_times_lr,batch_size,seed,epochs_trained,test_accuracy,train_seconds\n");
        for (Curve c : curves)
            for (var e : c.percentByEpochs().entrySet()) {
                Double secs = c.secondsByEpochs().get(e.getKey());
                csv.append(String.format(Locale.ROOT, "%s,%s,%s,%s,%d,%s,%s,%d,%d,%d,%.2f,%s%n", c.dir().getFileName(), c.dataset(), c.negatives(), c.phases(),
                        c.steps(), lr(c.learningRate()), lr(c.steps() * c.learningRate()), c.batchSize(), c.seed(), e.getKey(), e.getValue(),
                        secs == null ? "" : String.format(Locale.ROOT, "%.1f", secs)));
            }
        Files.writeString(dir.resolve(CURVES_FILE), csv.toString(), StandardCharsets.UTF_8);

        StringBuilder md = new StringBuilder("# ").append(TITLE).append("\n\n");
        md.append("| ").append(String.join(" | ", summaryHeader(target))).append(" |\n|---|---|---|---|---|---|---|\n");
        for (List<String> row : summaryRows(curves, target)) md.append("| ").append(String.join(" | ", row)).append(" |\n");
        md.append('\n').append(notes(curves));
        Files.writeString(dir.resolve("results.md"), md.toString(), StandardCharsets.UTF_8);

        List<ExperimentPlots.Line> lines = new ArrayList<>();
        double min = 100;
        for (int i = 0; i < curves.size(); i++) {
            Curve c = curves.get(i);
            SortedMap<Double, double[]> pts = new TreeMap<>();
            for (var e : c.percentByEpochs().entrySet()) {
                pts.put((double) e.getKey(), new double[] {e.getValue()});
                min = Math.min(min, e.getValue());
            }
            lines.add(new ExperimentPlots.Line(c.label(), i, false, pts));
        }
        double yMin = Math.max(0, Math.min(target - 6, Math.floor(min / 5) * 5));
        ExperimentPlots.curves(dir.resolve("results.png"), "Recipe B learning curves (unseparated baseline)", describe(curves), lines, yMin, target);
    }

    /** The summary table's columns, the accuracy to reach ({@code target}, percent) in the sixth. */
    public static List<String> summaryHeader(double target) {
        return List.of("run", "budget", "epochs trained", "last", "best", String.format(Locale.ROOT, "epochs to %.0f %%", target),
                "median train s / epoch");
    }

    /** One summary row per curve: its run, budget, epochs, last and best accuracy, epochs to {@code target}, seconds per epoch. */
    public static List<List<String>> summaryRows(List<Curve> curves, double target) {
        List<List<String>> rows = new ArrayList<>();
        for (Curve c : curves) {
            int last = c.percentByEpochs().isEmpty() ? 0 : c.percentByEpochs().lastKey();
            int to = c.epochsTo(target);
            rows.add(List.of(c.dir().getFileName().toString(), c.label(), Integer.toString(last),
                    last == 0 ? "-" : String.format(Locale.ROOT, "%.2f %%", c.percentByEpochs().get(last)),
                    last == 0 ? "-" : String.format(Locale.ROOT, "%.2f %%", c.best()),
                    to < 0 ? "not reached" : Integer.toString(to),
                    Double.isNaN(c.medianEpochSeconds()) ? "-" : String.format(Locale.ROOT, "%.1f", c.medianEpochSeconds())));
        }
        return rows;
    }

    /** What the summary says besides its title and table: what every run shares, what the seconds mean, where the runs are. */
    public static String notes(List<Curve> curves) {
        StringBuilder md = new StringBuilder();
        md.append("Every run: recipe B, ").append(describe(curves)).append(". Plot: `results.png`; per-epoch values: `curves.csv`.\n");
        md.append("\nSeconds are the wall time of each epoch's training batches on the machine that ran them; on a shared machine they are not speed figures.\n");
        md.append("\nRuns: ");
        for (int i = 0; i < curves.size(); i++) md.append(i == 0 ? "" : ", ").append('`').append(curves.get(i).dir()).append('`');
        md.append(".\n");
        return md.toString();
    }

    /**
     * The curves of a folder that {@link #write} filled, read back from the text of its
     * {@code curves.csv}: one curve per run, in file order. A curve's {@code dir} is the run's
     * folder name only (the CSV keeps no more); a line that does not parse is left out.
     */
    public static List<Curve> readCollected(Reader in) throws IOException {
        CSVFormat format = CSVFormat.DEFAULT.builder().setQuote(null).setHeader().setSkipHeaderRecord(true).get();
        Map<String, Curve> byRun = new LinkedHashMap<>();
        try (CSVParser parser = format.parse(in)) {
            for (CSVRecord r : parser) {
                if (!r.isConsistent()) continue;
                try {
                    String run = r.get("run");
                    Curve c = byRun.computeIfAbsent(run, k -> new Curve(Path.of(k), r.get("dataset"), r.get("negatives"), r.get("phases"),
                            Integer.parseInt(r.get("steps")), Double.parseDouble(r.get("lr")), Integer.parseInt(r.get("batch_size")),
                            Long.parseLong(r.get("seed")), new TreeMap<>(), new TreeMap<>()));
                    int epochs = Integer.parseInt(r.get("epochs_trained"));
                    double percent = Double.parseDouble(r.get("test_accuracy"));
                    String secs = r.get("train_seconds");
                    if (!secs.isEmpty()) c.secondsByEpochs().put(epochs, Double.parseDouble(secs));
                    c.percentByEpochs().put(epochs, percent);
                } catch (IllegalArgumentException e) {
                    // a line cut short or not written by write(): left out
                }
            }
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
        return new ArrayList<>(byRun.values());
    }

    private static String describe(List<Curve> curves) {
        if (curves.isEmpty()) return "no runs";
        Curve c = curves.get(0);
        return String.format(Locale.ROOT, "%s, %s negatives, phases %s, batch %d, seed %d, test accuracy on all test images after each epoch",
                c.dataset(), c.negatives().equals("random") ? "wrong-label (random)" : c.negatives(), c.phases(), c.batchSize(), c.seed());
    }
}
