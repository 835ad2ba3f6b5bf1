package goodness.runs;

import goodness.ff.FFConfig;
import goodness.ff.FFNetwork;
import goodness.ff.NegativeMode;
import goodness.ff.PhaseSchedule;
import goodness.ff.SeededRandom;
import goodness.ff.io.Checkpoints;
import goodness.ff.io.ConfigJson;
import goodness.ff.scoring.GoodnessHistogram;
import goodness.ff.scoring.TestResult;
import goodness.ff.training.EpochMetrics;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.Collections;
import java.util.HexFormat;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The exact text of each run file and the exact bytes of a model file, for fixed content. Stored
 * runs and models are compared and diffed as files, and a model's bytes name it, so a change of
 * key order, number form (0.1, 1.0, 1.0E-9, NaN) or left-out field is a change of the format
 * every stored file has, to be made on purpose and never as a side effect.
 */
class RunFileBytesTest {
    @TempDir Path dir;

    private static final String FULL_ROW = "{\"epoch\":7,\"gain\":0.1,\"trainlogcost\":2.25,\"pairwise_errors\":[40,50],"
            + "\"energy_errors_train\":120,\"energy_errors_valid\":13,\"softmax_errors_valid\":14,\"rms\":[0.04,"
            + "2.0],\"suprms\":[0.0218],\"goodness_pos\":[1.0,0.3],\"goodness_neg\":[0.5,1.0E-9],"
            + "\"layer_accuracy\":[0.75,1.0],\"energy_errors_train_per_layer\":[300,200],"
            + "\"energy_errors_valid_per_layer\":[31,29],\"energy_errors_valid_per_class\":[1,2,3,4,5,6,7,8,9,10],"
            + "\"update_ratio\":[0.001,NaN],\"goodness_histograms\":[{\"threshold\":1000.0,\"log2_ratio_from\":-4.0,"
            + "\"log2_ratio_to\":4.0,\"pos\":[3,3,3,3,3,3,3,3,3,3,3,3,3,3,3,3,3,3,3,3,3,3,3,3,3,3,3,3,3,3,3,3],"
            + "\"neg\":[3,3,3,3,3,3,3,3,3,3,3,3,3,3,3,3,3,3,3,3,3,3,3,3,3,3,3,3,3,3,3,3]},{\"threshold\":1.5,"
            + "\"log2_ratio_from\":-4.0,\"log2_ratio_to\":4.0,\"pos\":[3,3,3,3,3,3,3,3,3,3,3,3,3,3,3,3,3,3,3,3,3,3,"
            + "3,3,3,3,3,3,3,3,3,3],\"neg\":[3,3,3,3,3,3,3,3,3,3,3,3,3,3,3,3,3,3,3,3,3,3,3,3,3,3,3,3,3,3,3,3]}],"
            + "\"seconds\":4.0,\"eval_seconds\":0.125,\"samples_per_second\":900.5,\"negatives\":\"random\","
            + "\"phases\":\"3:1:scaled\",\"train_cases\":50000,\"valid_cases\":10000,\"energy_errors_test\":150,"
            + "\"test_cases\":10000,\"energy_errors_test_per_layer\":[2100,1500],"
            + "\"energy_errors_test_per_class\":[0,1,2,3,4,5,6,7,8,105]}";
    private static final String PLAIN_ROW = "{\"epoch\":0,\"gain\":1.0,\"trainlogcost\":61.8054,\"pairwise_errors\":[5921,5906,6414],"
            + "\"goodness_pos\":[],\"goodness_neg\":[],\"layer_accuracy\":[],\"seconds\":12.0,\"eval_seconds\":0.0,"
            + "\"samples_per_second\":4166.666666666667,\"negatives\":\"hard\",\"phases\":\"none\","
            + "\"train_cases\":50000,\"valid_cases\":10000}";
    private static final String EVENT = "{\"epoch\":3,\"batch\":17,\"batches_per_epoch\":500,\"batch_counter\":1517,\"setting\":\"negatives\","
            + "\"old\":\"hard\",\"new\":\"random\",\"at\":\"2026-12-07T10:15:30.123Z\"}";
    private static final String RUN_STOPPED = "{\"format\":1,\"status\":\"stopped\",\"message\":\"stopped by the user\",\"epochs_done\":4,"
            + "\"batch_in_epoch\":120,\"updated\":\"2026-12-02T10:00:00Z\",\"provenance\":{\"origin\":\"cli\","
            + "\"code_version\":\"1.2.3 (abc123)\",\"created\":\"2026-12-01T08:00:00Z\",\"seed\":1234,"
            + "\"data_root\":\"/data/mnist root\",\"dataset\":\"mnist\",\"split\":\"HINTON\",\"train_cases\":50000,"
            + "\"valid_cases\":10000,\"test_cases\":10000,"
            + "\"resumed_from\":[{\"checkpoint\":\"runs/r/checkpoint.bin\",\"epoch\":4,\"batch_in_epoch\":120,"
            + "\"batch_counter\":2120,\"at\":\"2026-12-02T09:30:00Z\"}]}}";
    private static final String RUN_RUNNING = "{\"format\":1,\"status\":\"running\",\"epochs_done\":0,\"batch_in_epoch\":0,"
            + "\"updated\":\"2026-12-02T10:00:00Z\",\"provenance\":{\"origin\":\"app\",\"code_version\":\"dev\","
            + "\"created\":\"1970-01-01T00:00:00Z\",\"seed\":0,\"data_root\":\"\",\"dataset\":\"mnist\","
            + "\"split\":\"FULL\",\"train_cases\":60000,\"valid_cases\":0,\"test_cases\":10000,"
            + "\"resumed_from\":[]}}";
    private static final String CONFIG_A = "{\"preset\":\"HINTON\",\"presetName\":\"hinton\",\"dataset\":\"MNIST\",\"hiddenSizes\":[5,4],"
            + "\"epochs\":125,\"batchSize\":100,\"learningRate\":0.1,\"softmaxLearningRate\":0.1,\"momentum\":0.9,"
            + "\"weightCost\":0.002,\"softmaxWeightCost\":0.003,\"peerLambda\":0.03,\"peerDecay\":0.9,"
            + "\"threshold\":1.0,\"temperature\":1.0,\"labelStrength\":1.0,\"neutralLabel\":0.1,\"stepsPerBatch\":1,"
            + "\"seed\":1234,\"negatives\":\"HARD\",\"phases\":{\"awake\":0,\"sleep\":0,"
            + "\"scalePositiveRate\":false},\"shuffle\":false,\"threads\":1,\"backend\":\"ejml\",\"trainLimit\":0,"
            + "\"topLayerTerm\":false,\"evalEvery\":5,\"shiftPixels\":0,\"dropout\":0.0,\"dropoutScored\":false,"
            + "\"rotateDegrees\":0.0,\"scaleRange\":0.0}";
    private static final String CONFIG_PLUS = "{\"preset\":\"HINTON\",\"presetName\":\"hinton-plus\",\"dataset\":\"MNIST\",\"hiddenSizes\":[1000,"
            + "1000,1000],\"epochs\":200,\"batchSize\":100,\"learningRate\":0.01,\"softmaxLearningRate\":0.1,"
            + "\"momentum\":0.9,\"weightCost\":0.002,\"softmaxWeightCost\":0.003,\"peerLambda\":0.03,"
            + "\"peerDecay\":0.9,\"threshold\":1.0,\"temperature\":1.0,\"labelStrength\":1.0,\"neutralLabel\":0.1,"
            + "\"stepsPerBatch\":1,\"seed\":1234,\"negatives\":\"HARD\",\"phases\":{\"awake\":0,\"sleep\":0,"
            + "\"scalePositiveRate\":false},\"shuffle\":true,\"threads\":2,\"backend\":\"openblas\","
            + "\"trainLimit\":0,\"topLayerTerm\":false,\"evalEvery\":5,\"shiftPixels\":1,\"dropout\":0.1,"
            + "\"dropoutScored\":false,\"rotateDegrees\":10.0,\"scaleRange\":0.1}";
    private static final String CONFIG_SLEEP = "{\"preset\":\"SLEEP\",\"presetName\":\"sleep\",\"dataset\":\"MNIST\",\"hiddenSizes\":[500,500,500],"
            + "\"epochs\":10,\"batchSize\":512,\"learningRate\":0.001,\"softmaxLearningRate\":0.0,\"momentum\":0.0,"
            + "\"weightCost\":0.0,\"softmaxWeightCost\":0.0,\"peerLambda\":0.0,\"peerDecay\":0.9,\"threshold\":1.5,"
            + "\"temperature\":1.0,\"labelStrength\":1.0,\"neutralLabel\":0.0,\"stepsPerBatch\":10,\"seed\":1234,"
            + "\"negatives\":\"RANDOM\",\"phases\":{\"awake\":0,\"sleep\":0,\"scalePositiveRate\":false},"
            + "\"shuffle\":true,\"threads\":2,\"backend\":\"openblas\",\"trainLimit\":0,\"topLayerTerm\":false,"
            + "\"evalEvery\":1,\"shiftPixels\":0,\"dropout\":0.0,\"dropoutScored\":false,\"rotateDegrees\":0.0,"
            + "\"scaleRange\":0.0}";
    private static final String RESULT_A_HEAD = "{\"energy_errors_train\":1234,\"energy_errors_test\":133,\"softmax_errors_train\":1300,"
            + "\"softmax_errors_test\":138,\"train_cases\":50000,\"test_cases\":10000,\"wall_seconds\":3600.25,"
            + "\"config\":";
    private static final String RESULT_B_HEAD = "{\"energy_errors_train\":12,\"energy_errors_test\":64,\"train_cases\":60000,\"test_cases\":10000,"
            + "\"wall_seconds\":NaN,\"config\":";
    private static final String TEST_RESULT = "{\"energy_errors_train\":12,\"energy_errors_test\":64,\"train_cases\":60000,\"test_cases\":10000}";
    private static final String MODEL_SHA256 = "4664c5217e56a4037a94f9b09ddaa67bf5098f11c22b2331b8f7a2e2c2e1acee";

