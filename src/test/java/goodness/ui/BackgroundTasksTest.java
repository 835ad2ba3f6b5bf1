package goodness.ui;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.*;

/** The app's one worker, without a window: the FX thread's queue is a list run by the test. */
class BackgroundTasksTest {
    private final List<Runnable> fxQueue = new ArrayList<>();
    private final BackgroundTasks tasks = new BackgroundTasks(fxQueue::add);

    @Test
    void workRunsOnTheWorkerInOrderAndResultsWaitForTheFxThread() throws Exception {
        List<String> threads = new ArrayList<>();
        CompletableFuture<Integer> first = tasks.supply(() -> {
            threads.add(Thread.currentThread().getName());
            return 1;
        });
        CompletableFuture<Integer> second = tasks.supply(() -> {
            threads.add(Thread.currentThread().getName());
            return 2;
        });
        assertEquals(2, second.get(10, TimeUnit.SECONDS));
        assertTrue(first.isDone(), "one worker: the first task ran before the second");
        assertEquals(List.of("goodness-tasks", "goodness-tasks"), threads);

        List<Integer> shown = new ArrayList<>();
        tasks.supply(() -> 3).thenAccept(v -> tasks.fx(() -> shown.add(v))).get(10, TimeUnit.SECONDS);
        assertEquals(List.of(), shown, "not shown before the FX thread runs it");
        fxQueue.forEach(Runnable::run);
        assertEquals(List.of(3), shown);
        tasks.shutdown();
    }

    @Test
    void aFailureCompletesTheFutureWithItsOneLineMessage() {
        CompletableFuture<Object> f = tasks.supply(() -> {
            throw new java.io.IOException("disk full");
        });
        ExecutionException e = assertThrows(ExecutionException.class, () -> f.get(10, TimeUnit.SECONDS));
        assertEquals("disk full", BackgroundTasks.message(e));
        assertEquals("disk full", BackgroundTasks.message(new CompletionException(new java.io.IOException("disk full"))));
        assertEquals("IllegalStateException", BackgroundTasks.message(new IllegalStateException()));
        tasks.shutdown();
    }

    @Test
    void afterShutdownNewWorkIsDroppedAndNothingIsLeftWaiting() throws Exception {
        CountDownLatch ran = new CountDownLatch(1);
        tasks.execute(ran::countDown);
        assertTrue(ran.await(10, TimeUnit.SECONDS));
        tasks.shutdown();
        tasks.execute(() -> fail("runs after shutdown"));
        CompletableFuture<Integer> late = tasks.supply(() -> 1);
        assertTrue(late.isCancelled(), "a caller waiting on it is told at once");
        assertThrows(CancellationException.class, late::join);
    }
}
