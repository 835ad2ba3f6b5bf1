package goodness.ff;

/**
 * Separation of the positive ("awake") and negative ("sleep") phases, driven by a batch counter
 * that never resets across epochs. With awake length A and sleep length S, batch k is
 * positive-only if {@code k mod (A+S) < A}, else negative-only. {@link #unseparated()} makes every
 * batch a joint step.
 *
 * @param awake              A, batches of positive-only learning per cycle (0 = unseparated)
 * @param sleep              S, batches of negative-only learning per cycle (0 = unseparated)
 * @param scalePositiveRate  if true, positive steps use the learning rate divided by A
 *                           (seed 003, table 2: A = N, S = 1, positive lr / N)
 */
public record PhaseSchedule(int awake, int sleep, boolean scalePositiveRate) {

    public PhaseSchedule {
        if (awake < 0 || sleep < 0) throw new IllegalArgumentException("phase lengths must be >= 0, got awake=" + awake + " sleep=" + sleep);
        if ((awake == 0) != (sleep == 0)) throw new IllegalArgumentException("awake and sleep must both be 0 (unseparated) or both >= 1, got awake=" + awake + " sleep=" + sleep);
    }

    public static PhaseSchedule unseparated() { return new PhaseSchedule(0, 0, false); }

    /** Seed 003 table 1: A = S = n. */
    public static PhaseSchedule symmetric(int n) { return new PhaseSchedule(n, n, false); }

    /** Seed 003 table 2: A = n, S = 1, positive learning rate divided by n. */
    public static PhaseSchedule awakeHeavy(int n) { return new PhaseSchedule(n, 1, true); }

    public boolean separated() { return awake > 0; }

    /** The phase of batch number {@code batchCounter} (counted from 0 since the run began). */
    public Phase phaseOf(long batchCounter) {
        if (!separated()) return Phase.JOINT;
        return Math.floorMod(batchCounter, (long) awake + sleep) < awake ? Phase.POSITIVE : Phase.NEGATIVE;
    }

    /**
     * Where batch {@code batchCounter} falls in its awake/sleep cycle: the phase and how many
     * batches of that phase have run, it included (1 … A or 1 … S). A separated network's
     * accuracy swings with the phase, so this says which point of the swing an evaluation after
     * that batch sees.
     *
     * @throws IllegalStateException if the schedule is unseparated (there are no phases)
     */
    public Position positionOf(long batchCounter) {
        if (!separated()) throw new IllegalStateException("an unseparated schedule has no phases");
        long k = Math.floorMod(batchCounter, (long) awake + sleep);
        return k < awake ? new Position(Phase.POSITIVE, k + 1, awake) : new Position(Phase.NEGATIVE, k - awake + 1, sleep);
    }

    /** Batch {@code batch} (1-based) of a phase of {@code length} batches. */
    public record Position(Phase phase, long batch, int length) {
        /** "awake, batch 39 of 64". */
        @Override
        public String toString() {
            return (phase == Phase.POSITIVE ? "awake" : "sleep") + ", batch " + batch + " of " + length;
        }
    }

    /** Multiplier on the positive phase's learning rate: 1/A when scaling is on, else 1. */
    public double positiveRateScale() {
        return scalePositiveRate && awake > 0 ? 1.0 / awake : 1.0;
    }

    /** Parses "none"/"unseparated", "N" (A=S=N), "A:S" or "A:S:scaled". */
    public static PhaseSchedule parse(String s) {
        String t = s.trim().toLowerCase();
        if (t.equals("none") || t.equals("unseparated") || t.equals("0")) return unseparated();
        try {
            String[] p = t.split(":");
            if (p.length == 1) return symmetric(Integer.parseInt(p[0]));
            if (p.length == 2) return new PhaseSchedule(Integer.parseInt(p[0]), Integer.parseInt(p[1]), false);
            if (p.length == 3 && p[2].equals("scaled")) return new PhaseSchedule(Integer.parseInt(p[0]), Integer.parseInt(p[1]), true);
        } catch (NumberFormatException e) {
            // fall through to the message below
        }
        throw new IllegalArgumentException("bad phase schedule '" + s + "' (expected none, N, A:S or A:S:scaled)");
    }

    @Override public String toString() {
        return separated() ? awake + ":" + sleep + (scalePositiveRate ? ":scaled" : "") : "none";
    }
}
