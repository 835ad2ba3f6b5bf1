package goodness.service;

import goodness.ff.negatives.NegativesSample;
import goodness.ff.training.ReceptiveFields;
import goodness.ff.training.Trainer;

import java.util.function.Consumer;

/**
 * The Inside view's samples of a training run, throttled, and only what the view asks for:
 * nothing is recorded or copied while it is closed. Worker thread only.
 */
final class InsideSampler {
    /** At most this often: negatives strip (4 a second), receptive fields (every 2 s: a few times per recipe-A epoch). */
    static final long NEGATIVES_INTERVAL_NANOS = 250_000_000L, FIELDS_INTERVAL_NANOS = 2_000_000_000L;

    private final Consumer<TrainingEvent> emit;
    private long lastNegatives, lastFields;

    InsideSampler(Consumer<TrainingEvent> emit) {
        this.emit = emit;
    }

    /** The next sample of each kind is taken at once, whatever the interval. */
    void reset() {
        lastNegatives = lastFields = 0;
    }

    void publish(Trainer trainer, TrainingService.InsideRequest r, long now, boolean force) {
        if (r.negatives() && (force || now - lastNegatives >= NEGATIVES_INTERVAL_NANOS)) {
            NegativesSample s = trainer.negativesSample();
            if (s != null) {
                lastNegatives = now;
                emit.accept(new TrainingEvent.NegativesSampled(s));
            }
        }
        if (r.receptiveFields() && (force || now - lastFields >= FIELDS_INTERVAL_NANOS)) {
            lastFields = now;
            int[] units = r.mostActive() ? null : ReceptiveFields.fixedUnits(trainer.network().width(0), TrainingService.FIELD_UNITS);
            emit.accept(new TrainingEvent.ReceptiveFieldsSampled(trainer.receptiveFields(units, TrainingService.FIELD_UNITS)));
        }
    }
}
