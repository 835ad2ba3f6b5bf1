package goodness.service;

import goodness.data.DataSplits;
import goodness.ff.FFConfig;
import goodness.ff.training.Trainer;
import goodness.ff.training.Trainers;

import java.time.Duration;
import java.util.List;
import java.util.Locale;

/**
 * Not a test: compares the training speed of a bare engine loop (what the CLI runs) with the same
 * run driven by the {@link TrainingService} plus an {@link EventBatcher} delivering to a
 * consumer. Run: {@code java -cp target/classes:target/test-classes:$(cat cp.txt) goodness.service.ServiceOverheadBench [trainLimit] [epochs]}.
 */
public final class ServiceOverheadBench {
    public static void main(String[] args) throws Exception {
        int limit = args.length > 0 ? Integer.parseInt(args[0]) : 3000;
        int epochs = args.length > 1 ? Integer.parseInt(args[1]) : 2;
        FFConfig c = FFConfig.hinton().toBuilder().trainLimit(limit).epochs(epochs).evalEvery(0).threads(1).build();
        DataSplits data = Trainers.loadData(ServiceTestSupport.dataRoot(), c);
        for (int rep = 0; rep < 2; rep++) {
            double raw = raw(c, data);
            double svc = service(c);
            System.out.printf(Locale.ROOT, "rep %d: bare loop %.0f samples/s, service+batcher %.0f samples/s (%.1f %%)%n",
                    rep, raw, svc, 100 * (svc / raw - 1));
        }
    }

    static double raw(FFConfig c, DataSplits data) {
        try (Trainer t = Trainers.create(c, data, Trainers.backendFor(c))) {
            long t0 = System.nanoTime();
            while (!t.finished()) {
                while (t.batchInEpoch() < t.batchesPerEpoch()) t.trainBatch();
                t.finishEpoch();
            }
            return (double) c.epochs() * t.batchesPerEpoch() * c.batchSize() / ((System.nanoTime() - t0) / 1e9);
        }
    }

    static double service(FFConfig c) {
        long[] times = new long[2];
        int[] bpe = new int[1];
        try (TrainingService s = new TrainingService(c, ServiceTestSupport::dataRoot);
             EventBatcher b = new EventBatcher(Runnable::run, (List<TrainingEvent> l) -> { }, 100)) {
            s.addListener(b);
            s.addListener(e -> {
                if (e instanceof TrainingEvent.RunStarted r) {
                    times[0] = System.nanoTime();
                    bpe[0] = r.batchesPerEpoch();
                }
                if (e instanceof TrainingEvent.EpochCompleted m && m.metrics().epoch() == c.epochs() - 1) times[1] = System.nanoTime();
            });
            s.start(c);
            ServiceTestSupport.await("finished", Duration.ofMinutes(30), () -> s.state() == ServiceState.FINISHED);
            return (double) c.epochs() * bpe[0] * c.batchSize() / ((times[1] - times[0]) / 1e9);
        }
    }
}
