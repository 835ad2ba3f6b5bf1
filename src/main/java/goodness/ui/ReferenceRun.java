package goodness.ui;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import goodness.ff.FFConfig;
import goodness.ff.PhaseSchedule;
import goodness.ff.training.EpochMetrics;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The published seed 000 log as a built-in run (see {@code goodness/reference/README.md}), so a
 * run can be compared with the seed's curve. It is a resource of the application: nothing
 * outside the jar is read.
 */
public final class ReferenceRun {
    public static final String ID = "reference:seed000";
    public static final String LABEL = "seed 000 (published log)";
    static final String RESOURCE = "/goodness/reference/seed000-metrics.jsonl";
    /** The seed log's final test errors (energy, softmax) of 10,000. */
    public static final int TEST_ENERGY_ERRORS = 133, TEST_SOFTMAX_ERRORS = 138;
    private static final int TRAIN_CASES = 50_000, VALID_CASES = 10_000, LAYERS = 3;

    private ReferenceRun() {
    }

    /**
     * Recipe A as the seed ran it: λ effectively 0 and the untrained top layer in the energy
     * score; the other fields are the recipe's (the seed's RNG seed is not known).
     */
    public static FFConfig config() {
        return FFConfig.hinton().toBuilder().peerLambda(0).topLayerTerm(true).build();
    }

    /** The log's epochs, in order. Goodness, accuracy and times are not in the log (empty / NaN). */
    public static List<EpochMetrics> metrics() {
        List<EpochMetrics> out = new ArrayList<>();
        try (InputStream in = ReferenceRun.class.getResourceAsStream(RESOURCE)) {
            if (in == null) throw new IllegalStateException("the reference run " + RESOURCE + " is missing from the application");
            BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            for (String line; (line = r.readLine()) != null; ) {
                if (!line.isBlank()) out.add(epoch(JsonParser.parseString(line).getAsJsonObject()));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the reference run " + RESOURCE + ": " + e.getMessage(), e);
        }
        return out;
    }

    /** The reference run's chart series. */
    public static RunSeries series() {
        return RunSeries.of(ID, LABEL, LAYERS, metrics());
    }

    private static EpochMetrics epoch(JsonObject o) {
        return new EpochMetrics(o.get("epoch").getAsInt(), o.get("gain").getAsDouble(), o.get("trainlogcost").getAsDouble(),
                ints(o.getAsJsonArray("pairwise_errors")), List.of(), List.of(), List.of(),
                integer(o, "energy_errors_train"), integer(o, "energy_errors_valid"), integer(o, "softmax_errors_valid"),
                doubles(o.getAsJsonArray("rms")), doubles(o.getAsJsonArray("suprms")),
                Double.NaN, Double.NaN, Double.NaN, config().negatives(), PhaseSchedule.unseparated(), TRAIN_CASES, VALID_CASES);
    }

    private static Integer integer(JsonObject o, String field) {
        JsonElement e = o.get(field);
        return e == null ? null : e.getAsInt();
    }

    private static List<Integer> ints(JsonArray a) {
        List<Integer> v = new ArrayList<>();
        for (JsonElement e : a) v.add(e.getAsInt());
        return List.copyOf(v);
    }

    private static List<Double> doubles(JsonArray a) {
        if (a == null) return null;
        List<Double> v = new ArrayList<>();
        for (JsonElement e : a) v.add(e.getAsDouble());
        return List.copyOf(v);
    }
}
