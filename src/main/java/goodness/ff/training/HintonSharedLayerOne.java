package goodness.ff.training;

import goodness.ff.FFConfig;
import goodness.ff.FFMath;
import goodness.ff.FFNetwork;
import goodness.ff.Recipe;
import goodness.ff.backend.MatrixBackend;
import goodness.ff.negatives.NegativeBatch;
import org.ejml.data.FMatrixRMaj;

import static goodness.ff.training.AbstractTrainer.DIM;
import static goodness.ff.training.AbstractTrainer.L;

/**
 * Recipe A's layer 1 shared by the three passes. Their inputs are the same image with a
 * different label and row scale, so they differ only in the ten label pixels and in each row's
 * normalisation factor f, and {@code f·(x + v·e_c)·W₁ = f·(x·W₁) + f·v·W₁[c]}: the image
 * product x·W₁ is done once per batch (B rows, not 3B) and each pass adds its label row and
 * factor in the element-wise kernel; the gradient combines each image's positive and negative
 * deltas before the product.
 *
 * <p>Per image block (positive images; negative images when they differ): rows [0, B) the
 * images with their label pixels at 0 and rows [B, B+10) the unit rows e_0..e_9; z = the image
 * rows · W₁; the rows' sums of squares without the label.
 */
final class HintonSharedLayerOne {
    private final FFConfig config;
    private final FFNetwork net;
    private final MatrixBackend backend;
    private final NegativeBatch batch;
    private final int batchSize;
    private final FMatrixRMaj posBlock, negBlock, posZ, negZ;
    private final float[] posImageSq, negImageSq, posFactor, neutralFactor, negFactor;
    /** Whether the last negative pass took its images from the positive block (tests' view of it). */
    private boolean lastNegativeSharedImages;
    /** Σ_c W₁[c, :]: the neutral pass's label rows (all ten pixels carry the same value). */
    private final float[] labelRowSum;

    HintonSharedLayerOne(FFConfig config, FFNetwork net, MatrixBackend backend, NegativeBatch batch, int batchSize) {
        this.config = config;
        this.net = net;
        this.backend = backend;
        this.batch = batch;
        this.batchSize = batchSize;
        int w1 = config.width(0);
        posBlock = unitRowBlock(batchSize);
        negBlock = unitRowBlock(batchSize);
        posZ = new FMatrixRMaj(batchSize, w1);
        negZ = new FMatrixRMaj(batchSize, w1);
        posImageSq = new float[batchSize];
        negImageSq = new float[batchSize];
        posFactor = new float[batchSize];
        neutralFactor = new float[batchSize];
        negFactor = new float[batchSize];
        labelRowSum = new float[w1];
    }

    /** A (rows+10)×784 block whose last ten rows are e_0..e_9 (the label pixels' unit rows). */
    private static FMatrixRMaj unitRowBlock(int rows) {
        FMatrixRMaj m = new FMatrixRMaj(rows + L, DIM);
        for (int c = 0; c < L; c++) m.data[(rows + c) * DIM + c] = 1f;
        return m;
    }

    /**
     * Layer 1 of the stacked pass, before normalisation: states into {@code s} and goodness into
     * {@code g}, rows [0, B) neutral and [B, 2B) positive. {@code w1Version} is W₁'s version for
     * the backend's resident copy.
     */
    void stackedPass(long w1Version, float[] s, float[] g) {
        layerOneImages(batch.images, posBlock, posImageSq, posZ, w1Version);
        float[] w1 = net.weights[0].data;
        int w = net.width(0);
        java.util.Arrays.fill(labelRowSum, 0f);
        for (int c = 0; c < L; c++) FFMath.addRow(w1, c * w, labelRowSum, w);
        float vPos = (float) config.labelStrength(), vNeu = (float) config.neutralLabel();
        double posSq = (double) vPos * vPos, neuSq = L * (double) vNeu * vNeu;
        float[] b = net.biases[0], z = posZ.data;
        for (int i = 0; i < batchSize; i++) {
            float fNeu = (float) FFMath.normFactor(Recipe.HINTON, posImageSq[i] + neuSq, DIM);
            float fPos = (float) FFMath.normFactor(Recipe.HINTON, posImageSq[i] + posSq, DIM);
            neutralFactor[i] = fNeu;
            posFactor[i] = fPos;
            g[i] = FFMath.layerOneRow(z, i * w, fNeu, vNeu, labelRowSum, 0, b, s, i * w, w);
            g[batchSize + i] = FFMath.layerOneRow(z, i * w, fPos, vPos, w1, batch.labels[i] * w, b, s, (batchSize + i) * w, w);
        }
    }

