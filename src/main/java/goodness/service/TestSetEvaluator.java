package goodness.service;

import goodness.data.LabeledImages;
import goodness.ff.FFConfig;
import goodness.ff.FFNetwork;
import goodness.ff.backend.EjmlBackend;
import goodness.ff.backend.MatrixBackend;
import goodness.ff.backend.OpenBlasBackend;
import goodness.ff.scoring.GoodnessScorer;

/** Scores a test set with a network snapshot: energy predictions, confusion matrix, mistakes. */
public final class TestSetEvaluator {
    private TestSetEvaluator() {
    }

    /**
     * @param confusion confusion[true][predicted] (energy predictions)
     * @param predicted energy prediction of every scored image
     * @param images    the scored images (the first {@code predicted.length} of the set)
     */
    public record Evaluation(int[][] confusion, int[] predicted, LabeledImages images, int errors, double seconds) {
        public int count() {
            return predicted.length;
        }

        /** Indices of the misclassified images (true {@code t} / predicted {@code p}, -1 = any); with both given, that confusion cell. */
        public int[] mistakes(int t, int p) {
            int n = 0;
            int[] out = new int[count()];
            for (int i = 0; i < count(); i++) {
                int y = images.label(i), q = predicted[i];
                boolean keep = t >= 0 && p >= 0 ? y == t && q == p
                        : q != y && (t < 0 || y == t) && (p < 0 || q == p);
                if (keep) out[n++] = i;
            }
            return java.util.Arrays.copyOf(out, n);
        }
    }

    /**
     * Scores the first {@code limit} images (0 = all) on the calling thread: OpenBLAS when it
     * loads (with the process's thread count, never changing it, so that a training running at
     * the same time keeps its own; see {@code BlasThreads}), else EJML on one thread.
     */
    public static Evaluation evaluate(FFNetwork net, LabeledImages set, int limit) {
        long t0 = System.nanoTime();
        int n = limit <= 0 ? set.count() : Math.min(limit, set.count());
        MatrixBackend backend = OpenBlasBackend.isAvailable() ? OpenBlasBackend.sharingThreadCount() : new EjmlBackend(1);
        try {
            GoodnessScorer scorer = new GoodnessScorer(net, backend, 250);
            GoodnessScorer.Scores scores = new GoodnessScorer.Scores(n, net.layerCount());
            scorer.score(set.pixels(), 0, n, scores);
            int[][] confusion = new int[FFConfig.LABELS][FFConfig.LABELS];
            int[] predicted = new int[n];
            int errors = 0;
            for (int i = 0; i < n; i++) {
                predicted[i] = scores.energyPrediction(i);
                confusion[set.label(i)][predicted[i]]++;
                if (predicted[i] != set.label(i)) errors++;
            }
            return new Evaluation(confusion, predicted, set.first(n), errors, (System.nanoTime() - t0) / 1e9);
        } finally {
            backend.close();
        }
    }
}
