package goodness.ff;

/** What a batch learns from under a {@link PhaseSchedule}. */
public enum Phase {
    /** Positive and negative data in the same step (the unseparated baseline). */
    JOINT,
    /** Awake: positive data only. */
    POSITIVE,
    /** Sleep: negative data only. */
    NEGATIVE
}
