package goodness.ff.scoring;

import goodness.ff.FFConfig;
import goodness.ff.FFNetwork;
import goodness.ff.FFMath;
import goodness.ff.backend.FewRowsBackend;
import goodness.ff.backend.MatrixBackend;

/**
 * One image through a recurrent network under each of the ten labels, every iteration recorded:
 * what the app shows of a recurrent model (the goodness of each label settling over time). One
 * instance per thread; it owns its buffers and its backend ({@link FewRowsBackend} by default,
 * as {@link DigitPredictor}); the network is read, never modified.
 */
public final class RecurrentInference implements AutoCloseable {
    private final FFNetwork network;
    private final MatrixBackend backend;
    private final RecurrentScorer scorer;

    /**
     * One image's run.
     *
     * @param goodness {@code [label][t][layer]}: G_l(t) with that label clamped, t = 0..T (t = 0,
     *                 the bottom-up pass, is the same for every label)
     * @param activity {@code [label][t][layer]}: the states h_l(t), one value per unit
     * @param score    per label, the prediction's score: Σ over the scored iterations and the layers
     * @param label    the predicted label (the largest score; a tie goes to the lower label)
     */
    public record Result(float[][][] goodness, float[][][][] activity, float[] score, int label) {
    }

    public RecurrentInference(FFNetwork network) {
        this(network, new FewRowsBackend());
    }

    public RecurrentInference(FFNetwork network, MatrixBackend backend) {
        if (network.topDown == null) throw new IllegalArgumentException("a " + network.config().presetName() + " model is not a recurrent network");
        this.network = network;
        this.backend = backend;
        this.scorer = new RecurrentScorer(network, backend, 1);
    }

    /** Runs one image (784 raw pixels in [0,1]; not modified) for all T iterations under every label. */
    public Result infer(float[] pixels784) {
        if (pixels784.length != FFConfig.IMAGE_PIXELS)
            throw new IllegalArgumentException("an image has " + FFConfig.IMAGE_PIXELS + " pixels, got " + pixels784.length);
        int labels = FFConfig.LABELS, layers = network.layerCount(), last = network.config().recurrentSettings().iterations();
        int from = network.config().recurrentSettings().scoreFrom(), to = network.config().recurrentSettings().scoreTo();
        float[][][] g = new float[labels][last + 1][layers];
        float[][][][] a = new float[labels][last + 1][layers][];
        double[] sum = new double[labels];   // summed in double, as the scorer does, so both predict alike
        scorer.run(pixels784, 0, 1, last, (t, pass) -> record(pass, t, from, to, g, a, sum));
        float[] score = new float[labels];
        for (int c = 0; c < labels; c++) score[c] = (float) sum[c];
        return new Result(g, a, score, FFMath.argmax(score, 0, labels));
    }

    private void record(RecurrentPass pass, int t, int from, int to, float[][][] g, float[][][][] a, double[] score) {
        for (int c = 0; c < FFConfig.LABELS; c++)
            for (int l = 0; l < network.layerCount(); l++) {
                int w = network.width(l);
                float gl = pass.goodness(l)[c];       // one image: row = label
                g[c][t][l] = gl;
                a[c][t][l] = java.util.Arrays.copyOfRange(pass.state(l).data, c * w, (c + 1) * w);
                if (t >= from && t <= to) score[c] += gl;
            }
    }

    @Override
    public void close() {
        backend.close();
    }
}
