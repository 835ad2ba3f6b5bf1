package goodness.runs;

import goodness.ff.FFConfig;
import goodness.ff.io.AtomicFiles;
import goodness.ff.training.EpochMetrics;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * Epoch metrics as CSV, one row per epoch and one column per per-layer value: the run folder's
 * {@code metrics.csv} and the app's "Export metrics as CSV" are this one format. Column names
 * follow {@code metrics.jsonl}'s fields ({@code pairwise_errors_1}, {@code rms_2}, ...): a list
 * field's entries get the suffix {@code _1}, {@code _2}, ... per layer (1-based) and
 * {@code _0} ... {@code _9} per class (the true label). Values are written at full precision; a
 * value an epoch does not have (an evaluation off the 5-epoch cadence, a split the recipe lacks)
 * is an empty cell; an update ratio of a layer never updated is {@code NaN}.
 *
 * <p>The Inside view's columns come last, after {@code test_cases}, so that files written before
 * they existed keep their column positions: the per-layer and per-class errors of each evaluation
 * ({@code energy_errors_train_per_layer_L}, {@code energy_errors_valid_per_layer_L},
 * {@code energy_errors_valid_per_class_C}, {@code energy_errors_test_per_layer_L},
 * {@code energy_errors_test_per_class_C}) and {@code update_ratio_L}. Every file has all of them,
 * whatever the recipe, so runs of both recipes share one header shape. The goodness histograms
 * (two times 32 counts per layer) are only in {@code metrics.jsonl}.
 */
public final class MetricsCsv {
    private MetricsCsv() {
    }

    public static String toCsv(List<EpochMetrics> epochs) {
        int layers = 0, sup = 0;
        for (EpochMetrics m : epochs) {
            layers = Math.max(layers, m.pairwiseErrors().size());
            if (m.suprms() != null) sup = Math.max(sup, m.suprms().size());
        }
        StringBuilder b = new StringBuilder("epoch,gain,trainlogcost");
        columns(b, "pairwise_errors", layers);
        b.append(",energy_errors_train,energy_errors_valid,softmax_errors_valid");
        columns(b, "rms", layers);
        columns(b, "suprms", sup);
        columns(b, "goodness_pos", layers);
        columns(b, "goodness_neg", layers);
        columns(b, "layer_accuracy", layers);
        b.append(",seconds,eval_seconds,samples_per_second,negatives,phases,train_cases,valid_cases,energy_errors_test,test_cases");
        columns(b, "energy_errors_train_per_layer", layers);
        columns(b, "energy_errors_valid_per_layer", layers);
        classColumns(b, "energy_errors_valid_per_class");
        columns(b, "energy_errors_test_per_layer", layers);
        classColumns(b, "energy_errors_test_per_class");
        columns(b, "update_ratio", layers);
        b.append('\n');
        for (EpochMetrics m : epochs) {
            b.append(m.epoch()).append(',').append(m.gain()).append(',').append(m.trainLogCost());
            values(b, m.pairwiseErrors(), layers);
            b.append(',').append(opt(m.energyErrorsTrain())).append(',').append(opt(m.energyErrorsValid()))
                    .append(',').append(opt(m.softmaxErrorsValid()));
            values(b, m.rms(), layers);
            values(b, m.suprms(), sup);
            values(b, m.goodnessPos(), layers);
            values(b, m.goodnessNeg(), layers);
            values(b, m.layerAccuracy(), layers);
            b.append(',').append(m.trainSeconds()).append(',').append(m.evalSeconds()).append(',').append(m.samplesPerSecond())
                    .append(',').append(m.negatives().id()).append(',').append(m.phases())
                    .append(',').append(m.trainCases()).append(',').append(m.validCases())
                    .append(',').append(opt(m.energyErrorsTest())).append(',').append(m.energyErrorsTest() == null ? "" : Integer.toString(m.testCases()));
            values(b, m.energyErrorsTrainPerLayer(), layers);
            values(b, m.energyErrorsValidPerLayer(), layers);
            values(b, m.energyErrorsValidPerClass(), FFConfig.LABELS);
            values(b, m.energyErrorsTestPerLayer(), layers);
            values(b, m.energyErrorsTestPerClass(), FFConfig.LABELS);
            values(b, m.updateRatio(), layers);
            b.append('\n');
        }
        return b.toString();
    }

    /** Writes {@code epochs} to {@code file} atomically (a crash leaves the old file or the new one). */
    public static void write(List<EpochMetrics> epochs, Path file) throws IOException {
        AtomicFiles.writeString(file, toCsv(epochs));
    }

    private static void columns(StringBuilder b, String name, int n) {
        for (int l = 1; l <= n; l++) b.append(',').append(name).append('_').append(l);
    }

    /** One column per class, suffixed with the label: {@code name_0} ... {@code name_9}. */
    private static void classColumns(StringBuilder b, String name) {
        for (int c = 0; c < FFConfig.LABELS; c++) b.append(',').append(name).append('_').append(c);
    }

    private static void values(StringBuilder b, List<?> v, int n) {
        for (int i = 0; i < n; i++) {
            Object x = v == null || i >= v.size() ? null : v.get(i);
            b.append(',').append(x == null ? "" : x.toString());
        }
    }

    private static String opt(Integer v) {
        return v == null ? "" : v.toString();
    }
}
