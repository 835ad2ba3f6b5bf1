package goodness.service;

import goodness.ff.EpochMetrics;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/** Writes epoch metrics as CSV (one row per epoch, per-layer values as separate columns). */
public final class MetricsCsv {
    private MetricsCsv() {
    }

    public static String toCsv(List<EpochMetrics> epochs) {
        int layers = epochs.isEmpty() ? 0 : epochs.get(0).pairwiseErrors().size();
        int sup = 0;
        for (EpochMetrics m : epochs) if (m.suprms() != null) sup = Math.max(sup, m.suprms().size());
        StringBuilder b = new StringBuilder("epoch,gain,trainlogcost");
        for (int l = 0; l < layers; l++) b.append(",pairwise_l").append(l + 1);
        for (int l = 0; l < layers; l++) b.append(",goodness_pos_l").append(l + 1);
        for (int l = 0; l < layers; l++) b.append(",goodness_neg_l").append(l + 1);
        for (int l = 0; l < layers; l++) b.append(",layer_accuracy_l").append(l + 1);
        b.append(",energy_errs_train,energy_errs_valid,softmax_errs_valid");
        for (int l = 0; l < layers; l++) b.append(",rms_l").append(l + 1);
        for (int l = 0; l < sup; l++) b.append(",suprms_").append(l + 1);
        b.append(",train_seconds,eval_seconds,samples_per_second,negatives,phases,train_cases,valid_cases,energy_errs_test,test_cases\n");
        for (EpochMetrics m : epochs) {
            b.append(m.epoch()).append(',').append(num(m.gain())).append(',').append(num(m.trainLogCost()));
            for (int l = 0; l < layers; l++) b.append(',').append(at(m.pairwiseErrors(), l));
            for (int l = 0; l < layers; l++) b.append(',').append(atD(m.goodnessPos(), l));
            for (int l = 0; l < layers; l++) b.append(',').append(atD(m.goodnessNeg(), l));
            for (int l = 0; l < layers; l++) b.append(',').append(atD(m.layerAccuracy(), l));
            b.append(',').append(opt(m.energyErrorsTrain())).append(',').append(opt(m.energyErrorsValid()))
                    .append(',').append(opt(m.softmaxErrorsValid()));
            for (int l = 0; l < layers; l++) b.append(',').append(atD(m.rms(), l));
            for (int l = 0; l < sup; l++) b.append(',').append(atD(m.suprms(), l));
            b.append(',').append(num(m.trainSeconds())).append(',').append(num(m.evalSeconds()))
                    .append(',').append(num(m.samplesPerSecond())).append(',').append(m.negatives().id())
                    .append(',').append(m.phases()).append(',').append(m.trainCases()).append(',').append(m.validCases())
                    .append(',').append(opt(m.energyErrorsTest())).append(',').append(m.testCases())
                    .append('\n');
        }
        return b.toString();
    }

    public static void write(List<EpochMetrics> epochs, Path file) throws IOException {
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null) Files.createDirectories(parent);
        Files.writeString(file, toCsv(epochs), StandardCharsets.UTF_8);
    }

    private static String num(double v) {
        return Double.isFinite(v) ? String.format(Locale.ROOT, "%.6g", v) : "";
    }

    private static String opt(Integer v) {
        return v == null ? "" : v.toString();
    }

    private static String at(List<Integer> v, int i) {
        return v == null || i >= v.size() ? "" : v.get(i).toString();
    }

    private static String atD(List<Double> v, int i) {
        return v == null || i >= v.size() || v.get(i) == null ? "" : num(v.get(i));
    }
}
