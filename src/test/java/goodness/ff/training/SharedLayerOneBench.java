package goodness.ff.training;

import goodness.data.DataSplits;
import goodness.data.DatasetLoader;
import goodness.ff.FFConfig;
import goodness.ff.backend.OpenBlasBackend;

import java.util.Arrays;
import java.util.Locale;

/**
 * Not a test: the shared layer-1 path against the plain one, in one JVM, batch by batch in
 * alternation (the order swapped every round), so that a busy machine's drift hits both alike.
 * Prints each recipe's median seconds per batch on each path and their ratio. Run:
 * {@code java -cp target/classes:target/test-classes:$(cat cp.txt) goodness.ff.training.SharedLayerOneBench [rounds] [threads]}.
 */
public final class SharedLayerOneBench {
    private SharedLayerOneBench() {
    }

    public static void main(String[] args) {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 60;
        int threads = args.length > 1 ? Integer.parseInt(args[1]) : 1;
        FFConfig a = FFConfig.hinton().toBuilder().threads(threads).evalEvery(0).epochs(1000).trainLimit(10_000).build();
        DataSplits dataA = Trainers.loadData(DatasetLoader.defaultDataRoot(), a);
        compare("recipe A (784-1000-1000-1000, B 100, hard negatives)", HintonTrainer.plainLayerOne(a, dataA, new OpenBlasBackend(threads)),
                new HintonTrainer(a, dataA, new OpenBlasBackend(threads)), rounds);
        FFConfig b = FFConfig.sleep().toBuilder().threads(threads).evalEvery(0).epochs(1000).trainLimit(10_240).build();
        DataSplits dataB = Trainers.loadData(DatasetLoader.defaultDataRoot(), b);
        compare("recipe B (784-500-500-500, B 512, K " + b.stepsPerBatch() + ", wrong labels)", SleepTrainer.plainLayerOne(b, dataB, new OpenBlasBackend(threads)),
                new SleepTrainer(b, dataB, new OpenBlasBackend(threads)), Math.max(4, rounds / 6));
    }

    private static void compare(String what, Trainer plain, Trainer shared, int rounds) {
        try (plain; shared) {
            for (int i = 0; i < 3; i++) {
                step(plain);
                step(shared);
            }
            double[] p = new double[rounds], s = new double[rounds];
            for (int r = 0; r < rounds; r++) {
                if (r % 2 == 0) {
                    p[r] = step(plain);
                    s[r] = step(shared);
                } else {
                    s[r] = step(shared);
                    p[r] = step(plain);
                }
            }
            Arrays.sort(p);
            Arrays.sort(s);
            double mp = p[rounds / 2], ms = s[rounds / 2];
            System.out.printf(Locale.ROOT, "%s: plain %.4f s/batch, shared %.4f s/batch (medians of %d alternating batches): shared/plain = %.3f%n",
                    what, mp, ms, rounds, ms / mp);
        }
    }

    private static double step(Trainer t) {
        if (t.batchInEpoch() == t.batchesPerEpoch()) t.finishEpoch();
        long t0 = System.nanoTime();
        t.trainBatch();
        return (System.nanoTime() - t0) / 1e9;
    }
}
