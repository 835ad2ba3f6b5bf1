package goodness.runs;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.function.Supplier;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Hand-damaged run files: each is refused with one line naming the file, the line and the field, in words. */
class RunJsonReadingTest {
    private static final String BINS = "[" + "0,".repeat(31) + "0]";
    private static final String ROW = "{\"epoch\":3,\"gain\":1.0,\"trainlogcost\":2.5,\"pairwise_errors\":[40,50],"
            + "\"goodness_histograms\":[{\"threshold\":1.5,\"pos\":" + BINS + ",\"neg\":" + BINS + "}],\"negatives\":\"hard\"}";
    private static final String EVENT = "{\"epoch\":3,\"batch\":17,\"batches_per_epoch\":500,\"batch_counter\":1517,"
            + "\"setting\":\"negatives\",\"old\":\"hard\",\"new\":\"random\",\"at\":\"2026-12-07T10:15:30Z\"}";
    private static final String RUN = "{\"format\":1,\"status\":\"stopped\",\"epochs_done\":4,\"updated\":\"2026-12-02T10:00:00Z\","
            + "\"provenance\":{\"origin\":\"cli\",\"seed\":1,\"resumed_from\":[{\"checkpoint\":\"c.bin\",\"epoch\":4,\"batch_in_epoch\":0}]}}";
    private static final String RESULT = "{\"energy_errors_train\":12,\"energy_errors_test\":64,\"test_cases\":10000}";

    private static String refused(Supplier<?> read, String... expected) {
        RunFileException e = assertThrows(RunFileException.class, read::get);
        String m = e.getMessage();
        for (String part : expected) assertTrue(m.contains(part), m);
        assertFalse(m.contains("\n") || m.contains("Exception") || m.contains("Json") || m.contains("java.") || m.contains("gson"), m);
        return m;
    }

    private static String metricsRow(String from, String to) {
        String row = ROW.replace(from, to);
        assertFalse(row.equals(ROW), "the damage applies");
        return row;
    }

    @Test
    void aMetricsRowsMistypedFieldIsNamed() {
        String where = "runs/x/metrics.jsonl line 4";
        refused(() -> RunJson.metrics(metricsRow("\"epoch\":3", "\"epoch\":\"three\""), where), where, "malformed metrics row", "epoch", "\"three\"");
        refused(() -> RunJson.metrics(metricsRow("\"epoch\":3", "\"epoch\":1.5"), where), "epoch must be a whole number");
        refused(() -> RunJson.metrics(metricsRow("\"epoch\":3", "\"epoch\":null"), where), "has no \"epoch\"");
        refused(() -> RunJson.metrics(metricsRow("\"epoch\":3", "\"epoch\":-1"), where), "epoch must be >= 0");
        refused(() -> RunJson.metrics(metricsRow("[40,50]", "[40,null]"), where), "pairwise_errors[1] is null");
        refused(() -> RunJson.metrics(metricsRow("[40,50]", "{\"a\":1}"), where), "pairwise_errors must be a list");
        refused(() -> RunJson.metrics(metricsRow("\"gain\":1.0", "\"gain\":[1]"), where), "gain must be a number");
        refused(() -> RunJson.metrics(metricsRow("\"threshold\":1.5", "\"threshold\":\"high\""), where),
                "goodness_histograms[0].threshold must be a number");
        refused(() -> RunJson.metrics(metricsRow("\"threshold\":1.5,", ""), where), "has no \"goodness_histograms[0].threshold\"");
        refused(() -> RunJson.metrics(metricsRow("\"hard\"", "\"gentle\""), where), "malformed metrics row", "gentle");
        refused(() -> RunJson.metrics(metricsRow("\"trainlogcost\":2.5,", ""), where), "has no \"trainlogcost\"");
        refused(() -> RunJson.metrics(metricsRow("\"neg\":" + BINS, "\"neg\":[1]"), where), "a goodness histogram has 32 bins");
        refused(() -> RunJson.metrics("[1,2]", where), "is not a JSON object");
    }

    @Test
    void anEventsMistypedOrMissingFieldIsNamed() {
        String where = "runs/x/events.jsonl line 2";
        refused(() -> RunJson.event(EVENT.replace("1517", "\"many\""), where), where, "malformed event", "batch_counter");
        refused(() -> RunJson.event(EVENT.replace(",\"new\":\"random\"", ""), where), "has no \"new\"");
        refused(() -> RunJson.event(EVENT.replace("\"negatives\"", "7"), where), "setting must be a string");
        refused(() -> RunJson.event(EVENT.replace("2026-12-07T10:15:30Z", "noon"), where), "\"at\" is not a time: \"noon\"");
    }

    @Test
    void aRunJsonsMistypedOrMissingFieldIsNamed() {
        Path file = Path.of("runs/x/run.json");
        refused(() -> RunJson.runInfo(RUN.replace("\"stopped\"", "5"), file), file.toString(), "malformed run status", "status must be a string");
        refused(() -> RunJson.runInfo(RUN.replace("\"stopped\"", "\"paused\""), file), "unknown run status 'paused'");
        refused(() -> RunJson.runInfo(RUN.replace("\"seed\":1", "\"seed\":\"one\""), file), "provenance.seed must be a number, got \"one\"");
        refused(() -> RunJson.runInfo(RUN.replace(",\"batch_in_epoch\":0", ""), file), "has no \"provenance.resumed_from[0].batch_in_epoch\"");
        refused(() -> RunJson.runInfo(RUN.replace("\"epochs_done\":4", "\"epochs_done\":-4"), file), "epochs_done must be >= 0");
        refused(() -> RunJson.runInfo(RUN.replace("2026-12-02T10:00:00Z", "yesterday"), file), "\"updated\" is not a time");
        refused(() -> RunJson.runInfo(RUN.substring(0, RUN.indexOf(",\"provenance\"")) + "}", file), "has no \"provenance\"");
        refused(() -> RunJson.runInfo(RUN.replace("{\"origin\":\"cli\",\"seed\":1,\"resumed_from\":[{\"checkpoint\":\"c.bin\",\"epoch\":4,\"batch_in_epoch\":0}]}", "[]"), file),
                "provenance must be an object");
    }

    @Test
    void aResultsMistypedOrMissingFieldIsNamed() {
        Path file = Path.of("runs/x/result.json");
        refused(() -> RunJson.result(RESULT.replace("64", "true"), file), file.toString(), "malformed result", "energy_errors_test must be a number");
        refused(() -> RunJson.result(RESULT.replace("\"energy_errors_test\":64,", ""), file), "has no \"energy_errors_test\"");
    }
}
