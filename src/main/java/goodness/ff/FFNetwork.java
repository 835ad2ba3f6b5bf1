package goodness.ff;

import org.ejml.data.FMatrixRMaj;

/**
 * The parameters of a Forward-Forward network and the numerical conventions of its preset.
 * Weights are stored in×out so that a forward pass is {@code n_{l-1} · W_l} (a plain
 * {@code mult}, never {@code multTransB}).
 *
 * <p>Recipe A (HINTON): inputs and outputs are RMS-normalised, {@code a / (1e-20 + sqrt(mean a²))};
 * goodness is the SUM of squared activities; the energy score sums layers 2.. (H1 excluded);
 * a softmax readout reads layers 2.. too. Recipe B (SLEEP): L2 normalisation
 * {@code a / (||a|| + 1e-4)}; goodness is the MEAN of squares; the energy score sums all layers;
 * there is no readout.
 *
 * <p>Mutable: the trainer updates it in place. Readers on other threads (the GUI) must work on a
 * {@link #copy()} taken between batches.
 */
public final class FFNetwork {
    private final FFConfig config;
    /** W_l, in×out. */
    public final FMatrixRMaj[] weights;
    /** b_l, one per unit. */
    public final float[][] biases;
    /** Softmax readout S_l (width×10) for layers with {@link #hasReadout(int)}; null elsewhere. */
    public final FMatrixRMaj[] readout;
    /** Recipe A caveat: an untrained random 10-unit layer on top of the last hidden layer, or null. */
    public final FMatrixRMaj topLayer;
    /**
     * Recurrent recipe only (else null): the top-down matrices V_l, from the layer above to layer
     * l, (width of the layer above)×(width of l); above the last hidden layer is the 10-unit
     * label layer ({@link #topDownShape}).
     */
    public final FMatrixRMaj[] topDown;

    private FFNetwork(FFConfig config, FMatrixRMaj[] weights, float[][] biases, FMatrixRMaj[] readout, FMatrixRMaj topLayer, FMatrixRMaj[] topDown) {
        this.config = config;
        this.weights = weights;
        this.biases = biases;
        this.readout = readout;
        this.topLayer = topLayer;
        this.topDown = topDown;
    }

    /** Rows and columns of V_l for {@code config}: the layer above's width (10 above the last), then layer l's. */
    public static int[] topDownShape(FFConfig config, int l) {
        int above = l + 1 < config.layerCount() ? config.width(l + 1) : FFConfig.LABELS;
        return new int[] {above, config.width(l)};
    }

    /**
     * A freshly initialised network: W ~ N(0,1)/sqrt(fan_in), biases 0, readout 0. Draws from
     * {@code rng} in a fixed order (W_1, W_2, ..., then the top layer if enabled) so that a seed
     * fixes the initial weights.
     */
    public static FFNetwork initialise(FFConfig config, SeededRandom rng) {
        int layers = config.layerCount();
        FMatrixRMaj[] w = new FMatrixRMaj[layers];
        float[][] b = new float[layers][];
        FMatrixRMaj[] s = new FMatrixRMaj[layers];
        int in = FFConfig.IMAGE_PIXELS;
        for (int l = 0; l < layers; l++) {
            int out = config.width(l);
            w[l] = gaussian(in, out, rng);
            b[l] = new float[out];
            if (config.recipe() == Recipe.HINTON && l >= 1) s[l] = new FMatrixRMaj(out, FFConfig.LABELS);
            in = out;
        }
        FMatrixRMaj top = config.topLayerTerm() ? gaussian(in, FFConfig.LABELS, rng) : null;
        FMatrixRMaj[] v = null;
        if (config.recipe() == Recipe.RECURRENT) {   // drawn after every W_l, so the W_l are those of the same seed's other recipes
            v = new FMatrixRMaj[layers];
            for (int l = 0; l < layers; l++) {
                int[] shape = topDownShape(config, l);
                v[l] = gaussian(shape[0], shape[1], rng);   // fan-in: the layer above
            }
        }
        return new FFNetwork(config, w, b, s, top, v);
    }

    private static FMatrixRMaj gaussian(int in, int out, SeededRandom rng) {
        FMatrixRMaj m = new FMatrixRMaj(in, out);
        double scale = 1.0 / Math.sqrt(in);
        for (int i = 0; i < m.data.length; i++) m.data[i] = (float) (rng.nextGaussian() * scale);
        return m;
    }

    /** Assembles a network without top-down matrices (every recipe but the recurrent one); shapes are checked. */
    public static FFNetwork of(FFConfig config, FMatrixRMaj[] weights, float[][] biases, FMatrixRMaj[] readout, FMatrixRMaj topLayer) {
        return of(config, weights, biases, readout, topLayer, null);
    }