    /** Every optional field present, a NaN, an exponent, histograms, recipe B's per-epoch test figures. */
    private static EpochMetrics fullRow() {
        List<Integer> bins = Collections.nCopies(GoodnessHistogram.BINS, 3);
        return new EpochMetrics(7, 0.1, 2.25, List.of(40, 50), List.of(1.0, 0.3), List.of(0.5, 1e-9), List.of(0.75, 1.0),
                120, 13, 14, List.of(0.04, 2.0), List.of(0.0218), 4.0, 0.125, 900.5, NegativeMode.RANDOM, PhaseSchedule.awakeHeavy(3),
                50_000, 10_000, List.of(300, 200), List.of(31, 29), List.of(1, 2, 3, 4, 5, 6, 7, 8, 9, 10),
                List.of(1e-3, Double.NaN), List.of(new GoodnessHistogram(1000, bins, bins), new GoodnessHistogram(1.5, bins, bins)),
                150, 10_000, List.of(2100, 1500), List.of(0, 1, 2, 3, 4, 5, 6, 7, 8, 105));
    }

    /** An epoch without evaluation: every optional field left out. */
    private static EpochMetrics plainRow() {
        return new EpochMetrics(0, 1.0, 61.8054, List.of(5921, 5906, 6414), List.of(), List.of(), List.of(), null, null, null,
                null, null, 12.0, 0.0, 4166.666666666667, NegativeMode.HARD, PhaseSchedule.unseparated(), 50_000, 10_000);
    }

