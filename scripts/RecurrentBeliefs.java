import goodness.data.DataSplits;
import goodness.data.LabeledImages;
import goodness.ff.FFConfig;
import goodness.ff.FFNetwork;
import goodness.ff.scoring.RecurrentPass;
import goodness.ff.backend.MatrixBackend;
import goodness.ff.io.Checkpoints;
import goodness.ff.scoring.GoodnessScorer;
import goodness.ff.training.Trainers;

import java.nio.file.Path;

/**
 * How sharp the recurrent trainer's hard-negative beliefs are at several temperatures, on a
 * trained model: the top hidden layer's goodness after the bottom-up pass with each label
 * clamped, G_L(c), as logits G_L(c) / (tau * width). For the first N training images it prints,
 * per tau, the mean probability of the likeliest wrong label and the mean entropy of the nine
 * wrong labels' distribution (ln 9 = 2.20 is uniform), and once: how often the beliefs' best label
 * is the true one, and how often their best wrong label is the full prediction's best wrong label.
 *
 *   java -cp target/goodness.jar scripts/RecurrentBeliefs.java DATA_ROOT MODEL N
 */
public class RecurrentBeliefs {
    public static void main(String[] args) {
        FFNetwork net = Checkpoints.loadModel(Path.of(args[1]));
        int n = Integer.parseInt(args[2]), L = FFConfig.LABELS, top = net.layerCount() - 1, w = net.width(top);
        DataSplits data = Trainers.loadData(Path.of(args[0]), net.config());
        LabeledImages train = data.train();
        double[] taus = {0.001, 0.003, 0.01, 0.03, 0.1, 1.0};
        double[] topProb = new double[taus.length], entropy = new double[taus.length];
        int beliefRight = 0, sameWrong = 0;
        float s = (float) net.config().labelStrength();
        try (MatrixBackend backend = Trainers.backendFor(net.config())) {
            RecurrentPass pass = new RecurrentPass(net, backend, 100, 1);
            GoodnessScorer scorer = new GoodnessScorer(net, backend, 100);
            GoodnessScorer.Scores scores = new GoodnessScorer.Scores(100, net.layerCount());
            for (int done = 0; done < n; done += 100) {
                int r = Math.min(100, n - done);
                pass.start(train.pixels(), done, r);
                scorer.score(train.pixels(), done, r, scores);
                float[] base = pass.topBase().data, v = net.topDown[top].data;
                for (int i = 0; i < r; i++) {
                    int y = train.label(done + i);
                    double[] g = new double[L];
                    for (int c = 0; c < L; c++)
                        for (int j = 0; j < w; j++) {
                            double x = Math.max(0, base[i * w + j] + s * v[c * w + j]);
                            g[c] += x * x;
                        }
                    int best = 0, bestWrong = y == 0 ? 1 : 0, predWrong = y == 0 ? 1 : 0;
                    for (int c = 0; c < L; c++) {
                        if (g[c] > g[best]) best = c;
                        if (c != y && g[c] > g[bestWrong]) bestWrong = c;
                        if (c != y && scores.energy[i * L + c] > scores.energy[i * L + predWrong]) predWrong = c;
                    }
                    if (best == y) beliefRight++;
                    if (bestWrong == predWrong) sameWrong++;
                    for (int k = 0; k < taus.length; k++) {
                        double scale = 1 / (taus[k] * w), max = Double.NEGATIVE_INFINITY, sum = 0, h = 0, pmax = 0;
                        for (int c = 0; c < L; c++) if (c != y) max = Math.max(max, g[c] * scale);
                        for (int c = 0; c < L; c++) if (c != y) sum += Math.exp(g[c] * scale - max);
                        for (int c = 0; c < L; c++) {
                            if (c == y) continue;
                            double p = Math.exp(g[c] * scale - max) / sum;
                            pmax = Math.max(pmax, p);
                            if (p > 0) h -= p * Math.log(p);
                        }
                        topProb[k] += pmax;
                        entropy[k] += h;
                    }
                }
            }
        }
        System.out.printf("%d training images; beliefs' best label = true label: %.1f %%; beliefs' best wrong label = prediction's best wrong label: %.1f %%%n",
                n, 100.0 * beliefRight / n, 100.0 * sameWrong / n);
        for (int k = 0; k < taus.length; k++)
            System.out.printf("tau %.3f: likeliest wrong label p = %.3f, entropy of the wrong labels %.2f nats (uniform 2.20)%n",
                    taus[k], topProb[k] / n, entropy[k] / n);
    }
}
