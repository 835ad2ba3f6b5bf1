package goodness.ui;

import goodness.data.HeapBudget;
import javafx.application.Platform;

import java.util.concurrent.Callable;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;

/**
 * The app's one worker for the view models' background work: run store reads and writes, model
 * and metrics files, the Gallery's evaluation, copying a model's receptive fields. One thread, so
 * such tasks queue behind each other instead of competing with training for the cores, and so
 * the FX thread never waits on a disk or a computation. Results go back to the FX thread through
 * {@link #fx(Runnable)}.
 *
 * <p>Once {@link #shutdown()} has run (the window has closed), new work is dropped: nothing is
 * left to show its result.
 */
public final class BackgroundTasks implements Executor {
    private final ExecutorService worker = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "goodness-tasks");
        t.setDaemon(true);
        return t;
    });
    private final Executor fx;

    /** Results are handed to the JavaFX application thread. */
    public BackgroundTasks() {
        this(Platform::runLater);
    }

    /** @param fx runs what must happen on the FX thread (tests without a toolkit pass {@code Runnable::run}) */
    public BackgroundTasks(Executor fx) {
        this.fx = fx;
    }

    /** Runs {@code work} on the worker; dropped once shut down. */
    @Override
    public void execute(Runnable work) {
        try {
            worker.execute(work);
        } catch (RejectedExecutionException e) {
            // Shut down: the window that would show the outcome is gone.
        }
    }

    /**
     * Runs {@code work} on the worker. The future completes there, with the result or with what
     * the work threw; it is cancelled if the tasks are already shut down.
     */
    public <T> CompletableFuture<T> supply(Callable<T> work) {
        CompletableFuture<T> f = new CompletableFuture<>();
        try {
            worker.execute(() -> {
                try {
                    f.complete(work.call());
                } catch (Throwable e) {
                    // Every failure, an OutOfMemoryError included, is reported to the user.
                    f.completeExceptionally(e);
                }
            });
        } catch (RejectedExecutionException e) {
            f.cancel(false);
        }
        return f;
    }

    /** Runs {@code r} on the FX thread, after what is already queued there. */
    public void fx(Runnable r) {
        fx.execute(r);
    }

    /** Drops queued work and interrupts the running task; returns at once. */
    public void shutdown() {
        worker.shutdownNow();
    }

    /** A failure as one line for the user: the cause's message, without the executor's wrappers. */
    public static String message(Throwable e) {
        while ((e instanceof CompletionException || e instanceof ExecutionException) && e.getCause() != null)
            e = e.getCause();
        if (e instanceof OutOfMemoryError) return HeapBudget.outOfMemoryMessage();
        if (e instanceof CancellationException) return "cancelled: the window is closing";
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }
}