    private static RunEvent event() {
        return new RunEvent(3, 17, 500, 1517L, "negatives", "hard", "random", Instant.parse("2026-12-07T10:15:30.123Z"));
    }

    private static RunJson.RunInfo stopped() {
        RunProvenance p = new RunProvenance("cli", "1.2.3 (abc123)", Instant.parse("2026-12-01T08:00:00Z"), 1234L, "/data/mnist root",
                "mnist", "HINTON", 50_000, 10_000, 10_000,
                List.of(new ResumePoint("runs/r/checkpoint.bin", 4, 120, 2120L, Instant.parse("2026-12-02T09:30:00Z"))));
        return new RunJson.RunInfo(RunStatus.STOPPED, "stopped by the user", 4, 120, Instant.parse("2026-12-02T10:00:00Z"), p);
    }

    /** No message (left out) and no resumptions (an empty list, written). */
    private static RunJson.RunInfo running() {
        RunProvenance p = new RunProvenance("app", "dev", Instant.EPOCH, 0, "", "mnist", "FULL", 60_000, 0, 10_000, List.of());
        return new RunJson.RunInfo(RunStatus.RUNNING, null, 0, 0, Instant.parse("2026-12-02T10:00:00Z"), p);
    }

    private static String text(com.google.gson.JsonObject o) {
        return RunJson.GSON.toJson(o);
    }

