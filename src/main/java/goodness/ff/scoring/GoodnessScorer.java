package goodness.ff.scoring;

import goodness.ff.FFConfig;
import goodness.ff.FFMath;
import goodness.ff.FFNetwork;
import goodness.ff.Recipe;
import goodness.ff.backend.MatrixBackend;
import org.ejml.data.FMatrixRMaj;
import org.ejml.dense.row.CommonOps_FDRM;

import java.util.Arrays;

/**
 * Scores images under every candidate label: the goodness of each label in each layer, the
 * energy score (the sum over the layers that count), and the softmax logits. Batch evaluation
 * and the single drawn digit use this same code.
 *
 * <p>Speed: the embedded label is one-hot with a fixed value, so an image's input norm is the
 * same for all ten labels and its normalised input differs between labels only in the ten label
 * pixels. Layer 1 is therefore computed once per image, {@code z1(c) = n0·W1 + f·v·W1[c,:]}, and
 * only layers 2.. run ten times (stacked as one tall matrix for the products).
 *
 * <p>Holds its buffers (sized for {@code maxImages} at a time) and reuses them; not thread-safe.
 * The network is read, never modified. A recurrent network is scored by its own
 * {@link RecurrentScorer}, to which this one hands every call.
 */
public final class GoodnessScorer {
    private final FFNetwork net;
    private final MatrixBackend backend;
    private final Recipe preset;
    private final int maxImages;
    private final int layers;
    private final FMatrixRMaj x0, z1base;
    private final FMatrixRMaj[] s, n;
    private final float[] sumSq;
    /** Per image: the factor that normalises its input (the same for all ten labels). */
    private final float[] inputFactor;
    /** Σ_c W₁[c, :]: the neutral pass's label rows (its ten label pixels carry the same value). */
    private final float[] labelRowSum;
    /** Per image: the sum of squares of its pixels with the label pixels at 0. */
    private final float[] imageSq;
    private final float[][] layerGoodness;
    private final FMatrixRMaj[] neutralS, neutralN;
    private final FMatrixRMaj logits, logitsPart, top;
    /** Images in the last chunk scored (its rows are label · r + image, or just image when unlabelled). */
    private int lastChunkImages;
    private boolean lastChunkLabelled;
    /** The scorer of a recurrent network, or null. */
    private final RecurrentScorer recurrent;

    public GoodnessScorer(FFNetwork net, MatrixBackend backend, int maxImages) {
        if (maxImages < 1) throw new IllegalArgumentException("maxImages must be >= 1");
        this.net = net;
        this.backend = backend;
        this.preset = net.config().recipe();
        this.recurrent = preset == Recipe.RECURRENT ? new RecurrentScorer(net, backend, maxImages) : null;
        if (recurrent != null) maxImages = 1;   // this scorer's own buffers stay unused
        this.maxImages = maxImages;
        this.layers = net.layerCount();
        int rows = maxImages * FFConfig.LABELS;
        x0 = new FMatrixRMaj(maxImages, FFConfig.IMAGE_PIXELS);
        z1base = new FMatrixRMaj(maxImages, net.width(0));
        s = new FMatrixRMaj[layers];
        n = new FMatrixRMaj[layers];
        layerGoodness = new float[layers][rows];
        neutralS = new FMatrixRMaj[layers];
        neutralN = new FMatrixRMaj[layers];
        for (int l = 0; l < layers; l++) {
            s[l] = new FMatrixRMaj(rows, net.width(l));
            n[l] = new FMatrixRMaj(rows, net.width(l));
            if (net.hasSoftmax()) {
                neutralS[l] = new FMatrixRMaj(maxImages, net.width(l));
                neutralN[l] = new FMatrixRMaj(maxImages, net.width(l));
            }
        }
        sumSq = new float[rows];
        inputFactor = new float[maxImages];
        labelRowSum = new float[net.width(0)];
        imageSq = new float[maxImages];
        logits = new FMatrixRMaj(maxImages, FFConfig.LABELS);
        logitsPart = new FMatrixRMaj(maxImages, FFConfig.LABELS);
        top = net.topLayer != null ? new FMatrixRMaj(rows, FFConfig.LABELS) : null;
    }

    /** Whether the network has a labelled goodness score (energy); an unsupervised one has only its readout. */
    public boolean hasEnergy() {
        return !net.config().unsupervised();
    }

    public int maxImages() {
        return recurrent != null ? recurrent.maxImages() : maxImages;
    }

    /** The value of the label pixel in recipe B: the largest normalised pixel value, (1 - mean) / std. */
    public static float sleepLabelValue(goodness.data.Dataset d) {
        return (float) ((1.0 - d.mean()) / d.std());
    }

    /**
     * Scores {@code count} images of {@code pixels} (raw values in [0,1], 784 per image, starting
     * at image {@code first}; not modified) into {@code out} (modified, must hold ≥ count images).
     */
    public void score(float[] pixels, int first, int count, Scores out) {
        score(pixels, first, count, out, true);
    }

