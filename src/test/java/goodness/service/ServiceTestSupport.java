package goodness.service;

import goodness.data.DatasetLoader;
import goodness.ff.FFConfig;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BooleanSupplier;

import static org.junit.jupiter.api.Assertions.fail;

/** Tiny configs and waits shared by the service and UI tests. */
public final class ServiceTestSupport {
    private ServiceTestSupport() {
    }

    /** Recipe A (HINTON preset) on 1000 images, 100-unit layers, EJML on one thread: ~10 ms a batch. */
    public static FFConfig tiny(int epochs) {
        return FFConfig.hinton().toBuilder().hiddenSizes(List.of(100, 100, 100)).trainLimit(1000)
                .epochs(epochs).backend("ejml").threads(1).evalEvery(0).build();
    }

    public static Path dataRoot() {
        return DatasetLoader.defaultDataRoot();
    }

    public static void await(String what, Duration timeout, BooleanSupplier condition) {
        long end = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > end) fail("timed out waiting for " + what);
            try {
                Thread.sleep(5);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                fail("interrupted");
            }
        }
    }

    public static List<Thread> trainerThreads() {
        List<Thread> out = new ArrayList<>();
        for (Thread t : Thread.getAllStackTraces().keySet())
            if (t.isAlive() && TrainingService.THREAD_NAME.equals(t.getName())) out.add(t);
        return out;
    }

    /** Records every event, in order (thread-safe). */
    public static final class Recorder implements TrainingListener {
        private final List<TrainingEvent> events = new ArrayList<>();

        @Override
        public synchronized void onEvent(TrainingEvent event) {
            events.add(event);
        }

        public synchronized List<TrainingEvent> events() {
            return List.copyOf(events);
        }

        public <T extends TrainingEvent> List<T> of(Class<T> type) {
            List<T> out = new ArrayList<>();
            for (TrainingEvent e : events()) if (type.isInstance(e)) out.add(type.cast(e));
            return out;
        }

        public synchronized void clear() {
            events.clear();
        }
    }
}
