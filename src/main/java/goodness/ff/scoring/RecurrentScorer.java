package goodness.ff.scoring;

import goodness.ff.FFConfig;
import goodness.ff.FFNetwork;
import goodness.ff.RecurrentSettings;
import goodness.ff.backend.MatrixBackend;

/**
 * The recurrent recipe's prediction (docs/recurrent.md): each image is run once per candidate
 * label, the label clamped on the label layer, all ten copies of a block of images stacked into
 * one product per layer and iteration ({@link RecurrentPass}); the score of label c is
 * {@code Σ_{t = scoreFrom..scoreTo} Σ_l G_l(t)}, the largest wins (a tie goes to the lower label).
 * The iterations after {@code scoreTo} cannot change the score, so they are not run here
 * ({@link RecurrentInference} runs all of them for the app).
 *
 * <p>Fills the same {@link GoodnessScorer.Scores} as recipes A and B: {@code energy} is the score,
 * {@code goodness[l]} layer l's part of it (its goodness summed over the scored iterations), and
 * the logits are left untouched (no readout). Holds its buffers; not thread-safe; the network is
 * read, never modified.
 */
public final class RecurrentScorer {
    /** Images per block: 1,000 rows of ten labels keep the buffers at 8 MB per 2,000-unit layer and buffer. */
    public static final int MAX_BLOCK = 100;

    private final FFNetwork net;
    private final RecurrentPass pass;
    private final int layers, from, to;
    private final double[][] sums;

    /** What {@link #run} reports after each iteration t = 0..last: the pass holds that iteration's states. */
    public interface IterationListener {
        void iterationDone(int t, RecurrentPass pass);
    }

    public RecurrentScorer(FFNetwork net, MatrixBackend backend, int maxImages) {
        this.net = net;
        this.pass = new RecurrentPass(net, backend, Math.max(1, Math.min(maxImages, MAX_BLOCK)), FFConfig.LABELS);
        this.layers = net.layerCount();
        RecurrentSettings s = net.config().recurrentSettings();
        this.from = s.scoreFrom();
        this.to = s.scoreTo();
        this.sums = new double[layers][pass.maxImages() * FFConfig.LABELS];
    }

    public int maxImages() {
        return pass.maxImages();
    }

    /** Scores {@code count} images of {@code pixels} (raw values in [0,1], 784 per image, from image {@code first}; not modified) into {@code out}. */
    public void score(float[] pixels, int first, int count, GoodnessScorer.Scores out) {
        int L = FFConfig.LABELS;
        for (int done = 0; done < count; done += pass.maxImages()) {
            int r = Math.min(pass.maxImages(), count - done), offset = done;
            for (double[] s : sums) java.util.Arrays.fill(s, 0, r * L, 0);
            run(pixels, first + done, r, to, (t, p) -> {
                if (t < from) return;
                for (int l = 0; l < layers; l++) {
                    float[] g = p.goodness(l);
                    for (int row = 0; row < r * L; row++) sums[l][row] += g[row];
                }
            });
            for (int i = 0; i < r; i++)
                for (int c = 0; c < L; c++) {
                    int row = c * r + i, o = (offset + i) * L + c;
                    double e = 0;
                    for (int l = 0; l < layers; l++) {
                        out.goodness[l][o] = (float) sums[l][row];
                        e += sums[l][row];
                    }
                    out.energy[o] = (float) e;
                }
        }
    }

    /**
     * Runs {@code count} ≤ {@link #maxImages()} images under every label for iterations 0..{@code last},
     * calling {@code listener} after each; rows are {@code label · count + image}.
     */
    public void run(float[] pixels, int first, int count, int last, IterationListener listener) {
        pass.start(pixels, first, count);
        int[] labels = pass.labels();
        for (int c = 0; c < FFConfig.LABELS; c++) java.util.Arrays.fill(labels, c * count, (c + 1) * count, c);
        listener.iterationDone(0, pass);
        for (int t = 1; t <= last; t++) {
            pass.iterate();
            listener.iterationDone(t, pass);
        }
    }

    /**
     * Copies into {@code out} (≥ width entries) the states h of layer {@code layer} for image
     * {@code image} of the last block scored under label {@code label}, at the last iteration run.
     */
    public void copyActivity(int layer, int image, int label, float[] out) {
        int r = pass.images();
        if (image < 0 || image >= r) throw new IllegalArgumentException("image " + image + " is not in the last block of " + r);
        int w = net.width(layer);
        System.arraycopy(pass.state(layer).data, (label * r + image) * w, out, 0, w);
    }
}
