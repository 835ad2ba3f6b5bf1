package goodness.cli;

import goodness.data.DataSplits;
import goodness.data.LabeledImages;
import goodness.ff.FFConfig;
import goodness.ff.FFNetwork;
import goodness.ff.backend.MatrixBackend;
import goodness.ff.scoring.GoodnessScorer;
import goodness.ff.training.Trainers;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.concurrent.Callable;

/**
 * {@code eval}: energy and softmax errors of a model on the validation and test sets of the data
 * set and split its config names, and the test set's energy confusion matrix. Reads model files
 * and training checkpoints alike; without {@code --model}, the bundled default model.
 */
@Command(name = "eval", mixinStandardHelpOptions = true,
        description = "Evaluate a model (energy and softmax errors on valid/test, energy confusion matrix).")
final class EvalCommand implements Callable<Integer> {
    @Mixin CommonOptions common;

    @Option(names = "--model", paramLabel = "FILE", description = "model file (.ffm) or training checkpoint (default: the bundled model)")
    Path model;
    @Mixin BackendOptions run;

    /** Errors of one set: {@code softmaxErrors} is null for a model without a readout. */
    record SetResult(int cases, int energyErrors, Integer softmaxErrors, double seconds) {
    }

    @Override
    public Integer call() {
        PrintStream out = System.out;
        Models.Loaded loaded = Models.load(model);
        FFNetwork net = loaded.network();
        FFConfig c = net.config();
        // Only valid and test are scored, so keep a single training image instead of 50,000.
        DataSplits data = Trainers.loadEvalData(common.dataRoot(), c);
        int[][] confusion = new int[FFConfig.LABELS][FFConfig.LABELS];
        SetResult valid = null, test;
        try (MatrixBackend b = Models.backend(run.backend, run.threads)) {
            GoodnessScorer scorer = new GoodnessScorer(net, b, 250);
            GoodnessScorer.Scores scores = new GoodnessScorer.Scores(Math.max(data.valid().count(), data.test().count()), net.layerCount());
            if (data.valid().count() > 0) valid = score(scorer, scores, data.valid(), net.hasSoftmax(), null);
            test = score(scorer, scores, data.test(), net.hasSoftmax(), confusion);
        }
        if (common.json) {
            out.println(Json.GSON.toJson(Json.eval(loaded.name(), valid, test, confusion)));
            return 0;
        }
        out.printf("model: %s (%s, %s, %s, batch %d, %d epochs configured)%n", loaded.name(), c.presetName(), c.dataset().folder(),
                Models.shape(c), c.batchSize(), c.epochs());
        out.printf("backend %s x%d threads%n", run.backend.toLowerCase(), run.threads);
        if (valid != null) line(out, "valid", valid);
        line(out, "test", test);
        out.printf("%nconfusion matrix (energy, test set; rows = true label, columns = predicted)%n");
        out.print("true\\pred");
        for (int p = 0; p < FFConfig.LABELS; p++) out.printf("%6d", p);
        out.printf("  errors%n");
        for (int t = 0; t < FFConfig.LABELS; t++) {
            out.printf("%9d", t);
            int wrong = 0;
            for (int p = 0; p < FFConfig.LABELS; p++) {
                out.printf("%6d", confusion[t][p]);
                if (p != t) wrong += confusion[t][p];
            }
            out.printf("  %6d%n", wrong);
        }
        return 0;
    }

    private static void line(PrintStream out, String set, SetResult r) {
        out.printf("%-5s energy errors %5d/%d (%.2f%%)", set, r.energyErrors(), r.cases(), 100.0 * r.energyErrors() / r.cases());
        if (r.softmaxErrors() != null)
            out.printf("   softmax errors %5d/%d (%.2f%%)", r.softmaxErrors(), r.cases(), 100.0 * r.softmaxErrors() / r.cases());
        out.printf("   [%.1f s]%n", r.seconds());
    }

    static SetResult score(GoodnessScorer scorer, GoodnessScorer.Scores scores, LabeledImages set, boolean softmax, int[][] confusion) {
        long t0 = System.nanoTime();
        scorer.score(set.pixels(), 0, set.count(), scores);
        int e = 0, s = 0;
        for (int i = 0; i < set.count(); i++) {
            int truth = set.label(i), pe = scores.energyPrediction(i);
            if (pe != truth) e++;
            if (softmax && scores.softmaxPrediction(i) != truth) s++;
            if (confusion != null) confusion[truth][pe]++;
        }
        return new SetResult(set.count(), e, softmax ? s : null, (System.nanoTime() - t0) / 1e9);
    }
}
