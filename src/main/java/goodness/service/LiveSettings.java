package goodness.service;

import goodness.ff.NegativeMode;
import goodness.ff.PhaseSchedule;

/**
 * The settings a user may change while a run trains, as the run has them now.
 *
 * @param rateScale the learning-rate gain slider (1 = the recipe)
 * @param threads   threads of the matrix products
 */
public record LiveSettings(NegativeMode negatives, PhaseSchedule phases, double rateScale, int threads) {
}