    /**
     * As {@link #score(float[], int, int, Scores)}; with {@code withSoftmax = false} the neutral
     * pass is skipped and {@code out.logits} is left untouched for these images (the periodic
     * training-set evaluation needs only energy errors, and the neutral pass is a sixth of its cost).
     */
    public void score(float[] pixels, int first, int count, Scores out, boolean withSoftmax) {
        if (recurrent != null) {
            recurrent.score(pixels, first, count, out);
            return;
        }
        for (int done = 0; done < count; done += maxImages) {
            int r = Math.min(maxImages, count - done);
            scoreChunk(pixels, first + done, r, out, done, withSoftmax);
        }
    }

    private void scoreChunk(float[] pixels, int first, int r, Scores out, int outOffset, boolean withSoftmax) {
        if (net.config().unsupervised()) {
            unlabelledChunk(pixels, first, r, out, outOffset);
            return;
        }
        final int dim = FFConfig.IMAGE_PIXELS, L = FFConfig.LABELS;
        final float labelValue = preset == Recipe.HINTON ? (float) net.config().labelStrength() : sleepLabelValue(net.config().dataset());
        final double mean = preset == Recipe.HINTON ? 0 : net.config().dataset().mean();
        final double invStd = preset == Recipe.HINTON ? 1 : 1.0 / net.config().dataset().std();

        // Layer 1, shared by the ten labels: the label pixels are left at zero here and added below.
        x0.reshape(r, dim);
        float[] xd = x0.data;
        for (int i = 0; i < r; i++) {
            int src = (first + i) * dim, o = i * dim;
            double ss = 0;
            for (int j = 0; j < dim; j++) {
                float v = j < L ? 0f : (float) ((pixels[src + j] - mean) * invStd);
                xd[o + j] = v;
                ss += (double) v * v;
            }
            float f = (float) FFMath.normFactor(preset, ss + (double) labelValue * labelValue, dim);
            inputFactor[i] = f;
            imageSq[i] = (float) ss;   // for the neutral pass's factor
            for (int j = 0; j < dim; j++) xd[o + j] *= f;
        }
        z1base.reshape(r, net.width(0));
        backend.mult(x0, net.weights[0], z1base);

        lastChunkImages = r;
        lastChunkLabelled = true;
        int rows = r * L, w0 = net.width(0);
        FMatrixRMaj s0 = s[0];
        s0.reshape(rows, w0);
        float[] w1 = net.weights[0].data;
        for (int c = 0; c < L; c++) {
            for (int i = 0; i < r; i++) {
                float scale = inputFactor[i] * labelValue;
                int dst = (c * r + i) * w0, src = i * w0, wrow = c * w0;
                for (int j = 0; j < w0; j++) s0.data[dst + j] = z1base.data[src + j] + scale * w1[wrow + j];
            }
        }
        finishLayer(0, rows);
        for (int l = 1; l < layers; l++) {
            s[l].reshape(rows, net.width(l));
            backend.mult(n[l - 1], net.weights[l], s[l]);
            finishLayer(l, rows);
        }

        // Energy: sum of the counted layers' goodness (+ the untrained top layer, if the caveat is on).
        for (int i = 0; i < r; i++) {
            for (int c = 0; c < L; c++) {
                int row = c * r + i;
                double e = 0;
                for (int l = 0; l < layers; l++) {
                    float g = layerGoodness[l][row];
                    out.goodness[l][(outOffset + i) * L + c] = g;
                    if (net.countsInEnergy(l)) e += g;
                }
                out.energy[(outOffset + i) * L + c] = (float) e;
            }
        }
        if (top != null) {
            top.reshape(rows, L);
            backend.mult(n[layers - 1], net.topLayer, top);
            for (int row = 0; row < rows; row++) {
                double g = 0;
                for (int k = 0; k < L; k++) {
                    float v = Math.max(0f, top.data[row * L + k]);
                    g += v * v;
                }
                int c = row / r, i = row % r;
                out.energy[(outOffset + i) * L + c] += (float) g;
            }
        }

        if (withSoftmax && net.hasSoftmax()) softmaxLogits(r, out, outOffset);
    }

    /**
     * Copies into {@code out} (modified, ≥ width entries) the hidden activity (ReLU output,
     * before normalisation) of layer {@code layer} for image {@code image} of the last chunk
     * scored under label {@code label}. Valid until the next call of {@code score}; with
     * {@code maxImages} ≥ the images scored, the last chunk is all of them.
     */
    public void copyActivity(int layer, int image, int label, float[] out) {
        if (recurrent != null) {
            recurrent.copyActivity(layer, image, label, out);
            return;
        }
        if (image < 0 || image >= lastChunkImages) throw new IllegalArgumentException("image " + image + " is not in the last chunk of " + lastChunkImages);
        int w = net.width(layer), row = lastChunkLabelled ? label * lastChunkImages + image : image;
        System.arraycopy(s[layer].data, row * w, out, 0, w);
    }

