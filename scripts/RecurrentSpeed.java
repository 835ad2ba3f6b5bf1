import goodness.data.DataSplits;
import goodness.data.LabeledImages;
import goodness.ff.FFConfig;
import goodness.ff.backend.MatrixBackend;
import goodness.ff.scoring.GoodnessScorer;
import goodness.ff.training.Trainer;
import goodness.ff.training.Trainers;

import java.nio.file.Path;
import java.util.List;

/**
 * Times the hinton-recurrent preset (2 x 2000, batch 100, T = 8) in rounds, one round per entry
 * of THREADS (interleave them, e.g. 1,2,1,2, on a shared machine): 2 untimed batches, BATCHES
 * timed batches (extrapolated to the 500 of an epoch), then one scoring of EVAL validation images
 * (extrapolated to 10,000). Only trainBatch() and the scoring are timed.
 *
 *   java -cp target/goodness.jar scripts/RecurrentSpeed.java DATA_ROOT BATCHES THREADS [EVAL] [HIDDEN]
 *   e.g. java -cp target/goodness.jar scripts/RecurrentSpeed.java data 50 1,2,1,2 500
 */
public class RecurrentSpeed {
    public static void main(String[] args) {
        Path root = Path.of(args[0]);
        int batches = Integer.parseInt(args[1]);
        int evalImages = args.length > 3 ? Integer.parseInt(args[3]) : 0;
        FFConfig.Builder b = FFConfig.recurrent().toBuilder().evalEvery(0);
        if (args.length > 4) b.hiddenSizes(java.util.Arrays.stream(args[4].split(",")).map(Integer::valueOf).toList());
        FFConfig base = b.build();
        DataSplits data = Trainers.loadData(root, base);
        for (String t : args[2].split(",")) {
            FFConfig c = base.toBuilder().threads(Integer.parseInt(t)).build();
            try (Trainer trainer = Trainers.create(c, data, Trainers.backendFor(c))) {
                for (int i = 0; i < 2; i++) trainer.trainBatch();
                long t0 = System.nanoTime();
                for (int i = 0; i < batches; i++) trainer.trainBatch();
                double perBatch = (System.nanoTime() - t0) / 1e9 / batches;
                String eval = "";
                if (evalImages > 0) {
                    try (MatrixBackend backend = Trainers.backendFor(c)) {
                        LabeledImages valid = data.valid();
                        GoodnessScorer scorer = new GoodnessScorer(trainer.network(), backend, 250);
                        GoodnessScorer.Scores scores = new GoodnessScorer.Scores(evalImages, c.layerCount());
                        long e0 = System.nanoTime();
                        scorer.score(valid.pixels(), 0, evalImages, scores);
                        double s = (System.nanoTime() - e0) / 1e9;
                        eval = String.format(", evaluation %.0f s per 10,000 images (from %d)", s * 10_000 / evalImages, evalImages);
                    }
                }
                System.out.printf("%s threads %s: %.3f s/batch, %.0f s/epoch (500 batches; from %d timed)%s%n",
                        c.hiddenSizes(), t, perBatch, perBatch * 500, batches, eval);
            }
        }
    }
}
