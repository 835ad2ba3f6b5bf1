package goodness.runs;

/**
 * The files of a run folder. One writer ({@link RunWriter}) writes all of them, for the app and
 * the CLI alike; {@link RunStore} reads them. A run folder holds one run and nothing else: a writer
 * refuses a folder with other files in it, and a resume writes only into its checkpoint's own run.
 *
 * <pre>
 *   config.json     the run's FFConfig (rewritten on resume: --threads and --backend may change)
 *   run.json        status (running / finished / stopped / diverged), its message, epochs done, provenance
 *   run.lock        locked by the process that trains the run (an OS file lock, taken before anything else in the
 *                   folder is read or written); holds "pid N on host H since T" of that process, for the line a
 *                   second claimant gets; "running" without the lock reads as "stopped"
 *   metrics.jsonl   one JSON object per finished epoch (the fields of train --json)
 *   metrics.csv     the same rows as CSV (derived; rewritten atomically at every epoch end)
 *   events.jsonl    one JSON object per live setting change, with its epoch and batch
 *   checkpoint.bin  the full training state (atomic), at every epoch end and on pause, stop and close
 *   model.ffm       the final weights (finished runs)
 *   result.json     the test-set figures (finished runs)
 *   imported.json   where the run was imported from (runs imported from an archive, {@link RunArchive}): the
 *                   archive's file name, when, and the run's name there; no writer changes it
 * </pre>
 */
public final class RunFolder {
    public static final String CONFIG = "config.json";
    public static final String RUN = "run.json";
    public static final String LOCK = "run.lock";
    public static final String METRICS = "metrics.jsonl";
    public static final String METRICS_CSV = "metrics.csv";
    public static final String EVENTS = "events.jsonl";
    public static final String CHECKPOINT = "checkpoint.bin";
    public static final String MODEL = "model.ffm";
    public static final String RESULT = "result.json";
    public static final String IMPORTED = "imported.json";

    private RunFolder() {
    }
}
