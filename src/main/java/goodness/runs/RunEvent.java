package goodness.runs;

import java.time.Instant;

/**
 * A live setting change of a run (a line of {@code events.jsonl}): it took effect before the
 * batch {@code batchCounter}, i.e. at batch {@code batch} of epoch {@code epoch}.
 *
 * @param setting "negatives", "phases", "rateScale" or "threads"
 * @param at      wall-clock time of the change
 */
public record RunEvent(int epoch, int batch, int batchesPerEpoch, long batchCounter, String setting,
                       String oldValue, String newValue, Instant at) {

    /** Chart x: the epoch as a fraction. */
    public double x() {
        return epoch + (double) batch / Math.max(1, batchesPerEpoch);
    }

    public String label() {
        return setting + ": " + oldValue + "→" + newValue;
    }
}