    @Test
    void metricsRowsAreWrittenExactlyAndReadBackEqual() {
        assertEquals(FULL_ROW, text(RunJson.metrics(fullRow())));
        assertEquals(PLAIN_ROW, text(RunJson.metrics(plainRow())));
        assertEquals(fullRow(), RunJson.metrics(FULL_ROW, "metrics.jsonl line 8"));
        assertEquals(plainRow(), RunJson.metrics(PLAIN_ROW, "metrics.jsonl line 1"));
    }

    @Test
    void anEventIsWrittenExactlyAndReadBackEqual() {
        assertEquals(EVENT, text(RunJson.event(event())));
        assertEquals(event(), RunJson.event(EVENT, "events.jsonl line 1"));
    }

    @Test
    void runJsonIsWrittenExactlyAndReadBack() {
        assertEquals(RUN_STOPPED, text(RunJson.runInfo(stopped())));
        assertEquals(RUN_RUNNING, text(RunJson.runInfo(running())));
        assertEquals(stopped(), RunJson.runInfo(RUN_STOPPED, Path.of("run.json")));
        RunJson.RunInfo read = RunJson.runInfo(RUN_RUNNING, Path.of("run.json"));
        assertEquals("", read.message(), "a left-out message reads as none");
        assertEquals(running().provenance(), read.provenance());
    }

    @Test
    void resultJsonIsWrittenExactlyAndReadBack() {
        FFConfig a = ConfigJson.parse(CONFIG_A), sleep = ConfigJson.parse(CONFIG_SLEEP);
        assertEquals(RESULT_A_HEAD + CONFIG_A + "}", text(RunJson.result(new TestResult(1234, 133, 1300, 138, 50_000, 10_000, null), 3600.25, a)));
        assertEquals(RESULT_B_HEAD + CONFIG_SLEEP + "}", text(RunJson.result(new TestResult(12, 64, null, null, 60_000, 10_000, null), Double.NaN, sleep)));
        assertEquals(TEST_RESULT, text(RunJson.testResult(new TestResult(12, 64, null, null, 60_000, 10_000, null))));
        assertEquals(new RunResult(1234, 133, 1300, 138, 50_000, 10_000, 3600.25), RunJson.result(RESULT_A_HEAD + CONFIG_A + "}", Path.of("result.json")));
        assertEquals(new RunResult(12, 64, null, null, 60_000, 10_000, Double.NaN), RunJson.result(RESULT_B_HEAD + CONFIG_SLEEP + "}", Path.of("result.json")));
    }

    @Test
    void configJsonIsWrittenExactly() {
        for (String c : List.of(CONFIG_A, CONFIG_PLUS, CONFIG_SLEEP)) assertEquals(c, text(RunJson.config(ConfigJson.parse(c))));
    }

    @Test
    void aModelFileIsWrittenByteForByte() throws Exception {
        Path model = dir.resolve("model.ffm");
        Checkpoints.saveModel(FFNetwork.initialise(ConfigJson.parse(CONFIG_A), new SeededRandom(42)), model);
        byte[] digest = MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(model));
        assertEquals(MODEL_SHA256, HexFormat.of().formatHex(digest));
    }
}
