package goodness.service;

/** Receives {@link TrainingEvent}s on the service's worker thread: must return quickly and never throw. */
@FunctionalInterface
public interface TrainingListener {
    void onEvent(TrainingEvent event);
}
