package goodness.ui;

import goodness.ff.FFConfig;
import goodness.ff.NegativeMode;
import goodness.ff.PhaseSchedule;
import goodness.ff.training.EpochMetrics;
import goodness.runs.RunJson;

import java.io.IOException;
import java.io.InputStream;
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

    /**
     * The log's epochs, in order, read as {@code metrics.jsonl} lines are. Goodness, accuracy and
     * times are not in the log (empty / NaN); the case counts are the split the seed ran on.
     */
    public static List<EpochMetrics> metrics() {
        List<EpochMetrics> out = new ArrayList<>();
        NegativeMode negatives = config().negatives();
        try (InputStream in = ReferenceRun.class.getResourceAsStream(RESOURCE)) {
            if (in == null) throw new IllegalStateException("the reference run " + RESOURCE + " is missing from the application");
            List<String> lines = new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().toList();
            for (int i = 0; i < lines.size(); i++) {
                if (!lines.get(i).isBlank()) out.add(asRun(RunJson.metrics(lines.get(i), RESOURCE + " line " + (i + 1)), negatives));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the reference run " + RESOURCE + ": " + e.getMessage(), e);
        }
        return out;
    }

    /** The reference run's chart series. */
    public static RunSeries series() {
        return RunSeries.of(ID, LABEL, LAYERS, metrics()).setConfig(config());
    }

    /** A logged epoch with what the log leaves out filled in as the seed ran it. */
    private static EpochMetrics asRun(EpochMetrics m, NegativeMode negatives) {
        return new EpochMetrics(m.epoch(), m.gain(), m.trainLogCost(), m.pairwiseErrors(), List.of(), List.of(), List.of(),
                m.energyErrorsTrain(), m.energyErrorsValid(), m.softmaxErrorsValid(), m.rms(), m.suprms(),
                Double.NaN, Double.NaN, Double.NaN, negatives, PhaseSchedule.unseparated(), TRAIN_CASES, VALID_CASES);
    }
}
