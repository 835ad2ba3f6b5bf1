package goodness.ff.training;

import goodness.ff.FFMath;
import goodness.ff.FFNetwork;
import goodness.ff.Recipe;
import goodness.ff.backend.MatrixBackend;
import goodness.ff.negatives.NegativeBatch;
import org.ejml.data.FMatrixRMaj;

import java.util.Arrays;

import static goodness.ff.training.AbstractTrainer.DIM;
import static goodness.ff.training.AbstractTrainer.L;

/**
 * Recipe B's layer 1 when both halves of a batch hold the same images (wrong-label negatives):
 * the halves' rows differ only in the label pixel, so each image is multiplied by W₁ once per
 * step and each row adds its label pixel's row of W₁, and the gradient combines an image's two
 * deltas before its product. The stacked rows follow {@link SleepTrainer}'s layout: the half
 * the phase learns from comes first ({@code negFirst}: the negative half).
 */
final class SleepSharedLayerOne {
    private final FFNetwork net;
    private final MatrixBackend backend;
    private final NegativeBatch batch;
    private final int batchSize;
    private final float mean, invStd;
    /** Rows [0, B): the normalised images with their label pixels at 0; rows [B, B+10): e_0..e_9. */
    private final FMatrixRMaj block;
    /** block's image rows · W₁ (B × w₁), and the combined deltas (B+10 × w₁) for the gradient. */
    private final FMatrixRMaj blockZ, blockDelta;
    /** Per case: the label pixel's value after normalisation, f·max (the same in both halves). */
    private final float[] labelScale;

    SleepSharedLayerOne(FFNetwork net, MatrixBackend backend, NegativeBatch batch, int batchSize, float mean, float invStd) {
        this.net = net;
        this.backend = backend;
        this.batch = batch;
        this.batchSize = batchSize;
        this.mean = mean;
        this.invStd = invStd;
        int w1 = net.width(0);
        block = new FMatrixRMaj(batchSize + L, DIM);
        for (int c = 0; c < L; c++) block.data[(batchSize + c) * DIM + c] = 1f;
        blockZ = new FMatrixRMaj(batchSize, w1);
        blockDelta = new FMatrixRMaj(batchSize + L, w1);
        labelScale = new float[batchSize];
    }

    /**
     * The shared layer-1 input: both halves are the same images, standardised with the same
     * batch max, so their rows differ only in the label pixel. The block holds each image once,
     * normalised, with its label pixels at 0; {@code labelScale[i]} is the label pixel's
     * normalised value (the row norm counts it: ||x||² = Σ_{j ≥ 10} x_j² + max²).
     */
    void buildInput() {
        float[] d = block.data;
        float max = Float.NEGATIVE_INFINITY;
        float[] src = batch.images;
        for (int k = 0, n = batchSize * DIM; k < n; k++) {
            float v = (src[k] - mean) * invStd;
            d[k] = v;
            max = Math.max(max, v);
        }
        for (int i = 0; i < batchSize; i++) {
            int o = i * DIM;
            Arrays.fill(d, o, o + L, 0f);
            float f = (float) FFMath.normFactor(Recipe.SLEEP, FFMath.sumOfSquares(d, o, DIM) + (double) max * max, DIM);
            for (int j = L; j < DIM; j++) d[o + j] *= f;
            labelScale[i] = f * max;
        }
    }

    /**
     * Layer 1 on the shared block into {@code out} (the first {@code rows} stacked rows) and each
     * row's sum of squares into {@code sumSq}: x̂·W₁ once per image (B rows, not 2B), then each
     * row adds its label pixel's term, {@code (x̂ + v·e_c)·W₁ = x̂·W₁ + v·W₁[c]}, in the
     * element-wise kernel.
     */
    void forward(int rows, boolean negFirst, long inputVersion, long weightVersion, float[] out, float[] sumSq) {
        int w = net.width(0);
        block.reshape(batchSize, DIM);     // the image rows: a prefix of the block
        backend.multCached(block, inputVersion, net.weights[0], weightVersion, blockZ);
        block.reshape(batchSize + L, DIM);
        float[] z = blockZ.data, w1 = net.weights[0].data, b = net.biases[0];
        for (int r = 0; r < rows; r++) {
            int i = r < batchSize ? r : r - batchSize;
            sumSq[r] = FFMath.layerOneRow(z, i * w, 1f, labelScale[i], w1, labelOfRow(r, negFirst) * w, b, out, r * w, w);
        }
    }

    /** The label embedded in stacked row r: the true label in the positive half, the wrong one in the negative half. */
    private int labelOfRow(int r, boolean negFirst) {
        boolean firstHalf = r < batchSize;
        int i = firstHalf ? r : r - batchSize;
        return firstHalf != negFirst ? batch.labels[i] : batch.negLabels[i];
    }

    /**
     * Layer 1's dW from the deltas {@code dz} of the first {@code rows} stacked rows. The rows of
     * one image share x̂, so
     * {@code Σ_r (x̂_r + v·e_{c_r})ᵀ dz_r = x̂ᵀ(Σ_{rows of the image} dz) + Σ_c e_cᵀ(Σ_{rows labelled c} v·dz)}:
     * the image's deltas are added first (B rows into the product, not 2B) and the label terms
     * enter the same product as the block's ten unit rows.
     */
    void gradient(int rows, boolean negFirst, FMatrixRMaj dz, long inputVersion, FMatrixRMaj dW) {
        int w = net.width(0), labelRows = batchSize * w;
        blockDelta.reshape(batchSize + L, w);
        float[] d = blockDelta.data, src = dz.data;
        Arrays.fill(d, labelRows, labelRows + L * w, 0f);
        System.arraycopy(src, 0, d, 0, batchSize * w);              // rows [0, B): case i's first-half row
        if (rows > batchSize) FFMath.addRow(src, batchSize * w, d, batchSize * w);   // + its second-half row
        for (int r = 0; r < rows; r++) {
            int i = r < batchSize ? r : r - batchSize, lo = labelRows + labelOfRow(r, negFirst) * w, o = r * w;
            float v = labelScale[i];
            for (int j = 0; j < w; j++) d[lo + j] += v * src[o + j];
        }
        backend.multTransACached(block, inputVersion, blockDelta, dW);
    }
}
