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
    @Option(names = "--versus", paramLabel = "FILE", description = "a second model (or checkpoint) of the same data set and split: "
            + "both are scored on the same cases and compared case by case (errors of each, both wrong, only one wrong, McNemar's exact p)")
    Path versus;
    @Option(names = "--mistakes", paramLabel = "FILE", description = "write every valid and test case the model gets wrong by either score "
            + "as CSV: set, index (in the set), label, energy prediction, softmax prediction")
    Path mistakes;
    @Mixin BackendOptions run;

    /** Errors of one set: {@code softmaxErrors} is null for a model without a readout, {@code energyErrors} for one without a labelled score (unsupervised). */
    record SetResult(int cases, Integer energyErrors, Integer softmaxErrors, double seconds) {
    }

    /**
     * A set's errors, which cases they were and each case's predictions (softmax: null without a
     * readout).
     */
    record Scored(SetResult result, boolean[] energyWrong, boolean[] softmaxWrong, int[] labels, int[] energyPredictions,
                  int[] softmaxPredictions) {
    }

    /** The second model's comparison on one set: energy, and softmax when both have a readout (else null). */
    record Versus(String set, goodness.ff.scoring.PairedErrors energy, goodness.ff.scoring.PairedErrors softmax) {
    }

    @Override
    public Integer call() {
        PrintStream out = System.out;
        Models.Loaded loaded = Models.load(model);
        FFNetwork net = loaded.network();
        FFConfig c = net.config();
        Models.Loaded other = versus == null ? null : Models.load(versus);
        if (other != null) sameCases(loaded, other);
        if (mistakes != null) checkWritable(mistakes, inputs());   // before a minute of scoring, not after
        // Only valid and test are scored, so keep a single training image instead of 50,000.
        DataSplits data = Trainers.loadEvalData(common.dataRoot(), c);
        int[][] confusion = new int[FFConfig.LABELS][FFConfig.LABELS];
        SetResult valid = null, test;
        java.util.List<Versus> compared = new java.util.ArrayList<>();
        StringBuilder mistakesCsv = mistakes == null ? null : new StringBuilder("set,index,label,energy,softmax\n");
        try (MatrixBackend b = Models.backend(run.backend, run.threads)) {
            int most = Math.max(data.valid().count(), data.test().count());
            GoodnessScorer scorer = new GoodnessScorer(net, b, 250);
            GoodnessScorer.Scores scores = new GoodnessScorer.Scores(most, net.layerCount());
            GoodnessScorer scorerB = other == null ? null : new GoodnessScorer(other.network(), b, 250);
            GoodnessScorer.Scores scoresB = other == null ? null : new GoodnessScorer.Scores(most, other.network().layerCount());
            if (data.valid().count() > 0) {
                Scored v = score(scorer, scores, data.valid(), net.hasSoftmax(), null);
                valid = v.result();
                appendMistakes(mistakesCsv, "valid", v);
                if (other != null) compared.add(versus("valid", v, score(scorerB, scoresB, data.valid(), other.network().hasSoftmax(), null)));
            }
            Scored t = score(scorer, scores, data.test(), net.hasSoftmax(), confusion);
            test = t.result();
            appendMistakes(mistakesCsv, "test", t);
            if (other != null) compared.add(versus("test", t, score(scorerB, scoresB, data.test(), other.network().hasSoftmax(), null)));
        }
        if (mistakes != null) writeMistakes(mistakes, mistakesCsv.toString(), inputs());
        if (common.json) {
            out.println(Json.GSON.toJson(Json.eval(loaded.name(), valid, test, confusion,
                    other == null ? null : Json.versus(other.name(), compared))));
            return 0;
        }
        out.printf("model: %s (%s, %s, %s, batch %d, %d epochs configured)%n", loaded.name(), c.presetName(), c.dataset().folder(),
                Models.shape(c), c.batchSize(), c.epochs());
        out.printf("backend %s x%d threads%n", run.backend.toLowerCase(), run.threads);
        if (valid != null) line(out, "valid", valid);
        line(out, "test", test);
        out.printf("%nconfusion matrix (%s, test set; rows = true label, columns = predicted)%n", c.unsupervised() ? "softmax" : "energy");
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
        if (other != null) printVersus(out, other, compared);
        return 0;
    }

    /** One row per case either score gets wrong; the softmax cell is empty for a model without a readout, the energy cell for one without a labelled score. */
    private static void appendMistakes(StringBuilder csv, String set, Scored s) {
        if (csv == null) return;   // no --mistakes
        for (int i = 0; i < s.labels().length; i++) {
            boolean energyWrong = s.energyWrong() != null && s.energyWrong()[i], softmaxWrong = s.softmaxWrong() != null && s.softmaxWrong()[i];
            if (!energyWrong && !softmaxWrong) continue;
            csv.append(set).append(',').append(i).append(',').append(s.labels()[i]).append(',')
                    .append(s.energyPredictions() == null ? "" : Integer.toString(s.energyPredictions()[i])).append(',')
                    .append(s.softmaxPredictions() == null ? "" : Integer.toString(s.softmaxPredictions()[i])).append('\n');
        }
    }

    /** The files this command reads, which --mistakes must not replace. */
    private java.util.List<Path> inputs() {
        java.util.List<Path> in = new java.util.ArrayList<>();
        if (model != null) in.add(model);
        if (versus != null) in.add(versus);
        return in;
    }

    private static void checkWritable(Path file, java.util.List<Path> inputs) {
        try {
            goodness.data.UserFiles.checkOutput(file, inputs);
        } catch (goodness.data.DataFileException e) {
            throw new CliException("--mistakes " + e.getMessage(), 2);
        }
    }

    private static void writeMistakes(Path file, String csv, java.util.List<Path> inputs) {
        try {
            // whole or not at all, through a temporary file and a rename
            goodness.data.UserFiles.writeOutput(file, csv.getBytes(java.nio.charset.StandardCharsets.UTF_8), inputs);
        } catch (goodness.data.DataFileException e) {
            throw new CliException("--mistakes " + e.getMessage(), 1);
        }
    }

    /** Both models must score the same cases: the same data set and the same split of it. */
    private static void sameCases(Models.Loaded a, Models.Loaded b) {
        FFConfig ca = a.network().config(), cb = b.network().config();
        String sa = ca.dataset().folder() + " " + splitName(ca), sb = cb.dataset().folder() + " " + splitName(cb);
        if (!sa.equals(sb))
            throw new CliException("--versus: " + b.name() + " is scored on " + sb + " and " + a.name() + " on " + sa
                    + ": not the same cases, so they cannot be compared case by case", 2);
    }

    private static String splitName(FFConfig c) {
        return Trainers.splitOf(c.recipe()) == goodness.data.SplitKind.HINTON ? "(50k train / 10k valid / 10k test)" : "(60k train / 10k test)";
    }

    private static Versus versus(String set, Scored a, Scored b) {
        return new Versus(set, a.energyWrong() == null || b.energyWrong() == null ? null : goodness.ff.scoring.PairedErrors.of(a.energyWrong(), b.energyWrong()),
                a.softmaxWrong() == null || b.softmaxWrong() == null ? null : goodness.ff.scoring.PairedErrors.of(a.softmaxWrong(), b.softmaxWrong()));
    }

    private static void printVersus(PrintStream out, Models.Loaded other, java.util.List<Versus> compared) {
        FFConfig cb = other.network().config();
        out.printf("%nversus B: %s (%s, %s, %s, %d epochs configured); A is the model above%n", other.name(), cb.presetName(), cb.dataset().folder(),
                Models.shape(cb), cb.epochs());
        out.printf("%-6s %-8s %9s %9s %11s %7s %7s %17s%n", "set", "score", "errors A", "errors B", "both wrong", "only A", "only B", "McNemar exact p");
        for (Versus v : compared) {
            if (v.energy() != null) row(out, v.set(), "energy", v.energy());
            if (v.softmax() != null) row(out, v.set(), "softmax", v.softmax());
        }
        out.println("Only the cases the two get differently count: p is the chance of a split at least that uneven if each were a coin toss;"
                + " a large p means the difference in errors is within what luck gives on these cases.");
    }

    private static void row(PrintStream out, String set, String score, goodness.ff.scoring.PairedErrors p) {
        out.printf(java.util.Locale.ROOT, "%-6s %-8s %9d %9d %11d %7d %7d %17.3g%n", set, score, p.errorsA(), p.errorsB(), p.both(), p.onlyA(), p.onlyB(), p.mcnemarExactP());
    }

    private static void line(PrintStream out, String set, SetResult r) {
        out.printf("%-5s", set);
        if (r.energyErrors() != null)
            out.printf(" energy errors %5d/%d (%.2f%%)", r.energyErrors(), r.cases(), 100.0 * r.energyErrors() / r.cases());
        if (r.softmaxErrors() != null)
            out.printf("   softmax errors %5d/%d (%.2f%%)", r.softmaxErrors(), r.cases(), 100.0 * r.softmaxErrors() / r.cases());
        out.printf("   [%.1f s]%n", r.seconds());
    }

    static Scored score(GoodnessScorer scorer, GoodnessScorer.Scores scores, LabeledImages set, boolean softmax, int[][] confusion) {
        if (!scorer.hasEnergy()) return readoutOnly(scorer, scores, set, confusion);
        long t0 = System.nanoTime();
        scorer.score(set.pixels(), 0, set.count(), scores);
        int e = 0, s = 0;
        boolean[] energyWrong = new boolean[set.count()], softmaxWrong = softmax ? new boolean[set.count()] : null;
        int[] labels = new int[set.count()], energyPredictions = new int[set.count()], softmaxPredictions = softmax ? new int[set.count()] : null;
        for (int i = 0; i < set.count(); i++) {
            int truth = set.label(i), pe = scores.energyPrediction(i);
            labels[i] = truth;
            energyPredictions[i] = pe;
            if (softmax) softmaxPredictions[i] = scores.softmaxPrediction(i);
            if (pe != truth) {
                e++;
                energyWrong[i] = true;
            }
            if (softmax && softmaxPredictions[i] != truth) {
                s++;
                softmaxWrong[i] = true;
            }
            if (confusion != null) confusion[truth][pe]++;
        }
        return new Scored(new SetResult(set.count(), e, softmax ? s : null, (System.nanoTime() - t0) / 1e9), energyWrong, softmaxWrong,
                labels, energyPredictions, softmaxPredictions);
    }

    /** An unsupervised model: the readout is its only prediction (energy fields null; the confusion matrix is the readout's). */
    private static Scored readoutOnly(GoodnessScorer scorer, GoodnessScorer.Scores scores, LabeledImages set, int[][] confusion) {
        long t0 = System.nanoTime();
        scorer.score(set.pixels(), 0, set.count(), scores);
        int s = 0;
        boolean[] wrong = new boolean[set.count()];
        int[] labels = new int[set.count()], predictions = new int[set.count()];
        for (int i = 0; i < set.count(); i++) {
            labels[i] = set.label(i);
            predictions[i] = scores.softmaxPrediction(i);
            if (predictions[i] != labels[i]) {
                s++;
                wrong[i] = true;
            }
            if (confusion != null) confusion[labels[i]][predictions[i]]++;
        }
        return new Scored(new SetResult(set.count(), null, s, (System.nanoTime() - t0) / 1e9), null, wrong, labels, null, predictions);
    }
}
