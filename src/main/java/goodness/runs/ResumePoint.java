package goodness.runs;

import java.time.Instant;

/**
 * One resumption of a run, for its provenance: which checkpoint it continued from and where that
 * checkpoint stood.
 */
public record ResumePoint(String checkpoint, int epoch, int batchInEpoch, long batchCounter, Instant at) {
}
