package goodness.ff.scoring;

import goodness.ff.FFConfig;
import goodness.ff.FFMath;
import goodness.ff.FFNetwork;
import goodness.ff.backend.FewRowsBackend;
import goodness.ff.backend.MatrixBackend;

/**
 * Predictions for single images (a drawn digit, a file): the same {@link GoodnessScorer} code as
 * batch evaluation, on a network snapshot this predictor never modifies. One predictor per
 * thread; it owns its buffers and its backend.
 *
 * <p>Uses {@link FewRowsBackend} by default: one image is ten rows per layer, a product bound by
 * reading the weights once, too small for a BLAS thread pool to pay off; and it keeps the GUI's
 * predictions off the training thread's OpenBLAS threads.
 */
public final class DigitPredictor implements AutoCloseable {
    private final FFNetwork network;
    private final MatrixBackend backend;
    private final GoodnessScorer scorer;
    private final GoodnessScorer.Scores scores;

    public DigitPredictor(FFNetwork network) {
        this(network, new FewRowsBackend());
    }

    public DigitPredictor(FFNetwork network, MatrixBackend backend) {
        this.network = network;
        this.backend = backend;
        this.scorer = new GoodnessScorer(network, backend, 1);
        this.scores = new GoodnessScorer.Scores(1, network.layerCount());
    }

    public FFNetwork network() {
        return network;
    }

    /** Scores one image: 784 raw pixels in [0,1] (label pixels are overwritten; the array is not modified). */
    public Prediction predict(float[] pixels784) {
        if (pixels784.length != FFConfig.IMAGE_PIXELS)
            throw new IllegalArgumentException("an image has " + FFConfig.IMAGE_PIXELS + " pixels, got " + pixels784.length);
        scorer.score(pixels784, 0, 1, scores);
        int layers = network.layerCount();
        float[][] g = new float[layers][FFConfig.LABELS];
        boolean[] counts = new boolean[layers];
        for (int l = 0; l < layers; l++) {
            System.arraycopy(scores.goodness[l], 0, g[l], 0, FFConfig.LABELS);
            counts[l] = network.countsInEnergy(l);
        }
        boolean labelled = scorer.hasEnergy();
        float[] energy = labelled ? java.util.Arrays.copyOf(scores.energy, FFConfig.LABELS) : null;
        float[] softmax = null;
        int softmaxLabel = -1;
        if (network.hasSoftmax()) {
            softmax = new float[FFConfig.LABELS];
            FFMath.softmax10(scores.logits, 0, softmax);
            softmaxLabel = FFMath.argmax(softmax, 0, FFConfig.LABELS);
        }
        return new Prediction(g, energy, labelled ? scores.energyPrediction(0) : -1, softmax, softmaxLabel, counts);
    }

    /**
     * The hidden activity (ReLU output) of every layer for the image of the last {@link #predict}
     * call under candidate label {@code label}: per layer, one value per unit (new arrays).
     */
    public float[][] activity(int label) {
        if (label < 0 || label >= FFConfig.LABELS) throw new IllegalArgumentException("label must be 0..9, got " + label);
        float[][] a = new float[network.layerCount()][];
        for (int l = 0; l < a.length; l++) {
            a[l] = new float[network.width(l)];
            scorer.copyActivity(l, 0, label, a[l]);
        }
        return a;
    }

    @Override
    public void close() {
        backend.close();
    }
}