    /** Assembles a network from loaded parameters (checkpoints); shapes are checked, the top-down matrices' too. */
    public static FFNetwork of(FFConfig config, FMatrixRMaj[] weights, float[][] biases, FMatrixRMaj[] readout, FMatrixRMaj topLayer,
                               FMatrixRMaj[] topDown) {
        int in = FFConfig.IMAGE_PIXELS;
        if (weights.length != config.layerCount()) throw new IllegalArgumentException("expected " + config.layerCount() + " weight matrices, got " + weights.length);
        for (int l = 0; l < weights.length; l++) {
            int out = config.width(l);
            if (weights[l].numRows != in || weights[l].numCols != out) throw new IllegalArgumentException("W" + (l + 1) + " must be " + in + "x" + out);
            if (biases[l].length != out) throw new IllegalArgumentException("b" + (l + 1) + " must have " + out + " entries");
            boolean wantReadout = config.recipe() == Recipe.HINTON && l >= 1;
            if (wantReadout && (readout[l] == null || readout[l].numRows != out || readout[l].numCols != FFConfig.LABELS))
                throw new IllegalArgumentException("S" + (l + 1) + " must be " + out + "x10");
            in = out;
        }
        boolean recurrent = config.recipe() == Recipe.RECURRENT;
        if (!recurrent && topDown != null) throw new IllegalArgumentException("a " + config.recipe().id() + " network has no top-down matrices");
        if (recurrent) {
            if (topDown == null || topDown.length != weights.length)
                throw new IllegalArgumentException("a recurrent network needs " + weights.length + " top-down matrices V1..V" + weights.length);
            for (int l = 0; l < weights.length; l++) {
                int[] shape = topDownShape(config, l);
                if (topDown[l] == null || topDown[l].numRows != shape[0] || topDown[l].numCols != shape[1])
                    throw new IllegalArgumentException("V" + (l + 1) + " must be " + shape[0] + "x" + shape[1]);
            }
        }
        return new FFNetwork(config, weights, biases, readout, topLayer, topDown);
    }

    public FFConfig config() {
        return config;
    }

    public int layerCount() {
        return weights.length;
    }

    public int width(int layer) {
        return weights[layer].numCols;
    }

    /** Whether layer {@code l} feeds the softmax readout (recipe A: all but the first). */
    public boolean hasReadout(int l) {
        return readout[l] != null;
    }

    public boolean hasSoftmax() {
        for (FMatrixRMaj s : readout) if (s != null) return true;
        return false;
    }

    /** Whether layer {@code l}'s goodness counts in the energy score (A: not the first; B and the recurrent recipe: all). */
    public boolean countsInEnergy(int l) {
        return config.recipe() != Recipe.HINTON || l >= 1;
    }

    /** A deep copy, safe to read on another thread while this one keeps training. */
    public FFNetwork copy() {
        FMatrixRMaj[] w = new FMatrixRMaj[weights.length];
        float[][] b = new float[biases.length][];
        FMatrixRMaj[] s = new FMatrixRMaj[readout.length];
        for (int l = 0; l < weights.length; l++) {
            w[l] = weights[l].copy();
            b[l] = biases[l].clone();
            s[l] = readout[l] == null ? null : readout[l].copy();
        }
        FMatrixRMaj[] v = null;
        if (topDown != null) {
            v = new FMatrixRMaj[topDown.length];
            for (int l = 0; l < v.length; l++) v[l] = topDown[l].copy();
        }
        return new FFNetwork(config, w, b, s, topLayer == null ? null : topLayer.copy(), v);
    }

    /** sqrt(mean of squares) of W_l (biases excluded): the seed's "rms". */
    public double weightRms(int l) {
        return rms(weights[l].data, weights[l].getNumElements());
    }

    /** sqrt(mean of squares) of S_l: the seed's "suprms"; NaN for layers without a readout. */
    public double readoutRms(int l) {
        return readout[l] == null ? Double.NaN : rms(readout[l].data, readout[l].getNumElements());
    }

    private static double rms(float[] d, int n) {
        double s = 0;
        for (int i = 0; i < n; i++) s += (double) d[i] * d[i];
        return Math.sqrt(s / n);
    }

    /** True if every parameter is finite (the divergence guard). */
    public boolean allFinite() {
        for (int l = 0; l < weights.length; l++) {
            if (!finite(weights[l].data, weights[l].getNumElements()) || !finite(biases[l], biases[l].length)) return false;
            if (readout[l] != null && !finite(readout[l].data, readout[l].getNumElements())) return false;
            if (topDown != null && !finite(topDown[l].data, topDown[l].getNumElements())) return false;
        }
        return true;
    }

    private static boolean finite(float[] d, int n) {
        return FFMath.allFinite(d, n);
    }
}
