package goodness.service;

/**
 * States of the {@link TrainingService}: {@code IDLE → LOADING → RUNNING ⇄ PAUSED → STOPPED /
 * FINISHED / FAILED}. From any terminal state a new start or a reset is allowed.
 */
public enum ServiceState {
    /** No run yet (or after a reset): a config is ready to start. */
    IDLE,
    /** Loading data / creating the trainer on the worker thread. */
    LOADING,
    RUNNING,
    PAUSED,
    /** Stopped by the user; the last state can still be saved. */
    STOPPED,
    /** All epochs done (test set evaluated). */
    FINISHED,
    /** The run could not start or diverged; the message came as a {@link TrainingEvent.Failed}. */
    FAILED;

    /** A run exists that can continue (running or paused). */
    public boolean active() {
        return this == LOADING || this == RUNNING || this == PAUSED;
    }
}
