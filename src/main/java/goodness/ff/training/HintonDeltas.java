package goodness.ff.training;

import goodness.ff.FFNetwork;
import org.ejml.data.FMatrixRMaj;

/**
 * Recipe A's per-row deltas of one layer, written straight into a gradient product's operand:
 * δ+ = a+·s + peer term on the positive rows of the stacked pass, δ− = a−·s on the negative
 * pass, with the coefficients a+ = (1 − p+), a− = −p− and the peer term that the trainer sets
 * for the layer in hand. Every row also adds its unscaled δ into {@link #db}, the bias gradient.
 */
final class HintonDeltas {
    private final FFNetwork net;
    private final int batchSize;
    /** The stacked pass's states (positive rows [B, 2B)) and the negative pass's, per layer. */
    private final FMatrixRMaj[] stackS, negS;
    /** Per case of the batch: a+ (scaled by the phase's positive rate) and a−, 0 for a pass the phase leaves out. */
    final float[] coefPos, coefNeg;
    /** Per unit: the peer-normalisation term of δ+. */
    final float[] peerTerm;
    /** Zeros: δ− runs through the same loop as δ+ without a branch. */
    private final float[] noPeerTerm;
    /** Per unit: Σ δ over the rows written since the trainer cleared it. */
    final float[] db;

    HintonDeltas(FFNetwork net, int batchSize, FMatrixRMaj[] stackS, FMatrixRMaj[] negS, int maxWidth) {
        this.net = net;
        this.batchSize = batchSize;
        this.stackS = stackS;
        this.negS = negS;
        db = new float[maxWidth];
        peerTerm = new float[maxWidth];
        noPeerTerm = new float[maxWidth];
        coefPos = new float[batchSize];
        coefNeg = new float[batchSize];
    }

    /**
     * Row i of layer l's δ+: written (or with {@code add} added) into {@code d} at {@code o}
     * scaled by f, added to db unscaled, and, if {@code labelRow} ≥ 0, added into {@code d} at
     * {@code labelRow} scaled by {@code fv} (layer 1's label term).
     */
    void positive(int l, int i, float f, float[] d, int o, boolean add, int labelRow, float fv) {
        int w = net.width(l), src = (batchSize + i) * w;
        deltaRow(coefPos[i], stackS[l].data, src, peerTerm, f, d, o, add, labelRow, fv, w);
    }

    /** Row i of layer l's δ−, as {@link #positive}. */
    void negative(int l, int i, float f, float[] d, int o, boolean add, int labelRow, float fv) {
        int w = net.width(l);
        deltaRow(coefNeg[i], negS[l].data, i * w, null, f, d, o, add, labelRow, fv, w);
    }

    /** δ_j = a·s_j + peer_j: d[o+j] = (or +=) f·δ_j; db_j += δ_j; d[labelRow+j] += fv·δ_j if labelRow ≥ 0. */
    private void deltaRow(float a, float[] s, int src, float[] peer, float f, float[] d, int o, boolean add, int labelRow, float fv, int w) {
        float[] sums = db, p = peer != null ? peer : noPeerTerm;
        if (!add) java.util.Arrays.fill(d, o, o + w, 0f);
        for (int j = 0; j < w; j++) {
            float v = a * s[src + j] + p[j];
            sums[j] += v;
            d[o + j] += f * v;
        }
        if (labelRow >= 0) {
            for (int j = 0; j < w; j++) d[labelRow + j] += fv * (a * s[src + j] + p[j]);
        }
    }
}
