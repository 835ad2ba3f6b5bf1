package goodness.runs;

/**
 * How a pair of error counts reads wherever runs are listed ({@code goodness runs} and the Runs
 * tab alike): "energy / softmax", e.g. "150 / 163", "-" for a score the run did not measure.
 */
public final class ErrorPair {
    /** What stands for a score that was not measured. */
    public static final String MISSING = "-";

    private ErrorPair() {
    }

    /** "energy / softmax"; "" when neither was measured (the caller decides what an empty cell shows). */
    public static String text(Integer energy, Integer softmax) {
        if (energy == null && softmax == null) return "";
        return count(energy) + " / " + count(softmax);
    }

    private static String count(Integer errors) {
        return errors == null ? MISSING : errors.toString();
    }
}
