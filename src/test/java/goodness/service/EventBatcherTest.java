package goodness.service;

import goodness.ff.NegativeMode;
import goodness.ff.Phase;
import goodness.ff.PhaseSchedule;
import goodness.ff.training.BatchSnapshot;
import goodness.ff.training.EpochMetrics;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

class EventBatcherTest {

    static BatchSnapshot snap(int batch) {
        return new BatchSnapshot(0, batch, 1000, 1.0, List.of(1), List.of(2.0), List.of(1.0),
                List.of(new float[1]), List.of(new float[1]), List.of(1.0), Phase.JOINT, NegativeMode.HARD, 100);
    }

    static EpochMetrics epoch(int e) {
        return new EpochMetrics(e, 1, 1, List.of(1), List.of(1.0), List.of(0.5), List.of(0.9), null, null, null,
                null, null, 1, 0, 100, NegativeMode.HARD, PhaseSchedule.unseparated(), 100, 0);
    }

    @Test
    void coalescesProgressKeepsEveryEpochAndSettingAndLimitsTheRate() throws Exception {
        List<List<TrainingEvent>> got = new ArrayList<>();
        List<Long> times = new ArrayList<>();
        try (EventBatcher b = new EventBatcher(Runnable::run, list -> {
            synchronized (got) {
                got.add(list);
                times.add(System.nanoTime());
            }
        }, 100)) {
            long t0 = System.nanoTime();
            int epochs = 0;
            for (int i = 1; i <= 1000; i++) {
                b.onEvent(new TrainingEvent.BatchProgress(snap(i), i, 100, 1));
                if (i % 100 == 0) b.onEvent(new TrainingEvent.EpochCompleted(epoch(epochs++), i, 10));
                if (i == 500) b.onEvent(new TrainingEvent.SettingChanged(0, 500, 1000, 500, "negatives", "hard", "mask"));
                if (i % 50 == 0) Thread.sleep(20);
            }
            double seconds = (System.nanoTime() - t0) / 1e9;
            ServiceTestSupport.await("last delivery", Duration.ofSeconds(5), () -> {
                synchronized (got) {
                    return got.stream().flatMap(List::stream)
                            .anyMatch(e -> e instanceof TrainingEvent.BatchProgress p && p.batchCounter() == 1000);
                }
            });
            synchronized (got) {
                assertTrue(got.size() <= seconds * 10 + 3, got.size() + " deliveries in " + seconds + " s");
                for (int i = 1; i < times.size(); i++)
                    assertTrue(times.get(i) - times.get(i - 1) >= 90_000_000L, "deliveries at least ~100 ms apart");
                List<Integer> epochNumbers = new ArrayList<>();
                int settings = 0;
                for (List<TrainingEvent> list : got) {
                    assertTrue(list.stream().filter(e -> e instanceof TrainingEvent.BatchProgress).count() <= 1, "one progress per delivery");
                    for (TrainingEvent e : list) {
                        if (e instanceof TrainingEvent.EpochCompleted c) epochNumbers.add(c.metrics().epoch());
                        if (e instanceof TrainingEvent.SettingChanged) settings++;
                    }
                }
                assertEquals(List.of(0, 1, 2, 3, 4, 5, 6, 7, 8, 9), epochNumbers);
                assertEquals(1, settings);
            }
        }
    }
}