    /**
     * Layer 1 of the negative pass, before normalisation: states into {@code s} and goodness into
     * {@code g}. With {@code sameImages} (the negatives keep the positive images) it reuses the
     * stacked pass's image product and factors; otherwise it multiplies the negative images.
     */
    void negativePass(boolean sameImages, long w1Version, float[] s, float[] g) {
        lastNegativeSharedImages = sameImages;
        FMatrixRMaj z = posZ;
        float[] f = posFactor;
        if (!sameImages) {
            layerOneImages(batch.negImages, negBlock, negImageSq, negZ, w1Version);
            z = negZ;
            f = negFactor;
        }
        float v = (float) config.labelStrength();
        float[] w1 = net.weights[0].data, b = net.biases[0];
        int w = net.width(0);
        for (int i = 0; i < batchSize; i++) {
            if (!sameImages) f[i] = (float) FFMath.normFactor(Recipe.HINTON, negImageSq[i] + (double) v * v, DIM);
            g[i] = FFMath.layerOneRow(z.data, i * w, f[i], v, w1, batch.negLabels[i] * w, b, s, i * w, w);
        }
    }

    /**
     * Copies the images into the block with their label pixels at 0, records their sums of
     * squares and computes {@code z = x·W₁}.
     */
    private void layerOneImages(float[] images, FMatrixRMaj block, float[] imageSq, FMatrixRMaj z, long w1Version) {
        float[] d = block.data;
        System.arraycopy(images, 0, d, 0, batchSize * DIM);
        for (int i = 0; i < batchSize; i++) {
            java.util.Arrays.fill(d, i * DIM, i * DIM + L, 0f);
            imageSq[i] = FFMath.sumOfSquares(d, i * DIM, DIM);
        }
        block.reshape(batchSize, DIM);       // the image rows: a prefix of the block
        backend.multCached(block, net.weights[0], w1Version, z);
        block.reshape(batchSize + L, DIM);
    }

    /**
     * Layer 1's gradient on the shared blocks, into {@code momentum} through the backend's
     * resident product. n₀ = f·(x + v·e_c), so
     * {@code Σ n₀ᵀδ = xᵀ(f·δ) + Σ_c e_cᵀ(Σ_{rows labelled c} f·v·δ)}: a positive and a negative row
     * of the same image share x, so their deltas are combined first (B rows into the product,
     * not 2B), and the label terms enter the same product as the block's ten unit rows.
     */
    void gradient(HintonDeltas deltas, boolean keepsImages, boolean usePos, boolean useNeg, float mu, float alpha,
                  FMatrixRMaj gradDelta, FMatrixRMaj momentum, long momentumVersion) {
        int w = net.width(0), labelRows = batchSize * w;
        float vPos = (float) config.labelStrength();
        gradDelta.reshape(batchSize + L, w);
        float[] d = gradDelta.data;
        if (keepsImages) {
            java.util.Arrays.fill(d, labelRows, labelRows + L * w, 0f);
            for (int i = 0; i < batchSize; i++) {
                float f = posFactor[i];
                if (usePos) deltas.positive(0, i, f, d, i * w, false, labelRows + batch.labels[i] * w, f * vPos);
                if (useNeg) deltas.negative(0, i, f, d, i * w, usePos, labelRows + batch.negLabels[i] * w, f * vPos);
            }
            backend.multTransAAddResident(alpha, posBlock, gradDelta, mu, momentum, momentumVersion);
            return;
        }
        // Mask negatives: different images, so one product per block, the second adding into Ŵ.
        float beta = mu;
        if (usePos) {
            java.util.Arrays.fill(d, labelRows, labelRows + L * w, 0f);
            for (int i = 0; i < batchSize; i++) {
                deltas.positive(0, i, posFactor[i], d, i * w, false, labelRows + batch.labels[i] * w, posFactor[i] * vPos);
            }
            backend.multTransAAddResident(alpha, posBlock, gradDelta, beta, momentum, momentumVersion);
            beta = 1f;
        }
        if (useNeg) {
            java.util.Arrays.fill(d, labelRows, labelRows + L * w, 0f);
            for (int i = 0; i < batchSize; i++) {
                deltas.negative(0, i, negFactor[i], d, i * w, false, labelRows + batch.negLabels[i] * w, negFactor[i] * vPos);
            }
            backend.multTransAAddResident(alpha, negBlock, gradDelta, beta, momentum, momentumVersion);
        }
    }

    /**
     * The last batch's negative-pass input as the network received it (label embedded,
     * normalised); tests only. This path never forms these rows, so they are rebuilt from what
     * the pass used: each image row of its block (label pixels 0), the label pixel's value and
     * the row's normalisation factor.
     */
    float[] negativePassInput() {
        FMatrixRMaj block = lastNegativeSharedImages ? posBlock : negBlock;
        float[] f = lastNegativeSharedImages ? posFactor : negFactor, out = new float[batchSize * DIM];
        for (int i = 0; i < batchSize; i++) {
            for (int k = 0; k < DIM; k++) out[i * DIM + k] = f[i] * block.data[i * DIM + k];
            out[i * DIM + batch.negLabels[i]] = f[i] * (float) config.labelStrength();
        }
        return out;
    }
}
