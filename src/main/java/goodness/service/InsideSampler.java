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

    /** Validation images of a recurrent run's settling sample at each epoch end. */
    static final int SETTLING_IMAGES = 100;
    private static final System.Logger LOG = System.getLogger(InsideSampler.class.getName());

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

    /**
     * A recurrent run's settling on the first validation images, at every epoch's end whether or
     * not the view is open (the chart shows the epochs' history): one block of the scorer, about
     * half a percent of a 2 x 2000 epoch's multiply-adds. Other recipes: nothing. A failure only
     * skips the sample.
     */
    void settling(Trainer t, goodness.ff.backend.MatrixBackend backend, int epoch) {
        if (t.network().topDown == null || backend == null || t.data().valid().count() == 0) return;
        try {
            var valid = t.data().valid();
            emit.accept(new TrainingEvent.SettlingSampled(goodness.ff.scoring.SettlingCurve.measure(t.network(), backend,
                    valid.pixels(), valid.labels(), Math.min(SETTLING_IMAGES, valid.count()), epoch)));
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, "the settling sample of epoch " + epoch + " failed", e);
        }
    }
}