    /**
     * An unsupervised network ({@link FFConfig#unsupervised()}): no label enters, so each image
     * passes once, as it is; every label gets the image's one goodness per layer, the energy score
     * is 0 for all (there is no labelled score), and the logits are the readout's.
     */
    private void unlabelledChunk(float[] pixels, int first, int r, Scores out, int outOffset) {
        final int dim = FFConfig.IMAGE_PIXELS, L = FFConfig.LABELS;
        x0.reshape(r, dim);
        System.arraycopy(pixels, first * dim, x0.data, 0, r * dim);
        FFMath.rowSumSquares(x0, r, sumSq);
        FFMath.normalizeRows(preset, x0, r, sumSq, x0);
        lastChunkImages = r;
        lastChunkLabelled = false;
        logits.reshape(r, L);
        logits.zero();
        for (int l = 0; l < layers; l++) {
            s[l].reshape(r, net.width(l));
            backend.mult(l == 0 ? x0 : n[l - 1], net.weights[l], s[l]);
            finishLayer(l, r);
            for (int i = 0; i < r; i++) Arrays.fill(out.goodness[l], (outOffset + i) * L, (outOffset + i + 1) * L, layerGoodness[l][i]);
            if (net.hasReadout(l)) {
                logitsPart.reshape(r, L);
                backend.mult(n[l], net.readout[l], logitsPart);
                CommonOps_FDRM.addEquals(logits, logitsPart);
            }
        }
        Arrays.fill(out.energy, outOffset * L, (outOffset + r) * L, 0f);
        System.arraycopy(logits.data, 0, out.logits, outOffset * L, r * L);
    }

    private void finishLayer(int l, int rows) {
        FFMath.addBiasReluSumSquares(s[l], rows, net.biases[l], sumSq);
        n[l].reshape(rows, net.width(l));
        FFMath.normalizeRows(preset, s[l], rows, sumSq, n[l]);
        for (int row = 0; row < rows; row++) layerGoodness[l][row] = (float) FFMath.goodness(preset, sumSq[row], net.width(l));
    }

    /**
     * Recipe A's softmax: neutral label (0.1 in all ten pixels), logits = Σ_{l≥2} n_l S_l. Layer 1
     * comes from the chunk's shared image product too: z1base = f·x·W₁ for the energy passes'
     * factor f, so the neutral row is (f_neutral / f)·(z1base + f·v·Σ_c W₁[c, :]).
     */
    private void softmaxLogits(int r, Scores out, int outOffset) {
        final int dim = FFConfig.IMAGE_PIXELS, L = FFConfig.LABELS, w0 = net.width(0);
        float v = (float) net.config().neutralLabel();
        float[] w1 = net.weights[0].data;
        java.util.Arrays.fill(labelRowSum, 0f);
        for (int c = 0; c < L; c++) FFMath.addRow(w1, c * w0, labelRowSum, w0);
        neutralS[0].reshape(r, w0);
        neutralN[0].reshape(r, w0);
        for (int i = 0; i < r; i++) {
            float f = inputFactor[i];
            float fNeutral = (float) FFMath.normFactor(preset, imageSq[i] + L * (double) v * v, dim);
            sumSq[i] = FFMath.layerOneRow(z1base.data, i * w0, fNeutral / f, f * v, labelRowSum, 0, net.biases[0], neutralS[0].data, i * w0, w0);
        }
        FMatrixRMaj in = null;
        logits.reshape(r, L);
        logits.zero();
        for (int l = 0; l < layers; l++) {
            neutralS[l].reshape(r, net.width(l));
            neutralN[l].reshape(r, net.width(l));
            if (l > 0) {
                backend.mult(in, net.weights[l], neutralS[l]);
                FFMath.addBiasReluSumSquares(neutralS[l], r, net.biases[l], sumSq);
            }
            FFMath.normalizeRows(preset, neutralS[l], r, sumSq, neutralN[l]);
            if (net.hasReadout(l)) {
                logitsPart.reshape(r, L);
                backend.mult(neutralN[l], net.readout[l], logitsPart); // EJML's small-product kernel is slow on n = 10
                CommonOps_FDRM.addEquals(logits, logitsPart);
            }
            in = neutralN[l];
        }
        System.arraycopy(logits.data, 0, out.logits, outOffset * L, r * L);
    }

    /** Scores of a set of images under every label. Arrays are indexed [image*10 + label]. */
    public static final class Scores {
        public final int capacity;
        /** Energy score per image and label (higher = more "positive"). */
        public final float[] energy;
        /** goodness[layer][image*10 + label]. */
        public final float[][] goodness;
        /** Softmax logits per image and label (recipe A only; zeros for recipe B). */
        public final float[] logits;

        public Scores(int capacity, int layers) {
            this.capacity = capacity;
            energy = new float[capacity * FFConfig.LABELS];
            goodness = new float[layers][capacity * FFConfig.LABELS];
            logits = new float[capacity * FFConfig.LABELS];
        }

        public int energyPrediction(int image) {
            return FFMath.argmax(energy, image * FFConfig.LABELS, FFConfig.LABELS);
        }

        public int softmaxPrediction(int image) {
            return FFMath.argmax(logits, image * FFConfig.LABELS, FFConfig.LABELS);
        }
    }
}
