package goodness.ff.scoring;

import goodness.ff.FFConfig;
import goodness.ff.FFNetwork;
import goodness.ff.backend.MatrixBackend;

/**
 * How a recurrent network settles on a fixed batch of labelled images: at each iteration t = 0..T,
 * the mean over the images of the true label's goodness (summed over the layers) and of the best
 * wrong label's. A gap that opens over the iterations is the network settling on the right answer.
 * One batch of at most {@link RecurrentScorer#MAX_BLOCK} images, one run of the scorer: cheap
 * enough for every epoch's end.
 *
 * @param epoch     the epoch that just ended (its number, 0-based)
 * @param images    how many images were run
 * @param trueLabel {@code [t]}: mean Σ_l G_l(t) with the true label clamped
 * @param bestWrong {@code [t]}: mean over the images of the largest Σ_l G_l(t) among the nine wrong labels
 * @param scoreFrom the first iteration the prediction scores
 * @param scoreTo   the last iteration the prediction scores
 */
public record SettlingCurve(int epoch, int images, double[] trueLabel, double[] bestWrong, int scoreFrom, int scoreTo) {

    /**
     * Runs the first {@code count} images of {@code pixels} (784 raw values in [0,1] each) with
     * every label through all T iterations of {@code net} (a recurrent network; read, not modified).
     */
    public static SettlingCurve measure(FFNetwork net, MatrixBackend backend, float[] pixels, int[] labels, int count, int epoch) {
        if (net.topDown == null) throw new IllegalArgumentException("a " + net.config().presetName() + " model is not a recurrent network");
        int n = Math.min(Math.min(count, RecurrentScorer.MAX_BLOCK), labels.length);
        if (n < 1) throw new IllegalArgumentException("no images to run");
        var rs = net.config().recurrentSettings();
        int last = rs.iterations(), L = FFConfig.LABELS, layers = net.layerCount();
        double[] right = new double[last + 1], wrong = new double[last + 1];
        double[] sum = new double[L * n];
        new RecurrentScorer(net, backend, n).run(pixels, 0, n, last, (t, pass) -> {
            java.util.Arrays.fill(sum, 0);
            for (int l = 0; l < layers; l++) {
                float[] g = pass.goodness(l);
                for (int row = 0; row < L * n; row++) sum[row] += g[row];
            }
            double r = 0, w = 0;
            for (int i = 0; i < n; i++) {
                double best = -Double.MAX_VALUE;
                for (int c = 0; c < L; c++) if (c != labels[i]) best = Math.max(best, sum[c * n + i]);
                r += sum[labels[i] * n + i];
                w += best;
            }
            right[t] = r / n;
            wrong[t] = w / n;
        });
        return new SettlingCurve(epoch, n, right, wrong, rs.scoreFrom(), rs.scoreTo());
    }

    /** T, the last iteration. */
    public int iterations() {
        return trueLabel.length - 1;
    }
}
