package goodness.runs;

import goodness.ff.training.EpochMetrics;

import java.util.List;

/**
 * One evaluation on the validation set: the epoch (numbered as in the log and metrics.csv,
 * from 0) and both scores' errors there, either null where the run did not measure it.
 * Keeping the two scores together matters: the fewest energy errors and the fewest softmax
 * errors of a run usually come from different epochs, and only one epoch's weights exist.
 */
public record ValidErrors(int epoch, Integer energyErrors, Integer softmaxErrors) {

    /**
     * The evaluation with the fewest energy errors (the score a run is chosen by; softmax where a
     * run has no energy figure); a tie goes to fewer softmax errors, then to the earlier epoch.
     * Null if no row was evaluated on the validation set.
     */
    public static ValidErrors best(List<EpochMetrics> rows) {
        return bestOf(rows.stream().map(ValidErrors::of).filter(java.util.Objects::nonNull).toList());
    }

    /** {@link #best} of evaluations already taken from the rows. */
    static ValidErrors bestOf(List<ValidErrors> evals) {
        ValidErrors best = null;
        for (ValidErrors v : evals) if (best == null || v.betterThan(best)) best = v;
        return best;
    }

    /** {@link #last} of evaluations already taken from the rows. */
    static ValidErrors lastOf(List<ValidErrors> evals) {
        ValidErrors last = null;
        for (ValidErrors v : evals) if (last == null || v.epoch >= last.epoch) last = v;
        return last;
    }

    /** The last evaluation, the one the run's final weights (model.ffm) were scored at; null if none. */
    public static ValidErrors last(List<EpochMetrics> rows) {
        ValidErrors last = null;
        for (EpochMetrics m : rows) {
            ValidErrors v = of(m);
            if (v != null && (last == null || v.epoch >= last.epoch)) last = v;
        }
        return last;
    }

    /** Both scores and the epoch, "79 / 92 @199", as the run listings show the best evaluation. */
    public String text() {
        return ErrorPair.text(energyErrors, softmaxErrors) + " @" + epoch;
    }

    private static ValidErrors of(EpochMetrics m) {
        if (m.energyErrorsValid() == null && m.softmaxErrorsValid() == null) return null;
        return new ValidErrors(m.epoch(), m.energyErrorsValid(), m.softmaxErrorsValid());
    }

    private boolean betterThan(ValidErrors o) {
        int c = Long.compare(rank(energyErrors), rank(o.energyErrors));
        if (c == 0) c = Long.compare(rank(softmaxErrors), rank(o.softmaxErrors));
        return c < 0 || (c == 0 && epoch < o.epoch);
    }

    /** A missing figure ranks after every measured one. */
    private static long rank(Integer errors) {
        return errors == null ? Long.MAX_VALUE : errors;
    }
}
