package goodness.runs;

import java.util.Locale;

/**
 * Where a stored run stands. {@link #RUNNING} is only ever reported while a live process holds
 * the run's lock; a run whose process died without closing it (a {@code kill -9}, a crash, a
 * power cut) reads as {@link #STOPPED}.
 */
public enum RunStatus {
    /** A process is training it now (it holds {@code run.lock}). */
    RUNNING,
    /** Every epoch done, the test set evaluated, {@code result.json} and {@code model.ffm} written. */
    FINISHED,
    /** Stopped by the user, by {@code --stop-after}, or by a process that ended; resumable from its checkpoint. */
    STOPPED,
    /** Training failed (NaN or infinite values, an exception); the last good checkpoint is kept; the message says why. */
    DIVERGED;

    /** The lower-case name used in files and on the command line. */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** @throws IllegalArgumentException naming the valid values */
    public static RunStatus parse(String s) {
        for (RunStatus v : values()) if (v.id().equalsIgnoreCase(s == null ? "" : s.trim())) return v;
        throw new IllegalArgumentException("unknown run status '" + s + "' (expected running, finished, stopped or diverged)");
    }
}
