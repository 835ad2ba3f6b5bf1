package goodness.service;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.Executor;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Coalesces {@link TrainingEvent}s from the worker thread and delivers them as one immutable
 * list at most every {@code intervalMillis}, through an injectable {@link Executor} (the UI
 * passes {@code Platform::runLater}; tests a direct executor).
 *
 * <p>Coalescing: only the latest {@link TrainingEvent.BatchProgress}, the latest
 * {@link TrainingEvent.ModelSnapshot} and the latest Inside-view samples of a batch are kept; every other event (epochs, settings,
 * states, failures) is delivered, in order. At most one delivery is in flight at a time, so a
 * busy receiver (a slow FX thread) gets fewer, larger batches instead of a growing queue.
 */
public final class EventBatcher implements TrainingListener, AutoCloseable {
    private static final System.Logger LOG = System.getLogger(EventBatcher.class.getName());

    private final Executor executor;
    private final Consumer<List<TrainingEvent>> consumer;
    private final long intervalNanos;
    private final ScheduledExecutorService timer;

    private final Object lock = new Object();
    private List<TrainingEvent> pending = new ArrayList<>();
    private boolean scheduled;
    private long lastDelivery = Long.MIN_VALUE / 2;
    private boolean closed;

    public EventBatcher(Executor executor, Consumer<List<TrainingEvent>> consumer, long intervalMillis) {
        this.executor = Objects.requireNonNull(executor);
        this.consumer = Objects.requireNonNull(consumer);
        this.intervalNanos = TimeUnit.MILLISECONDS.toNanos(Math.max(1, intervalMillis));
        this.timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "goodness-events");
            t.setDaemon(true);
            return t;
        });
    }

    /** 100 ms, i.e. at most ten deliveries a second. */
    public EventBatcher(Executor executor, Consumer<List<TrainingEvent>> consumer) {
        this(executor, consumer, 100);
    }

    @Override
    public void onEvent(TrainingEvent event) {
        synchronized (lock) {
            if (closed) return;
            if (event instanceof TrainingEvent.BatchProgress) pending.removeIf(e -> e instanceof TrainingEvent.BatchProgress);
            if (event instanceof TrainingEvent.ModelSnapshot) pending.removeIf(e -> e instanceof TrainingEvent.ModelSnapshot);
            if (event instanceof TrainingEvent.NegativesSampled) pending.removeIf(e -> e instanceof TrainingEvent.NegativesSampled);
            if (event instanceof TrainingEvent.ReceptiveFieldsSampled) pending.removeIf(e -> e instanceof TrainingEvent.ReceptiveFieldsSampled);
            pending.add(event);
            scheduleLocked();
        }
    }

    private void scheduleLocked() {
        if (scheduled || pending.isEmpty() || closed) return;
        scheduled = true;
        long delay = Math.max(0, lastDelivery + intervalNanos - System.nanoTime());
        try {
            timer.schedule(this::dispatch, delay, TimeUnit.NANOSECONDS);
        } catch (java.util.concurrent.RejectedExecutionException e) {
            // Closed meanwhile: nothing more is delivered.
            LOG.log(System.Logger.Level.DEBUG, "event batch not scheduled: the batcher is closed", e);
            scheduled = false;
        }
    }

    private void dispatch() {
        List<TrainingEvent> batch;
        synchronized (lock) {
            batch = List.copyOf(pending);
            pending = new ArrayList<>();
            if (batch.isEmpty()) {
                scheduled = false;
                return;
            }
        }
        try {
            executor.execute(() -> deliver(batch));
        } catch (RuntimeException e) {
            // The receiver is gone (e.g. the FX toolkit has exited): drop the batch.
            LOG.log(System.Logger.Level.INFO, "dropped " + batch.size() + " training events: " + e);
            synchronized (lock) {
                scheduled = false;
            }
        }
    }

    private void deliver(List<TrainingEvent> batch) {
        try {
            consumer.accept(batch);
        } finally {
            synchronized (lock) {
                lastDelivery = System.nanoTime();
                scheduled = false;
                scheduleLocked();
            }
        }
    }

    /** Stops delivering; pending events are dropped. */
    @Override
    public void close() {
        synchronized (lock) {
            closed = true;
            pending.clear();
        }
        timer.shutdownNow();
    }
}
