package goodness.ff.training;

import goodness.ff.FFConfig;
import goodness.ff.FFNetwork;
import goodness.ff.backend.MatrixBackend;
import org.ejml.data.FMatrixRMaj;

import java.util.HashMap;
import java.util.Map;

/**
 * Recipe A's optimiser state, per layer: the weight and bias momenta, the readout momentum of
 * every layer with a readout, and the peer-normalisation running means; and its part of a
 * checkpoint, the buffers {@code weightMomentum<l>}, {@code biasMomentum<l>}, {@code peerMean<l>}
 * and {@code readoutMomentum<l>} ({@link #checkpointBuffers} states that layout for checkpoint
 * validation). The weight momenta live in the backend between batches
 * ({@code multTransAAddResident}): read them on the heap only after {@code backend.syncAccumulator}.
 */
final class HintonOptimiserState {
    final FMatrixRMaj[] weightMomentum;
    final float[][] biasMomentum;
    final FMatrixRMaj[] readoutMomentum;
    final float[][] peerMean;
    private final int layers;

    HintonOptimiserState(FFConfig config, FFNetwork net) {
        layers = config.layerCount();
        weightMomentum = new FMatrixRMaj[layers];
        biasMomentum = new float[layers][];
        readoutMomentum = new FMatrixRMaj[layers];
        peerMean = new float[layers][];
        int in = AbstractTrainer.DIM;
        for (int l = 0; l < layers; l++) {
            int w = config.width(l);
            weightMomentum[l] = new FMatrixRMaj(in, w);
            biasMomentum[l] = new float[w];
            if (net.hasReadout(l)) readoutMomentum[l] = new FMatrixRMaj(w, AbstractTrainer.L);
            peerMean[l] = new float[w];
            java.util.Arrays.fill(peerMean[l], 0.5f);
            in = w;
        }
    }

    /**
     * rms(ΔW_l) / rms(W_l) of the last update of W_l, from the momentum now held. The update was
     * W ← W_old + step·(Ŵ − wc·W_old), so W_old = (W − step·Ŵ) / (1 − step·wc) and
     * ΔW = step·(Ŵ − wc·W_old), computed in double.
     */
    double updateRatio(int l, FFNetwork net, MatrixBackend backend, double step, double wc) {
        backend.syncAccumulator(weightMomentum[l]);
        return updateRatio(net.weights[l].data, weightMomentum[l].data, net.weights[l].getNumElements(), step, wc);
    }

    /** The same from the first {@code n} entries of W and its momentum Ŵ (shared with {@link RecurrentOptimiserState}). */
    static double updateRatio(float[] wd, float[] md, int n, double step, double wc) {
        double dSq = 0, wSq = 0;
        for (int k = 0; k < n; k++) {
            double wOld = (wd[k] - step * md[k]) / (1 - step * wc);
            double d = step * (md[k] - wc * wOld);
            dSq += d * d;
            wSq += (double) wd[k] * wd[k];
        }
        return wSq > 0 ? Math.sqrt(dSq / wSq) : Double.NaN;
    }

    /** The checkpoint buffers, name → contents (not copies), with the weight momenta synced from the backend first. */
    Map<String, float[]> buffers(MatrixBackend backend) {
        Map<String, float[]> buffers = new HashMap<>();
        for (int l = 0; l < layers; l++) {
            backend.syncAccumulator(weightMomentum[l]);   // the backend may hold the newer copy
            buffers.put("weightMomentum" + l, weightMomentum[l].data);
            buffers.put("biasMomentum" + l, biasMomentum[l]);
            buffers.put("peerMean" + l, peerMean[l]);
            if (readoutMomentum[l] != null) buffers.put("readoutMomentum" + l, readoutMomentum[l].data);
        }
        return buffers;
    }

    /** The buffers {@link #buffers} writes for {@code config}, name → length. */
    static Map<String, Integer> checkpointBuffers(FFConfig config) {
        Map<String, Integer> sizes = new java.util.TreeMap<>();
        int in = AbstractTrainer.DIM;
        for (int l = 0; l < config.layerCount(); l++) {
            int w = config.width(l);
            sizes.put("weightMomentum" + l, in * w);
            sizes.put("biasMomentum" + l, w);
            sizes.put("peerMean" + l, w);
            if (l >= 1) sizes.put("readoutMomentum" + l, w * AbstractTrainer.L);
            in = w;
        }
        return sizes;
    }

    /** Sets every buffer from a checkpoint (the caller then invalidates the backend's resident copies). */
    void restore(TrainingState s) {
        for (int l = 0; l < layers; l++) {
            AbstractTrainer.copyInto(s, "weightMomentum" + l, weightMomentum[l].data);
            AbstractTrainer.copyInto(s, "biasMomentum" + l, biasMomentum[l]);
            AbstractTrainer.copyInto(s, "peerMean" + l, peerMean[l]);
            if (readoutMomentum[l] != null) AbstractTrainer.copyInto(s, "readoutMomentum" + l, readoutMomentum[l].data);
        }
    }
}
