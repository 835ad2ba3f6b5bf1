package goodness.ff;

/**
 * The settings only the recurrent recipe ({@link Recipe#RECURRENT}) has: how many synchronous
 * iterations a pass runs, how much of a unit's previous state it keeps, and which iterations'
 * goodness the prediction adds up. One nullable component of {@link FFConfig}: null for the other
 * recipes, so their configs (and every file written before it existed) read and write as before.
 *
 * @param iterations T, the synchronous iterations after the bottom-up initialisation (8)
 * @param damping    the share of a unit's previous state kept at each iteration:
 *                   {@code h(t) = damping·h(t−1) + (1 − damping)·relu(z(t))} (0.3)
 * @param scoreFrom  the first iteration whose goodness the prediction adds (3)
 * @param scoreTo    the last iteration whose goodness the prediction adds (5)
 */
public record RecurrentSettings(int iterations, double damping, int scoreFrom, int scoreTo) {

    /** The paper's values: 8 iterations, damping 0.3, goodness of iterations 3 to 5 scored. */
    public static RecurrentSettings paper() {
        return new RecurrentSettings(8, 0.3, 3, 5);
    }

    /** Refuses settings a recurrent run cannot use, naming the field ({@code recurrentSettings.iterations}, ...). */
    void validate() {
        if (iterations < 1 || iterations > 100)
            throw new InvalidConfigException("recurrentSettings.iterations", "must be in 1..100, got " + iterations);
        if (!(damping >= 0 && damping < 1))
            throw new InvalidConfigException("recurrentSettings.damping", "must be in [0, 1), got " + damping);
        if (scoreFrom < 1 || scoreFrom > iterations)
            throw new InvalidConfigException("recurrentSettings.scoreFrom", "must be in 1.." + iterations + " (the iterations), got " + scoreFrom);
        if (scoreTo < scoreFrom || scoreTo > iterations)
            throw new InvalidConfigException("recurrentSettings.scoreTo", "must be in " + scoreFrom + ".." + iterations + " (scoreFrom..iterations), got " + scoreTo);
    }
}
